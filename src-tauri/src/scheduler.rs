//! Reminders as desktop notifications, offline: a tokio task in the app process. On start it
//! catches up on what came due while the app was closed (since the last check, kept in the
//! data folder), then sleeps until the next daily notification time or snooze end — waking
//! at least every minute, because a suspended laptop's monotonic timers stand still.
//! Each occurrence fires once (the core records what fired); many at once become one summary.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Local, Utc};
use tauri::{AppHandle, Manager};

use crate::notifications;
use crate::state::AppState;

/// The longest sleep between checks.
const MAX_SLEEP: Duration = Duration::from_secs(60);
const LAST_CHECK_FILE: &str = "scheduler-last-check";

pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let data_dir = app.state::<AppState>().data_dir.clone();
        // Catch up from the last check (the laptop was off or asleep); on a first start,
        // from the start of today. Later checks look back to the start of today: what
        // already fired is recorded and skipped, so a notification time moved earlier
        // still brings today's reminders.
        let state = app.state::<AppState>();
        let mut since =
            read_last_check(&data_dir).map_or_else(|| start_of_today(&state), |t| t.min(start_of_today(&state)));
        let mut closed = ClosedNotice::default();
        loop {
            let now = state.now();
            match check(&app, since, now) {
                // No book open yet (it waits for its passphrase): nothing was checked, so the
                // catch-up window stays where it was until the first unlock.
                Err(fieldbook_core::CoreError::Locked) => {
                    if closed.first() {
                        tracing::info!("the book is locked: reminders wait for it to be unlocked");
                    }
                }
                checked => {
                    closed.reset();
                    if let Err(e) = checked {
                        tracing::warn!("reminder check failed: {e}");
                    }
                    since = start_of_today(&state).min(now);
                    write_last_check(&data_dir, now);
                }
            }
            let wake =
                state.read_anyway(|s| s.next_wake_at(now, state.offset())).unwrap_or(now + chrono::Duration::hours(1));
            let wait =
                (wake - state.now()).to_std().unwrap_or(Duration::ZERO).clamp(Duration::from_millis(500), MAX_SLEEP);
            // Any change to the book (book_events) may move a reminder: look again.
            let changed = state.scheduler_wake.clone();
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = changed.notified() => {}
            }
        }
    });
}

/// Says "locked" once per time the book is closed, not on every wake (each minute).
#[derive(Default)]
struct ClosedNotice {
    told: bool,
}

impl ClosedNotice {
    /// True the first time since the book was last open.
    fn first(&mut self) -> bool {
        !std::mem::replace(&mut self.told, true)
    }

    fn reset(&mut self) {
        self.told = false;
    }
}

/// Notify what came due in `(since, now]` and record it as fired.
fn check(app: &AppHandle, since: DateTime<Utc>, now: DateTime<Utc>) -> fieldbook_core::Result<()> {
    let state = app.state::<AppState>();
    // Reminders fire while the user has locked the app (but not before the book is opened).
    let (due, zh) = state.read_anyway(|s| {
        let due = s.due_notifications(since, now, state.offset())?;
        Ok::<_, fieldbook_core::CoreError>((due, notifications::chinese(s.settings()?.locale.as_deref())))
    })?;
    if due.is_empty() {
        return Ok(());
    }
    tracing::info!(count = due.len(), "reminders due");
    let private = state.is_locked() && !crate::lock_settings::load(&state.data_dir).details_while_locked;
    notifications::show(app, &due, zh, private);
    state.write_anyway(|s| s.record_fired(&due, now))
}

/// Just before local midnight today, so a reminder set for 00:00 counts as today's.
fn start_of_today(state: &AppState) -> DateTime<Utc> {
    let midnight = state.today().and_hms_opt(0, 0, 0).expect("midnight exists");
    let start = midnight.and_local_timezone(Local).earliest().map_or_else(|| state.now(), |t| t.with_timezone(&Utc));
    start - chrono::Duration::seconds(1)
}

fn read_last_check(dir: &Path) -> Option<DateTime<Utc>> {
    let text = std::fs::read_to_string(dir.join(LAST_CHECK_FILE)).ok()?;
    DateTime::parse_from_rfc3339(text.trim()).ok().map(|t| t.with_timezone(&Utc))
}

fn write_last_check(dir: &Path, at: DateTime<Utc>) {
    // Written to a temp file and renamed, so a crash never leaves half a timestamp.
    let tmp = dir.join(format!("{LAST_CHECK_FILE}.tmp"));
    let result = std::fs::write(&tmp, at.to_rfc3339()).and_then(|()| std::fs::rename(&tmp, dir.join(LAST_CHECK_FILE)));
    if let Err(e) = result {
        tracing::warn!("cannot record the reminder check time: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::ClosedNotice;

    #[test]
    fn locked_is_told_once_per_closed_spell() {
        let mut n = ClosedNotice::default();
        assert!(n.first(), "the first wake while closed says so");
        assert!(!n.first(), "later wakes stay quiet");
        assert!(!n.first());
        n.reset();
        assert!(n.first(), "closed again after being open: said once more");
    }
}

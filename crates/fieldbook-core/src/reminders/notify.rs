//! What to notify: occurrences whose reminder time came while the app was running or off,
//! not yet shown on this laptop, not done or dismissed. The scheduler (in the app) calls
//! `due_notifications` on start (catch-up) and at each wake-up, shows them, then
//! `record_fired` so each fires once. Time is passed in.
//!
//! An occurrence's reminder time is its `remind_on` day at the daily notification time
//! (settings `notify_at`, local time), or the end of its snooze; either one moved to the end
//! of quiet hours when it falls inside them.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::model::{Occurrence, ReminderStatus};
use super::settings::ReminderSettings;
use crate::clock::timestamp;
use crate::error::Result;
use crate::store::Store;

/// How far back a catch-up looks: a laptop off for months gets the last month, not a flood.
pub const MAX_CATCH_UP_DAYS: i64 = 31;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DueNotification {
    pub occurrence: Occurrence,
    /// When it was due (RFC 3339 UTC).
    pub fire_at: String,
}

/// A day's notification time, moved past quiet hours if it falls inside them.
fn at_local(day: NaiveDate, s: &ReminderSettings, offset: FixedOffset) -> Result<DateTime<Utc>> {
    Ok(from_local(quiet(day.and_time(s.notify_time()?), s), offset))
}

/// When an instant (a snooze's end) may be shown: moved past quiet hours if inside them.
fn deliverable(t: DateTime<Utc>, s: &ReminderSettings, offset: FixedOffset) -> DateTime<Utc> {
    let local = t.with_timezone(&offset).naive_local();
    let moved = quiet(local, s);
    if moved == local {
        t
    } else {
        from_local(moved, offset)
    }
}

fn quiet(local: NaiveDateTime, s: &ReminderSettings) -> NaiveDateTime {
    s.quiet_hours.as_ref().map_or(local, |q| q.deliver_at(local))
}

fn from_local(local: NaiveDateTime, offset: FixedOffset) -> DateTime<Utc> {
    offset.from_local_datetime(&local).single().expect("fixed offsets are unambiguous").with_timezone(&Utc)
}

fn parse_ts(t: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(t).ok().map(|t| t.with_timezone(&Utc))
}

impl Store {
    /// Occurrences that came due in `(since, now]` (at most `MAX_CATCH_UP_DAYS` back) and
    /// have not been fired on this laptop, oldest first. `offset` is the local UTC offset:
    /// days begin and the daily notification time is read in local time.
    pub fn due_notifications(
        &self,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
        offset: FixedOffset,
    ) -> Result<Vec<DueNotification>> {
        let s = self.reminder_settings()?;
        let since = since.max(now - Duration::days(MAX_CATCH_UP_DAYS));
        if since >= now {
            return Ok(vec![]);
        }
        // Quiet hours crossing midnight can carry a day's reminder into the next morning.
        let carried = if s.quiet_hours.is_some() { Duration::days(1) } else { Duration::zero() };
        let first_day = since.with_timezone(&offset).date_naive() - carried;
        let last_day = now.with_timezone(&offset).date_naive();
        // Events whose remind_on is in [first_day, last_day]: their dates run up to the
        // longest lead time later.
        let days = (last_day - first_day).num_days() as u32 + 1 + s.lead_days.max();
        let mut candidates = self.occurrences(first_day, days, &s)?;
        candidates.retain(|o| o.remind_on >= first_day && o.remind_on <= last_day && o.status.is_none());
        let mut due = Vec::new();
        for o in candidates {
            let fire_at = at_local(o.remind_on, &s, offset)?;
            if fire_at > since && fire_at <= now {
                due.push(DueNotification { occurrence: o, fire_at: timestamp(fire_at) });
            }
        }
        due.extend(self.snoozes_ending(since, now, &s, offset)?);
        self.drop_fired(&mut due)?;
        due.sort_by(|a, b| {
            (&a.fire_at, a.occurrence.date, &a.occurrence.key).cmp(&(&b.fire_at, b.occurrence.date, &b.occurrence.key))
        });
        Ok(due)
    }

    /// Snoozed occurrences whose snooze ends (moved past quiet hours) in `(since, now]`.
    fn snoozes_ending(
        &self,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
        s: &ReminderSettings,
        offset: FixedOffset,
    ) -> Result<Vec<DueNotification>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, snoozed_until FROM reminder_states WHERE deleted_at IS NULL AND status = 'snoozed'",
        )?;
        let snoozed: Vec<(String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let ending: Vec<(String, DateTime<Utc>)> = snoozed
            .into_iter()
            .filter_map(|(k, t)| parse_ts(&t).map(|t| (k, deliverable(t, s, offset))))
            .filter(|(_, t)| *t > since && *t <= now)
            .collect();
        // Rebuild each occurrence from its day (the key ends with the date).
        let days: BTreeSet<NaiveDate> =
            ending.iter().filter_map(|(k, _)| k.rsplit(':').next().and_then(|d| d.parse().ok())).collect();
        let mut out = Vec::new();
        for day in days {
            for o in self.occurrences(day, 1, s)? {
                if let Some((_, t)) = ending.iter().find(|(k, _)| *k == o.key) {
                    if o.status == Some(ReminderStatus::Snoozed) {
                        out.push(DueNotification { occurrence: o, fire_at: timestamp(*t) });
                    }
                }
            }
        }
        Ok(out)
    }

    fn drop_fired(&self, due: &mut Vec<DueNotification>) -> Result<()> {
        let mut stmt =
            self.conn().prepare_cached("SELECT 1 FROM fired_notifications WHERE key = ?1 AND fire_at = ?2")?;
        let mut keep = Vec::with_capacity(due.len());
        for d in due.drain(..) {
            if !stmt.exists(params![d.occurrence.key, d.fire_at])? {
                keep.push(d);
            }
        }
        *due = keep;
        Ok(())
    }

    /// Record that these notifications were shown, so they never fire again on this laptop.
    /// (Local table: another laptop shows its own notifications.)
    pub fn record_fired(&mut self, fired: &[DueNotification], now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn().unchecked_transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO fired_notifications (key, fire_at, fired_at) VALUES (?1, ?2, ?3)",
            )?;
            for d in fired {
                stmt.execute(params![d.occurrence.key, d.fire_at, timestamp(now)])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// When the scheduler should wake next after `now`: the next daily notification time, or
    /// an earlier end of a snooze (both moved past quiet hours).
    pub fn next_wake_at(&self, now: DateTime<Utc>, offset: FixedOffset) -> Result<DateTime<Utc>> {
        let s = self.reminder_settings()?;
        let today = now.with_timezone(&offset).date_naive();
        let mut next = at_local(today, &s, offset)?;
        if next <= now {
            next = at_local(today + Duration::days(1), &s, offset)?;
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT snoozed_until FROM reminder_states WHERE deleted_at IS NULL AND status = 'snoozed'",
        )?;
        let snoozes: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(snoozes
            .iter()
            .filter_map(|t| parse_ts(t))
            .map(|t| deliverable(t, &s, offset))
            .filter(|t| *t > now)
            .fold(next, |a, b| a.min(b)))
    }
}

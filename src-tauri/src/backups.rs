//! Automatic backups: `backup_if_due` once the book is open (at start or on unlock) and then
//! hourly, each on a blocking worker thread — never the UI thread. The online backup reads
//! through one reader connection, so commands carry on beside it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tauri::{AppHandle, Manager};

use crate::state::AppState;

const EVERY: Duration = Duration::from_secs(60 * 60);

/// One backup at a time (automatic or "Back up now").
static RUNNING: AtomicBool = AtomicBool::new(false);

/// Look hourly for a due backup, for as long as the app runs.
pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            run_due(&app);
            tokio::time::sleep(EVERY).await;
        }
    });
}

/// Back up now if one is due, in the background; nothing happens while no book is open.
pub fn run_due(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let now = state.now();
        let made = exclusive(|| state.read_anyway(|s| s.backup_if_due(now)));
        match made {
            Some(Ok(Some(info))) => tracing::info!(file = %info.file_name, bytes = info.bytes, "automatic backup made"),
            Some(Ok(None)) | None => {}
            Some(Err(fieldbook_core::CoreError::Locked)) => {}
            Some(Err(e)) => tracing::warn!("automatic backup failed: {e}"),
        }
    });
}

/// Run `f` unless another backup is running (then `None`).
pub fn exclusive<T>(f: impl FnOnce() -> T) -> Option<T> {
    if RUNNING.swap(true, Ordering::SeqCst) {
        return None;
    }
    let out = f();
    RUNNING.store(false, Ordering::SeqCst);
    Some(out)
}

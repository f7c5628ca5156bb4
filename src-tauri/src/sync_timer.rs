//! Sync every N minutes while the app runs (Settings → Sync; 0 = off): a tokio task that
//! sleeps, then syncs on a blocking thread with the place last synced with and the secrets
//! this run of the app knows. The window never waits for it: the sync holds the writer, and
//! readers keep answering. An unreachable place (a laptop offline, a USB stick not plugged
//! in) is logged and told to the window as a calm `sync-finished` error; the next round tries
//! again. Until a "Sync now" has given the passphrase in this run, rounds are skipped.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager};

use crate::commands::sync::{run_sync, saved_place, SyncFinished, SYNC_FINISHED};
use crate::state::AppState;

pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let wake = app.state::<AppState>().sync_wake.clone();
        loop {
            let minutes = app.state::<AppState>().read(|s| s.sync_status()).map(|s| s.every_minutes).unwrap_or(0);
            if minutes == 0 {
                wake.notified().await; // off until the setting changes
                continue;
            }
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(u64::from(minutes) * 60)) => {}
                _ = wake.notified() => continue, // a new interval: start counting again
            }
            let handle = app.clone();
            let round = tauri::async_runtime::spawn_blocking(move || round(&handle)).await;
            if let Err(e) = round {
                tracing::warn!("background sync stopped unexpectedly: {e}");
            }
        }
    });
}

/// One background sync, if this run knows enough to sync.
fn round(app: &AppHandle) {
    let state = app.state::<AppState>();
    let Ok(status) = state.read(|s| s.sync_status()) else { return };
    let Some(place) = saved_place(&status) else { return };
    if state.sync_secrets().passphrase.is_none() {
        tracing::info!("background sync waits for a Sync now with the passphrase");
        return;
    }
    let finished = match run_sync(app, &place, None) {
        Ok(summary) => SyncFinished { summary: Some(summary), error: None },
        Err(e) => {
            tracing::info!("background sync did not run: {e}");
            SyncFinished { summary: None, error: Some(e.to_payload()) }
        }
    };
    let _ = app.emit(SYNC_FINISHED, finished);
}

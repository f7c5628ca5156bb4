//! Team sync from the window: where and when it last synced, "Sync now" on a blocking thread
//! with `sync-progress` events, and the conflicts list. The team passphrase is kept in memory
//! for this run of the app only (never written to disk) once a sync has accepted it.

use std::path::PathBuf;

use fieldbook_core::sync::place::Folder;
use fieldbook_core::sync::{Conflict, SyncProgress, SyncStatus, SyncSummary};
use fieldbook_core::{CoreError, ErrorPayload};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};
use ts_rs::TS;

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

/// The event carrying a running sync's progress (ui/src/api/sync.ts).
pub const SYNC_PROGRESS: &str = "sync-progress";

/// The saved place and last sync, and whether this run of the app knows the passphrase.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct SyncSetup {
    pub status: SyncStatus,
    pub passphrase_known: bool,
}

#[tauri::command(async)]
pub fn sync_status(state: State<'_, AppState>) -> CommandResult<SyncSetup> {
    let status = state.read(|s| s.sync_status())?;
    Ok(SyncSetup { status, passphrase_known: state.sync_passphrase().is_some() })
}

/// Sync with the team folder `folder`. `passphrase`: the team passphrase, or none to use the
/// one this run of the app already knows.
#[tauri::command]
pub async fn sync_run(app: AppHandle, folder: String, passphrase: Option<String>) -> CommandResult<SyncSummary> {
    let work = move || -> CommandResult<SyncSummary> {
        let state = app.state::<AppState>();
        let passphrase = passphrase.filter(|p| !p.is_empty()).or_else(|| state.sync_passphrase()).ok_or_else(|| {
            CommandError::from(CoreError::sync("sync_passphrase_required", "the team passphrase is needed"))
        })?;
        let place = Folder::open(&PathBuf::from(folder.trim()))?;
        let summary = state.write(|s| {
            s.sync(&place, &passphrase, &mut |p: SyncProgress| {
                let _ = app.emit(SYNC_PROGRESS, p);
            })
        })?;
        state.remember_sync_passphrase(passphrase);
        Ok(summary)
    };
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| CommandError(ErrorPayload { code: "internal".into(), message: e.to_string(), field: None }))?
}

/// Values that lost to a concurrent edit, newest first (one customer's when given).
#[tauri::command(async)]
pub fn sync_conflicts(state: State<'_, AppState>, customer_id: Option<String>) -> CommandResult<Vec<Conflict>> {
    Ok(state.read(|s| s.conflicts(customer_id.as_deref(), 200))?)
}

/// Bring a losing value back as a new edit (it syncs like any other).
#[tauri::command(async)]
pub fn sync_restore_conflict(state: State<'_, AppState>, id: String) -> CommandResult<Conflict> {
    Ok(state.write(|s| s.restore_conflict(&id))?)
}

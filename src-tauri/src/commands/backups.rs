//! Settings → Backups: the list, "Back up now", the preview and the restore of a backup, and
//! where backups go and how many are kept. Restoring closes every connection, lets the core
//! keep the current book as a backup (or move a damaged one aside) and copy the backup in,
//! opens the book again and tells the window everything changed.

use std::path::{Path, PathBuf};

use fieldbook_core::backup::{self, BackupInfo, BackupPreview, BackupSettings, RestoreReport};
use fieldbook_core::CoreError;
use tauri::{AppHandle, State};

use crate::error::CommandResult;
use crate::state::AppState;

fn folder(state: &AppState) -> fieldbook_core::Result<PathBuf> {
    Ok(backup::load_settings(&state.db_path)?.folder_for(&state.db_path))
}

/// Open and unlocked, or damaged (its backups are what can replace it).
fn usable_or_damaged(state: &AppState) -> fieldbook_core::Result<()> {
    match state.damage() {
        Some(_) => Ok(()),
        None => state.check_usable(),
    }
}

/// A file the user picked from the list must be a backup in the backup folder.
fn in_folder(state: &AppState, file: &str) -> fieldbook_core::Result<PathBuf> {
    let folder = folder(state)?;
    let path = PathBuf::from(file);
    if path.parent() != Some(folder.as_path()) || !path.is_file() {
        return Err(CoreError::invalid(
            "file",
            "backup_not_found",
            format!("{file} is not a backup in {}", folder.display()),
        ));
    }
    Ok(path)
}

#[tauri::command(async)]
pub fn backups_list(state: State<'_, AppState>) -> CommandResult<Vec<BackupInfo>> {
    usable_or_damaged(&state)?;
    Ok(backup::list(&folder(&state)?, state.key().as_ref())?)
}

/// Back up into the backup folder now, then rotate. `backup_running` if one is under way.
#[tauri::command(async)]
pub fn backups_now(state: State<'_, AppState>) -> CommandResult<BackupInfo> {
    state.check_usable()?;
    let now = state.now();
    let made = crate::backups::exclusive(|| state.read(|s| s.back_up_and_rotate(now)));
    match made {
        Some(result) => Ok(result?),
        None => Err(CoreError::invalid("backup", "backup_running", "a backup is already being made").into()),
    }
}

#[tauri::command(async)]
pub fn backups_preview(state: State<'_, AppState>, file: String) -> CommandResult<BackupPreview> {
    usable_or_damaged(&state)?;
    Ok(backup::preview(&in_folder(&state, &file)?, state.key().as_ref())?)
}

#[tauri::command(async)]
pub fn backups_restore(app: AppHandle, state: State<'_, AppState>, file: String) -> CommandResult<RestoreReport> {
    usable_or_damaged(&state)?;
    let file = in_folder(&state, &file)?;
    let folder = folder(&state)?;
    let clock = state.clock().clone();
    let report = state.with_book_closed(|book: &Path, key| {
        let report = backup::restore(book, &file, key, &folder, clock)?;
        Ok((report, key.cloned()))
    })?;
    tracing::info!(customers = report.customers, "book restored from a backup");
    crate::book_events::announce_everything(&app);
    Ok(report)
}

#[tauri::command(async)]
pub fn backups_settings(state: State<'_, AppState>) -> CommandResult<BackupSettings> {
    usable_or_damaged(&state)?;
    Ok(backup::load_settings(&state.db_path)?)
}

#[tauri::command(async)]
pub fn backups_update_settings(state: State<'_, AppState>, settings: BackupSettings) -> CommandResult<BackupSettings> {
    state.check_usable()?;
    Ok(backup::save_settings(&state.db_path, &settings)?)
}

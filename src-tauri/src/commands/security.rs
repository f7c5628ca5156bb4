//! Settings → Security and the lock screen: the book's state, unlock/lock, the passphrase
//! (set, change, remove: every connection is closed, the core converts the file, the book
//! is opened again), and the lock settings.

use std::path::Path;

use fieldbook_core::backup::{self, BackupInfo};
use fieldbook_core::store::{self, Passphrase};
use serde::Serialize;
use tauri::{AppHandle, State};
use ts_rs::TS;

use crate::error::CommandResult;
use crate::lock_settings::{self, LockSettings};
use crate::state::AppState;

/// Which screen the window shows.
#[derive(Serialize, TS, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BookState {
    Open,
    Locked,
    Damaged,
}

/// The book as the lock screen and Settings → Security see it.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct SecurityStatus {
    pub state: BookState,
    pub encrypted: bool,
    /// The book was created by this start: offer to set a passphrase.
    pub first_start: bool,
    pub book_path: String,
    /// Why the damaged book did not open.
    pub damage: Option<String>,
    /// The newest backup that opens and checks out, offered for a damaged book.
    pub latest_good: Option<BackupInfo>,
    /// Seconds before another unlock attempt is accepted (after wrong passphrases).
    #[ts(type = "number")]
    pub retry_after_secs: u64,
    pub lock: LockSettings,
}

pub fn status(state: &AppState) -> SecurityStatus {
    let damage = state.damage();
    let latest_good = damage.as_ref().and_then(|_| {
        let key = state.key();
        let folder = backup::load_settings(&state.db_path).ok()?.folder_for(&state.db_path);
        backup::latest_good(&folder, key.as_ref()).ok().flatten()
    });
    SecurityStatus {
        state: if damage.is_some() {
            BookState::Damaged
        } else if state.is_locked() {
            BookState::Locked
        } else {
            BookState::Open
        },
        encrypted: state.is_encrypted() || state.is_locked(),
        first_start: state.first_start,
        book_path: state.db_path.display().to_string(),
        damage: damage.map(|d| d.message),
        latest_good,
        retry_after_secs: state.retry_after().map_or(0, |d| d.as_secs() + u64::from(d.subsec_nanos() > 0)),
        lock: lock_settings::load(&state.data_dir),
    }
}

#[tauri::command(async)]
pub fn security_status(state: State<'_, AppState>) -> SecurityStatus {
    status(&state)
}

/// Unlock with the passphrase; opening the book the first time also starts the hourly
/// backups' first look and wakes the reminders and the background sync.
#[tauri::command(async)]
pub fn security_unlock(
    app: AppHandle,
    state: State<'_, AppState>,
    passphrase: String,
) -> CommandResult<SecurityStatus> {
    state.unlock(&passphrase)?;
    crate::backups::run_due(&app);
    state.scheduler_wake.notify_one();
    // The background sync read no interval while the book was closed: let it read it now.
    state.sync_wake.notify_one();
    Ok(status(&state))
}

/// Lock now (Ctrl+L, idle time, the tray). A plaintext book has nothing to lock.
#[tauri::command(async)]
pub fn security_lock(state: State<'_, AppState>) -> SecurityStatus {
    state.lock();
    status(&state)
}

/// Encrypt a plaintext book with `passphrase` (a verified copy is swapped in).
#[tauri::command(async)]
pub fn security_set_passphrase(state: State<'_, AppState>, passphrase: String) -> CommandResult<SecurityStatus> {
    state.check_usable()?;
    let new = Passphrase::new(passphrase)?;
    state.with_book_closed(|path: &Path, _| {
        store::set_passphrase(path, &new)?;
        Ok(((), Some(new.clone())))
    })?;
    follow_in_backups(&state, None, Some(&new));
    Ok(status(&state))
}

/// Re-key the book: the current passphrase must be given again.
#[tauri::command(async)]
pub fn security_change_passphrase(
    state: State<'_, AppState>,
    current: String,
    passphrase: String,
) -> CommandResult<SecurityStatus> {
    state.check_usable()?;
    let old = Passphrase::new(current)?;
    let new = Passphrase::new(passphrase)?;
    if state.key().as_ref() != Some(&old) {
        return Err(fieldbook_core::CoreError::PassphraseWrong.into());
    }
    state.with_book_closed(|path: &Path, _| {
        store::change_passphrase(path, &old, &new)?;
        Ok(((), Some(new.clone())))
    })?;
    follow_in_backups(&state, Some(&old), Some(&new));
    Ok(status(&state))
}

/// Decrypt the book: the current passphrase must be given again.
#[tauri::command(async)]
pub fn security_remove_passphrase(state: State<'_, AppState>, current: String) -> CommandResult<SecurityStatus> {
    state.check_usable()?;
    let old = Passphrase::new(current)?;
    if state.key().as_ref() != Some(&old) {
        return Err(fieldbook_core::CoreError::PassphraseWrong.into());
    }
    state.with_book_closed(|path: &Path, _| {
        store::remove_passphrase(path, &old)?;
        Ok(((), None))
    })?;
    follow_in_backups(&state, Some(&old), None);
    Ok(status(&state))
}

/// The book's backups follow its new passphrase (none left readable without it, none stranded
/// behind an old one). A backup that cannot follow stays as it was and shows its problem in
/// the backup list; the passphrase change itself has already succeeded.
fn follow_in_backups(state: &AppState, old: Option<&Passphrase>, new: Option<&Passphrase>) {
    let folder = match backup::load_settings(&state.db_path) {
        Ok(s) => s.folder_for(&state.db_path),
        Err(e) => return tracing::warn!("backups did not follow the passphrase: {e}"),
    };
    match backup::follow_passphrase(&folder, old, new) {
        Ok(r) => tracing::info!(converted = r.converted, skipped = r.skipped.len(), "backups follow the passphrase"),
        Err(e) => tracing::warn!("backups did not follow the passphrase: {e}"),
    }
}

#[tauri::command(async)]
pub fn security_update_lock(state: State<'_, AppState>, lock: LockSettings) -> CommandResult<LockSettings> {
    state.check_usable()?;
    Ok(lock_settings::save(&state.data_dir, &lock)?)
}

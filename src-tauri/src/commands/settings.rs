use fieldbook_core::settings::Settings;
use tauri::{AppHandle, State};

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn settings_get(state: State<'_, AppState>) -> CommandResult<Settings> {
    Ok(state.read(|s| s.settings())?)
}

#[tauri::command(async)]
pub fn settings_update(app: AppHandle, state: State<'_, AppState>, settings: Settings) -> CommandResult<Settings> {
    let saved = state.write(|s| s.update_settings(&settings))?;
    apply_start_at_login(&app, saved.start_at_login);
    Ok(saved)
}

/// Register or remove the login item to match the setting (XDG autostart on Linux).
pub fn apply_start_at_login(app: &AppHandle, on: bool) {
    use tauri_plugin_autostart::ManagerExt;
    let launcher = app.autolaunch();
    let result = match (on, launcher.is_enabled().unwrap_or(false)) {
        (true, false) => launcher.enable(),
        (false, true) => launcher.disable(),
        _ => Ok(()),
    };
    if let Err(e) = result {
        tracing::warn!("cannot change start at login: {e}");
    }
}

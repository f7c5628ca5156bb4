use fieldbook_core::settings::Settings;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn settings_get(state: State<'_, AppState>) -> CommandResult<Settings> {
    Ok(state.with_store(|s| s.settings())?)
}

#[tauri::command(async)]
pub fn settings_update(state: State<'_, AppState>, settings: Settings) -> CommandResult<Settings> {
    Ok(state.with_store(|s| s.update_settings(&settings))?)
}

//! Classification: one customer's stage, RFM and suggested tier, and the rules' thresholds.

use fieldbook_core::classify::{Classification, ClassifySettings};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn classify_customer(state: State<'_, AppState>, customer_id: String) -> CommandResult<Classification> {
    Ok(state.read(|s| s.classify_customer(&customer_id, state.today()))?)
}

#[tauri::command(async)]
pub fn classify_settings_get(state: State<'_, AppState>) -> CommandResult<ClassifySettings> {
    Ok(state.read(|s| s.classify_settings())?)
}

#[tauri::command(async)]
pub fn classify_settings_update(
    state: State<'_, AppState>,
    settings: ClassifySettings,
) -> CommandResult<ClassifySettings> {
    Ok(state.write(|s| s.set_classify_settings(&settings))?)
}

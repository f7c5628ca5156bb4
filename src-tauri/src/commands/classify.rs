use fieldbook_core::classify::{Classification, ClassifySettings};
use fieldbook_core::timeline::TimelinePage;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// Today on this laptop's calendar: the shell owns time, the core is handed it.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command(async)]
pub fn classify_customer(state: State<'_, AppState>, customer_id: String) -> CommandResult<Classification> {
    Ok(state.with_store(|s| s.classify_customer(&customer_id, today()))?)
}

#[tauri::command(async)]
pub fn classify_settings_get(state: State<'_, AppState>) -> CommandResult<ClassifySettings> {
    Ok(state.with_store(|s| s.classify_settings())?)
}

#[tauri::command(async)]
pub fn classify_settings_update(
    state: State<'_, AppState>,
    settings: ClassifySettings,
) -> CommandResult<ClassifySettings> {
    Ok(state.with_store(|s| s.set_classify_settings(&settings))?)
}

#[tauri::command(async)]
pub fn timeline_list(
    state: State<'_, AppState>,
    customer_id: String,
    limit: usize,
    before: Option<String>,
) -> CommandResult<TimelinePage> {
    Ok(state.with_store(|s| s.timeline(&customer_id, limit.min(200), before.as_deref()))?)
}

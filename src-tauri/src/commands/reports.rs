//! The reports dashboard (数据分析).

use fieldbook_core::reports::Report;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// Every figure of the dashboard, for today on this laptop's calendar.
#[tauri::command(async)]
pub fn reports_get(state: State<'_, AppState>) -> CommandResult<Report> {
    Ok(state.read(|s| s.report(state.today()))?)
}

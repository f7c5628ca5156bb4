//! A customer's timeline: interactions, orders, complaints and field edits, newest first.

use fieldbook_core::timeline::TimelinePage;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn timeline_list(
    state: State<'_, AppState>,
    customer_id: String,
    limit: usize,
    before: Option<String>,
) -> CommandResult<TimelinePage> {
    Ok(state.read(|s| s.timeline(&customer_id, limit.min(200), before.as_deref()))?)
}

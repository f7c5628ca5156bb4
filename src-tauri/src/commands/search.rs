use fieldbook_core::search::SearchHit;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// Most results a type-ahead asks for.
const MAX_LIMIT: usize = 200;

#[tauri::command(async)]
pub fn search_query(state: State<'_, AppState>, query: String, limit: usize) -> CommandResult<Vec<SearchHit>> {
    Ok(state.read(|s| s.search(&query, limit.min(MAX_LIMIT)))?)
}

//! Data cleaning from the Data screen: duplicate groups, merge, undo, merge history.

use fieldbook_core::cleaning::{DuplicatePage, MergeRecord};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// The first `limit` duplicate groups (default 50) and how many there are.
#[tauri::command(async)]
pub fn cleaning_duplicates(state: State<'_, AppState>, limit: Option<usize>) -> CommandResult<DuplicatePage> {
    Ok(state.read(|s| s.duplicate_page(limit.unwrap_or(50).min(1000)))?)
}

#[tauri::command(async)]
pub fn cleaning_merge(
    state: State<'_, AppState>,
    survivor_id: String,
    merged_ids: Vec<String>,
) -> CommandResult<MergeRecord> {
    Ok(state.write(|s| s.merge_customers(&survivor_id, &merged_ids))?)
}

#[tauri::command(async)]
pub fn cleaning_undo_merge(state: State<'_, AppState>, merge_id: String) -> CommandResult<MergeRecord> {
    Ok(state.write(|s| s.undo_merge(&merge_id))?)
}

#[tauri::command(async)]
pub fn cleaning_merges(state: State<'_, AppState>, limit: Option<usize>) -> CommandResult<Vec<MergeRecord>> {
    Ok(state.read(|s| s.list_merges(limit.unwrap_or(50).min(500)))?)
}

/// The merge that sent a customer to the Trash, so the Trash can offer to undo it.
#[tauri::command(async)]
pub fn cleaning_merge_of_customer(
    state: State<'_, AppState>,
    customer_id: String,
) -> CommandResult<Option<MergeRecord>> {
    Ok(state.read(|s| s.merge_of_customer(&customer_id))?)
}

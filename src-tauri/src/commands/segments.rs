//! Segments: saved customer filters and the customers a filter matches.

use fieldbook_core::customers::ListSort;
use fieldbook_core::segments::{Segment, SegmentFilter, SegmentInput, SegmentPage};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn segments_list(state: State<'_, AppState>) -> CommandResult<Vec<Segment>> {
    Ok(state.read(|s| s.segments())?)
}

/// Create (no `id`) or update (with `id`) a saved segment.
#[tauri::command(async)]
pub fn segments_save(state: State<'_, AppState>, id: Option<String>, input: SegmentInput) -> CommandResult<Segment> {
    let today = state.today();
    Ok(state.write(|s| match id {
        Some(id) => s.update_segment(&id, input, today),
        None => s.create_segment(input, today),
    })?)
}

#[tauri::command(async)]
pub fn segments_delete(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.write(|s| s.delete_segment(&id))?)
}

#[tauri::command(async)]
pub fn segments_count(state: State<'_, AppState>, filter: SegmentFilter) -> CommandResult<u64> {
    Ok(state.read(|s| s.segment_count(&filter, state.today()))?)
}

/// A page of the customers a filter matches, in list order.
#[tauri::command(async)]
pub fn segments_customers(
    state: State<'_, AppState>,
    filter: SegmentFilter,
    sort: ListSort,
    offset: u64,
    limit: u64,
) -> CommandResult<SegmentPage> {
    Ok(state.read(|s| s.segment_customers_sorted(&filter, state.today(), sort, offset, limit))?)
}

/// Every id a filter matches, in the list's order ("select all", Shift-click ranges).
#[tauri::command(async)]
pub fn segments_ids(state: State<'_, AppState>, filter: SegmentFilter, sort: ListSort) -> CommandResult<Vec<String>> {
    Ok(state.read(|s| s.segment_ids_sorted(&filter, state.today(), sort))?)
}

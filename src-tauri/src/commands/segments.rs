//! Segments (saved customer filters), the filtered customer list, bulk edit and handover.

use fieldbook_core::customers::{BulkEdit, Handover, HandoverResult};
use fieldbook_core::segments::{Segment, SegmentFilter, SegmentInput, SegmentPage};
use tauri::State;

use super::classify::today;
use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn segments_list(state: State<'_, AppState>) -> CommandResult<Vec<Segment>> {
    Ok(state.with_store(|s| s.segments())?)
}

/// Create (no `id`) or update (with `id`) a saved segment.
#[tauri::command(async)]
pub fn segments_save(state: State<'_, AppState>, id: Option<String>, input: SegmentInput) -> CommandResult<Segment> {
    Ok(state.with_store(|s| match id {
        Some(id) => s.update_segment(&id, input, today()),
        None => s.create_segment(input, today()),
    })?)
}

#[tauri::command(async)]
pub fn segments_delete(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.with_store(|s| s.delete_segment(&id))?)
}

#[tauri::command(async)]
pub fn segments_count(state: State<'_, AppState>, filter: SegmentFilter) -> CommandResult<u64> {
    Ok(state.with_store(|s| s.segment_count(&filter, today()))?)
}

/// A page of the customers a filter matches, in list order.
#[tauri::command(async)]
pub fn segments_customers(
    state: State<'_, AppState>,
    filter: SegmentFilter,
    offset: u64,
    limit: u64,
) -> CommandResult<SegmentPage> {
    Ok(state.with_store(|s| s.segment_customers(&filter, today(), offset, limit))?)
}

/// Every id a filter matches (for "select all in this filter").
#[tauri::command(async)]
pub fn segments_ids(state: State<'_, AppState>, filter: SegmentFilter) -> CommandResult<Vec<String>> {
    Ok(state.with_store(|s| s.segment_ids(&filter, today()))?)
}

/// The owners of live customers, for the owner pickers.
#[tauri::command(async)]
pub fn customers_owners(state: State<'_, AppState>) -> CommandResult<Vec<String>> {
    Ok(state.with_store(|s| s.customer_owners())?)
}

#[tauri::command(async)]
pub fn customers_bulk_edit(state: State<'_, AppState>, ids: Vec<String>, edit: BulkEdit) -> CommandResult<u64> {
    let changed = state.with_store(|s| s.bulk_edit_customers(&ids, &edit))?;
    state.reminders_changed.notify_one(); // a tier change moves the revisit cadence
    Ok(changed)
}

#[tauri::command(async)]
pub fn customers_handover(state: State<'_, AppState>, handover: Handover) -> CommandResult<HandoverResult> {
    Ok(state.with_store(|s| s.handover(&handover, today()))?)
}

//! Complaints and feedback of one customer.

use fieldbook_core::complaints::{Complaint, ComplaintInput};
use fieldbook_core::records::RecordScope;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn complaints_list(
    state: State<'_, AppState>,
    customer_id: String,
    scope: RecordScope,
) -> CommandResult<Vec<Complaint>> {
    Ok(state.read(|s| s.list_complaints(&customer_id, scope))?)
}

#[tauri::command(async)]
pub fn complaints_create(state: State<'_, AppState>, input: ComplaintInput) -> CommandResult<Complaint> {
    Ok(state.write(|s| s.create_complaint(input))?)
}

#[tauri::command(async)]
pub fn complaints_update(state: State<'_, AppState>, id: String, input: ComplaintInput) -> CommandResult<Complaint> {
    Ok(state.write(|s| s.update_complaint(&id, input))?)
}

#[tauri::command(async)]
pub fn complaints_delete(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.write(|s| s.delete_complaint(&id))?)
}

#[tauri::command(async)]
pub fn complaints_restore(state: State<'_, AppState>, id: String) -> CommandResult<Complaint> {
    Ok(state.write(|s| s.restore_complaint(&id))?)
}

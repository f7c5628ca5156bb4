//! Customers: the list, one customer, create/update, the Trash, owners, bulk edit, handover.

use fieldbook_core::customers::{
    BulkEdit, Customer, CustomerInput, CustomerPage, Handover, HandoverResult, ListScope, ListSort, NextStep,
};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn customers_list(
    state: State<'_, AppState>,
    scope: ListScope,
    sort: ListSort,
    offset: u64,
    limit: u64,
) -> CommandResult<CustomerPage> {
    Ok(state.read(|s| s.list_customers_sorted(scope, sort, offset, limit))?)
}

#[tauri::command(async)]
pub fn customers_get(state: State<'_, AppState>, id: String) -> CommandResult<Customer> {
    Ok(state.read(|s| s.customer(&id))?)
}

/// The overview's next follow-up and open complaints.
#[tauri::command(async)]
pub fn customers_next_step(state: State<'_, AppState>, id: String) -> CommandResult<NextStep> {
    Ok(state.read(|s| s.next_step(&id))?)
}

#[tauri::command(async)]
pub fn customers_create(state: State<'_, AppState>, input: CustomerInput) -> CommandResult<Customer> {
    Ok(state.write(|s| s.create_customer(input))?)
}

#[tauri::command(async)]
pub fn customers_update(state: State<'_, AppState>, id: String, input: CustomerInput) -> CommandResult<Customer> {
    Ok(state.write(|s| s.update_customer(&id, input))?)
}

#[tauri::command(async)]
pub fn customers_delete(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.write(|s| s.delete_customer(&id))?)
}

#[tauri::command(async)]
pub fn customers_restore(state: State<'_, AppState>, id: String) -> CommandResult<Customer> {
    Ok(state.write(|s| s.restore_customer(&id))?)
}

#[tauri::command(async)]
pub fn customers_purge(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.write(|s| s.purge_customer(&id))?)
}

#[tauri::command(async)]
pub fn customers_empty_trash(state: State<'_, AppState>) -> CommandResult<usize> {
    Ok(state.write(|s| s.empty_trash())?)
}

/// The owners of live customers, for the owner pickers.
#[tauri::command(async)]
pub fn customers_owners(state: State<'_, AppState>) -> CommandResult<Vec<String>> {
    Ok(state.read(|s| s.customer_owners())?)
}

#[tauri::command(async)]
pub fn customers_bulk_edit(state: State<'_, AppState>, ids: Vec<String>, edit: BulkEdit) -> CommandResult<u64> {
    Ok(state.write(|s| s.bulk_edit_customers(&ids, &edit))?)
}

#[tauri::command(async)]
pub fn customers_handover(state: State<'_, AppState>, handover: Handover) -> CommandResult<HandoverResult> {
    let today = state.today();
    Ok(state.write(|s| s.handover(&handover, today))?)
}

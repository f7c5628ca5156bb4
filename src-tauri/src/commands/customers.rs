use fieldbook_core::customers::{Customer, CustomerInput, CustomerPage, ListScope};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn customers_list(
    state: State<'_, AppState>,
    scope: ListScope,
    offset: u64,
    limit: u64,
) -> CommandResult<CustomerPage> {
    Ok(state.with_store(|s| s.list_customers(scope, offset, limit))?)
}

#[tauri::command(async)]
pub fn customers_get(state: State<'_, AppState>, id: String) -> CommandResult<Customer> {
    Ok(state.with_store(|s| s.customer(&id))?)
}

#[tauri::command(async)]
pub fn customers_create(state: State<'_, AppState>, input: CustomerInput) -> CommandResult<Customer> {
    Ok(state.with_store(|s| s.create_customer(input))?)
}

#[tauri::command(async)]
pub fn customers_update(state: State<'_, AppState>, id: String, input: CustomerInput) -> CommandResult<Customer> {
    Ok(state.with_store(|s| s.update_customer(&id, input))?)
}

#[tauri::command(async)]
pub fn customers_delete(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.with_store(|s| s.delete_customer(&id))?)
}

#[tauri::command(async)]
pub fn customers_restore(state: State<'_, AppState>, id: String) -> CommandResult<Customer> {
    Ok(state.with_store(|s| s.restore_customer(&id))?)
}

#[tauri::command(async)]
pub fn customers_purge(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.with_store(|s| s.purge_customer(&id))?)
}

#[tauri::command(async)]
pub fn customers_empty_trash(state: State<'_, AppState>) -> CommandResult<usize> {
    Ok(state.with_store(|s| s.empty_trash())?)
}

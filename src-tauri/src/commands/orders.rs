//! Orders (purchases with line items) of one customer.

use fieldbook_core::orders::decode::order_input;
use fieldbook_core::orders::{Order, OrderInput, OrderPage};
use fieldbook_core::records::RecordScope;
use tauri::State;

use super::Json;
use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn orders_list(
    state: State<'_, AppState>,
    customer_id: String,
    scope: RecordScope,
    offset: u64,
    limit: u64,
) -> CommandResult<OrderPage> {
    Ok(state.read(|s| s.list_orders(&customer_id, scope, offset, limit))?)
}

#[tauri::command(async)]
pub fn orders_get(state: State<'_, AppState>, id: String) -> CommandResult<Order> {
    Ok(state.read(|s| s.order(&id))?)
}

#[tauri::command(async)]
pub fn orders_create(state: State<'_, AppState>, input: Json<OrderInput>) -> CommandResult<Order> {
    let input = order_input(input.0)?;
    Ok(state.write(|s| s.create_order(input))?)
}

#[tauri::command(async)]
pub fn orders_update(state: State<'_, AppState>, id: String, input: Json<OrderInput>) -> CommandResult<Order> {
    let input = order_input(input.0)?;
    Ok(state.write(|s| s.update_order(&id, input))?)
}

#[tauri::command(async)]
pub fn orders_delete(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.write(|s| s.delete_order(&id))?)
}

#[tauri::command(async)]
pub fn orders_restore(state: State<'_, AppState>, id: String) -> CommandResult<Order> {
    Ok(state.write(|s| s.restore_order(&id))?)
}

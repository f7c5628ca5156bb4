use fieldbook_core::orders::decode::{order_input, product_input};
use fieldbook_core::orders::{Order, OrderPage, Product};
use fieldbook_core::records::RecordScope;
use tauri::State;

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
    Ok(state.with_store(|s| s.list_orders(&customer_id, scope, offset, limit))?)
}

#[tauri::command(async)]
pub fn orders_get(state: State<'_, AppState>, id: String) -> CommandResult<Order> {
    Ok(state.with_store(|s| s.order(&id))?)
}

#[tauri::command(async)]
pub fn orders_create(state: State<'_, AppState>, input: serde_json::Value) -> CommandResult<Order> {
    // JSON, decoded by the core: a malformed amount is a coded field error, not a serde one.
    let input = order_input(input)?;
    let out = state.with_store(|s| s.create_order(input))?;
    state.reminders_changed.notify_one(); // a purchase resets the revisit cadence
    Ok(out)
}

#[tauri::command(async)]
pub fn orders_update(state: State<'_, AppState>, id: String, input: serde_json::Value) -> CommandResult<Order> {
    let input = order_input(input)?;
    Ok(state.with_store(|s| s.update_order(&id, input))?)
}

#[tauri::command(async)]
pub fn orders_delete(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.with_store(|s| s.delete_order(&id))?)
}

#[tauri::command(async)]
pub fn orders_restore(state: State<'_, AppState>, id: String) -> CommandResult<Order> {
    Ok(state.with_store(|s| s.restore_order(&id))?)
}

#[tauri::command(async)]
pub fn products_list(state: State<'_, AppState>, scope: RecordScope) -> CommandResult<Vec<Product>> {
    Ok(state.with_store(|s| s.list_products(scope))?)
}

#[tauri::command(async)]
pub fn products_create(state: State<'_, AppState>, input: serde_json::Value) -> CommandResult<Product> {
    let input = product_input(input)?;
    Ok(state.with_store(|s| s.create_product(input))?)
}

#[tauri::command(async)]
pub fn products_update(state: State<'_, AppState>, id: String, input: serde_json::Value) -> CommandResult<Product> {
    let input = product_input(input)?;
    Ok(state.with_store(|s| s.update_product(&id, input))?)
}

#[tauri::command(async)]
pub fn products_delete(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.with_store(|s| s.delete_product(&id))?)
}

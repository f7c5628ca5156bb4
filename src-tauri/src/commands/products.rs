//! The product catalog.

use fieldbook_core::orders::decode::product_input;
use fieldbook_core::orders::{Product, ProductInput};
use fieldbook_core::records::RecordScope;
use tauri::State;

use super::Json;
use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn products_list(state: State<'_, AppState>, scope: RecordScope) -> CommandResult<Vec<Product>> {
    Ok(state.read(|s| s.list_products(scope))?)
}

#[tauri::command(async)]
pub fn products_create(state: State<'_, AppState>, input: Json<ProductInput>) -> CommandResult<Product> {
    let input = product_input(input.0)?;
    Ok(state.write(|s| s.create_product(input))?)
}

#[tauri::command(async)]
pub fn products_update(state: State<'_, AppState>, id: String, input: Json<ProductInput>) -> CommandResult<Product> {
    let input = product_input(input.0)?;
    Ok(state.write(|s| s.update_product(&id, input))?)
}

#[tauri::command(async)]
pub fn products_delete(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.write(|s| s.delete_product(&id))?)
}

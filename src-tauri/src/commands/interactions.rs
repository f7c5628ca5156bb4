//! Interactions: visits, calls, messages … of one customer.

use fieldbook_core::interactions::{Interaction, InteractionInput, InteractionPage};
use fieldbook_core::records::RecordScope;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn interactions_list(
    state: State<'_, AppState>,
    customer_id: String,
    scope: RecordScope,
    offset: u64,
    limit: u64,
) -> CommandResult<InteractionPage> {
    Ok(state.read(|s| s.list_interactions(&customer_id, scope, offset, limit))?)
}

#[tauri::command(async)]
pub fn interactions_create(state: State<'_, AppState>, input: InteractionInput) -> CommandResult<Interaction> {
    Ok(state.write(|s| s.create_interaction(input))?)
}

#[tauri::command(async)]
pub fn interactions_update(
    state: State<'_, AppState>,
    id: String,
    input: InteractionInput,
) -> CommandResult<Interaction> {
    Ok(state.write(|s| s.update_interaction(&id, input))?)
}

#[tauri::command(async)]
pub fn interactions_delete(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.write(|s| s.delete_interaction(&id))?)
}

#[tauri::command(async)]
pub fn interactions_restore(state: State<'_, AppState>, id: String) -> CommandResult<Interaction> {
    Ok(state.write(|s| s.restore_interaction(&id))?)
}

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
    Ok(state.with_store(|s| s.list_interactions(&customer_id, scope, offset, limit))?)
}

#[tauri::command(async)]
pub fn interactions_create(state: State<'_, AppState>, input: InteractionInput) -> CommandResult<Interaction> {
    let out = state.with_store(|s| s.create_interaction(input))?;
    state.reminders_changed.notify_one(); // a contact resets the revisit cadence
    Ok(out)
}

#[tauri::command(async)]
pub fn interactions_update(
    state: State<'_, AppState>,
    id: String,
    input: InteractionInput,
) -> CommandResult<Interaction> {
    let out = state.with_store(|s| s.update_interaction(&id, input))?;
    state.reminders_changed.notify_one();
    Ok(out)
}

#[tauri::command(async)]
pub fn interactions_delete(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.with_store(|s| s.delete_interaction(&id))?)
}

#[tauri::command(async)]
pub fn interactions_restore(state: State<'_, AppState>, id: String) -> CommandResult<Interaction> {
    Ok(state.with_store(|s| s.restore_interaction(&id))?)
}

//! Reminders: done / dismissed / snoozed state, the reminder settings, greeting templates, a
//! customer's own revisit interval and custom recurring reminders.

use chrono::Local;
use std::collections::BTreeMap;

use fieldbook_core::reminders::{CustomReminder, CustomReminderInput, ReminderSettings, ReminderState, SnoozeFor};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn reminders_done(state: State<'_, AppState>, key: String) -> CommandResult<ReminderState> {
    Ok(state.write(|s| s.mark_done(&key))?)
}

#[tauri::command(async)]
pub fn reminders_dismiss(state: State<'_, AppState>, key: String) -> CommandResult<ReminderState> {
    Ok(state.write(|s| s.dismiss(&key))?)
}

#[tauri::command(async)]
pub fn reminders_reopen(state: State<'_, AppState>, key: String) -> CommandResult<()> {
    Ok(state.write(|s| s.reopen(&key))?)
}

/// The UI sends the choice, never a time: the core turns it into an instant on this laptop's
/// calendar.
#[tauri::command(async)]
pub fn reminders_snooze(state: State<'_, AppState>, key: String, snooze: SnoozeFor) -> CommandResult<ReminderState> {
    let now = state.now();
    Ok(state.write(|s| s.snooze_for(&key, snooze, now, &Local))?)
}

#[tauri::command(async)]
pub fn reminders_settings_get(state: State<'_, AppState>) -> CommandResult<ReminderSettings> {
    Ok(state.read(|s| s.reminder_settings())?)
}

#[tauri::command(async)]
pub fn reminders_settings_update(
    state: State<'_, AppState>,
    settings: ReminderSettings,
) -> CommandResult<ReminderSettings> {
    Ok(state.write(|s| s.update_reminder_settings(settings))?)
}

/// Greeting templates the user changed, keyed `kind.lang` (core `GreetingTemplates`).
#[tauri::command(async)]
pub fn reminders_greetings_get(state: State<'_, AppState>) -> CommandResult<BTreeMap<String, String>> {
    Ok(state.read(|s| s.greeting_templates())?)
}

#[tauri::command(async)]
pub fn reminders_greetings_set(
    state: State<'_, AppState>,
    templates: BTreeMap<String, String>,
) -> CommandResult<BTreeMap<String, String>> {
    Ok(state.write(|s| s.set_greeting_templates(templates))?)
}

/// A customer's own revisit interval in days (`None`: the tier's).
#[tauri::command(async)]
pub fn reminders_revisit_interval_get(state: State<'_, AppState>, customer_id: String) -> CommandResult<Option<u32>> {
    Ok(state.read(|s| s.revisit_interval(&customer_id))?)
}

#[tauri::command(async)]
pub fn reminders_revisit_interval_set(
    state: State<'_, AppState>,
    customer_id: String,
    days: Option<u32>,
) -> CommandResult<()> {
    Ok(state.write(|s| s.set_revisit_interval(&customer_id, days))?)
}

#[tauri::command(async)]
pub fn reminders_custom_list(
    state: State<'_, AppState>,
    customer_id: Option<String>,
) -> CommandResult<Vec<CustomReminder>> {
    Ok(state.read(|s| s.custom_reminders(customer_id.as_deref()))?)
}

#[tauri::command(async)]
pub fn reminders_custom_create(
    state: State<'_, AppState>,
    input: CustomReminderInput,
) -> CommandResult<CustomReminder> {
    Ok(state.write(|s| s.create_custom_reminder(input))?)
}

#[tauri::command(async)]
pub fn reminders_custom_update(
    state: State<'_, AppState>,
    id: String,
    input: CustomReminderInput,
) -> CommandResult<CustomReminder> {
    Ok(state.write(|s| s.update_custom_reminder(&id, input))?)
}

#[tauri::command(async)]
pub fn reminders_custom_delete(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.write(|s| s.delete_custom_reminder(&id))?)
}

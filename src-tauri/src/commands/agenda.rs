//! The agenda: what falls due in a window of days, and the customers past their revisit.

use chrono::NaiveDate;
use fieldbook_core::reminders::{Occurrence, OverdueRevisit, RevisitPage};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// The longest agenda window the UI may ask for at once.
const MAX_DAYS: u32 = 62;
/// The most revisits one page of a crowded day returns.
const MAX_PAGE: usize = 500;

/// A day with more than `AGENDA_REVISITS_PER_DAY` revisits comes as one `revisit_group`
/// occurrence with their count; `agenda_revisits_on` pages them.
#[tauri::command(async)]
pub fn agenda_list(state: State<'_, AppState>, from: Option<NaiveDate>, days: u32) -> CommandResult<Vec<Occurrence>> {
    let from = from.unwrap_or_else(|| state.today());
    Ok(state.read(|s| s.agenda(from, days.min(MAX_DAYS)))?)
}

#[tauri::command(async)]
pub fn agenda_overdue_revisits(state: State<'_, AppState>, limit: usize) -> CommandResult<Vec<OverdueRevisit>> {
    Ok(state.read(|s| s.overdue_revisits(state.today(), limit.min(1000), state.now()))?)
}

/// One page of the revisits due on `date`, by name (what a `revisit_group` stands for).
#[tauri::command(async)]
pub fn agenda_revisits_on(
    state: State<'_, AppState>,
    date: NaiveDate,
    offset: usize,
    limit: usize,
) -> CommandResult<RevisitPage> {
    Ok(state.read(|s| s.revisits_due_on(date, offset, limit.min(MAX_PAGE)))?)
}

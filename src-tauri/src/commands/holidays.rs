//! Holiday data: days off and 调休 make-up workdays, which years are covered, newer years.

use chrono::{Duration, NaiveDate};
use fieldbook_core::calendar::holidays::{HolidayCoverage, HolidayDay};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// The longest holiday range the UI may ask for at once (a month grid is 6 weeks).
const MAX_HOLIDAY_DAYS: i64 = 400;

/// Holidays (days off, make-up workdays) of a country in `from..=to`, day by day.
#[tauri::command(async)]
pub fn holidays_list(
    state: State<'_, AppState>,
    country: String,
    from: NaiveDate,
    to: NaiveDate,
) -> CommandResult<Vec<HolidayDay>> {
    let to = to.min(from + Duration::days(MAX_HOLIDAY_DAYS));
    Ok(state.read(|s| s.holidays(&country, from, to))?)
}

/// Which years of Chinese statutory holiday data the app has ("2027 is missing").
#[tauri::command(async)]
pub fn holidays_coverage(state: State<'_, AppState>) -> CommandResult<HolidayCoverage> {
    Ok(state.read(|s| s.holiday_coverage(state.today()))?)
}

/// Import a newer year's statutory holiday file (the JSON text the user picked).
#[tauri::command(async)]
pub fn holidays_import(state: State<'_, AppState>, json: String) -> CommandResult<HolidayCoverage> {
    let today = state.today();
    Ok(state.write(|s| {
        s.import_statutory_year(&json)?;
        s.holiday_coverage(today)
    })?)
}

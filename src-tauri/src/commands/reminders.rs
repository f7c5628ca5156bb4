//! Agenda, reminder state, reminder settings, custom reminders, holiday data coverage.
//! The UI never sends times: "snooze for an hour / until tomorrow / next week" is turned into
//! an instant here, from this laptop's clock and time zone.

use chrono::{DateTime, Duration, Local, NaiveDate, TimeZone, Utc};
use fieldbook_core::calendar::holidays::{HolidayCoverage, HolidayDay};
use fieldbook_core::reminders::greetings::GreetingTemplates;
use fieldbook_core::reminders::{
    CustomReminder, CustomReminderInput, Occurrence, OverdueRevisit, ReminderSettings, ReminderState,
};
use serde::Deserialize;
use tauri::State;
use ts_rs::TS;

use super::classify::today;
use crate::error::CommandResult;
use crate::state::AppState;

/// The longest agenda window the UI may ask for at once.
const MAX_DAYS: u32 = 62;

#[tauri::command(async)]
pub fn agenda_list(state: State<'_, AppState>, from: Option<NaiveDate>, days: u32) -> CommandResult<Vec<Occurrence>> {
    Ok(state.with_store(|s| s.agenda(from.unwrap_or_else(today), days.min(MAX_DAYS)))?)
}

#[tauri::command(async)]
pub fn agenda_overdue_revisits(state: State<'_, AppState>, limit: usize) -> CommandResult<Vec<OverdueRevisit>> {
    Ok(state.with_store(|s| s.overdue_revisits(today(), limit.min(1000), Utc::now()))?)
}

#[tauri::command(async)]
pub fn reminders_done(state: State<'_, AppState>, key: String) -> CommandResult<ReminderState> {
    let out = state.with_store(|s| s.mark_done(&key))?;
    state.reminders_changed.notify_one();
    Ok(out)
}

#[tauri::command(async)]
pub fn reminders_dismiss(state: State<'_, AppState>, key: String) -> CommandResult<ReminderState> {
    let out = state.with_store(|s| s.dismiss(&key))?;
    state.reminders_changed.notify_one();
    Ok(out)
}

#[tauri::command(async)]
pub fn reminders_reopen(state: State<'_, AppState>, key: String) -> CommandResult<()> {
    state.with_store(|s| s.reopen(&key))?;
    state.reminders_changed.notify_one();
    Ok(())
}

/// How long to snooze, as the user picks it.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SnoozeFor {
    OneHour,
    /// Tomorrow at the daily notification time.
    Tomorrow,
    /// A week from today at the daily notification time.
    NextWeek,
}

#[tauri::command(async)]
pub fn reminders_snooze(state: State<'_, AppState>, key: String, snooze: SnoozeFor) -> CommandResult<ReminderState> {
    let out = state.with_store(|s| {
        let notify_at = s.reminder_settings()?.notify_time()?;
        s.snooze(&key, snooze_until(snooze, Utc::now(), notify_at))
    })?;
    state.reminders_changed.notify_one();
    Ok(out)
}

fn snooze_until(snooze: SnoozeFor, now: DateTime<Utc>, notify_at: chrono::NaiveTime) -> DateTime<Utc> {
    let local_day = |days: i64| {
        let day = now.with_timezone(&Local).date_naive() + Duration::days(days);
        Local
            .from_local_datetime(&day.and_time(notify_at))
            .earliest()
            .map_or(now + Duration::days(days), |t| t.with_timezone(&Utc))
    };
    match snooze {
        SnoozeFor::OneHour => now + Duration::hours(1),
        SnoozeFor::Tomorrow => local_day(1),
        SnoozeFor::NextWeek => local_day(7),
    }
}

#[tauri::command(async)]
pub fn reminder_settings_get(state: State<'_, AppState>) -> CommandResult<ReminderSettings> {
    Ok(state.with_store(|s| s.reminder_settings())?)
}

#[tauri::command(async)]
pub fn reminder_settings_update(
    state: State<'_, AppState>,
    settings: ReminderSettings,
) -> CommandResult<ReminderSettings> {
    let out = state.with_store(|s| s.update_reminder_settings(settings))?;
    state.reminders_changed.notify_one();
    Ok(out)
}

#[tauri::command(async)]
pub fn greeting_templates_get(state: State<'_, AppState>) -> CommandResult<GreetingTemplates> {
    Ok(state.with_store(|s| s.greeting_templates())?)
}

#[tauri::command(async)]
pub fn greeting_templates_set(
    state: State<'_, AppState>,
    templates: GreetingTemplates,
) -> CommandResult<GreetingTemplates> {
    Ok(state.with_store(|s| s.set_greeting_templates(templates))?)
}

/// A customer's own revisit interval in days (`None`: the tier's).
#[tauri::command(async)]
pub fn revisit_interval_get(state: State<'_, AppState>, customer_id: String) -> CommandResult<Option<u32>> {
    Ok(state.with_store(|s| s.revisit_interval(&customer_id))?)
}

#[tauri::command(async)]
pub fn revisit_interval_set(state: State<'_, AppState>, customer_id: String, days: Option<u32>) -> CommandResult<()> {
    state.with_store(|s| s.set_revisit_interval(&customer_id, days))?;
    state.reminders_changed.notify_one();
    Ok(())
}

#[tauri::command(async)]
pub fn custom_reminders_list(
    state: State<'_, AppState>,
    customer_id: Option<String>,
) -> CommandResult<Vec<CustomReminder>> {
    Ok(state.with_store(|s| s.custom_reminders(customer_id.as_deref()))?)
}

#[tauri::command(async)]
pub fn custom_reminders_create(
    state: State<'_, AppState>,
    input: CustomReminderInput,
) -> CommandResult<CustomReminder> {
    let out = state.with_store(|s| s.create_custom_reminder(input))?;
    state.reminders_changed.notify_one();
    Ok(out)
}

#[tauri::command(async)]
pub fn custom_reminders_update(
    state: State<'_, AppState>,
    id: String,
    input: CustomReminderInput,
) -> CommandResult<CustomReminder> {
    let out = state.with_store(|s| s.update_custom_reminder(&id, input))?;
    state.reminders_changed.notify_one();
    Ok(out)
}

#[tauri::command(async)]
pub fn custom_reminders_delete(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with_store(|s| s.delete_custom_reminder(&id))?;
    state.reminders_changed.notify_one();
    Ok(())
}

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
    Ok(state.with_store(|s| s.holidays(&country, from, to))?)
}

/// Which years of Chinese statutory holiday data the app has ("2027 is missing").
#[tauri::command(async)]
pub fn holidays_coverage(state: State<'_, AppState>) -> CommandResult<HolidayCoverage> {
    Ok(state.with_store(|s| s.holiday_coverage(today()))?)
}

/// Import a newer year's statutory holiday file (the JSON text the user picked).
#[tauri::command(async)]
pub fn holidays_import(state: State<'_, AppState>, json: String) -> CommandResult<HolidayCoverage> {
    let out = state.with_store(|s| {
        s.import_statutory_year(&json)?;
        s.holiday_coverage(today())
    })?;
    state.reminders_changed.notify_one();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snoozing_for_an_hour_or_to_a_later_day_lands_in_the_future_at_the_notification_time() {
        let now = Utc::now();
        let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        assert_eq!(snooze_until(SnoozeFor::OneHour, now, nine), now + Duration::hours(1));
        let tomorrow = snooze_until(SnoozeFor::Tomorrow, now, nine).with_timezone(&Local);
        assert_eq!(tomorrow.date_naive(), now.with_timezone(&Local).date_naive() + Duration::days(1));
        assert_eq!(tomorrow.time(), nine);
        let week = snooze_until(SnoozeFor::NextWeek, now, nine).with_timezone(&Local);
        assert_eq!(week.date_naive(), now.with_timezone(&Local).date_naive() + Duration::days(7));
    }
}

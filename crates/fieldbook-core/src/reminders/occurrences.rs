//! The agenda: every occurrence in a range of days, from every source, with its state.

use chrono::NaiveDate;

use super::model::Occurrence;
use super::settings::ReminderSettings;
use super::{custom, customer_dates, follow_up, general, revisit};
use crate::error::{CoreError, Result};
use crate::store::Store;

/// The longest range one call computes (a little over two years).
pub const MAX_DAYS: u32 = 800;

impl Store {
    /// Every occurrence whose date falls in the `days` days starting at `from`, sorted by
    /// date, with its state (done, snoozed, dismissed) attached. Nothing is filtered out by
    /// state: the agenda shows done items struck through; see `reminders::state::is_open`.
    ///
    /// Sources: birthdays and anniversaries (both calendars), Chinese festivals, CN statutory
    /// holidays and make-up workdays, other countries' public holidays, revisits (from the
    /// last contact), follow-ups from interactions' `follow_up_on` (keyed
    /// `follow_up:<interaction id>:<date>`) and custom reminders.
    pub fn occurrences(&self, from: NaiveDate, days: u32, settings: &ReminderSettings) -> Result<Vec<Occurrence>> {
        if days > MAX_DAYS {
            return Err(CoreError::invalid("days", "range_too_long", format!("at most {MAX_DAYS} days at a time")));
        }
        if days == 0 {
            return Ok(vec![]);
        }
        let to = from + chrono::Duration::days(i64::from(days) - 1);
        let conn = self.conn();
        let keys = customer_dates::range_keys(from, to, settings.rules);
        let mut out = customer_dates::birthdays(conn, &keys, &settings.lead_days)?;
        out.extend(customer_dates::anniversaries(conn, &keys, &settings.lead_days)?);
        if settings.festivals {
            out.extend(general::festivals(from, to, settings));
        }
        out.extend(general::holidays(self, from, to, settings)?);
        out.extend(revisit::due_between(conn, from, to, settings)?);
        out.extend(follow_up::due_between(conn, from, to, settings)?);
        out.extend(custom::occurrences(conn, from, to, settings)?);
        self.attach_states(&mut out)?;
        // Keys are unique, so an unstable sort gives the same order, faster.
        out.sort_unstable_by(|a, b| {
            (a.date, a.kind, &a.customer_name, &a.key).cmp(&(b.date, b.kind, &b.customer_name, &b.key))
        });
        Ok(out)
    }

    /// `occurrences` with the stored reminder settings.
    pub fn agenda(&self, from: NaiveDate, days: u32) -> Result<Vec<Occurrence>> {
        let s = self.reminder_settings()?;
        self.occurrences(from, days, &s)
    }
}

//! "Snooze for an hour / until tomorrow / next week", as the user picks it, turned into an
//! instant: a later day means that day at the daily notification time, on the user's calendar.

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::Deserialize;
use ts_rs::TS;

use crate::error::Result;
use crate::store::Store;

use super::ReminderState;

/// How long to snooze.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SnoozeFor {
    OneHour,
    /// Tomorrow at the daily notification time.
    Tomorrow,
    /// A week from today at the daily notification time.
    NextWeek,
}

/// When a snooze chosen at `now` ends, in the time zone `tz` the user lives in.
pub fn snooze_until<Tz: TimeZone>(
    snooze: SnoozeFor,
    now: DateTime<Utc>,
    tz: &Tz,
    notify_at: chrono::NaiveTime,
) -> DateTime<Utc> {
    let local_day = |days: i64| {
        let day = now.with_timezone(tz).date_naive() + Duration::days(days);
        tz.from_local_datetime(&day.and_time(notify_at))
            .earliest()
            .map_or(now + Duration::days(days), |t| t.with_timezone(&Utc))
    };
    match snooze {
        SnoozeFor::OneHour => now + Duration::hours(1),
        SnoozeFor::Tomorrow => local_day(1),
        SnoozeFor::NextWeek => local_day(7),
    }
}

impl Store {
    /// Snooze the reminder `key` as chosen at `now` in time zone `tz`.
    pub fn snooze_for<Tz: TimeZone>(
        &mut self,
        key: &str,
        snooze: SnoozeFor,
        now: DateTime<Utc>,
        tz: &Tz,
    ) -> Result<ReminderState> {
        let notify_at = self.reminder_settings()?.notify_time()?;
        self.snooze(key, snooze_until(snooze, now, tz, notify_at))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{FixedOffset, NaiveTime, Timelike};

    use super::*;

    #[test]
    fn snoozing_for_an_hour_or_to_a_later_day_lands_at_the_notification_time_on_the_users_calendar() {
        let shanghai = FixedOffset::east_opt(8 * 3600).unwrap();
        // 23:30 in Shanghai on Dec 6 is 15:30 UTC: "tomorrow" is Dec 7 local, not Dec 7 UTC.
        let now = Utc.with_ymd_and_hms(2026, 12, 6, 15, 30, 0).unwrap();
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        assert_eq!(snooze_until(SnoozeFor::OneHour, now, &shanghai, nine), now + Duration::hours(1));
        let tomorrow = snooze_until(SnoozeFor::Tomorrow, now, &shanghai, nine).with_timezone(&shanghai);
        assert_eq!(tomorrow.date_naive().to_string(), "2026-12-07");
        assert_eq!((tomorrow.hour(), tomorrow.minute()), (9, 0));
        let week = snooze_until(SnoozeFor::NextWeek, now, &shanghai, nine).with_timezone(&shanghai);
        assert_eq!(week.date_naive().to_string(), "2026-12-13");
    }
}

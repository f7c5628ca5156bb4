//! Reminder settings: lead times, date rules, which holidays, revisit intervals, when to
//! notify. Kept as one JSON value under the synced setting `reminders`.

use chrono::{NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::OccurrenceKind;
use super::rules::DateRules;
use crate::calendar::holidays::normalize_country;
use crate::customers::Tier;
use crate::error::{CoreError, Result};
use crate::store::Store;

const KEY: &str = "reminders";

/// How many days ahead of the event to remind, per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct LeadTimes {
    pub birthday: u32,
    pub anniversary: u32,
    pub festival: u32,
    pub holiday: u32,
    pub revisit: u32,
    pub follow_up: u32,
    pub custom: u32,
}

impl Default for LeadTimes {
    fn default() -> Self {
        LeadTimes { birthday: 3, anniversary: 3, festival: 1, holiday: 1, revisit: 0, follow_up: 0, custom: 0 }
    }
}

impl LeadTimes {
    pub fn for_kind(&self, kind: OccurrenceKind) -> u32 {
        use OccurrenceKind::*;
        match kind {
            Birthday | LunarBirthday => self.birthday,
            Anniversary | LunarAnniversary => self.anniversary,
            Festival => self.festival,
            StatutoryHoliday | MakeUpWorkday | PublicHoliday => self.holiday,
            Revisit | RevisitGroup => self.revisit,
            FollowUp => self.follow_up,
            Custom => self.custom,
        }
    }

    pub fn max(&self) -> u32 {
        [self.birthday, self.anniversary, self.festival, self.holiday, self.revisit, self.follow_up, self.custom]
            .into_iter()
            .max()
            .unwrap_or(0)
    }
}

/// Days between contacts before a customer is due a revisit, per tier. `None`: no cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RevisitIntervals {
    pub vip: Option<u32>,
    pub a: Option<u32>,
    pub b: Option<u32>,
    pub c: Option<u32>,
}

impl Default for RevisitIntervals {
    fn default() -> Self {
        RevisitIntervals { vip: Some(7), a: Some(14), b: Some(30), c: Some(90) }
    }
}

impl RevisitIntervals {
    pub fn for_tier(&self, tier: Tier) -> Option<u32> {
        match tier {
            Tier::Vip => self.vip,
            Tier::A => self.a,
            Tier::B => self.b,
            Tier::C => self.c,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ReminderSettings {
    pub rules: DateRules,
    pub lead_days: LeadTimes,
    /// Chinese traditional festivals (春节, 中秋 …).
    pub festivals: bool,
    /// China's statutory holidays and make-up workdays.
    pub statutory_holidays: bool,
    /// Other countries' public holidays, e.g. `["US", "GB"]`.
    pub countries: Vec<String>,
    pub revisit: RevisitIntervals,
    /// Local time of day at which a day's reminders are notified, `HH:MM`.
    pub notify_at: String,
    /// A nightly window in which no notification is shown; what comes due inside it waits
    /// for its end. `None`: no quiet hours.
    pub quiet_hours: Option<QuietHours>,
}

/// Quiet hours, local `HH:MM` to `HH:MM`; the window may cross midnight (22:00 → 07:30).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuietHours {
    pub start: String,
    pub end: String,
}

impl QuietHours {
    fn times(&self) -> Result<(NaiveTime, NaiveTime)> {
        let parse = |field: &str, v: &str| {
            NaiveTime::parse_from_str(v, "%H:%M")
                .map_err(|_| CoreError::invalid(field, "time_invalid", format!("{v:?} is not a time of day HH:MM")))
        };
        let (start, end) = (parse("quiet_hours.start", &self.start)?, parse("quiet_hours.end", &self.end)?);
        if start == end {
            return Err(CoreError::invalid(
                "quiet_hours.end",
                "quiet_hours_empty",
                "quiet hours must start and end at different times",
            ));
        }
        Ok((start, end))
    }

    /// When something due at local time `t` may be shown: `t` itself outside the window,
    /// else the window's end (the same day, or the next for a window crossing midnight).
    pub fn deliver_at(&self, t: NaiveDateTime) -> NaiveDateTime {
        let Ok((start, end)) = self.times() else { return t };
        let time = t.time();
        let inside = if start < end { time >= start && time < end } else { time >= start || time < end };
        if !inside {
            return t;
        }
        let end_day = if start > end && time >= start { t.date() + chrono::Duration::days(1) } else { t.date() };
        end_day.and_time(end)
    }
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            rules: DateRules::default(),
            lead_days: LeadTimes::default(),
            festivals: true,
            statutory_holidays: true,
            countries: vec![],
            revisit: RevisitIntervals::default(),
            notify_at: "09:00".into(),
            quiet_hours: None,
        }
    }
}

/// The longest lead time or interval accepted, in days.
pub const MAX_LEAD_DAYS: u32 = 60;
pub const MAX_INTERVAL_DAYS: u32 = 3650;

impl ReminderSettings {
    /// Check and normalize (country codes upper-case, `UK` → `GB`, no duplicates).
    pub fn validate(mut self) -> Result<ReminderSettings> {
        if self.lead_days.max() > MAX_LEAD_DAYS {
            return Err(CoreError::invalid(
                "lead_days",
                "lead_time_too_long",
                format!("lead times are at most {MAX_LEAD_DAYS} days"),
            ));
        }
        let r = self.revisit;
        if [r.vip, r.a, r.b, r.c].into_iter().flatten().any(|n| n == 0 || n > MAX_INTERVAL_DAYS) {
            return Err(CoreError::invalid(
                "revisit",
                "interval_invalid",
                format!("revisit intervals are 1 to {MAX_INTERVAL_DAYS} days"),
            ));
        }
        let mut countries = Vec::new();
        for c in &self.countries {
            let code = normalize_country(c).filter(|c| *c != "CN").ok_or_else(|| {
                CoreError::invalid("countries", "country_unknown", format!("no public-holiday data for {c:?}"))
            })?;
            if !countries.iter().any(|x: &String| x == code) {
                countries.push(code.to_string());
            }
        }
        self.countries = countries;
        self.notify_time()?;
        if let Some(q) = &self.quiet_hours {
            q.times()?;
        }
        Ok(self)
    }

    pub fn notify_time(&self) -> Result<NaiveTime> {
        NaiveTime::parse_from_str(&self.notify_at, "%H:%M").map_err(|_| {
            CoreError::invalid("notify_at", "time_invalid", format!("{:?} is not a time of day HH:MM", self.notify_at))
        })
    }
}

impl Store {
    /// The reminder settings (defaults for anything never set, or unreadable).
    pub fn reminder_settings(&self) -> Result<ReminderSettings> {
        Ok(self.setting(KEY)?.and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default())
    }

    pub fn update_reminder_settings(&mut self, s: ReminderSettings) -> Result<ReminderSettings> {
        let s = s.validate()?;
        self.set_setting(KEY, serde_json::to_value(&s).expect("settings serialize"))?;
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(d: u32, hm: &str) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap().and_time(NaiveTime::parse_from_str(hm, "%H:%M").unwrap())
    }

    #[test]
    fn overnight_quiet_hours_move_late_evening_to_next_morning_and_early_morning_to_the_same_one() {
        let q = QuietHours { start: "22:00".into(), end: "07:30".into() };
        assert_eq!(q.deliver_at(at(22, "23:15")), at(23, "07:30"));
        assert_eq!(q.deliver_at(at(22, "22:00")), at(23, "07:30"), "the start is inside");
        assert_eq!(q.deliver_at(at(23, "06:00")), at(23, "07:30"));
        assert_eq!(q.deliver_at(at(23, "07:30")), at(23, "07:30"), "the end is outside");
        assert_eq!(q.deliver_at(at(23, "12:00")), at(23, "12:00"));
    }

    #[test]
    fn daytime_quiet_hours_move_to_their_end_on_the_same_day() {
        let q = QuietHours { start: "12:00".into(), end: "14:00".into() };
        assert_eq!(q.deliver_at(at(22, "12:30")), at(22, "14:00"));
        assert_eq!(q.deliver_at(at(22, "11:59")), at(22, "11:59"));
        assert_eq!(q.deliver_at(at(22, "23:00")), at(22, "23:00"));
    }
}

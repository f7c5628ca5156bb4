//! Occurrences as the agenda, the notifier, the CLI and the UI see them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OccurrenceKind {
    Birthday,
    LunarBirthday,
    Anniversary,
    LunarAnniversary,
    /// A Chinese traditional festival (春节, 中秋节 …).
    Festival,
    /// The first day of a block of Chinese statutory days off.
    StatutoryHoliday,
    /// A weekend day worked to make up for a statutory holiday (调休上班).
    MakeUpWorkday,
    /// Another country's public holiday.
    PublicHoliday,
    /// A customer is due a visit or call (revisit cadence).
    Revisit,
    /// More revisits fall due on one day than the agenda lists one by one: their count
    /// (`Occurrence::count`); the day's revisits are paged with `Store::revisits_due_on`.
    RevisitGroup,
    /// A follow-up date set on an interaction.
    FollowUp,
    /// A reminder the user created.
    Custom,
}

impl OccurrenceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OccurrenceKind::Birthday => "birthday",
            OccurrenceKind::LunarBirthday => "lunar_birthday",
            OccurrenceKind::Anniversary => "anniversary",
            OccurrenceKind::LunarAnniversary => "lunar_anniversary",
            OccurrenceKind::Festival => "festival",
            OccurrenceKind::StatutoryHoliday => "statutory_holiday",
            OccurrenceKind::MakeUpWorkday => "make_up_workday",
            OccurrenceKind::PublicHoliday => "public_holiday",
            OccurrenceKind::Revisit => "revisit",
            OccurrenceKind::RevisitGroup => "revisit_group",
            OccurrenceKind::FollowUp => "follow_up",
            OccurrenceKind::Custom => "custom",
        }
    }
}

/// What the user did about an occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReminderStatus {
    Done,
    Snoozed,
    Dismissed,
}

impl ReminderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderStatus::Done => "done",
            ReminderStatus::Snoozed => "snoozed",
            ReminderStatus::Dismissed => "dismissed",
        }
    }

    pub fn parse(s: &str) -> Option<ReminderStatus> {
        match s {
            "done" => Some(ReminderStatus::Done),
            "snoozed" => Some(ReminderStatus::Snoozed),
            "dismissed" => Some(ReminderStatus::Dismissed),
            _ => None,
        }
    }
}

/// One reminder on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Occurrence {
    /// Stable and unique: `<kind>:<source id>:<date>`, e.g. `birthday:<customer id>:2026-03-14`.
    /// The reminder state (done, snoozed …) is kept under this key.
    pub key: String,
    /// The day the event falls on (YYYY-MM-DD).
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// The day to remind: `date` minus the kind's lead time.
    #[ts(type = "string")]
    pub remind_on: NaiveDate,
    pub kind: OccurrenceKind,
    pub customer_id: Option<String>,
    pub customer_name: Option<String>,
    /// English text, e.g. "Birthday: 张三 (turns 42)".
    pub title: String,
    /// Chinese text, e.g. "张三 42 岁生日".
    pub title_zh: String,
    /// Years since the date's year, when known: the age on a birthday, the count of an
    /// anniversary.
    pub years: Option<i32>,
    /// A festival's code (`mid_autumn` …) or a holiday's country, for greeting templates.
    pub tag: Option<String>,
    pub status: Option<ReminderStatus>,
    /// RFC 3339 UTC, when snoozed.
    pub snoozed_until: Option<String>,
    /// How many revisits a `RevisitGroup` stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub count: Option<u32>,
}

impl Occurrence {
    /// A new occurrence with no state yet.
    pub fn new(kind: OccurrenceKind, source: &str, date: NaiveDate, lead_days: u32) -> Occurrence {
        Occurrence {
            key: format!("{}:{source}:{date}", kind.as_str()),
            date,
            remind_on: date - chrono::Duration::days(lead_days.into()),
            kind,
            customer_id: None,
            customer_name: None,
            title: String::new(),
            title_zh: String::new(),
            years: None,
            tag: None,
            status: None,
            snoozed_until: None,
            count: None,
        }
    }

    pub fn titled(mut self, en: String, zh: String) -> Occurrence {
        self.title = en;
        self.title_zh = zh;
        self
    }

    pub fn for_customer(mut self, id: &str, name: &str) -> Occurrence {
        self.customer_id = Some(id.to_string());
        self.customer_name = Some(name.to_string());
        self
    }
}

//! Reminders the user creates, on a customer or general: once, or repeating daily, weekly,
//! monthly (the same day of the month, or its last day in shorter months) or yearly.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{Occurrence, OccurrenceKind};
use super::rules::{gregorian_in_year, DateRules};
use super::settings::ReminderSettings;
use crate::error::{CoreError, Result};
use crate::store::{Entity, Store};

pub const CUSTOM_REMINDERS: Entity = Entity {
    table: "custom_reminders",
    fields: &["customer_id", "title", "start_date", "repeat", "until_date", "notes", "deleted_at"],
};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Repeat {
    #[default]
    None,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

impl Repeat {
    fn as_str(self) -> &'static str {
        match self {
            Repeat::None => "none",
            Repeat::Daily => "daily",
            Repeat::Weekly => "weekly",
            Repeat::Monthly => "monthly",
            Repeat::Yearly => "yearly",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomReminderInput {
    pub customer_id: Option<String>,
    pub title: String,
    #[ts(type = "string")]
    pub start_date: NaiveDate,
    #[serde(default)]
    pub repeat: Repeat,
    #[ts(type = "string | null")]
    pub until_date: Option<NaiveDate>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomReminder {
    pub id: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub fields: CustomReminderInput,
    pub created_at: String,
    pub updated_at: String,
}

/// The days a reminder falls on in `from..=to`.
pub fn repeat_dates(
    start: NaiveDate,
    repeat: Repeat,
    until: Option<NaiveDate>,
    from: NaiveDate,
    to: NaiveDate,
    rules: DateRules,
) -> Vec<NaiveDate> {
    let last = until.map_or(to, |u| u.min(to));
    let first = from.max(start);
    if first > last {
        return vec![];
    }
    let step_days = |n: i64| -> Vec<NaiveDate> {
        let offset = (first - start).num_days();
        let skip = (offset + n - 1) / n * n; // first multiple of n on or after `first`
        (0..).map(|k| start + chrono::Duration::days(skip + k * n)).take_while(|d| *d <= last).collect()
    };
    match repeat {
        Repeat::None => vec![start].into_iter().filter(|d| (first..=last).contains(d)).collect(),
        Repeat::Daily => step_days(1),
        Repeat::Weekly => step_days(7),
        Repeat::Monthly => {
            let months = (first.year() - start.year()) * 12 + first.month0() as i32 - start.month0() as i32;
            (months.max(0)..)
                .map_while(|m| {
                    let month_start = NaiveDate::from_ymd_opt(start.year(), start.month(), 1)?
                        .checked_add_months(Months::new(m as u32))?;
                    let len = month_start.checked_add_months(Months::new(1))?.pred_opt()?.day();
                    month_start.with_day(start.day().min(len))
                })
                .take_while(|d| *d <= last)
                .filter(|d| *d >= first)
                .collect()
        }
        Repeat::Yearly => (first.year()..=last.year())
            .filter_map(|y| gregorian_in_year(y, start.month() as u8, start.day() as u8, rules))
            .filter(|d| (first..=last).contains(d))
            .collect(),
    }
}

fn normalize(mut input: CustomReminderInput) -> Result<CustomReminderInput> {
    input.title = input.title.trim().to_string();
    if input.title.is_empty() {
        return Err(CoreError::invalid("title", "title_empty", "a reminder needs a title"));
    }
    if input.until_date.is_some_and(|u| u < input.start_date) {
        return Err(CoreError::invalid("until_date", "until_before_start", "the end date is before the start"));
    }
    input.notes = input.notes.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    Ok(input)
}

fn field_values(i: &CustomReminderInput) -> Vec<(&'static str, Value)> {
    let text = |v: &Option<String>| v.clone().map(Value::Text).unwrap_or(Value::Null);
    vec![
        ("customer_id", text(&i.customer_id)),
        ("title", Value::Text(i.title.clone())),
        ("start_date", Value::Text(i.start_date.to_string())),
        ("repeat", Value::Text(i.repeat.as_str().into())),
        ("until_date", i.until_date.map(|d| Value::Text(d.to_string())).unwrap_or(Value::Null)),
        ("notes", text(&i.notes)),
    ]
}

const SELECT: &str =
    "SELECT id, customer_id, title, start_date, repeat, until_date, notes, created_at, updated_at FROM custom_reminders";

fn read(r: &Row<'_>) -> rusqlite::Result<CustomReminder> {
    let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
        Ok(r.get::<_, Option<String>>(i)?.and_then(|s| s.parse().ok()))
    };
    let repeat: String = r.get(4)?;
    Ok(CustomReminder {
        id: r.get(0)?,
        fields: CustomReminderInput {
            customer_id: r.get(1)?,
            title: r.get(2)?,
            start_date: date(3)?.unwrap_or_default(),
            repeat: serde_json::from_value(serde_json::Value::String(repeat)).unwrap_or_default(),
            until_date: date(5)?,
            notes: r.get(6)?,
        },
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

impl Store {
    pub fn create_custom_reminder(&mut self, input: CustomReminderInput) -> Result<CustomReminder> {
        let input = normalize(input)?;
        if let Some(c) = &input.customer_id {
            self.customer(c)?;
        }
        let id = crate::new_id();
        self.write(|tx| tx.insert(CUSTOM_REMINDERS, &id, &field_values(&input)))?;
        self.custom_reminder(&id)
    }

    pub fn update_custom_reminder(&mut self, id: &str, input: CustomReminderInput) -> Result<CustomReminder> {
        let input = normalize(input)?;
        self.custom_reminder(id)?;
        self.write(|tx| tx.update(CUSTOM_REMINDERS, id, &field_values(&input)).map(drop))?;
        self.custom_reminder(id)
    }

    pub fn delete_custom_reminder(&mut self, id: &str) -> Result<()> {
        self.custom_reminder(id)?;
        self.write(|tx| {
            let now = tx.now_text().to_string();
            tx.update(CUSTOM_REMINDERS, id, &[("deleted_at", Value::Text(now))]).map(drop)
        })
    }

    pub fn custom_reminder(&self, id: &str) -> Result<CustomReminder> {
        self.conn()
            .query_row(&format!("{SELECT} WHERE id = ?1 AND deleted_at IS NULL"), [id], read)
            .optional()?
            .ok_or_else(|| CoreError::not_found("custom reminder", id))
    }

    /// A customer's reminders, or with `None` every live reminder.
    pub fn custom_reminders(&self, customer_id: Option<&str>) -> Result<Vec<CustomReminder>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{SELECT} WHERE deleted_at IS NULL AND (?1 IS NULL OR customer_id = ?1) ORDER BY start_date, id"
        ))?;
        let rows = stmt.query_map([customer_id], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

pub(super) fn occurrences(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    s: &ReminderSettings,
) -> Result<Vec<Occurrence>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.customer_id, r.title, r.start_date, r.repeat, r.until_date, c.name FROM custom_reminders r
         LEFT JOIN customers c ON c.id = r.customer_id
         WHERE r.deleted_at IS NULL AND (r.customer_id IS NULL OR c.deleted_at IS NULL)
           AND r.start_date <= ?2 AND (r.until_date IS NULL OR r.until_date >= ?1)",
    )?;
    let mut rows = stmt.query([from.to_string(), to.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let (id, customer_id, title): (String, Option<String>, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let Ok(start) = r.get::<_, String>(3)?.parse::<NaiveDate>() else { continue };
        let repeat: Repeat = serde_json::from_value(serde_json::Value::String(r.get(4)?)).unwrap_or_default();
        let until = r.get::<_, Option<String>>(5)?.and_then(|s| s.parse().ok());
        let name: Option<String> = r.get(6)?;
        for d in repeat_dates(start, repeat, until, from, to, s.rules) {
            let text = match &name {
                Some(n) => format!("{title} — {n}"),
                None => title.clone(),
            };
            let mut o = Occurrence::new(OccurrenceKind::Custom, &id, d, s.lead_days.custom).titled(text.clone(), text);
            if let (Some(c), Some(n)) = (&customer_id, &name) {
                o = o.for_customer(c, n);
            }
            out.push(o);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn dates(
        start: NaiveDate,
        repeat: Repeat,
        until: Option<NaiveDate>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Vec<NaiveDate> {
        repeat_dates(start, repeat, until, from, to, DateRules::default())
    }

    #[test]
    fn one_off_reminders_fall_once() {
        let d = ymd(2026, 3, 10);
        assert_eq!(dates(d, Repeat::None, None, ymd(2026, 3, 1), ymd(2026, 3, 31)), [d]);
        assert!(dates(d, Repeat::None, None, ymd(2026, 3, 11), ymd(2026, 3, 31)).is_empty());
    }

    #[test]
    fn weekly_keeps_the_weekday_and_stops_at_until() {
        let got = dates(ymd(2026, 1, 5), Repeat::Weekly, Some(ymd(2026, 2, 2)), ymd(2026, 1, 20), ymd(2026, 3, 1));
        assert_eq!(got, [ymd(2026, 1, 26), ymd(2026, 2, 2)]);
        let daily = dates(ymd(2026, 1, 5), Repeat::Daily, None, ymd(2026, 1, 1), ymd(2026, 1, 7));
        assert_eq!(daily.len(), 3);
    }

    #[test]
    fn monthly_on_the_31st_falls_on_the_last_day_of_shorter_months() {
        let got = dates(ymd(2026, 1, 31), Repeat::Monthly, None, ymd(2026, 1, 1), ymd(2026, 5, 31));
        assert_eq!(got, [ymd(2026, 1, 31), ymd(2026, 2, 28), ymd(2026, 3, 31), ymd(2026, 4, 30), ymd(2026, 5, 31)]);
    }

    #[test]
    fn yearly_on_february_29_follows_the_rule() {
        let got = dates(ymd(2024, 2, 29), Repeat::Yearly, None, ymd(2024, 1, 1), ymd(2026, 12, 31));
        assert_eq!(got, [ymd(2024, 2, 29), ymd(2025, 2, 28), ymd(2026, 2, 28)]);
    }
}

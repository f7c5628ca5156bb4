//! Birthdays and anniversaries in a date range, found by their year-less key (an indexed
//! column SQLite computes from the stored date) rather than by converting every date.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::model::{Occurrence, OccurrenceKind};
use super::rules::DateRules;
use super::settings::LeadTimes;
use crate::calendar::lunar::{self, format_zh, LunarDate};
use crate::dates::DateSpec;
use crate::error::Result;

/// The keys of a range and the days each falls on (see `rules::keys_between`).
pub(super) type RangeKeys = HashMap<String, Vec<NaiveDate>>;

fn keys_json(keys: &RangeKeys) -> String {
    serde_json::to_string(&keys.keys().collect::<Vec<_>>()).expect("keys serialize")
}

/// The days of a range on which `spec` falls, honouring its year (none before it).
fn days_of<'k>(spec: &DateSpec, keys: &'k RangeKeys, key: &str) -> impl Iterator<Item = NaiveDate> + 'k {
    let first_year = match *spec {
        DateSpec::Gregorian { year, .. } => year.map(|y| (y, false)),
        DateSpec::Lunar { year, .. } => year.map(|y| (y, true)),
    };
    keys.get(key).into_iter().flatten().copied().filter(move |d| match first_year {
        None => true,
        Some((y, false)) => d.year() >= y,
        Some((y, true)) => lunar::gregorian_to_lunar(*d).map(|l| l.year >= y).unwrap_or(false),
    })
}

/// Years since the spec's year on day `d` (the age on a birthday).
fn years_since(spec: &DateSpec, d: NaiveDate) -> Option<i32> {
    match *spec {
        DateSpec::Gregorian { year, .. } => year.map(|y| d.year() - y),
        DateSpec::Lunar { year, .. } => {
            let l = lunar::gregorian_to_lunar(d).ok()?;
            year.map(|y| l.year - y)
        }
    }
}

fn lunar_label(spec: &DateSpec) -> Option<String> {
    match *spec {
        DateSpec::Lunar { month, leap, day, .. } => Some(format_zh(LunarDate::new(0, month, leap, day), false)),
        DateSpec::Gregorian { .. } => None,
    }
}

// INDEXED BY: without statistics SQLite prefers the (deleted_at, …) index and computes the
// generated key for every live customer (~250 ms at 100k); the key index makes it a lookup.
const BIRTHDAYS_SQL: &str = "SELECT id, name, birthday, birthday_key FROM customers INDEXED BY customers_birthday_key
     WHERE deleted_at IS NULL AND birthday_key IN (SELECT value FROM json_each(?1))";

const ANNIVERSARIES_SQL: &str = "SELECT a.id, a.customer_id, c.name, a.label, a.date, a.date_key
     FROM anniversaries a INDEXED BY anniversaries_date_key JOIN customers c ON c.id = a.customer_id
     WHERE a.deleted_at IS NULL AND c.deleted_at IS NULL AND a.date_key IN (SELECT value FROM json_each(?1))";

pub(super) fn birthdays(conn: &Connection, keys: &RangeKeys, lead: &LeadTimes) -> Result<Vec<Occurrence>> {
    let mut stmt = conn.prepare_cached(BIRTHDAYS_SQL)?;
    let mut rows = stmt.query([keys_json(keys)])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let (id, name): (String, String) = (r.get(0)?, r.get(1)?);
        let key: String = r.get(3)?;
        let Ok(spec) = serde_json::from_str::<DateSpec>(&r.get::<_, String>(2)?) else { continue };
        let kind = if lunar_label(&spec).is_some() { OccurrenceKind::LunarBirthday } else { OccurrenceKind::Birthday };
        for d in days_of(&spec, keys, &key) {
            let years = years_since(&spec, d);
            let (en, zh) = match (years, lunar_label(&spec)) {
                (Some(n), None) => (format!("Birthday: {name} (turns {n})"), format!("{name} {n} 岁生日")),
                (None, None) => (format!("Birthday: {name}"), format!("{name} 生日")),
                (Some(n), Some(l)) => {
                    (format!("Lunar birthday ({l}): {name} (turns {n})"), format!("{name} {n} 岁农历生日（{l}）"))
                }
                (None, Some(l)) => (format!("Lunar birthday ({l}): {name}"), format!("{name} 农历生日（{l}）")),
            };
            let mut o = Occurrence::new(kind, &id, d, lead.for_kind(kind)).for_customer(&id, &name).titled(en, zh);
            o.years = years;
            out.push(o);
        }
    }
    Ok(out)
}

pub(super) fn anniversaries(conn: &Connection, keys: &RangeKeys, lead: &LeadTimes) -> Result<Vec<Occurrence>> {
    let mut stmt = conn.prepare_cached(ANNIVERSARIES_SQL)?;
    let mut rows = stmt.query([keys_json(keys)])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let (id, customer_id, name, label): (String, String, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let key: String = r.get(5)?;
        let Ok(spec) = serde_json::from_str::<DateSpec>(&r.get::<_, String>(4)?) else { continue };
        let lunar = lunar_label(&spec);
        let kind = if lunar.is_some() { OccurrenceKind::LunarAnniversary } else { OccurrenceKind::Anniversary };
        for d in days_of(&spec, keys, &key) {
            let years = years_since(&spec, d).filter(|n| *n > 0);
            let on = lunar.as_ref().map(|l| format!(" ({l})")).unwrap_or_default();
            let on_zh = lunar.as_ref().map(|l| format!("（农历{l}）")).unwrap_or_default();
            let (en, zh) = match years {
                Some(n) => (format!("{label}{on}: {name} ({n} years)"), format!("{name}：{label}{on_zh} {n} 周年")),
                None => (format!("{label}{on}: {name}"), format!("{name}：{label}{on_zh}")),
            };
            let mut o =
                Occurrence::new(kind, &id, d, lead.for_kind(kind)).for_customer(&customer_id, &name).titled(en, zh);
            o.years = years;
            out.push(o);
        }
    }
    Ok(out)
}

/// The rules a range's keys were computed with must be the settings' (kept here so callers
/// cannot mix them up).
pub(super) fn range_keys(from: NaiveDate, to: NaiveDate, rules: DateRules) -> RangeKeys {
    super::rules::keys_between(from, to, rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(sql: &str) -> String {
        let store = crate::Store::open_in_memory(std::sync::Arc::new(crate::clock::SystemClock)).unwrap();
        let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt.query_map(["[]"], |r| r.get::<_, String>(3)).unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
    }

    #[test]
    fn birthdays_and_anniversaries_are_looked_up_by_key_index() {
        assert!(plan(BIRTHDAYS_SQL).contains("USING INDEX customers_birthday_key (birthday_key=?)"));
        assert!(plan(ANNIVERSARIES_SQL).contains("USING INDEX anniversaries_date_key (date_key=?)"));
    }
}

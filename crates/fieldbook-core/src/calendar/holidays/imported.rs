//! Statutory-holiday years the user imports (a newer year's file), kept in the synced
//! `holiday_calendars` table, and the store's view of all holiday data.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use super::cn::{self, StatutoryYear};
use super::{normalize_country, world, HolidayDay};
use crate::error::{CoreError, Result};
use crate::store::{Entity, Store};

pub const HOLIDAY_CALENDARS: Entity =
    Entity { table: "holiday_calendars", fields: &["country", "year", "data", "deleted_at"] };

/// Which years of China's statutory holidays the app knows, so the UI can say e.g.
/// "2027 holiday data is missing: import the notice's file".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HolidayCoverage {
    pub country: String,
    /// Years shipped with the app.
    pub bundled: Vec<i32>,
    /// Years imported by a user (they replace a bundled year of the same number).
    pub imported: Vec<i32>,
    /// This year and next year, if either has no data.
    pub missing: Vec<i32>,
}

impl Store {
    /// Import a statutory-holiday year file (the bundled files' schema). Replaces an earlier
    /// import of the same year; returns the parsed year.
    pub fn import_statutory_year(&mut self, json: &str) -> Result<StatutoryYear> {
        let year = StatutoryYear::parse(json)?;
        let id = format!("CN-{}", year.year);
        let data = serde_json::to_string(&year).map_err(|e| CoreError::Conflict(e.to_string()))?;
        let exists = self
            .conn()
            .query_row("SELECT 1 FROM holiday_calendars WHERE id = ?1", [&id], |_| Ok(()))
            .optional()?
            .is_some();
        let fields = [
            ("country", Value::Text("CN".into())),
            ("year", Value::Integer(year.year.into())),
            ("data", Value::Text(data)),
            ("deleted_at", Value::Null),
        ];
        self.write(|tx| {
            if exists {
                tx.update(HOLIDAY_CALENDARS, &id, &fields).map(drop)
            } else {
                tx.insert(HOLIDAY_CALENDARS, &id, &fields)
            }
        })?;
        Ok(year)
    }

    /// The statutory years known: bundled, with imported years added or replacing them.
    pub fn statutory_years(&self) -> Result<Vec<StatutoryYear>> {
        let mut years: BTreeMap<i32, StatutoryYear> = cn::bundled().iter().map(|y| (y.year, y.clone())).collect();
        for y in self.imported_years()? {
            years.insert(y.year, y);
        }
        Ok(years.into_values().collect())
    }

    fn imported_years(&self) -> Result<Vec<StatutoryYear>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, data FROM holiday_calendars WHERE country = 'CN' AND deleted_at IS NULL ORDER BY year",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, data) = row?;
            // A row another laptop synced that this version cannot read is skipped, not fatal.
            match StatutoryYear::parse(&data) {
                Ok(y) => out.push(y),
                Err(e) => tracing::warn!("skipping holiday calendar {id}: {e}"),
            }
        }
        Ok(out)
    }

    pub fn holiday_coverage(&self, today: NaiveDate) -> Result<HolidayCoverage> {
        let bundled: Vec<i32> = cn::bundled().iter().map(|y| y.year).collect();
        let imported: Vec<i32> = self.imported_years()?.iter().map(|y| y.year).collect();
        let missing = [today.year(), today.year() + 1]
            .into_iter()
            .filter(|y| !bundled.contains(y) && !imported.contains(y))
            .collect();
        Ok(HolidayCoverage { country: "CN".into(), bundled, imported, missing })
    }

    /// A country's holiday days in `from..=to`, sorted by date. For CN: the statutory days
    /// off and make-up workdays (where a year's data exists); elsewhere, public holidays.
    pub fn holidays(&self, country: &str, from: NaiveDate, to: NaiveDate) -> Result<Vec<HolidayDay>> {
        let code = normalize_country(country).ok_or_else(|| {
            CoreError::invalid("country", "country_unknown", format!("no holiday data for country {country:?}"))
        })?;
        if code != "CN" {
            return Ok(world::public_holidays(code, from, to));
        }
        let mut days: BTreeMap<NaiveDate, HolidayDay> = BTreeMap::new();
        for y in self.statutory_years()? {
            for d in y.days().into_iter().filter(|d| (from..=to).contains(&d.date)) {
                // A day listed by two years' files (元旦 across New Year): the file of the
                // day's own year wins.
                if d.date.year() == y.year || !days.contains_key(&d.date) {
                    days.insert(d.date, d);
                }
            }
        }
        Ok(days.into_values().collect())
    }
}

//! Other countries' public holidays, from the JSON files scripts/gen-holidays.py generates
//! with python-holidays (each file names the package version).

use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DayKind, HolidayDay};

#[derive(Debug, Deserialize)]
pub struct WorldCalendar {
    pub country: String,
    pub subdivision: Option<String>,
    pub first_year: i32,
    pub last_year: i32,
    pub source: String,
    pub holidays: Vec<WorldHoliday>,
}

#[derive(Debug, Deserialize)]
pub struct WorldHoliday {
    pub date: NaiveDate,
    pub name_en: String,
    pub name_local: String,
    pub name_zh: Option<String>,
}

const FILES: [&str; 7] = [
    include_str!("../../../data/holidays/us.json"),
    include_str!("../../../data/holidays/gb.json"),
    include_str!("../../../data/holidays/de.json"),
    include_str!("../../../data/holidays/jp.json"),
    include_str!("../../../data/holidays/sg.json"),
    include_str!("../../../data/holidays/hk.json"),
    include_str!("../../../data/holidays/tw.json"),
];

/// The bundled calendars, parsed once (the files are tested, so parsing cannot fail).
pub fn calendars() -> &'static [WorldCalendar] {
    static CALENDARS: OnceLock<Vec<WorldCalendar>> = OnceLock::new();
    CALENDARS.get_or_init(|| {
        FILES.iter().map(|f| serde_json::from_str(f).expect("bundled holiday files are valid")).collect()
    })
}

pub fn calendar(country: &str) -> Option<&'static WorldCalendar> {
    calendars().iter().find(|c| c.country == country)
}

/// A country's public holidays in `from..=to` (empty for a country without data).
pub fn public_holidays(country: &str, from: NaiveDate, to: NaiveDate) -> Vec<HolidayDay> {
    let Some(cal) = calendar(country) else { return vec![] };
    let start = cal.holidays.partition_point(|h| h.date < from);
    cal.holidays[start..]
        .iter()
        .take_while(|h| h.date <= to)
        .map(|h| HolidayDay {
            date: h.date,
            country: cal.country.clone(),
            kind: DayKind::Off,
            name_en: h.name_en.clone(),
            name_zh: h.name_zh.clone(),
            name_local: h.name_local.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn named(country: &str, date: NaiveDate) -> Option<String> {
        public_holidays(country, date, date).first().map(|h| h.name_en.clone())
    }

    #[test]
    fn every_bundled_file_parses_sorted_and_names_its_source() {
        assert_eq!(calendars().len(), 7);
        for cal in calendars() {
            assert!(cal.source.contains("python-holidays"), "{}: {}", cal.country, cal.source);
            assert!(cal.holidays.windows(2).all(|w| w[0].date < w[1].date), "{} must be sorted", cal.country);
            assert!(cal.first_year <= 2024 && cal.last_year >= 2035, "{} covers 2024-2035", cal.country);
        }
    }

    #[test]
    fn known_public_holidays() {
        assert_eq!(named("US", ymd(2026, 11, 26)).as_deref(), Some("Thanksgiving Day"));
        assert_eq!(named("US", ymd(2026, 7, 3)).as_deref(), Some("Independence Day (observed)"));
        assert_eq!(named("JP", ymd(2026, 1, 1)).as_deref(), Some("New Year's Day"));
        assert_eq!(public_holidays("JP", ymd(2026, 1, 1), ymd(2026, 1, 1))[0].name_local, "元日");
        assert_eq!(named("SG", ymd(2026, 8, 9)).as_deref(), Some("National Day"));
        assert_eq!(named("GB", ymd(2026, 12, 28)).as_deref(), Some("Boxing Day (observed)"));
        assert_eq!(named("DE", ymd(2026, 10, 3)).as_deref(), Some("German Unity Day"));
        assert!(named("HK", ymd(2026, 7, 1)).is_some(), "HKSAR Establishment Day");
        assert_eq!(public_holidays("TW", ymd(2026, 10, 10), ymd(2026, 10, 10))[0].name_local, "國慶日");
        assert!(named("US", ymd(2026, 11, 27)).is_none());
    }

    #[test]
    fn a_country_without_data_has_no_holidays() {
        assert!(public_holidays("FR", ymd(2026, 1, 1), ymd(2026, 12, 31)).is_empty());
    }
}

//! China's statutory holidays (法定节假日) with their 调休 make-up workdays, one JSON file per
//! year written from the State Council General Office's notice
//! (国务院办公厅关于<year>年部分节假日安排的通知), which names each block of days off and the
//! weekend days worked instead. Bundled years are embedded; newer years can be imported.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{DayKind, HolidayDay};
use crate::error::{CoreError, Result};

/// One year's notice, as a data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatutoryYear {
    /// Always 1 for now.
    pub schema: u32,
    /// Always `CN`.
    pub country: String,
    pub year: i32,
    pub source: NoticeSource,
    pub holidays: Vec<StatutoryHoliday>,
}

/// Where the data comes from: the notice's title, document number and publication date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NoticeSource {
    pub title: String,
    pub document: Option<String>,
    pub published: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A block of days off (放假) and the make-up workdays (调休上班) that go with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatutoryHoliday {
    pub name_zh: String,
    pub name_en: String,
    #[ts(type = "string")]
    pub start: NaiveDate,
    #[ts(type = "string")]
    pub end: NaiveDate,
    #[ts(type = "Array<string>")]
    pub workdays: Vec<NaiveDate>,
}

const BUNDLED: [&str; 3] = [
    include_str!("../../../data/holidays/cn/2024.json"),
    include_str!("../../../data/holidays/cn/2025.json"),
    include_str!("../../../data/holidays/cn/2026.json"),
];

/// The years shipped with the app.
pub fn bundled() -> &'static [StatutoryYear] {
    static YEARS: OnceLock<Vec<StatutoryYear>> = OnceLock::new();
    YEARS.get_or_init(|| BUNDLED.iter().map(|f| StatutoryYear::parse(f).expect("bundled files are valid")).collect())
}

fn bad(reason: &'static str, message: String) -> CoreError {
    CoreError::invalid("holiday_file", reason, message)
}

impl StatutoryYear {
    /// Parse and check a year file: the schema, and dates that make sense (blocks in order,
    /// near their year, at most 15 days long; make-up workdays are weekend days outside
    /// every block).
    pub fn parse(json: &str) -> Result<StatutoryYear> {
        let y: StatutoryYear = serde_json::from_str(json)
            .map_err(|e| bad("holiday_file_invalid", format!("not a holiday data file: {e}")))?;
        if y.schema != 1 {
            return Err(bad("holiday_file_invalid", format!("unsupported schema {} (expected 1)", y.schema)));
        }
        if y.country != "CN" {
            return Err(bad("holiday_file_invalid", format!("country {:?}: only CN files can be imported", y.country)));
        }
        if !(crate::calendar::MIN_YEAR..=crate::calendar::MAX_YEAR).contains(&y.year) {
            return Err(bad("holiday_file_invalid", format!("year {} is out of range", y.year)));
        }
        if y.source.title.trim().is_empty() {
            return Err(bad("holiday_file_invalid", "the source (the notice's title) must be named".into()));
        }
        if y.holidays.is_empty() {
            return Err(bad("holiday_file_invalid", "the file lists no holidays".into()));
        }
        let near = |d: NaiveDate| (y.year - 1..=y.year).contains(&d.year());
        for h in &y.holidays {
            let what = format!("{} ({} – {})", h.name_zh, h.start, h.end);
            if h.name_zh.trim().is_empty() || h.name_en.trim().is_empty() {
                return Err(bad("holiday_file_invalid", format!("{what}: a holiday needs both names")));
            }
            if h.start > h.end || (h.end - h.start).num_days() > 14 || !near(h.start) || h.end.year() > y.year + 1 {
                return Err(bad("holiday_file_invalid", format!("{what}: the dates do not fit year {}", y.year)));
            }
            for w in &h.workdays {
                let weekend = matches!(w.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun);
                let in_block = y.holidays.iter().any(|b| (b.start..=b.end).contains(w));
                if !weekend || in_block || (w.year() - y.year).abs() > 1 {
                    return Err(bad(
                        "holiday_file_invalid",
                        format!("{what}: make-up workday {w} must be a weekend day outside the holidays"),
                    ));
                }
            }
        }
        Ok(y)
    }

    /// Every listed day, days off and make-up workdays, sorted by date.
    pub fn days(&self) -> Vec<HolidayDay> {
        let mut out = Vec::new();
        for h in &self.holidays {
            let day = |date, kind| HolidayDay {
                date,
                country: "CN".into(),
                kind,
                name_en: h.name_en.clone(),
                name_zh: Some(h.name_zh.clone()),
                name_local: h.name_zh.clone(),
            };
            out.extend(h.start.iter_days().take_while(|d| *d <= h.end).map(|d| day(d, DayKind::Off)));
            out.extend(h.workdays.iter().map(|d| day(*d, DayKind::MakeUpWorkday)));
        }
        out.sort_by_key(|d| d.date);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn year(y: i32) -> &'static StatutoryYear {
        bundled().iter().find(|f| f.year == y).unwrap()
    }

    fn kinds(y: i32, kind: DayKind) -> Vec<NaiveDate> {
        year(y).days().into_iter().filter(|d| d.kind == kind).map(|d| d.date).collect()
    }

    #[test]
    fn bundled_years_name_their_notice() {
        assert_eq!(bundled().iter().map(|y| y.year).collect::<Vec<_>>(), [2024, 2025, 2026]);
        assert_eq!(year(2025).source.document.as_deref(), Some("国办发明电〔2024〕12号"));
        assert_eq!(year(2024).source.document.as_deref(), Some("国办发明电〔2023〕7号"));
        for y in bundled() {
            assert!(y.source.title.contains(&format!("{}年部分节假日安排的通知", y.year)));
        }
    }

    #[test]
    fn spring_festival_2025_with_its_make_up_workdays() {
        let off = kinds(2025, DayKind::Off);
        let sf: Vec<_> = off.iter().filter(|d| **d >= ymd(2025, 1, 20) && **d <= ymd(2025, 2, 10)).collect();
        assert_eq!(sf.len(), 8, "1/28 (除夕) to 2/4: {sf:?}");
        assert_eq!(*sf[0], ymd(2025, 1, 28));
        assert_eq!(*sf[7], ymd(2025, 2, 4));
        let work = kinds(2025, DayKind::MakeUpWorkday);
        assert_eq!(work, [ymd(2025, 1, 26), ymd(2025, 2, 8), ymd(2025, 4, 27), ymd(2025, 9, 28), ymd(2025, 10, 11)]);
        assert!(off.contains(&ymd(2025, 5, 5)) && off.contains(&ymd(2025, 10, 8)));
        assert!(!off.contains(&ymd(2025, 10, 9)));
    }

    #[test]
    fn the_2026_and_2024_notices() {
        let off = kinds(2026, DayKind::Off);
        assert!(off.contains(&ymd(2026, 2, 15)) && off.contains(&ymd(2026, 2, 23)), "春节 2/15–2/23, 9 days");
        assert_eq!(
            kinds(2026, DayKind::MakeUpWorkday),
            [ymd(2026, 1, 4), ymd(2026, 2, 14), ymd(2026, 2, 28), ymd(2026, 5, 9), ymd(2026, 9, 20), ymd(2026, 10, 10)]
        );
        assert_eq!(off.len(), 3 + 9 + 3 + 5 + 3 + 3 + 7);
        assert_eq!(kinds(2024, DayKind::MakeUpWorkday).len(), 8);
    }

    #[test]
    fn invalid_files_are_rejected_with_a_reason() {
        let good = BUNDLED[1];
        assert!(StatutoryYear::parse(good).is_ok());
        for (bad, why) in [
            ("{", "not JSON"),
            (&good.replace("\"schema\": 1", "\"schema\": 9"), "unknown schema"),
            (&good.replace("\"country\": \"CN\"", "\"country\": \"US\""), "not CN"),
            (&good.replace("\"2025-01-26\"", "\"2025-01-27\""), "a Monday as make-up workday"),
            (&good.replace("\"end\": \"2025-02-04\"", "\"end\": \"2025-01-20\""), "end before start"),
        ] {
            let err = StatutoryYear::parse(bad).expect_err(why);
            assert_eq!(err.code(), "holiday_file_invalid", "{why}");
        }
    }
}

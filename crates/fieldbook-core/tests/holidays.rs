//! Holiday data through the store: bundled years, importing a newer year, coverage.

mod common;

use chrono::NaiveDate;
use fieldbook_core::calendar::holidays::DayKind;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A made-up 2027 file (NOT the real notice, which is not out yet): a fixture for the import path.
const Y2027: &str = r#"{
 "schema": 1, "country": "CN", "year": 2027,
 "source": {"title": "国务院办公厅关于2027年部分节假日安排的通知", "document": null, "published": null},
 "holidays": [
  {"name_zh": "元旦", "name_en": "New Year's Day", "start": "2027-01-01", "end": "2027-01-03", "workdays": []},
  {"name_zh": "春节", "name_en": "Spring Festival", "start": "2027-02-05", "end": "2027-02-12", "workdays": ["2027-02-13"]}
 ]
}"#;

#[test]
fn china_2025_lists_days_off_and_make_up_workdays() {
    let (store, _) = common::store();
    let days = store.holidays("CN", ymd(2025, 1, 20), ymd(2025, 2, 10)).unwrap();
    let work: Vec<_> = days.iter().filter(|d| d.kind == DayKind::MakeUpWorkday).map(|d| d.date).collect();
    assert_eq!(work, [ymd(2025, 1, 26), ymd(2025, 2, 8)], "调休: work on Sunday 1/26 and Saturday 2/8");
    assert_eq!(days.iter().filter(|d| d.kind == DayKind::Off).count(), 8);
    assert_eq!(days[0].name_zh.as_deref(), Some("春节"));
}

#[test]
fn other_countries_and_the_uk_alias() {
    let (store, _) = common::store();
    let us = store.holidays("us", ymd(2026, 11, 26), ymd(2026, 11, 26)).unwrap();
    assert_eq!(us[0].name_en, "Thanksgiving Day");
    let uk = store.holidays("UK", ymd(2026, 12, 25), ymd(2026, 12, 25)).unwrap();
    assert_eq!(uk[0].country, "GB");
    let err = store.holidays("XX", ymd(2026, 1, 1), ymd(2026, 1, 2)).unwrap_err();
    assert_eq!(err.code(), "country_unknown");
}

#[test]
fn coverage_says_which_coming_year_is_missing_until_it_is_imported() {
    let (mut store, _) = common::store();
    let cov = store.holiday_coverage(ymd(2026, 11, 22)).unwrap();
    assert_eq!(cov.bundled, [2024, 2025, 2026]);
    assert_eq!(cov.missing, [2027], "the UI warns that 2027 data is missing");
    assert!(store.holidays("CN", ymd(2027, 2, 1), ymd(2027, 2, 28)).unwrap().is_empty());

    let year = store.import_statutory_year(Y2027).unwrap();
    assert_eq!(year.year, 2027);
    let cov = store.holiday_coverage(ymd(2026, 11, 22)).unwrap();
    assert_eq!((cov.imported, cov.missing), (vec![2027], vec![]));
    let feb = store.holidays("CN", ymd(2027, 2, 1), ymd(2027, 2, 28)).unwrap();
    assert_eq!(feb.len(), 9);
    assert_eq!(feb.last().unwrap().kind, DayKind::MakeUpWorkday);

    // Importing the same year again replaces it (one row, journaled as an update).
    store.import_statutory_year(&Y2027.replace("\"2027-02-12\"", "\"2027-02-11\"")).unwrap();
    assert_eq!(store.holidays("CN", ymd(2027, 2, 1), ymd(2027, 2, 28)).unwrap().len(), 8);
}

#[test]
fn a_bad_import_is_rejected_and_nothing_is_stored() {
    let (mut store, _) = common::store();
    let err = store.import_statutory_year(&Y2027.replace("2027-02-13", "2027-02-15")).unwrap_err();
    assert_eq!(err.code(), "holiday_file_invalid", "2027-02-15 is a Monday: not a make-up workday");
    assert!(store.holiday_coverage(ymd(2026, 11, 22)).unwrap().imported.is_empty());
}

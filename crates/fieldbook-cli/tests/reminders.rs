//! The reminder commands end to end: agenda, lunar conversions, holidays.

use assert_cmd::Command;
use serde_json::Value;

fn fieldbook(db: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("fieldbook").unwrap();
    c.arg("--db").arg(db);
    c
}

fn json(c: &mut Command) -> Value {
    let out = c.arg("--json").assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn agenda_lists_birthdays_festivals_and_holidays_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.db");
    fieldbook(&db).args(["customers", "add", "--name", "张三", "--birthday", "1984-09-20"]).assert().success();
    fieldbook(&db).args(["customers", "add", "--name", "李四", "--lunar-birthday", "08-15"]).assert().success();
    let items = json(fieldbook(&db).args(["agenda", "--from", "2026-09-18", "--days", "14"]));
    let items = items.as_array().unwrap();
    let find = |kind: &str, date: &str| {
        items
            .iter()
            .find(|o| o["kind"] == kind && o["date"] == date)
            .unwrap_or_else(|| panic!("{kind} {date}: {items:#?}"))
    };
    let zhang = find("birthday", "2026-09-20");
    assert_eq!(zhang["customer_name"], "张三");
    assert_eq!(zhang["title"], "Birthday: 张三 (turns 42)");
    assert_eq!(zhang["remind_on"], "2026-09-17");
    // 八月十五 of 2026 is 中秋, 2026-09-25: a lunar birthday and the festival on one day.
    assert_eq!(find("lunar_birthday", "2026-09-25")["customer_name"], "李四");
    let festival = find("festival", "2026-09-25");
    assert_eq!(
        (festival["customer_name"].clone(), festival["title"].clone()),
        (Value::Null, "Mid-Autumn Festival".into())
    );
    assert!(find("statutory_holiday", "2026-10-01")["customer_id"].is_null());
    find("make_up_workday", "2026-09-20");
    let dates: Vec<&str> = items.iter().map(|o| o["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "sorted by date");
}

#[test]
fn lunar_conversions_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.db");
    let v = json(fieldbook(&db).args(["lunar", "2025-01-29"]));
    assert_eq!(v["lunar"], serde_json::json!({"year": 2025, "month": 1, "leap": false, "day": 1}));
    assert_eq!(v["text_zh"], "2025年正月初一");
    let v = json(fieldbook(&db).args(["lunar", "--to-gregorian", "2023", "L02", "01"]));
    assert_eq!(v["gregorian"], "2023-03-22", "2023 闰二月 begins 2023-03-22");
    let v = json(fieldbook(&db).args(["lunar", "--to-gregorian", "2033", "L11", "1"]));
    assert_eq!(v["gregorian"], "2033-12-22");
    let text = fieldbook(&db).args(["lunar", "2026-02-16"]).assert().success().get_output().stdout.clone();
    assert!(String::from_utf8(text).unwrap().contains("腊月廿九"), "除夕 2026 is 廿九");
    fieldbook(&db).args(["lunar", "--to-gregorian", "2024", "L02", "15"]).assert().failure();
}

#[test]
fn holidays_of_a_year_with_make_up_workdays() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.db");
    let days = json(fieldbook(&db).args(["holidays", "--year", "2025", "--country", "CN"]));
    let days = days.as_array().unwrap();
    let work: Vec<&str> =
        days.iter().filter(|d| d["kind"] == "make_up_workday").map(|d| d["date"].as_str().unwrap()).collect();
    assert_eq!(work, ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]);
    let oct8 = days.iter().find(|d| d["date"] == "2025-10-08").unwrap();
    assert_eq!((oct8["kind"].as_str(), oct8["name_zh"].as_str()), (Some("off"), Some("国庆节、中秋节")));
    let us = json(fieldbook(&db).args(["holidays", "--year", "2026", "--country", "US"]));
    assert!(us.as_array().unwrap().iter().any(|d| d["date"] == "2026-11-26" && d["name_en"] == "Thanksgiving Day"));
    let err = fieldbook(&db).args(["--json", "holidays", "--year", "2026", "--country", "XX"]).assert().failure();
    let payload: Value = serde_json::from_slice(&err.get_output().stderr).unwrap();
    assert_eq!(payload["code"], "country_unknown");
}

#[test]
fn importing_a_newer_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.db");
    // A made-up 2027 file (not the real notice): exercises the import path.
    let file = dir.path().join("2027.json");
    std::fs::write(
        &file,
        r#"{"schema": 1, "country": "CN", "year": 2027,
            "source": {"title": "国务院办公厅关于2027年部分节假日安排的通知", "document": null, "published": null},
            "holidays": [{"name_zh": "元旦", "name_en": "New Year's Day", "start": "2027-01-01", "end": "2027-01-03", "workdays": []}]}"#,
    )
    .unwrap();
    fieldbook(&db).arg("holidays").arg("--import").arg(&file).assert().success();
    let days = json(fieldbook(&db).args(["holidays", "--year", "2027"]));
    assert_eq!(days.as_array().unwrap().len(), 3);
}

#[test]
fn ics_export_has_all_day_events_with_uids() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.db");
    fieldbook(&db).args(["customers", "add", "--name", "张三", "--birthday", "1984-03-09"]).assert().success();
    fieldbook(&db).args(["customers", "add", "--name", "李四", "--lunar-birthday", "08-15"]).assert().success();
    let out = fieldbook(&db).args(["ics", "--years", "5"]).assert().success().get_output().stdout.clone();
    let ics = String::from_utf8(out).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1 + 5, "one yearly Gregorian event, five lunar ones");
    assert_eq!(ics.matches("RRULE:FREQ=YEARLY").count(), 1);
    assert!(ics.contains("DTSTART;VALUE=DATE:19840309\r\nDTEND;VALUE=DATE:19840310\r\n"));
    assert_eq!(ics.matches("UID:").count(), 6);
    assert_eq!(ics.matches("DTSTAMP:").count(), 6);
    assert!(ics.split("\r\n").all(|l| l.len() <= 75), "lines are folded");
}

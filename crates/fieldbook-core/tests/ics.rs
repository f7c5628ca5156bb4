//! The exported .ics is valid iCalendar that calendar apps import: checked by parsing it with
//! an independent parser (the `ical` crate), not by comparing our own strings.

mod common;

use std::collections::HashSet;

use chrono::{NaiveDate, TimeZone, Utc};
use fieldbook_core::customers::{Anniversary, CustomerInput};
use fieldbook_core::dates::DateSpec;
use fieldbook_core::reminders::IcsOptions;
use ical::parser::ical::component::IcalEvent;

fn prop<'a>(e: &'a IcalEvent, name: &str) -> Option<&'a str> {
    e.properties.iter().find(|p| p.name == name).and_then(|p| p.value.as_deref())
}

fn book() -> fieldbook_core::Store {
    let (mut store, _) = common::store();
    let g = |month, day| Some(DateSpec::Gregorian { year: Some(1984), month, day });
    store.create_customer(CustomerInput { birthday: g(3, 9), ..common::person("Emily Carter") }).unwrap();
    store.create_customer(CustomerInput { birthday: g(2, 29), ..common::person("闰日先生") }).unwrap();
    store
        .create_customer(CustomerInput {
            birthday: Some(DateSpec::Lunar { year: None, month: 8, leap: false, day: 15 }),
            anniversaries: vec![Anniversary {
                id: None,
                label: "结婚纪念日, 第一次见面; 在\\上海".into(),
                date: DateSpec::Gregorian { year: Some(2010), month: 10, day: 1 },
            }],
            ..common::person(&"欧阳".repeat(30))
        })
        .unwrap();
    store
}

fn parse(ics: &str) -> Vec<IcalEvent> {
    let mut cals = ical::IcalParser::new(ics.as_bytes());
    let cal = cals.next().expect("one calendar").expect("parses");
    assert!(cals.next().is_none(), "exactly one VCALENDAR");
    cal.events
}

#[test]
fn every_event_is_an_all_day_event_with_a_unique_uid_a_dtstamp_and_dtend_the_next_day() {
    let store = book();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap();
    let ics = store.export_ics_with(today, IcsOptions { years: 5, rscale: false }, now).unwrap();
    assert!(ics.split_inclusive('\n').all(|l| l.ends_with("\r\n")), "every line ends with CRLF");
    assert!(ics.split("\r\n").all(|l| l.len() <= 75), "folded at 75 octets");

    let events = parse(&ics);
    // 1 yearly Gregorian birthday + 5 Feb-29 + 5 lunar + 1 yearly anniversary.
    assert_eq!(events.len(), 12);
    let mut uids = HashSet::new();
    for e in &events {
        assert!(uids.insert(prop(e, "UID").unwrap().to_string()), "UIDs are unique");
        assert_eq!(prop(e, "DTSTAMP"), Some("20261122T090000Z"));
        let start = NaiveDate::parse_from_str(prop(e, "DTSTART").unwrap(), "%Y%m%d").unwrap();
        let end = NaiveDate::parse_from_str(prop(e, "DTEND").unwrap(), "%Y%m%d").unwrap();
        assert_eq!(end, start.succ_opt().unwrap(), "all-day: DTEND is the next day");
        let dtstart = e.properties.iter().find(|p| p.name == "DTSTART").unwrap();
        assert_eq!(dtstart.params.as_ref().unwrap()[0], ("VALUE".to_string(), vec!["DATE".to_string()]));
    }
    let anniversary = events.iter().find(|e| prop(e, "SUMMARY").unwrap().contains("结婚纪念日")).unwrap();
    assert_eq!(prop(anniversary, "RRULE"), Some("FREQ=YEARLY"));
    assert!(
        prop(anniversary, "SUMMARY").unwrap().contains("结婚纪念日\\, 第一次见面\\; 在\\\\上海"),
        "TEXT is escaped"
    );
    let lunar: Vec<_> =
        events.iter().filter(|e| prop(e, "DESCRIPTION").is_some_and(|d| d.starts_with("农历"))).collect();
    assert_eq!(lunar.len(), 5, "lunar: one dated event per year");
    assert!(lunar.iter().all(|e| prop(e, "RRULE").is_none()));
    assert!(lunar.iter().any(|e| prop(e, "DTSTART") == Some("20270915")), "中秋 2027 is 09-15");
}

#[test]
fn with_rscale_the_lunar_birthday_is_one_chinese_calendar_event_and_the_rest_is_unchanged() {
    let store = book();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap();
    let events = parse(&store.export_ics_with(today, IcsOptions { years: 5, rscale: true }, now).unwrap());
    assert_eq!(events.len(), 8, "1 + 5 Feb-29 + 1 lunar + 1 anniversary");
    let lunar: Vec<_> =
        events.iter().filter(|e| prop(e, "DESCRIPTION").is_some_and(|d| d.starts_with("农历"))).collect();
    assert_eq!(lunar.len(), 1);
    assert_eq!(prop(lunar[0], "RRULE"), Some("RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15;SKIP=BACKWARD"));
    assert_eq!(prop(lunar[0], "DTSTART"), Some("20270915"), "the next 八月十五 after 2026-11-22");
}

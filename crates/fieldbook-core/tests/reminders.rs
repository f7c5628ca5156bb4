//! The agenda through the store: birthdays and anniversaries on both calendars, festivals,
//! holidays, revisit cadence, custom reminders, lead times, and reminder state.

mod common;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use fieldbook_core::customers::{Anniversary, Tier};
use fieldbook_core::dates::DateSpec;
use fieldbook_core::reminders::{
    CustomReminderInput, Feb29Rule, Occurrence, OccurrenceKind, ReminderSettings, ReminderStatus, Repeat,
};
use fieldbook_core::Store;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn quiet() -> ReminderSettings {
    // Only customer reminders, so the assertions below see what they test.
    let revisit = fieldbook_core::reminders::RevisitIntervals { vip: None, a: None, b: None, c: None };
    ReminderSettings { festivals: false, statutory_holidays: false, revisit, ..Default::default() }
}

fn of_kind(items: &[Occurrence], kind: OccurrenceKind) -> Vec<&Occurrence> {
    items.iter().filter(|o| o.kind == kind).collect()
}

fn add(store: &mut Store, name: &str, birthday: Option<DateSpec>) -> String {
    store.create_customer(fieldbook_core::customers::CustomerInput { birthday, ..common::person(name) }).unwrap().id
}

#[test]
fn birthdays_on_both_calendars_with_lead_time() {
    let (mut store, _) = common::store();
    let zhang = add(&mut store, "张三", Some(DateSpec::Gregorian { year: Some(1984), month: 12, day: 1 }));
    let li = add(&mut store, "李四", Some(DateSpec::Lunar { year: None, month: 10, leap: false, day: 15 }));
    add(&mut store, "王五", Some(DateSpec::Gregorian { year: None, month: 1, day: 20 }));
    add(&mut store, "No birthday", None);

    let items = store.occurrences(ymd(2026, 11, 22), 30, &quiet()).unwrap();
    assert_eq!(items.len(), 2, "王五 (Jan 20) is outside the 30 days: {items:#?}");
    let lunar = &items[0];
    // 十月十五 of lunar 2026 is 2026-11-24 (十月初一 = 2026-11-10 … see calendar tests).
    assert_eq!(
        lunar.date,
        fieldbook_core::calendar::lunar_to_gregorian(fieldbook_core::calendar::LunarDate::new(2026, 10, false, 15))
            .unwrap()
    );
    assert_eq!((lunar.kind, lunar.customer_id.as_deref()), (OccurrenceKind::LunarBirthday, Some(li.as_str())));
    assert_eq!(lunar.title_zh, "李四 农历生日（十月十五）");
    let g = &items[1];
    assert_eq!((g.kind, g.date), (OccurrenceKind::Birthday, ymd(2026, 12, 1)));
    assert_eq!(g.remind_on, ymd(2026, 11, 28), "birthdays are reminded 3 days ahead by default");
    assert_eq!(g.years, Some(42));
    assert_eq!(g.title, "Birthday: 张三 (turns 42)");
    assert_eq!(g.key, format!("birthday:{zhang}:2026-12-01"));
    assert_eq!(g.customer_name.as_deref(), Some("张三"));
}

#[test]
fn february_29_birthdays_follow_the_setting() {
    let (mut store, _) = common::store();
    add(&mut store, "Leapling", Some(DateSpec::Gregorian { year: Some(2000), month: 2, day: 29 }));
    let feb28 = store.occurrences(ymd(2027, 2, 1), 60, &quiet()).unwrap();
    assert_eq!(feb28.iter().map(|o| o.date).collect::<Vec<_>>(), [ymd(2027, 2, 28)]);
    let mar1 = ReminderSettings {
        rules: fieldbook_core::reminders::DateRules { feb29: Feb29Rule::Mar1, ..Default::default() },
        ..quiet()
    };
    let items = store.occurrences(ymd(2027, 2, 1), 60, &mar1).unwrap();
    assert_eq!(items.iter().map(|o| o.date).collect::<Vec<_>>(), [ymd(2027, 3, 1)]);
}

#[test]
fn a_lunar_thirtieth_in_a_short_month_and_a_deleted_customer() {
    let (mut store, _) = common::store();
    add(&mut store, "三十", Some(DateSpec::Lunar { year: None, month: 12, leap: false, day: 30 }));
    let gone = add(&mut store, "Gone", Some(DateSpec::Lunar { year: None, month: 12, leap: false, day: 29 }));
    store.delete_customer(&gone).unwrap();
    let items = store.occurrences(ymd(2026, 2, 1), 28, &quiet()).unwrap();
    assert_eq!(items.len(), 1, "the deleted customer has no reminders: {items:#?}");
    assert_eq!(items[0].date, ymd(2026, 2, 16), "腊月 of lunar 2025 has 29 days: 三十 → 廿九");
}

#[test]
fn anniversaries_count_the_years() {
    let (mut store, _) = common::store();
    let mut input = common::person("赵六");
    input.anniversaries = vec![
        Anniversary {
            id: None,
            label: "Wedding".into(),
            date: DateSpec::Gregorian { year: Some(2016), month: 12, day: 8 },
        },
        Anniversary {
            id: None,
            label: "Became a client".into(),
            date: DateSpec::Lunar { year: None, month: 10, leap: false, day: 20 },
        },
    ];
    store.create_customer(input).unwrap();
    let items = store.occurrences(ymd(2026, 11, 22), 30, &quiet()).unwrap();
    let wedding = of_kind(&items, OccurrenceKind::Anniversary);
    assert_eq!(wedding.len(), 1);
    assert_eq!((wedding[0].date, wedding[0].years), (ymd(2026, 12, 8), Some(10)));
    assert_eq!(wedding[0].title, "Wedding: 赵六 (10 years)");
    assert_eq!(of_kind(&items, OccurrenceKind::LunarAnniversary).len(), 1);
}

#[test]
fn festivals_and_holidays_are_general_occurrences() {
    let (store, _) = common::store();
    let s = ReminderSettings { countries: vec!["US".into()], ..Default::default() };
    let items = store.occurrences(ymd(2026, 9, 18), 30, &s).unwrap();
    let mid = items.iter().find(|o| o.tag.as_deref() == Some("mid_autumn")).expect("中秋 is in range");
    assert_eq!((mid.date, mid.remind_on), (ymd(2026, 9, 25), ymd(2026, 9, 24)), "festivals: 1 day ahead");
    assert_eq!((mid.customer_id.as_ref(), mid.title_zh.as_str()), (None, "中秋节"));
    let blocks = of_kind(&items, OccurrenceKind::StatutoryHoliday);
    assert_eq!(blocks.iter().map(|o| o.date).collect::<Vec<_>>(), [ymd(2026, 9, 25), ymd(2026, 10, 1)]);
    assert!(blocks[1].title.contains("2026-10-07 (7 days off)"), "{}", blocks[1].title);
    let work = of_kind(&items, OccurrenceKind::MakeUpWorkday);
    assert_eq!(work.iter().map(|o| o.date).collect::<Vec<_>>(), [ymd(2026, 9, 20), ymd(2026, 10, 10)]);
    let us = of_kind(&items, OccurrenceKind::PublicHoliday);
    assert!(us.iter().any(|o| o.date == ymd(2026, 10, 12)), "Columbus Day: {us:#?}");
    assert!(items.windows(2).all(|w| w[0].date <= w[1].date), "sorted by date");
}

#[test]
fn revisits_are_due_an_interval_after_creation_per_tier_or_override() {
    let (mut store, clock) = common::store(); // 2026-11-22
    let vip = store
        .create_customer(fieldbook_core::customers::CustomerInput { tier: Some(Tier::Vip), ..common::person("VIP") })
        .unwrap()
        .id;
    let c = store
        .create_customer(fieldbook_core::customers::CustomerInput { tier: Some(Tier::C), ..common::person("C") })
        .unwrap()
        .id;
    let custom = store
        .create_customer(fieldbook_core::customers::CustomerInput { tier: Some(Tier::C), ..common::person("Own") })
        .unwrap()
        .id;
    store.create_customer(common::person("No tier")).unwrap();
    store.set_revisit_interval(&custom, Some(3)).unwrap();
    assert_eq!(store.revisit_interval(&custom).unwrap(), Some(3));
    clock.advance(Duration::days(1));

    let s = ReminderSettings { festivals: false, statutory_holidays: false, ..Default::default() };
    let items = store.occurrences(ymd(2026, 11, 22), 120, &s).unwrap();
    let due: Vec<(&str, NaiveDate)> =
        of_kind(&items, OccurrenceKind::Revisit).iter().map(|o| (o.customer_id.as_deref().unwrap(), o.date)).collect();
    assert_eq!(
        due,
        [(custom.as_str(), ymd(2026, 11, 25)), (vip.as_str(), ymd(2026, 11, 29)), (c.as_str(), ymd(2027, 2, 20))]
    );
    assert_eq!(of_kind(&items, OccurrenceKind::Revisit)[1].remind_on, ymd(2026, 11, 29), "revisits: on the day");

    // The pure rule: the last contact (else creation), plus the interval.
    use fieldbook_core::reminders::revisit_due;
    assert_eq!(revisit_due(ymd(2026, 1, 1), None, 7), ymd(2026, 1, 8));
    assert_eq!(revisit_due(ymd(2026, 1, 1), Some(ymd(2026, 3, 1)), 14), ymd(2026, 3, 15), "a contact resets it");
    assert_eq!(
        revisit_due(ymd(2026, 3, 1), Some(ymd(2026, 1, 1)), 14),
        ymd(2026, 1, 15),
        "history logged before the customer was added counts"
    );

    // Overdue radar, most late first.
    let radar = store.overdue_revisits(ymd(2026, 12, 31), 10, clock.now_utc()).unwrap();
    assert_eq!(radar.iter().map(|r| r.days_late).collect::<Vec<_>>(), [36, 32]);
    assert_eq!(radar[1].tier, Some(Tier::Vip));
    store.set_revisit_interval(&custom, Some(0)).unwrap_err();
}

trait NowUtc {
    fn now_utc(&self) -> chrono::DateTime<Utc>;
}
impl NowUtc for fieldbook_core::clock::ManualClock {
    fn now_utc(&self) -> chrono::DateTime<Utc> {
        use fieldbook_core::clock::Clock;
        self.now()
    }
}

#[test]
fn done_snoozed_and_dismissed_persist_and_a_done_birthday_comes_back_next_year() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let clock = common::clock();
    let mut store = Store::open(&path, clock.clone()).unwrap();
    add(&mut store, "张三", Some(DateSpec::Gregorian { year: None, month: 12, day: 1 }));
    add(&mut store, "李四", Some(DateSpec::Gregorian { year: None, month: 12, day: 2 }));
    add(&mut store, "王五", Some(DateSpec::Gregorian { year: None, month: 12, day: 3 }));
    let items = store.occurrences(ymd(2026, 12, 1), 3, &quiet()).unwrap();
    let until = Utc.with_ymd_and_hms(2026, 12, 2, 1, 0, 0).unwrap();
    store.mark_done(&items[0].key).unwrap();
    store.snooze(&items[1].key, until).unwrap();
    store.dismiss(&items[2].key).unwrap();
    drop(store);

    let mut store = Store::open(&path, clock).unwrap();
    let items = store.occurrences(ymd(2026, 12, 1), 3, &quiet()).unwrap();
    let states: Vec<_> = items.iter().map(|o| o.status).collect();
    assert_eq!(states, [Some(ReminderStatus::Done), Some(ReminderStatus::Snoozed), Some(ReminderStatus::Dismissed)]);
    assert_eq!(items[1].snoozed_until.as_deref(), Some("2026-12-02T01:00:00.000Z"));
    assert!(!fieldbook_core::reminders::is_open(&items[1], until - Duration::minutes(1)));
    assert!(fieldbook_core::reminders::is_open(&items[1], until), "open again when the snooze ends");

    let next_year = store.occurrences(ymd(2027, 12, 1), 1, &quiet()).unwrap();
    assert_eq!(next_year[0].status, None, "next year's birthday is a new occurrence");

    store.reopen(&items[0].key).unwrap();
    assert_eq!(store.occurrences(ymd(2026, 12, 1), 1, &quiet()).unwrap()[0].status, None);
    assert_eq!(store.mark_done("nonsense").unwrap_err().code(), "reminder_key_invalid");
    let journal = store
        .journal(&fieldbook_core::store::JournalQuery { entity: Some("reminder_states".into()), ..Default::default() })
        .unwrap();
    assert!(journal.len() >= 4, "state changes are stamped and journaled for sync");
}

#[test]
fn custom_reminders_crud_and_recurrence() {
    let (mut store, _) = common::store();
    let id = add(&mut store, "张三", None);
    let input = CustomReminderInput {
        customer_id: Some(id.clone()),
        title: "Quarterly review".into(),
        start_date: ymd(2026, 1, 31),
        repeat: Repeat::Monthly,
        until_date: None,
        notes: None,
    };
    let r = store.create_custom_reminder(input.clone()).unwrap();
    let items = store.occurrences(ymd(2026, 2, 1), 28, &quiet()).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!((items[0].date, items[0].kind), (ymd(2026, 2, 28), OccurrenceKind::Custom));
    assert_eq!(items[0].title, "Quarterly review — 张三");
    assert_eq!(items[0].key, format!("custom:{}:2026-02-28", r.id));

    let weekly =
        store.update_custom_reminder(&r.id, CustomReminderInput { repeat: Repeat::Weekly, ..input.clone() }).unwrap();
    assert_eq!(weekly.fields.repeat, Repeat::Weekly);
    assert_eq!(store.occurrences(ymd(2026, 2, 1), 28, &quiet()).unwrap().len(), 4);
    assert_eq!(store.custom_reminders(Some(&id)).unwrap().len(), 1);
    store.delete_custom_reminder(&r.id).unwrap();
    assert!(store.occurrences(ymd(2026, 2, 1), 28, &quiet()).unwrap().is_empty());
    let err = store.create_custom_reminder(CustomReminderInput { title: " ".into(), ..input }).unwrap_err();
    assert_eq!(err.code(), "title_empty");
}

#[test]
fn settings_round_trip_and_validate() {
    let (mut store, _) = common::store();
    assert_eq!(store.reminder_settings().unwrap(), ReminderSettings::default());
    let mut s = ReminderSettings { countries: vec!["uk".into(), "US".into(), "GB".into()], ..Default::default() };
    s.lead_days.birthday = 7;
    s.revisit.vip = Some(5);
    let saved = store.update_reminder_settings(s).unwrap();
    assert_eq!(saved.countries, ["GB", "US"], "normalized, no duplicates");
    assert_eq!(store.reminder_settings().unwrap(), saved);
    let bad = ReminderSettings { notify_at: "25:00".into(), ..Default::default() };
    assert_eq!(store.update_reminder_settings(bad).unwrap_err().code(), "time_invalid");
    let bad = ReminderSettings { countries: vec!["XX".into()], ..Default::default() };
    assert_eq!(store.update_reminder_settings(bad).unwrap_err().code(), "country_unknown");
    assert_eq!(store.occurrences(ymd(2026, 1, 1), 5000, &saved).unwrap_err().code(), "range_too_long");
}

//! Catch-up and fire-once: what the scheduler notifies after the laptop was off.

mod common;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use fieldbook_core::customers::CustomerInput;
use fieldbook_core::dates::DateSpec;
use fieldbook_core::reminders::{QuietHours, ReminderSettings, RevisitIntervals};
use fieldbook_core::Store;

fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

fn setup() -> (Store, Vec<String>) {
    let (mut store, _) = common::store();
    let no_revisits = RevisitIntervals { vip: None, a: None, b: None, c: None };
    store
        .update_reminder_settings(ReminderSettings {
            festivals: false,
            statutory_holidays: false,
            revisit: no_revisits,
            ..Default::default()
        })
        .unwrap();
    // Birthdays 3 days ahead, notified at 09:00 Beijing time (01:00 UTC).
    let ids = [(11, 25), (11, 27), (12, 1), (12, 5)]
        .iter()
        .map(|&(month, day)| {
            let birthday = Some(DateSpec::Gregorian { year: None, month, day });
            store.create_customer(CustomerInput { birthday, ..common::person(&format!("B{month}-{day}")) }).unwrap().id
        })
        .collect();
    (store, ids)
}

fn keys(due: &[fieldbook_core::reminders::DueNotification]) -> Vec<String> {
    due.iter().map(|d| d.occurrence.key.clone()).collect()
}

#[test]
fn a_week_off_catches_up_once_on_start() {
    let (mut store, ids) = setup();
    let since = utc(2026, 11, 21, 12); // the app last ran on Saturday evening
    let now = utc(2026, 11, 28, 12); // back a week later
    let due = store.due_notifications(since, now, beijing()).unwrap();
    assert_eq!(
        keys(&due),
        [
            format!("birthday:{}:2026-11-25", ids[0]),
            format!("birthday:{}:2026-11-27", ids[1]),
            format!("birthday:{}:2026-12-01", ids[2]),
        ],
        "reminded on 11-22, 11-24 and 11-28 at 09:00 local; the 12-05 birthday is not due until 12-02"
    );
    assert_eq!(due[0].fire_at, "2026-11-22T01:00:00.000Z");

    store.record_fired(&due, now).unwrap();
    assert!(store.due_notifications(since, now, beijing()).unwrap().is_empty(), "each fires once");

    // Next wake-up: 2026-12-02 09:00 local brings the last one.
    let later = store.due_notifications(now, utc(2026, 12, 2, 2), beijing()).unwrap();
    assert_eq!(keys(&later), [format!("birthday:{}:2026-12-05", ids[3])]);
}

#[test]
fn done_items_never_fire_and_snoozed_ones_fire_when_the_snooze_ends() {
    let (mut store, ids) = setup();
    let key0 = format!("birthday:{}:2026-11-25", ids[0]);
    let key1 = format!("birthday:{}:2026-11-27", ids[1]);
    store.mark_done(&key0).unwrap();
    let first = store.due_notifications(utc(2026, 11, 21, 12), utc(2026, 11, 24, 2), beijing()).unwrap();
    assert_eq!(keys(&first), std::slice::from_ref(&key1), "done items do not notify");
    store.record_fired(&first, utc(2026, 11, 24, 2)).unwrap();

    // Snoozed for an hour: fires again when the snooze ends, once.
    store.snooze(&key1, utc(2026, 11, 24, 3)).unwrap();
    assert_eq!(store.next_wake_at(utc(2026, 11, 24, 2), beijing()).unwrap(), utc(2026, 11, 24, 3));
    assert!(store
        .due_notifications(utc(2026, 11, 24, 2), utc(2026, 11, 24, 2) + chrono::Duration::minutes(59), beijing())
        .unwrap()
        .is_empty());
    let again = store.due_notifications(utc(2026, 11, 24, 2), utc(2026, 11, 24, 4), beijing()).unwrap();
    assert_eq!(keys(&again), [key1]);
    assert_eq!(again[0].fire_at, "2026-11-24T03:00:00.000Z");
    store.record_fired(&again, utc(2026, 11, 24, 4)).unwrap();
    assert!(store.due_notifications(utc(2026, 11, 24, 2), utc(2026, 11, 24, 5), beijing()).unwrap().is_empty());
}

#[test]
fn the_next_wake_up_is_the_daily_notification_time() {
    let (store, _) = setup();
    // 20:00 in Beijing: the next 09:00 is tomorrow's.
    assert_eq!(store.next_wake_at(utc(2026, 11, 28, 12), beijing()).unwrap(), utc(2026, 11, 29, 1));
    // 08:00 in Beijing: today's 09:00.
    assert_eq!(store.next_wake_at(utc(2026, 11, 28, 0), beijing()).unwrap(), utc(2026, 11, 28, 1));
}

#[test]
fn a_laptop_off_for_months_catches_up_on_one_month_only() {
    let (store, _) = setup();
    let due = store.due_notifications(utc(2026, 1, 1, 0), utc(2026, 11, 28, 12), beijing()).unwrap();
    assert!(due.iter().all(|d| d.occurrence.remind_on >= NaiveDate::from_ymd_opt(2026, 10, 28).unwrap()));
    assert_eq!(due.len(), 3);
}

fn with_quiet_hours(store: &mut Store, notify_at: &str, start: &str, end: &str) {
    let mut s = store.reminder_settings().unwrap();
    s.notify_at = notify_at.into();
    s.quiet_hours = Some(QuietHours { start: start.into(), end: end.into() });
    store.update_reminder_settings(s).unwrap();
}

#[test]
fn a_notification_time_inside_quiet_hours_waits_for_their_end() {
    let (mut store, ids) = setup();
    // Notify at 07:00 Beijing, but quiet 22:00–08:30: the 11-22 reminder shows at 08:30.
    with_quiet_hours(&mut store, "07:00", "22:00", "08:30");
    let quiet_end = Utc.with_ymd_and_hms(2026, 11, 22, 0, 30, 0).unwrap(); // 08:30 local
    let before = store.due_notifications(utc(2026, 11, 21, 12), utc(2026, 11, 22, 0), beijing()).unwrap();
    assert!(before.is_empty(), "07:00–08:29 local is inside quiet hours: nothing shows");
    let due = store.due_notifications(utc(2026, 11, 21, 12), quiet_end, beijing()).unwrap();
    assert_eq!(keys(&due), [format!("birthday:{}:2026-11-25", ids[0])]);
    assert_eq!(due[0].fire_at, "2026-11-22T00:30:00.000Z");
    assert_eq!(
        store.next_wake_at(utc(2026, 11, 21, 12), beijing()).unwrap(),
        quiet_end,
        "the scheduler wakes at the end"
    );
}

#[test]
fn a_snooze_ending_in_quiet_hours_fires_when_they_end_and_other_times_are_untouched() {
    let (mut store, ids) = setup();
    with_quiet_hours(&mut store, "09:00", "22:00", "07:00");
    let key = format!("birthday:{}:2026-11-25", ids[0]);
    // Snoozed to 23:00 local on 11-22 (15:00 UTC): shown at 07:00 local on 11-23.
    store.snooze(&key, utc(2026, 11, 22, 15)).unwrap();
    let seven = utc(2026, 11, 22, 23);
    assert_eq!(store.next_wake_at(utc(2026, 11, 22, 14), beijing()).unwrap(), seven);
    assert!(store.due_notifications(utc(2026, 11, 22, 14), utc(2026, 11, 22, 22), beijing()).unwrap().is_empty());
    let due = store.due_notifications(utc(2026, 11, 22, 14), seven, beijing()).unwrap();
    assert_eq!(keys(&due), [key]);
    assert_eq!(due[0].fire_at, "2026-11-22T23:00:00.000Z");
    // 09:00 is outside 22:00–07:00: the daily time is kept.
    assert_eq!(store.next_wake_at(utc(2026, 11, 28, 12), beijing()).unwrap(), utc(2026, 11, 29, 1));
}

#[test]
fn quiet_hours_must_be_times_and_not_empty() {
    let (mut store, _) = setup();
    let mut s = store.reminder_settings().unwrap();
    s.quiet_hours = Some(QuietHours { start: "22:00".into(), end: "22:00".into() });
    assert_eq!(store.update_reminder_settings(s.clone()).unwrap_err().code(), "quiet_hours_empty");
    s.quiet_hours = Some(QuietHours { start: "25:00".into(), end: "07:00".into() });
    let err = store.update_reminder_settings(s).unwrap_err();
    assert_eq!((err.code(), err.to_payload().field.as_deref()), ("time_invalid", Some("quiet_hours.start")));
}

#[test]
fn a_late_notification_time_in_overnight_quiet_hours_arrives_the_next_morning_even_after_a_restart() {
    let (mut store, ids) = setup();
    with_quiet_hours(&mut store, "23:00", "22:00", "07:00");
    // The app starts at 06:00 local on 11-23 (first check since then): the 11-22 reminder,
    // held back from 23:00, still arrives at 07:00.
    let due = store.due_notifications(utc(2026, 11, 22, 22), utc(2026, 11, 23, 0), beijing()).unwrap();
    assert_eq!(keys(&due), [format!("birthday:{}:2026-11-25", ids[0])]);
    assert_eq!(due[0].fire_at, "2026-11-22T23:00:00.000Z");
}

/// Issue 13: a book moved in today with its history has many revisits coming due at once.
/// The desktop gets one summary carrying the count (a birthday beside it stays its own), and
/// every one of them is recorded as fired, so the next wake does not start the storm after all.
#[test]
fn a_book_moved_in_with_its_history_notifies_its_due_revisits_as_one_summary_that_fires_once() {
    use fieldbook_core::customers::Tier;
    use fieldbook_core::interactions::{InteractionInput, InteractionKind};
    use fieldbook_core::reminders::notices;

    let (mut store, _) = common::store(); // 2026-11-22 09:00 UTC
    store
        .update_reminder_settings(ReminderSettings {
            festivals: false,
            statutory_holidays: false,
            ..Default::default()
        })
        .unwrap();
    let ids: Vec<String> = (0..40)
        .map(|i| {
            let input = CustomerInput { tier: Some(Tier::B), ..common::person(&format!("客户{i:02}")) };
            store.create_customer(input).unwrap().id
        })
        .collect();
    // The last visits, logged with their real dates: 30 days before today, so all due today.
    let visits = ids
        .iter()
        .map(|id| InteractionInput {
            customer_id: id.clone(),
            kind: InteractionKind::Visit,
            occurred_at: Some("2026-10-23T10:00:00+08:00".into()),
            summary: "上门拜访".into(),
            outcome: None,
            next_step: None,
            follow_up_on: None,
        })
        .collect();
    store.create_interactions(visits).unwrap();
    let birthday = Some(DateSpec::Gregorian { year: None, month: 11, day: 25 });
    store.create_customer(CustomerInput { birthday, ..common::person("Ann") }).unwrap();

    let (since, now) = (utc(2026, 11, 21, 12), utc(2026, 11, 22, 12));
    let due = store.due_notifications(since, now, beijing()).unwrap();
    assert_eq!(due.len(), 41, "40 revisits due today and a birthday in 3 days");
    let shown = notices(&due, false);
    assert_eq!(shown.len(), 2, "not 41 notifications: {shown:?}");
    assert!(shown[0].summary.starts_with("Birthday: Ann"), "{:?}", shown[0]);
    assert_eq!(shown[1].summary, "40 customers are due for a revisit");

    store.record_fired(&due, now).unwrap();
    assert!(store.due_notifications(since, now, beijing()).unwrap().is_empty(), "each fired once, summarized or not");
    assert!(
        store.due_notifications(now, utc(2026, 11, 23, 12), beijing()).unwrap().is_empty(),
        "the next day's wake brings nothing new"
    );
}

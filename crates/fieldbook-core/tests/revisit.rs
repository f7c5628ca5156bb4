//! Revisit cadence counted from the last contact, and follow-ups from interactions, on a real
//! (in-memory or temp-file) SQLite store with time passed in. The store opens at
//! 2026-11-22T09:00Z (see common.rs); default intervals: VIP 7, A 14, B 30, C 90 days.

mod common;

use chrono::{Duration, NaiveDate};
use common::*;
use fieldbook_core::clock::Clock;
use fieldbook_core::customers::{CustomerInput, Tier};
use fieldbook_core::interactions::{InteractionInput, InteractionKind};
use fieldbook_core::orders::{OrderInput, OrderLineInput, OrderStatus};
use fieldbook_core::reminders::{OccurrenceKind, ReminderSettings};
use fieldbook_core::store::JournalQuery;
use fieldbook_core::Store;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn settings() -> ReminderSettings {
    ReminderSettings { festivals: false, statutory_holidays: false, ..Default::default() }
}

fn customer(s: &mut Store, name: &str, tier: Tier) -> String {
    s.create_customer(CustomerInput { tier: Some(tier), ..person(name) }).unwrap().id
}

fn call(customer_id: &str, at: Option<&str>) -> InteractionInput {
    InteractionInput {
        customer_id: customer_id.into(),
        kind: InteractionKind::Call,
        occurred_at: at.map(str::to_string),
        summary: "电话回访".into(),
        outcome: None,
        next_step: None,
        follow_up_on: None,
    }
}

fn order(customer_id: &str, on: NaiveDate, status: OrderStatus) -> OrderInput {
    OrderInput {
        customer_id: customer_id.into(),
        ordered_on: on,
        status,
        currency: "CNY".into(),
        notes: None,
        expected_return_pct: None,
        stop_loss_pct: None,
        lines: vec![OrderLineInput {
            id: None,
            product_id: None,
            description: "茶叶".into(),
            quantity: "1".parse().unwrap(),
            unit_price: Some("88".parse().unwrap()),
            discount_pct: Default::default(),
        }],
    }
}

/// The revisit dates of one customer in the 200 days from 2026-11-22.
fn revisits(s: &Store, customer_id: &str) -> Vec<NaiveDate> {
    s.occurrences(ymd(2026, 11, 22), 200, &settings())
        .unwrap()
        .into_iter()
        .filter(|o| o.kind == OccurrenceKind::Revisit && o.customer_id.as_deref() == Some(customer_id))
        .map(|o| o.date)
        .collect()
}

fn last_contact(s: &Store, customer_id: &str) -> Option<String> {
    s.conn().query_row("SELECT last_contact_at FROM customers WHERE id = ?1", [customer_id], |r| r.get(0)).unwrap()
}

#[test]
fn a_vip_revisit_is_due_seven_days_after_the_latest_interaction_not_after_creation() {
    let (mut s, clock) = store();
    let vip = customer(&mut s, "张三", Tier::Vip);
    assert_eq!(revisits(&s, &vip), [ymd(2026, 11, 29)], "never contacted: 7 days after creation");

    clock.advance(Duration::days(10)); // 2026-12-02
    let journal_before = s.journal(&JournalQuery { row_id: Some(vip.clone()), ..Default::default() }).unwrap().len();
    let first = s.create_interaction(call(&vip, None)).unwrap();
    assert_eq!(revisits(&s, &vip), [ymd(2026, 12, 9)], "logging a call resets the cadence: 7 days after it");
    assert_eq!(last_contact(&s, &vip).as_deref(), Some("2026-12-02T09:00:00.000Z"));
    let journal_after = s.journal(&JournalQuery { row_id: Some(vip.clone()), ..Default::default() }).unwrap().len();
    assert_eq!(
        journal_before, journal_after,
        "the anchor is derived and local: nothing about it is journaled or synced"
    );

    // A later contact moves it again; an earlier one (back-dated) does not.
    s.create_interaction(call(&vip, Some("2026-12-05T10:00:00+08:00"))).unwrap();
    s.create_interaction(call(&vip, Some("2026-11-30T10:00:00+08:00"))).unwrap();
    assert_eq!(revisits(&s, &vip), [ymd(2026, 12, 12)], "the LAST contact counts");

    // Editing the first call's time to later than the others makes it the last contact.
    let mut moved = call(&vip, Some("2026-12-08T18:00:00+08:00"));
    moved.summary = first.summary.clone();
    s.update_interaction(&first.id, moved).unwrap();
    assert_eq!(revisits(&s, &vip), [ymd(2026, 12, 15)], "an edited time moves the anchor too");

    // The overdue radar counts from the same anchor.
    let radar = s.overdue_revisits(ymd(2026, 12, 20), 10, clock.now()).unwrap();
    let late: Vec<(&str, i64)> =
        radar.iter().map(|r| (r.occurrence.customer_id.as_deref().unwrap(), r.days_late)).collect();
    assert_eq!(late, [(vip.as_str(), 5)], "due 12-15, so 5 days late on 12-20 (not 21 days from creation)");
}

#[test]
fn a_purchase_order_resets_the_revisit_but_a_draft_or_cancelled_order_does_not() {
    let (mut s, _) = store();
    let a = customer(&mut s, "李四", Tier::A); // due 14 days after 2026-11-22: 12-06
    let created_due = [ymd(2026, 12, 6)];

    let draft =
        s.create_order(OrderInput { lines: vec![], ..order(&a, ymd(2026, 11, 30), OrderStatus::Draft) }).unwrap();
    s.create_order(order(&a, ymd(2026, 11, 30), OrderStatus::Cancelled)).unwrap();
    s.create_order(order(&a, ymd(2026, 11, 30), OrderStatus::Refunded)).unwrap();
    assert_eq!(revisits(&s, &a), created_due, "drafts were never bought, cancelled/refunded orders were undone");
    assert_eq!(last_contact(&s, &a), None);

    let paid = s.create_order(order(&a, ymd(2026, 12, 1), OrderStatus::Paid)).unwrap();
    assert_eq!(revisits(&s, &a), [ymd(2026, 12, 15)], "a purchase is a contact: 14 days after its date");
    assert_eq!(last_contact(&s, &a).as_deref(), Some("2026-12-01T00:00:00.000Z"), "an order's day as midnight UTC");

    // Confirming the draft (dated later) makes it the last purchase.
    let mut confirmed = order(&a, ymd(2026, 12, 3), OrderStatus::Confirmed);
    confirmed.lines[0].description = "礼盒".into();
    s.update_order(&draft.id, confirmed).unwrap();
    assert_eq!(revisits(&s, &a), [ymd(2026, 12, 17)]);

    // Cancelling it, then deleting the paid one, takes the anchor back to creation.
    s.update_order(&draft.id, order(&a, ymd(2026, 12, 3), OrderStatus::Cancelled)).unwrap();
    assert_eq!(revisits(&s, &a), [ymd(2026, 12, 15)], "a cancelled order no longer counts");
    s.delete_order(&paid.id).unwrap();
    assert_eq!(revisits(&s, &a), created_due, "an order in the Trash does not count");
    s.restore_order(&paid.id).unwrap();
    assert_eq!(revisits(&s, &a), [ymd(2026, 12, 15)], "restored, it counts again");

    // Whichever is later of interaction and purchase.
    s.create_interaction(call(&a, Some("2026-12-02T12:00:00Z"))).unwrap();
    assert_eq!(revisits(&s, &a), [ymd(2026, 12, 16)], "the call after the purchase is the last contact");
}

#[test]
fn deleting_the_latest_interaction_moves_the_revisit_back_to_the_previous_contact() {
    let (mut s, _) = store();
    let vip = customer(&mut s, "王五", Tier::Vip);
    let earlier = s.create_interaction(call(&vip, Some("2026-11-25T09:00:00Z"))).unwrap();
    let latest = s.create_interaction(call(&vip, Some("2026-12-01T09:00:00Z"))).unwrap();
    assert_eq!(revisits(&s, &vip), [ymd(2026, 12, 8)]);

    s.delete_interaction(&latest.id).unwrap();
    assert_eq!(revisits(&s, &vip), [ymd(2026, 12, 2)], "7 days after the previous contact (11-25)");
    s.restore_interaction(&latest.id).unwrap();
    assert_eq!(revisits(&s, &vip), [ymd(2026, 12, 8)], "restored, the latest contact counts again");

    s.delete_interaction(&latest.id).unwrap();
    s.delete_interaction(&earlier.id).unwrap();
    assert_eq!(revisits(&s, &vip), [ymd(2026, 11, 29)], "no live contact left: from creation again");
    assert_eq!(last_contact(&s, &vip), None);
}

#[test]
fn moving_an_interaction_to_another_customer_moves_both_anchors() {
    let (mut s, _) = store();
    let from = customer(&mut s, "赵六", Tier::Vip);
    let to = customer(&mut s, "钱七", Tier::Vip);
    let i = s.create_interaction(call(&from, Some("2026-12-01T09:00:00Z"))).unwrap();
    s.update_interaction(&i.id, call(&to, Some("2026-12-01T09:00:00Z"))).unwrap();
    assert_eq!(revisits(&s, &from), [ymd(2026, 11, 29)], "the old customer loses the contact");
    assert_eq!(revisits(&s, &to), [ymd(2026, 12, 8)], "the new customer gains it");
}

#[test]
fn an_overridden_interval_counts_from_the_same_last_contact() {
    let (mut s, clock) = store();
    let own = customer(&mut s, "孙八", Tier::C);
    s.set_revisit_interval(&own, Some(3)).unwrap();
    assert_eq!(revisits(&s, &own), [ymd(2026, 11, 25)], "never contacted: 3 days after creation");
    s.create_interaction(call(&own, Some("2026-12-01T09:00:00Z"))).unwrap();
    assert_eq!(revisits(&s, &own), [ymd(2026, 12, 4)], "3 days after the last contact, not after creation");
    s.create_order(order(&own, ymd(2026, 12, 6), OrderStatus::Completed)).unwrap();
    assert_eq!(revisits(&s, &own), [ymd(2026, 12, 9)], "a purchase resets an overridden cadence too");
    let radar = s.overdue_revisits(ymd(2026, 12, 12), 10, clock.now()).unwrap();
    assert_eq!(radar.iter().map(|r| r.days_late).collect::<Vec<_>>(), [3]);
}

#[test]
fn never_contacted_customers_are_due_from_creation_and_history_before_creation_counts_from_that_history() {
    let (mut s, _) = store();
    let b = customer(&mut s, "周九", Tier::B);
    assert_eq!(revisits(&s, &b), [ymd(2026, 12, 22)], "B: 30 days after creation");
    // Moved in from an Excel book: added today, the last visit logged with its real date.
    let moved_in = customer(&mut s, "吴十", Tier::B);
    s.create_interaction(call(&moved_in, Some("2026-11-01T09:00:00Z"))).unwrap();
    assert_eq!(
        revisits(&s, &moved_in),
        [ymd(2026, 12, 1)],
        "the last logged contact counts, even from before the customer was added to this book"
    );
    let untiered = s.create_customer(person("无等级")).unwrap().id;
    assert!(revisits(&s, &untiered).is_empty(), "no tier, no cadence");
}

/// Issue 13: a tier-B customer entered today whose last visit was logged 281 days ago showed
/// "last contact 281 days ago" and the stage lost, while the radar, the dashboard and
/// `report --json` said nobody was overdue.
#[test]
fn a_customer_entered_today_with_a_visit_logged_281_days_ago_is_overdue_on_the_radar_and_the_dashboard() {
    let (mut s, clock) = store();
    let today = ymd(2026, 11, 22);
    let b = customer(&mut s, "郑十一", Tier::B);
    s.create_interaction(call(&b, Some("2026-02-14T10:00:00+08:00"))).unwrap();

    let radar = s.overdue_revisits(today, 10, clock.now()).unwrap();
    let late: Vec<(&str, i64)> =
        radar.iter().map(|r| (r.occurrence.customer_id.as_deref().unwrap(), r.days_late)).collect();
    assert_eq!(late, [(b.as_str(), 251)], "due 30 days after 2026-02-14, i.e. on 2026-03-16: 251 days late");
    assert_eq!(radar[0].occurrence.key, format!("revisit:{b}:2026-03-16"));
    assert_eq!(radar[0].tier, Some(Tier::B));
    let anchor: String =
        s.conn().query_row("SELECT revisit_anchor FROM customers WHERE id = ?1", [&b], |r| r.get(0)).unwrap();
    assert_eq!(anchor, "2026-02-14T02:00:00.000Z", "the generated column says the same (migration 0010)");

    let report = s.report(today).unwrap();
    assert_eq!(report.overdue.count, 1, "the dashboard's 逾期未联系 counts them");
    assert_eq!(report.overdue.top.len(), 1);

    let class = s.classify_customer(&b, today).unwrap();
    assert_eq!((class.stage, class.reason.days), (fieldbook_core::classify::Stage::Lost, 281));

    let agenda = s.occurrences(ymd(2026, 3, 1), 31, &settings()).unwrap();
    let dates: Vec<NaiveDate> = agenda.iter().filter(|o| o.kind == OccurrenceKind::Revisit).map(|o| o.date).collect();
    assert_eq!(dates, [ymd(2026, 3, 16)], "the agenda puts the revisit on the day it fell due");
}

#[test]
fn follow_ups_appear_on_their_date_with_the_right_key_and_vanish_when_the_interaction_is_deleted() {
    let (mut s, _) = store();
    let zhang = s.create_customer(person("张三")).unwrap().id;
    let with_step = s
        .create_interaction(InteractionInput {
            next_step: Some("送合同".into()),
            follow_up_on: Some(ymd(2026, 12, 3)),
            ..call(&zhang, None)
        })
        .unwrap();
    let without_step =
        s.create_interaction(InteractionInput { follow_up_on: Some(ymd(2026, 12, 10)), ..call(&zhang, None) }).unwrap();
    s.create_interaction(InteractionInput { follow_up_on: Some(ymd(2027, 3, 1)), ..call(&zhang, None) }).unwrap();

    let follow_ups = |s: &Store| {
        s.occurrences(ymd(2026, 11, 22), 30, &settings())
            .unwrap()
            .into_iter()
            .filter(|o| o.kind == OccurrenceKind::FollowUp)
            .collect::<Vec<_>>()
    };
    let items = follow_ups(&s);
    assert_eq!(items.len(), 2, "only follow-ups inside the range: {items:?}");
    assert_eq!(items[0].date, ymd(2026, 12, 3));
    assert_eq!(items[0].remind_on, ymd(2026, 12, 3), "follow-ups remind on the day by default");
    assert_eq!(items[0].key, format!("follow_up:{}:2026-12-03", with_step.id));
    assert_eq!(items[0].customer_id.as_deref(), Some(zhang.as_str()));
    assert_eq!(items[0].title, "Follow up with 张三: 送合同");
    assert_eq!(items[0].title_zh, "跟进 张三：送合同");
    assert_eq!(items[1].key, format!("follow_up:{}:2026-12-10", without_step.id));
    assert_eq!(items[1].title_zh, "跟进 张三：电话回访", "no next step: the summary says what it was about");

    s.delete_interaction(&with_step.id).unwrap();
    let keys: Vec<String> = follow_ups(&s).into_iter().map(|o| o.key).collect();
    assert_eq!(keys, [format!("follow_up:{}:2026-12-10", without_step.id)], "a deleted interaction has no follow-up");
    s.delete_customer(&zhang).unwrap();
    assert!(follow_ups(&s).is_empty(), "nor has a customer in the Trash");
}

#[test]
fn the_migration_backfills_the_anchor_from_history_logged_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    {
        // A book as version 0003 left it: customers with history, no anchor column yet.
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../migrations/0001_foundation.sql"),
            include_str!("../migrations/0002_records.sql"),
            include_str!("../migrations/0003_reminders.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 3).unwrap();
        let t = "2026-11-01T09:00:00.000Z";
        conn.execute_batch(&format!(
            "INSERT INTO customers (id, name, tier, created_at, updated_at) VALUES
               ('called', 'Called', 'VIP', '{t}', '{t}'),
               ('bought', 'Bought', 'VIP', '{t}', '{t}'),
               ('both', 'Both', 'VIP', '{t}', '{t}'),
               ('undone', 'Undone', 'VIP', '{t}', '{t}'),
               ('never', 'Never', 'VIP', '{t}', '{t}');
             INSERT INTO interactions (id, customer_id, kind, occurred_at, summary, created_at, updated_at, deleted_at) VALUES
               ('i1', 'called', 'call', '2026-11-10T08:00:00.000Z', 'x', '{t}', '{t}', NULL),
               ('i2', 'called', 'call', '2026-11-15T08:00:00.000Z', 'x', '{t}', '{t}', NULL),
               ('i3', 'called', 'call', '2026-11-20T08:00:00.000Z', 'x', '{t}', '{t}', '{t}'),
               ('i4', 'both', 'visit', '2026-11-18T23:30:00.000Z', 'x', '{t}', '{t}', NULL),
               ('i5', 'undone', 'visit', '2026-11-18T08:00:00.000Z', 'x', '{t}', '{t}', '{t}');
             INSERT INTO orders (id, customer_id, ordered_on, status, currency, created_at, updated_at, deleted_at) VALUES
               ('o1', 'bought', '2026-11-12', 'paid', 'CNY', '{t}', '{t}', NULL),
               ('o2', 'bought', '2026-11-19', 'draft', 'CNY', '{t}', '{t}', NULL),
               ('o3', 'both', '2026-11-18', 'completed', 'CNY', '{t}', '{t}', NULL),
               ('o4', 'both', '2026-11-19', 'completed', 'CNY', '{t}', '{t}', NULL),
               ('o5', 'undone', '2026-11-19', 'cancelled', 'CNY', '{t}', '{t}', NULL),
               ('o6', 'undone', '2026-11-20', 'paid', 'CNY', '{t}', '{t}', '{t}');"
        ))
        .unwrap();
    }
    let mut s = Store::open(&path, clock()).unwrap();
    let anchors: Vec<(String, Option<String>)> = {
        let mut stmt = s.conn().prepare("SELECT id, last_contact_at FROM customers ORDER BY id").unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let expect = |id: &str, v: Option<&str>| (id.to_string(), v.map(str::to_string));
    assert_eq!(
        anchors,
        [
            expect("both", Some("2026-11-19T00:00:00.000Z")), // the later purchase beats the earlier call
            expect("bought", Some("2026-11-12T00:00:00.000Z")), // the draft does not count
            expect("called", Some("2026-11-15T08:00:00.000Z")), // the deleted later call does not count
            expect("never", None),
            expect("undone", None), // deleted call, cancelled and deleted orders: no contact
        ]
    );
    let due: Vec<(String, NaiveDate)> = s
        .occurrences(ymd(2026, 11, 1), 60, &settings())
        .unwrap()
        .into_iter()
        .filter(|o| o.kind == OccurrenceKind::Revisit)
        .map(|o| (o.customer_id.unwrap(), o.date))
        .collect();
    let mut due = due;
    due.sort();
    assert_eq!(
        due,
        [
            ("both".to_string(), ymd(2026, 11, 26)),
            ("bought".to_string(), ymd(2026, 11, 19)),
            ("called".to_string(), ymd(2026, 11, 22)),
            ("never".to_string(), ymd(2026, 11, 8)),
            ("undone".to_string(), ymd(2026, 11, 8)),
        ]
    );
    // The write path computes the same value as the backfill: a write that touches the
    // history without changing the last contact leaves the anchor as it was.
    s.delete_interaction("i1").unwrap();
    assert_eq!(last_contact(&s, "called").as_deref(), Some("2026-11-15T08:00:00.000Z"));
    s.restore_order("o6").unwrap();
    assert_eq!(last_contact(&s, "undone").as_deref(), Some("2026-11-20T00:00:00.000Z"), "restored, it counts");
}

/// One rule, everywhere (issue 13). On a seeded book — customers added over two years, others
/// moved in today with older history, some never contacted, one with its own interval, one
/// overdue revisit marked done — the agenda's revisits, the overdue radar, the dashboard's
/// overdue figure, today's notifications and the lifecycle stage all follow
/// `last_contact::anchor` over the facts classification reads.
#[test]
fn the_agenda_radar_dashboard_notifications_and_lifecycle_stage_agree_on_when_revisits_are_due() {
    use std::collections::{BTreeMap, BTreeSet};

    use chrono::{FixedOffset, TimeZone, Utc};
    use fieldbook_core::classify::Stage;
    use fieldbook_core::last_contact::anchor;
    use fieldbook_core::reminders::revisit_due;
    use fieldbook_core::seed::Seeder;
    use fieldbook_core::seed_history::HistorySeeder;

    let today = ymd(2026, 11, 22);
    let (mut s, clock) = store();
    let mut seeder = Seeder::new(21);
    let mut ids = Vec::new();
    for i in 0..240 {
        // The first half added a week apart from two years ago, the rest today.
        let added = if i < 120 { today - Duration::days(730 - 6 * i) } else { today };
        clock.set(Utc.from_utc_datetime(&added.and_hms_opt(9, 0, 0).unwrap()));
        ids.push(s.create_customer(seeder.person(None)).unwrap().id);
    }
    clock.set(Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap());
    let mut history = HistorySeeder::new(21, today);
    let contacted = &ids[..220]; // the last 20 never contacted
    s.create_interactions((0..1500).map(|_| history.interaction(contacted)).collect()).unwrap();
    s.create_orders((0..300).map(|_| history.order(contacted)).collect()).unwrap();
    s.set_revisit_interval(&ids[130], Some(3)).unwrap();
    let settings = ReminderSettings { festivals: false, statutory_holidays: false, ..Default::default() };
    s.update_reminder_settings(settings.clone()).unwrap();

    // What the rule says, from the facts the lifecycle stage is computed from.
    let facts = s.customer_facts().unwrap();
    let mut due: BTreeMap<String, NaiveDate> = BTreeMap::new();
    let mut anchors: BTreeMap<String, NaiveDate> = BTreeMap::new();
    for f in &facts {
        let last = f.last_purchase.max(f.last_interaction);
        anchors.insert(f.customer_id.clone(), anchor(f.added_on, last));
        let tier = s.customer(&f.customer_id).unwrap().fields.tier;
        let own = s.revisit_interval(&f.customer_id).unwrap();
        if let Some(n) = own.or_else(|| tier.and_then(|t| settings.revisit.for_tier(t))) {
            due.insert(f.customer_id.clone(), revisit_due(f.added_on, last, n));
        }
    }
    let mut overdue: BTreeSet<(String, NaiveDate)> =
        due.iter().filter(|(_, d)| **d < today).map(|(id, d)| (id.clone(), *d)).collect();
    // Mark one overdue revisit done: it leaves every overdue figure.
    let (done_id, done_day) = overdue.iter().nth(7).cloned().unwrap();
    s.mark_done(&format!("revisit:{done_id}:{done_day}")).unwrap();
    overdue.remove(&(done_id, done_day));
    let moved_in_overdue = overdue.iter().filter(|(id, _)| ids[120..].contains(id)).count();
    assert!(
        moved_in_overdue > 20 && overdue.len() > 100,
        "the case is the issue's: customers entered today with old history are overdue ({moved_in_overdue} of {})",
        overdue.len()
    );

    // The radar and the dashboard.
    let (count, radar) = s.overdue_revisit_summary(today, 10_000, clock.now()).unwrap();
    let listed: BTreeSet<(String, NaiveDate)> =
        radar.iter().map(|r| (r.occurrence.customer_id.clone().unwrap(), r.occurrence.date)).collect();
    assert_eq!(listed, overdue, "the radar lists exactly the overdue customers, each on their due day");
    assert_eq!(count, overdue.len() as u64);
    assert!(radar.windows(2).all(|w| w[0].days_late >= w[1].days_late), "most days late first");
    assert_eq!(s.report(today).unwrap().overdue.count, overdue.len() as u64, "the dashboard's 逾期未联系");
    let (_, first_ten) = s.overdue_revisit_summary(today, 10, clock.now()).unwrap();
    assert_eq!(first_ten[..], radar[..10], "a short radar is the head of the full one");

    // The agenda: every due day inside a window is where the rule puts it.
    let from = today - Duration::days(700);
    let agenda: BTreeMap<String, NaiveDate> = s
        .occurrences(from, 800, &settings)
        .unwrap()
        .into_iter()
        .filter(|o| o.kind == OccurrenceKind::Revisit)
        .map(|o| (o.customer_id.unwrap(), o.date))
        .collect();
    let in_window: BTreeMap<String, NaiveDate> = due
        .iter()
        .filter(|(_, d)| **d >= from && **d < from + Duration::days(800))
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    assert_eq!(agenda, in_window);

    // Today's notifications: the revisits due today (none of them done).
    let beijing = FixedOffset::east_opt(8 * 3600).unwrap();
    let notified: BTreeSet<String> = s
        .due_notifications(Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap(), clock.now(), beijing)
        .unwrap()
        .into_iter()
        .filter(|d| d.occurrence.kind == OccurrenceKind::Revisit)
        .map(|d| d.occurrence.customer_id.unwrap())
        .collect();
    let due_today: BTreeSet<String> = due.iter().filter(|(_, d)| **d == today).map(|(id, _)| id.clone()).collect();
    assert_eq!(notified, due_today);

    // The lifecycle stage counts from the same anchor: days since it, and every lost customer
    // with a cadence (all shorter than the 180 days to lost) is overdue.
    let overdue_ids: BTreeSet<&String> = overdue.iter().map(|(id, _)| id).collect();
    let mut lost = 0;
    for c in s.classify_customers(today).unwrap() {
        if c.stage == Stage::New {
            continue; // its reason counts from the first contact
        }
        let since = (today - anchors[&c.customer_id]).num_days().max(0);
        assert_eq!(c.reason.days, since, "{}: {:?}", c.customer_id, c.reason);
        if c.stage == Stage::Lost && due.contains_key(&c.customer_id) {
            lost += 1;
            let done = format!("revisit:{}:{}", c.customer_id, due[&c.customer_id]);
            assert!(
                overdue_ids.contains(&c.customer_id) || s.reminder_state(&done).unwrap().is_some(),
                "lost {} days ago but not overdue: {}",
                c.reason.days,
                c.customer_id
            );
        }
    }
    assert!(lost > 0, "the book has lost customers with a cadence");
}

/// The radar's count subtracts only what still applies: a snooze that has not ended, a done
/// or dismissed state for the customer's CURRENT due day — not a state left on an earlier one.
#[test]
fn the_overdue_count_subtracts_open_snoozes_and_current_states_but_not_stale_ones() {
    use chrono::TimeZone;

    let (mut s, clock) = store();
    let today = ymd(2026, 11, 22);
    let ids: Vec<String> = (0..4).map(|i| customer(&mut s, &format!("逾期{i}"), Tier::B)).collect();
    for id in &ids {
        s.create_interaction(call(id, Some("2026-09-01T09:00:00Z"))).unwrap(); // due 10-01
    }
    let key = |id: &str, day: &str| format!("revisit:{id}:{day}");
    let later = chrono::Utc.with_ymd_and_hms(2026, 11, 23, 1, 0, 0).unwrap();
    s.snooze(&key(&ids[0], "2026-10-01"), later).unwrap();
    s.dismiss(&key(&ids[1], "2026-10-01")).unwrap();
    s.mark_done(&key(&ids[2], "2026-08-01")).unwrap(); // a state on an earlier due day
    let (count, radar) = s.overdue_revisit_summary(today, 10, clock.now()).unwrap();
    let listed: Vec<&str> = radar.iter().map(|r| r.occurrence.customer_id.as_deref().unwrap()).collect();
    assert_eq!(count, 2, "snoozed until tomorrow and dismissed leave; the stale done state does not hide one");
    assert_eq!(listed.len(), 2);
    assert!(listed.contains(&ids[2].as_str()) && listed.contains(&ids[3].as_str()));

    // Once the snooze has ended the customer is back, with the snooze still on the item.
    let (count, radar) = s.overdue_revisit_summary(today, 10, later).unwrap();
    assert_eq!(count, 3);
    let back = radar.iter().find(|r| r.occurrence.customer_id.as_deref() == Some(ids[0].as_str())).unwrap();
    assert_eq!(back.occurrence.status, Some(fieldbook_core::reminders::ReminderStatus::Snoozed));
}

/// The app's agenda (stored settings) for the 40 days from the store's today.
fn app_agenda(s: &Store) -> Vec<fieldbook_core::reminders::Occurrence> {
    s.agenda(ymd(2026, 11, 22), 40).unwrap()
}

#[test]
fn a_day_with_more_revisits_than_the_agenda_lists_is_one_line_with_their_count_and_a_quiet_day_lists_each() {
    use fieldbook_core::reminders::AGENDA_REVISITS_PER_DAY;
    let (mut s, _clock) = store();
    // Tier B (30 days) added today: due 2026-12-22, one more than the agenda lists one by one.
    let crowd = AGENDA_REVISITS_PER_DAY + 1;
    for i in 0..crowd {
        customer(&mut s, &format!("客户{i:02}"), Tier::B);
    }
    // One customer with their own 30-day interval lands on the crowded day's count too.
    let own = customer(&mut s, "自定", Tier::C);
    s.set_revisit_interval(&own, Some(30)).unwrap();
    // Two VIPs (7 days): a quiet day, listed one by one.
    let vips = [customer(&mut s, "王五", Tier::Vip), customer(&mut s, "赵六", Tier::Vip)];

    let agenda = app_agenda(&s);
    let revisits_on = |day| -> Vec<_> {
        agenda
            .iter()
            .filter(|o| o.date == day && matches!(o.kind, OccurrenceKind::Revisit | OccurrenceKind::RevisitGroup))
            .collect()
    };
    let crowded = revisits_on(ymd(2026, 12, 22));
    assert_eq!(crowded.len(), 1, "the crowded day is one line: {crowded:?}");
    assert_eq!(crowded[0].kind, OccurrenceKind::RevisitGroup);
    assert_eq!(crowded[0].count, Some(crowd as u32 + 1), "the count includes the customer with their own interval");
    assert_eq!(crowded[0].title, format!("{} customers due for a revisit", crowd + 1));
    assert_eq!(crowded[0].title_zh, format!("{} 位客户到期回访", crowd + 1));
    let quiet: Vec<_> = revisits_on(ymd(2026, 11, 29)).iter().filter_map(|o| o.customer_id.clone()).collect();
    assert_eq!(quiet.len(), 2);
    assert!(vips.iter().all(|v| quiet.contains(v)), "a quiet day lists each customer: {quiet:?}");

    // The CLI's agenda and notifications still see every customer.
    let every = s.agenda_every_item(ymd(2026, 11, 22), 40).unwrap();
    let due = every.iter().filter(|o| o.kind == OccurrenceKind::Revisit && o.date == ymd(2026, 12, 22)).count();
    assert_eq!(due, crowd + 1);
    assert!(every.iter().all(|o| o.kind != OccurrenceKind::RevisitGroup));
}

#[test]
fn a_crowded_days_revisits_come_in_pages_by_name_with_their_states() {
    let (mut s, _clock) = store();
    let names: Vec<String> = (0..45).map(|i| format!("客户{:02}", (i * 17) % 45)).collect();
    for n in &names {
        customer(&mut s, n, Tier::B);
    }
    let day = ymd(2026, 12, 22);
    let first = s.revisits_due_on(day, 0, 20).unwrap();
    assert_eq!(first.total, 45);
    let got: Vec<_> = first.items.iter().map(|o| o.customer_name.clone().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(got, sorted[..20], "the first page is the first 20 by name");

    let done_key = first.items[3].key.clone();
    s.mark_done(&done_key).unwrap();
    let again = s.revisits_due_on(day, 0, 20).unwrap();
    assert_eq!(again.items[3].status, Some(fieldbook_core::reminders::ReminderStatus::Done));

    let last = s.revisits_due_on(day, 40, 20).unwrap();
    assert_eq!(last.total, 45);
    let got: Vec<_> = last.items.iter().map(|o| o.customer_name.clone().unwrap()).collect();
    assert_eq!(got, sorted[40..], "the last page holds the rest");
    assert!(s.revisits_due_on(ymd(2026, 12, 23), 0, 20).unwrap().items.is_empty());
}

//! Segment filters on a real store, with known answers: a small book where each customer is
//! built to match (or miss) specific conditions.

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::*;
use fieldbook_core::classify::Stage;
use fieldbook_core::complaints::{ComplaintInput, ComplaintStatus};
use fieldbook_core::customers::{CustomerInput, CustomerKind, Tier};
use fieldbook_core::dates::DateSpec;
use fieldbook_core::orders::OrderStatus;
use fieldbook_core::segments::{InvalidContact, SegmentFilter, SegmentInput, SpendRange, TagMatch};
use fieldbook_core::Store;

const TODAY: &str = "2026-11-22";

/// The book: ids of 张三, 李四, Ann, Bob (and a trashed VIP of 王经理 that must never match).
struct Book {
    s: Store,
    zhang: String,
    li: String,
    ann: String,
    bob: String,
}

fn book() -> Book {
    let (mut s, _) = store();
    let zhang = s
        .create_customer(CustomerInput {
            tier: Some(Tier::Vip),
            owner: Some("王经理".into()),
            tags: vec!["golf".into(), "vip".into()],
            region: Some("上海".into()),
            phones: vec![point("+86 138-0013-8000")],
            birthday: Some(DateSpec::Gregorian { year: Some(1980), month: 11, day: 5 }),
            ..person("张三")
        })
        .unwrap()
        .id;
    let li = s
        .create_customer(CustomerInput {
            tier: Some(Tier::A),
            owner: Some("王经理".into()),
            tags: vec!["golf".into()],
            region: Some("北京".into()),
            emails: vec![point("li.si@example.com")],
            // 八月十五: 2026-09-25 in 2026.
            birthday: Some(DateSpec::Lunar { year: None, month: 8, leap: false, day: 15 }),
            ..person("李四")
        })
        .unwrap()
        .id;
    let ann = s
        .create_customer(CustomerInput {
            tier: Some(Tier::B),
            kind: CustomerKind::Organization,
            region: Some("Shanghai".into()),
            ..person("Ann Co")
        })
        .unwrap()
        .id;
    let bob = s
        .create_customer(CustomerInput {
            tier: Some(Tier::C),
            owner: Some("李经理".into()),
            phones: vec![point("13900139000")],
            emails: vec![point("bob@example.com")],
            ..person("Bob")
        })
        .unwrap()
        .id;
    let eve = s
        .create_customer(CustomerInput {
            tier: Some(Tier::Vip),
            owner: Some("王经理".into()),
            tags: vec!["golf".into()],
            ..person("Eve")
        })
        .unwrap()
        .id;
    s.delete_customer(&eve).unwrap();

    meet(&mut s, &zhang, "2026-11-15T09:00:00Z");
    buy(&mut s, &ann, "2026-05-01", "1000.00", OrderStatus::Completed, "CNY");
    buy(&mut s, &ann, "2026-05-02", "50", OrderStatus::Paid, "USD");
    buy(&mut s, &bob, "2026-11-20", "999.99", OrderStatus::Completed, "CNY");
    buy(&mut s, &bob, "2026-11-21", "5000", OrderStatus::Draft, "CNY"); // not a purchase
    s.create_complaint(ComplaintInput {
        customer_id: ann.clone(),
        opened_on: day("2026-11-01"),
        subject: "late delivery".into(),
        details: None,
        status: ComplaintStatus::InProgress,
        resolution: None,
        satisfaction: None,
        return_visit_on: None,
    })
    .unwrap();
    // Data from before validation (an old import, another device): typos the form refuses.
    s.conn()
        .execute("UPDATE contact_points SET value = 'call me' WHERE customer_id = ?1 AND kind = 'phone'", [&bob])
        .unwrap();
    s.conn()
        .execute("UPDATE contact_points SET value = 'bob@example' WHERE customer_id = ?1 AND kind = 'email'", [&bob])
        .unwrap();
    Book { s, zhang, li, ann, bob }
}

impl Book {
    /// The names matched by `f`, sorted, checked against the count and the paged list.
    fn names(&self, f: &SegmentFilter) -> Vec<String> {
        let ids = self.s.segment_ids(f, day(TODAY)).unwrap();
        assert_eq!(self.s.segment_count(f, day(TODAY)).unwrap(), ids.len() as u64, "count agrees with ids");
        let page = self.s.segment_customers(f, day(TODAY), 0, 100).unwrap();
        assert_eq!(page.items.iter().map(|c| c.id.clone()).collect::<Vec<_>>(), ids, "page agrees with ids");
        let name = |id: &String| {
            [(&self.zhang, "张三"), (&self.li, "李四"), (&self.ann, "Ann Co"), (&self.bob, "Bob")]
                .iter()
                .find(|(i, _)| *i == id)
                .map(|(_, n)| n.to_string())
                .unwrap_or_else(|| format!("unexpected {id}"))
        };
        let mut names: Vec<String> = ids.iter().map(name).collect();
        names.sort();
        names
    }
}

fn f() -> SegmentFilter {
    SegmentFilter::default()
}

#[test]
fn an_empty_filter_matches_every_live_customer_and_never_the_trash() {
    let b = book();
    assert_eq!(b.names(&f()), ["Ann Co", "Bob", "张三", "李四"]);
}

#[test]
fn tiers_kinds_and_regions_match_any_of_the_listed_values() {
    let b = book();
    assert_eq!(b.names(&SegmentFilter { tiers: vec![Tier::Vip, Tier::A], ..f() }), ["张三", "李四"]);
    assert_eq!(b.names(&SegmentFilter { kinds: vec![CustomerKind::Organization], ..f() }), ["Ann Co"]);
    // Trimmed and case-insensitive: "shanghai " finds "Shanghai".
    assert_eq!(b.names(&SegmentFilter { regions: vec!["shanghai ".into(), "上海".into()], ..f() }), ["Ann Co", "张三"]);
}

#[test]
fn tags_match_any_or_all() {
    let b = book();
    let golf_vip = vec!["golf".to_string(), "vip".to_string()];
    assert_eq!(b.names(&SegmentFilter { tags: golf_vip.clone(), ..f() }), ["张三", "李四"]);
    assert_eq!(b.names(&SegmentFilter { tags: golf_vip, tags_match: TagMatch::All, ..f() }), ["张三"]);
}

#[test]
fn owners_match_by_name_and_no_owner_finds_the_unassigned() {
    let b = book();
    assert_eq!(b.names(&SegmentFilter { owners: vec!["王经理".into()], ..f() }), ["张三", "李四"]);
    assert_eq!(b.names(&SegmentFilter { no_owner: true, ..f() }), ["Ann Co"]);
    assert_eq!(b.names(&SegmentFilter { owners: vec!["李经理".into()], no_owner: true, ..f() }), ["Ann Co", "Bob"]);
}

#[test]
fn birthday_month_is_the_gregorian_month_of_this_years_occurrence_lunar_included() {
    let b = book();
    assert_eq!(b.names(&SegmentFilter { birthday_month: Some(11), ..f() }), ["张三"]);
    // 八月十五 falls on 2026-09-25.
    assert_eq!(b.names(&SegmentFilter { birthday_month: Some(9), ..f() }), ["李四"]);
    assert!(b.names(&SegmentFilter { birthday_month: Some(8), ..f() }).is_empty());
}

#[test]
fn no_contact_for_n_days_counts_never_contacted_as_older() {
    let b = book();
    // 张三 met 7 days ago, Bob bought 2 days ago, Ann last bought on 2026-05-01, 李四 never.
    assert_eq!(b.names(&SegmentFilter { no_contact_days: Some(30), ..f() }), ["Ann Co", "李四"]);
    assert_eq!(b.names(&SegmentFilter { no_contact_days: Some(6), ..f() }), ["Ann Co", "张三", "李四"]);
    // Exactly 7 days ago is not more than 7 days ago.
    assert_eq!(b.names(&SegmentFilter { no_contact_days: Some(7), ..f() }), ["Ann Co", "李四"]);
}

#[test]
fn spend_is_the_exact_sum_of_purchases_in_one_currency() {
    let b = book();
    let spend = |min: Option<&str>, max: Option<&str>| SegmentFilter {
        spend: Some(SpendRange {
            currency: "CNY".into(),
            min: min.map(|m| m.parse().unwrap()),
            max: max.map(|m| m.parse().unwrap()),
        }),
        ..f()
    };
    assert_eq!(b.names(&spend(Some("1000"), None)), ["Ann Co"]);
    assert_eq!(b.names(&spend(Some("999.99"), None)), ["Ann Co", "Bob"], "Bob's draft order is not spend");
    // Finer than a fen: at least 999.995 means at least 1000.00.
    assert_eq!(b.names(&spend(Some("999.995"), None)), ["Ann Co"]);
    assert_eq!(b.names(&spend(None, Some("999.99"))), ["Bob", "张三", "李四"], "no purchases = 0");
    assert_eq!(b.names(&spend(Some("0.01"), Some("999.99"))), ["Bob"]);
    let usd =
        SegmentFilter { spend: Some(SpendRange { currency: "usd".into(), min: Some(50.into()), max: None }), ..f() };
    assert_eq!(b.names(&usd), ["Ann Co"]);
}

#[test]
fn open_complaints_count_open_and_in_progress_ones() {
    let b = book();
    assert_eq!(b.names(&SegmentFilter { open_complaints: Some(true), ..f() }), ["Ann Co"]);
    assert_eq!(b.names(&SegmentFilter { open_complaints: Some(false), ..f() }), ["Bob", "张三", "李四"]);
}

#[test]
fn stale_data_finds_missing_and_malformed_contact_details() {
    let b = book();
    assert_eq!(b.names(&SegmentFilter { missing_phone_and_email: true, ..f() }), ["Ann Co"]);
    for which in [InvalidContact::Phone, InvalidContact::Email, InvalidContact::Either] {
        assert_eq!(b.names(&SegmentFilter { invalid_contact: Some(which), ..f() }), ["Bob"], "{which:?}");
    }
}

#[test]
fn conditions_are_anded() {
    let b = book();
    let vip_or_a_not_contacted = SegmentFilter { tiers: vec![Tier::Vip, Tier::A], no_contact_days: Some(30), ..f() };
    assert_eq!(b.names(&vip_or_a_not_contacted), ["李四"]);
}

#[test]
fn pages_walk_the_matches_in_name_order() {
    let b = book();
    let all = b.s.segment_ids(&f(), day(TODAY)).unwrap();
    let p = b.s.segment_customers(&f(), day(TODAY), 1, 2).unwrap();
    assert_eq!(p.total, 4);
    assert_eq!(p.offset, 1);
    assert_eq!(p.items.iter().map(|c| c.id.clone()).collect::<Vec<_>>(), all[1..3]);
    let past_the_end = b.s.segment_customers(&f(), day(TODAY), 10, 2).unwrap();
    assert_eq!((past_the_end.total, past_the_end.items.len()), (4, 0), "the total holds past the last page");
    let none = SegmentFilter { birthday_month: Some(1), ..f() };
    assert_eq!(b.s.segment_customers(&none, day(TODAY), 0, 10).unwrap().total, 0);
}

/// The SQL stage rule must agree with `classify` on every customer, for every stage.
#[test]
fn stages_agree_with_classify_on_every_customer() {
    let (mut s, clock) = store();
    let mut ids = vec![];
    // Customers added 400, 120, 60, 10 days ago, each with and without contacts.
    for (n, added_days_ago) in [400i64, 120, 60, 10].into_iter().enumerate() {
        clock.set(Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap() - Duration::days(added_days_ago));
        ids.push(s.create_customer(person(&format!("quiet {n}"))).unwrap().id);
        ids.push(s.create_customer(person(&format!("met {n}"))).unwrap().id);
        ids.push(s.create_customer(person(&format!("bought {n}"))).unwrap().id);
    }
    clock.set(Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap());
    let contacts = ["2025-06-01", "2026-07-01", "2026-10-01", "2026-11-20"];
    for (n, on) in contacts.iter().enumerate() {
        meet(&mut s, &ids[n * 3 + 1], &format!("{on}T10:00:00Z"));
        buy(&mut s, &ids[n * 3 + 2], on, "10", OrderStatus::Completed, "CNY");
        // An early contact before a recent one: the customer is not new any more.
        meet(&mut s, &ids[(3 - n) * 3 + 2], "2024-01-01T10:00:00Z");
    }
    let classified = s.classify_customers(day(TODAY)).unwrap();
    let mut seen = 0;
    for stage in [Stage::New, Stage::Active, Stage::Silent, Stage::Lost] {
        let mut want: Vec<String> =
            classified.iter().filter(|c| c.stage == stage).map(|c| c.customer_id.clone()).collect();
        want.sort();
        let mut got = s.segment_ids(&SegmentFilter { stages: vec![stage], ..f() }, day(TODAY)).unwrap();
        got.sort();
        assert_eq!(got, want, "{stage:?}");
        seen += usize::from(!want.is_empty());
    }
    assert_eq!(seen, 4, "the book must exercise every stage");
    let both = s.segment_count(&SegmentFilter { stages: vec![Stage::Silent, Stage::Lost], ..f() }, day(TODAY));
    let want = classified.iter().filter(|c| matches!(c.stage, Stage::Silent | Stage::Lost)).count() as u64;
    assert_eq!(both.unwrap(), want);
}

#[test]
fn saved_segments_have_unique_non_empty_names_and_delete_softly() {
    let (mut s, _) = store();
    let today = day(TODAY);
    let vip = SegmentFilter { tiers: vec![Tier::Vip], ..f() };
    let a = s.create_segment(SegmentInput { name: " VIP 上海 ".into(), filter: vip.clone() }, today).unwrap();
    assert_eq!(a.name, "VIP 上海");
    assert_eq!(a.filter, vip);
    let dup = s.create_segment(SegmentInput { name: "vip 上海".into(), filter: f() }, today).unwrap_err();
    assert_eq!((dup.code(), dup.to_payload().field.as_deref()), ("segment_name_taken", Some("name")));
    let empty = s.create_segment(SegmentInput { name: "  ".into(), filter: f() }, today).unwrap_err();
    assert_eq!(empty.code(), "segment_name_empty");
    let bad = SegmentFilter { birthday_month: Some(0), ..f() };
    assert_eq!(
        s.create_segment(SegmentInput { name: "bad".into(), filter: bad }, today).unwrap_err().code(),
        "month_invalid"
    );
    assert_eq!(s.segments().unwrap().len(), 1, "refused segments are not saved");

    let b = s.create_segment(SegmentInput { name: "Lost".into(), filter: f() }, today).unwrap();
    let renamed_onto_a = s.update_segment(&b.id, SegmentInput { name: "VIP 上海".into(), filter: f() }, today);
    assert_eq!(renamed_onto_a.unwrap_err().code(), "segment_name_taken");
    // Keeping its own name is no clash.
    let b = s.update_segment(&b.id, SegmentInput { name: "Lost".into(), filter: vip.clone() }, today).unwrap();
    assert_eq!(b.filter, vip);
    assert_eq!(s.segment_by_name("lost").unwrap().id, b.id);
    assert_eq!(s.segments().unwrap().iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["Lost", "VIP 上海"]);

    s.delete_segment(&a.id).unwrap();
    assert_eq!(s.segments().unwrap().len(), 1);
    assert_eq!(s.segment(&a.id).unwrap_err().code(), "not_found");
    // The name is free again once its segment is deleted.
    s.create_segment(SegmentInput { name: "VIP 上海".into(), filter: f() }, today).unwrap();
    let journaled: i64 =
        s.conn().query_row("SELECT count(*) FROM change_journal WHERE entity = 'segments'", [], |r| r.get(0)).unwrap();
    assert!(journaled >= 4, "segment writes go through the journaled write path");

    // A filter this version cannot read (a newer app's, synced here) is an error when used,
    // never "no conditions", and does not break the list of the others.
    s.conn().execute("UPDATE segments SET filter = '{\"tiers\":[\"PLATINUM\"]}' WHERE id = ?1", [&b.id]).unwrap();
    assert_eq!(s.segment(&b.id).unwrap_err().code(), "corrupt");
    assert_eq!(s.segments().unwrap().iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["VIP 上海"]);
}

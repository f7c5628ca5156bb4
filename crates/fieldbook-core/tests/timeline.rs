//! The customer timeline: interactions, orders, complaints and field edits, newest first.

mod common;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use common::*;
use fieldbook_core::complaints::{ComplaintInput, ComplaintStatus};
use fieldbook_core::customers::Tier;
use fieldbook_core::interactions::{InteractionInput, InteractionKind};
use fieldbook_core::orders::{OrderInput, OrderLineInput, OrderStatus};
use fieldbook_core::timeline::TimelineItem;

fn call(customer_id: &str, at: &str, summary: &str) -> InteractionInput {
    InteractionInput {
        customer_id: customer_id.into(),
        kind: InteractionKind::Call,
        occurred_at: Some(at.into()),
        summary: summary.into(),
        outcome: None,
        next_step: None,
        follow_up_on: None,
    }
}

fn label(i: &TimelineItem) -> String {
    match i {
        TimelineItem::Interaction { interaction, .. } => format!("call:{}", interaction.summary),
        TimelineItem::Order { order, .. } => format!("order:{}", order.total),
        TimelineItem::Complaint { complaint, .. } => format!("complaint:{}", complaint.fields.subject),
        TimelineItem::Edit { change, .. } => format!("edit:{}", change.field),
    }
}

/// A customer created on 2026-11-01, a call on the 5th, an order dated the 10th (entered on
/// the 22nd), a complaint opened on the 22nd at 09:00 (entered then), a tier edit at 10:00
/// on the 22nd, and a call on the 22nd at 11:00.
fn story() -> (fieldbook_core::Store, String) {
    let (mut s, clock) = store();
    clock.set(Utc.with_ymd_and_hms(2026, 11, 1, 8, 0, 0).unwrap());
    let c = s.create_customer(person("张三")).unwrap();
    clock.set(Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap());
    s.create_interaction(call(&c.id, "2026-11-05T10:00:00Z", "intro")).unwrap();
    s.create_order(OrderInput {
        customer_id: c.id.clone(),
        ordered_on: NaiveDate::from_ymd_opt(2026, 11, 10).unwrap(),
        status: OrderStatus::Paid,
        currency: "CNY".into(),
        notes: None,
        expected_return_pct: None,
        stop_loss_pct: None,
        lines: vec![OrderLineInput {
            id: None,
            product_id: None,
            description: "tea".into(),
            quantity: 2.into(),
            unit_price: Some(50.into()),
            discount_pct: 0.into(),
        }],
    })
    .unwrap();
    s.create_complaint(ComplaintInput {
        customer_id: c.id.clone(),
        opened_on: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        subject: "late".into(),
        details: None,
        status: ComplaintStatus::Open,
        resolution: None,
        satisfaction: None,
        return_visit_on: None,
    })
    .unwrap();
    clock.advance(Duration::hours(1));
    let mut edit = c.fields.clone();
    edit.tier = Some(Tier::A);
    s.update_customer(&c.id, edit).unwrap();
    s.create_interaction(call(&c.id, "2026-11-22T11:00:00Z", "follow-up")).unwrap();
    (s, c.id)
}

#[test]
fn the_timeline_merges_every_kind_of_record_newest_first() {
    let (s, id) = story();
    let page = s.timeline(&id, 50, None).unwrap();
    let labels: Vec<String> = page.items.iter().map(label).collect();
    assert_eq!(
        labels,
        ["call:follow-up", "edit:tier", "complaint:late", "order:100.00", "call:intro", "edit:*"],
        "the order is dated the 10th though entered on the 22nd; the customer's creation comes last"
    );
    assert_eq!(page.next_before, None, "everything fit on one page");
    let times: Vec<&str> = page.items.iter().map(|i| i.at()).collect();
    assert_eq!(times[3], "2026-11-10T00:00:00.000Z");
    assert_eq!(times[2], "2026-11-22T09:00:00.000Z", "entered on its date: sorted by its entry time");
    let json = serde_json::to_value(&page.items[1]).unwrap();
    assert_eq!(json["type"], "edit", "entries are tagged for the UI");
    assert_eq!(json["change"]["new_value"], "\"A\"");
}

#[test]
fn paging_with_the_cursor_neither_skips_nor_repeats() {
    let (s, id) = story();
    let all: Vec<String> = s.timeline(&id, 50, None).unwrap().items.iter().map(label).collect();
    let mut paged = Vec::new();
    let mut before = None;
    loop {
        let page = s.timeline(&id, 2, before.as_deref()).unwrap();
        paged.extend(page.items.iter().map(label));
        match page.next_before {
            Some(c) => before = Some(c),
            None => break,
        }
    }
    assert_eq!(paged, all);
}

#[test]
fn deleted_records_leave_the_timeline_and_bad_input_is_an_error() {
    let (mut s, id) = story();
    let call = s.list_interactions(&id, Default::default(), 0, 1).unwrap().items.remove(0);
    s.delete_interaction(&call.id).unwrap();
    let labels: Vec<String> = s.timeline(&id, 50, None).unwrap().items.iter().map(label).collect();
    assert!(!labels.contains(&"call:follow-up".to_string()));
    assert_eq!(s.timeline("ghost", 10, None).unwrap_err().code(), "not_found");
    assert_eq!(s.timeline(&id, 10, Some("garbage")).unwrap_err().code(), "cursor_invalid");
}

#[test]
fn purging_a_customer_removes_its_records_for_good() {
    let (mut s, id) = story();
    s.delete_customer(&id).unwrap();
    s.purge_customer(&id).unwrap();
    for table in ["interactions", "orders", "order_lines", "complaints"] {
        let n: i64 = s.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0, "no orphaned {table} after a purge");
    }
    let purged: i64 =
        s.conn().query_row("SELECT COUNT(*) FROM change_journal WHERE field = '*purged'", [], |r| r.get(0)).unwrap();
    assert_eq!(purged, 6, "customer, 2 interactions, order, its line, complaint: each journaled for sync");
}

#[test]
fn edits_sharing_a_millisecond_page_through_without_gaps_or_repeats() {
    // Every edit below is stamped in the same millisecond (the clock stands still), so the
    // page boundary falls inside a run of equal times and only the sequence number orders them.
    let (mut s, _clock) = store();
    let c = s.create_customer(person("赵六")).unwrap();
    for (i, tier) in [Tier::A, Tier::B, Tier::C, Tier::Vip, Tier::A, Tier::B].into_iter().enumerate() {
        let edit = fieldbook_core::customers::CustomerInput {
            tier: Some(tier),
            notes: Some(format!("note {i}")),
            ..person("赵六")
        };
        s.update_customer(&c.id, edit).unwrap();
    }
    let all: Vec<String> = s.timeline(&c.id, 200, None).unwrap().items.iter().map(label).collect();
    assert!(all.len() >= 13, "creation plus two fields per edit: {all:?}");
    let mut paged = Vec::new();
    let mut before: Option<String> = None;
    loop {
        let page = s.timeline(&c.id, 3, before.as_deref()).unwrap();
        paged.extend(page.items.iter().map(label));
        match page.next_before {
            Some(next) => before = Some(next),
            None => break,
        }
    }
    assert_eq!(paged, all, "pages of 3 give the same entries, in the same order, as one page");
}

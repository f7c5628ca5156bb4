//! Interactions on a real (in-memory) SQLite store: logging, validation, paging, Trash.

mod common;

use chrono::{Duration, NaiveDate};
use common::*;
use fieldbook_core::clock::Clock;
use fieldbook_core::interactions::{InteractionInput, InteractionKind};
use fieldbook_core::records::RecordScope;
use fieldbook_core::store::JournalQuery;

fn visit(customer_id: &str, at: &str, summary: &str) -> InteractionInput {
    InteractionInput {
        customer_id: customer_id.into(),
        kind: InteractionKind::Visit,
        occurred_at: Some(at.into()),
        summary: summary.into(),
        outcome: None,
        next_step: None,
        follow_up_on: None,
    }
}

#[test]
fn a_logged_interaction_reads_back_with_its_time_in_utc() {
    let (mut s, _) = store();
    let c = s.create_customer(person("张三")).unwrap();
    let mut input = visit(&c.id, "2026-11-20T15:30:00+08:00", "  谈了理财产品  ");
    input.outcome = Some("interested".into());
    input.next_step = Some("  ".into());
    input.follow_up_on = NaiveDate::from_ymd_opt(2026, 12, 1);
    let i = s.create_interaction(input).unwrap();
    assert_eq!(i.occurred_at, "2026-11-20T07:30:00.000Z", "stored in UTC, so text order is time order");
    assert_eq!(i.summary, "谈了理财产品", "trimmed");
    assert_eq!(i.next_step, None, "blank becomes none");
    assert_eq!(i.follow_up_on, NaiveDate::from_ymd_opt(2026, 12, 1));
    assert_eq!(s.interaction(&i.id).unwrap(), i);
    let journal = s.journal(&JournalQuery { row_id: Some(i.id.clone()), ..Default::default() }).unwrap();
    assert_eq!(journal.len(), 1, "the insert is stamped and journaled like every synced write");
}

#[test]
fn without_a_time_the_interaction_happened_now_by_the_store_clock() {
    let (mut s, clock) = store();
    let c = s.create_customer(person("Ann")).unwrap();
    let mut input = visit(&c.id, "", "call back");
    input.occurred_at = None;
    let i = s.create_interaction(input).unwrap();
    assert_eq!(i.occurred_at, fieldbook_core::clock::timestamp(clock.now()));
}

#[test]
fn invalid_interactions_write_nothing_and_name_the_field() {
    let (mut s, _) = store();
    let c = s.create_customer(person("Ann")).unwrap();
    let head = s.journal_head().unwrap();
    let cases = [
        (visit(&c.id, "2026-11-20T10:00:00Z", "   "), "summary_empty", "summary"),
        (visit(&c.id, "yesterday", "x"), "time_format", "occurred_at"),
        (visit(&c.id, "0202-11-20T10:00:00Z", "x"), "date_out_of_range", "occurred_at"),
        (visit("no-such-customer", "2026-11-20T10:00:00Z", "x"), "customer_not_found", "customer_id"),
    ];
    for (input, code, field) in cases {
        let err = s.create_interaction(input).unwrap_err();
        assert_eq!(err.code(), code);
        assert_eq!(err.to_payload().field.as_deref(), Some(field));
    }
    s.delete_customer(&c.id).unwrap();
    let head_after_delete = s.journal_head().unwrap();
    assert!(head_after_delete > head);
    let err = s.create_interaction(visit(&c.id, "2026-11-20T10:00:00Z", "x")).unwrap_err();
    assert_eq!(err.code(), "customer_in_trash", "no new history for a customer in the Trash");
    assert_eq!(s.journal_head().unwrap(), head_after_delete, "refused writes leave no journal entry");
}

#[test]
fn every_invalid_field_of_an_interaction_is_named_in_one_error() {
    let (mut s, _) = store();
    let c = s.create_customer(person("Ann")).unwrap();
    let head = s.journal_head().unwrap();
    let mut input = visit(&c.id, "yesterday", " ");
    input.follow_up_on = Some(chrono::NaiveDate::from_ymd_opt(1700, 1, 1).unwrap());
    let err = s.create_interaction(input).unwrap_err();
    assert_eq!(err.code(), "time_format", "the first problem stays the error's code");
    let fields: Vec<String> = err.to_payload().fields.unwrap_or_default().into_iter().map(|p| p.field).collect();
    assert_eq!(fields, ["occurred_at", "summary", "follow_up_on"], "all three at once");
    assert_eq!(s.journal_head().unwrap(), head, "nothing written");
}

#[test]
fn a_customers_interactions_list_newest_first_in_pages() {
    let (mut s, _) = store();
    let c = s.create_customer(person("Ann")).unwrap();
    let other = s.create_customer(person("Bob")).unwrap();
    for day in [3, 1, 5, 2, 4] {
        s.create_interaction(visit(&c.id, &format!("2026-11-0{day}T09:00:00Z"), &format!("day {day}"))).unwrap();
    }
    s.create_interaction(visit(&other.id, "2026-11-09T09:00:00Z", "not Ann's")).unwrap();
    let p1 = s.list_interactions(&c.id, RecordScope::Live, 0, 2).unwrap();
    assert_eq!(p1.total, 5, "only Ann's interactions count");
    assert_eq!(p1.items.iter().map(|i| i.summary.as_str()).collect::<Vec<_>>(), ["day 5", "day 4"]);
    let p3 = s.list_interactions(&c.id, RecordScope::Live, 4, 2).unwrap();
    assert_eq!(p3.items.iter().map(|i| i.summary.as_str()).collect::<Vec<_>>(), ["day 1"]);
}

#[test]
fn editing_stamps_only_changed_fields_and_keeps_the_time_when_none_is_given() {
    let (mut s, clock) = store();
    let c = s.create_customer(person("Ann")).unwrap();
    let i = s.create_interaction(visit(&c.id, "2026-11-20T10:00:00Z", "first call")).unwrap();
    let head = s.journal_head().unwrap();
    clock.advance(Duration::minutes(5));
    let mut edit = visit(&c.id, "", "first call");
    edit.occurred_at = None;
    edit.outcome = Some("will buy".into());
    let e = s.update_interaction(&i.id, edit).unwrap();
    assert_eq!(e.occurred_at, i.occurred_at);
    assert_eq!(e.outcome.as_deref(), Some("will buy"));
    let changes = s.journal(&JournalQuery { after_seq: head, ..Default::default() }).unwrap();
    assert_eq!(changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), ["outcome"]);
}

#[test]
fn delete_moves_to_the_trash_and_restore_brings_back() {
    let (mut s, _) = store();
    let c = s.create_customer(person("Ann")).unwrap();
    let i = s.create_interaction(visit(&c.id, "2026-11-20T10:00:00Z", "lunch")).unwrap();
    s.delete_interaction(&i.id).unwrap();
    assert_eq!(s.list_interactions(&c.id, RecordScope::Live, 0, 10).unwrap().total, 0);
    let trash = s.list_interactions(&c.id, RecordScope::Trash, 0, 10).unwrap();
    assert_eq!(trash.items[0].id, i.id);
    assert!(s.update_interaction(&i.id, visit(&c.id, "2026-11-20T10:00:00Z", "x")).is_err());
    let back = s.restore_interaction(&i.id).unwrap();
    assert_eq!(back.deleted_at, None);
    assert_eq!(s.list_interactions(&c.id, RecordScope::Live, 0, 10).unwrap().total, 1);
    assert_eq!(s.interaction("nope").unwrap_err().code(), "not_found");
}

#[test]
fn a_batch_with_one_bad_interaction_writes_none() {
    let (mut s, _) = store();
    let c = s.create_customer(person("Ann")).unwrap();
    let err = s
        .create_interactions(vec![visit(&c.id, "2026-11-20T10:00:00Z", "ok"), visit(&c.id, "2026-11-20T10:00:00Z", "")])
        .unwrap_err();
    assert_eq!(err.index, Some(1));
    assert_eq!(s.list_interactions(&c.id, RecordScope::Live, 0, 10).unwrap().total, 0, "all or nothing");
}

//! Complaints and return visits on a real (in-memory) SQLite store.

mod common;

use chrono::NaiveDate;
use common::*;
use fieldbook_core::complaints::{ComplaintInput, ComplaintStatus};
use fieldbook_core::records::RecordScope;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn complaint(customer_id: &str, on: &str, subject: &str) -> ComplaintInput {
    ComplaintInput {
        customer_id: customer_id.into(),
        opened_on: day(on),
        subject: subject.into(),
        details: None,
        status: ComplaintStatus::Open,
        resolution: None,
        satisfaction: None,
        return_visit_on: None,
    }
}

#[test]
fn a_complaint_moves_from_open_to_resolved_with_a_return_visit_score() {
    let (mut s, _) = store();
    let c = s.create_customer(person("张三")).unwrap();
    let k = s.create_complaint(complaint(&c.id, "2026-11-01", "到账延迟")).unwrap();
    assert_eq!(k.fields.status, ComplaintStatus::Open);
    let mut edit = k.fields.clone();
    edit.status = ComplaintStatus::Resolved;
    edit.resolution = Some("已补发".into());
    edit.satisfaction = Some(4);
    edit.return_visit_on = Some(day("2026-11-10"));
    let k2 = s.update_complaint(&k.id, edit).unwrap();
    assert_eq!(k2.fields.status, ComplaintStatus::Resolved);
    assert_eq!(k2.fields.satisfaction, Some(4));
    assert_eq!(serde_json::to_value(&k2).unwrap()["status"], "resolved");
    assert_eq!(s.complaint(&k.id).unwrap(), k2);
}

#[test]
fn invalid_complaints_are_refused_with_the_field_named() {
    let (mut s, _) = store();
    let c = s.create_customer(person("Ann")).unwrap();
    let mut bad_score = complaint(&c.id, "2026-11-01", "late");
    bad_score.satisfaction = Some(6);
    let mut zero = complaint(&c.id, "2026-11-01", "late");
    zero.satisfaction = Some(0);
    let mut early_visit = complaint(&c.id, "2026-11-01", "late");
    early_visit.return_visit_on = Some(day("2026-10-31"));
    for (input, code, field) in [
        (complaint(&c.id, "2026-11-01", " "), "subject_empty", "subject"),
        (bad_score, "satisfaction_out_of_range", "satisfaction"),
        (zero, "satisfaction_out_of_range", "satisfaction"),
        (early_visit, "return_visit_before_opened", "return_visit_on"),
        (complaint("ghost", "2026-11-01", "late"), "customer_not_found", "customer_id"),
    ] {
        let err = s.create_complaint(input).unwrap_err();
        assert_eq!((err.code(), err.to_payload().field.as_deref()), (code, Some(field)));
    }
    assert!(s.list_complaints(&c.id, RecordScope::Live).unwrap().is_empty());
}

#[test]
fn complaints_list_newest_first_and_go_to_the_trash_and_back() {
    let (mut s, _) = store();
    let c = s.create_customer(person("Ann")).unwrap();
    s.create_complaint(complaint(&c.id, "2026-10-01", "old")).unwrap();
    let new = s.create_complaint(complaint(&c.id, "2026-11-01", "new")).unwrap();
    let list = s.list_complaints(&c.id, RecordScope::Live).unwrap();
    assert_eq!(list.iter().map(|k| k.fields.subject.as_str()).collect::<Vec<_>>(), ["new", "old"]);
    s.delete_complaint(&new.id).unwrap();
    assert_eq!(s.list_complaints(&c.id, RecordScope::Live).unwrap().len(), 1);
    assert_eq!(s.list_complaints(&c.id, RecordScope::Trash).unwrap()[0].id, new.id);
    s.restore_complaint(&new.id).unwrap();
    assert_eq!(s.list_complaints(&c.id, RecordScope::Live).unwrap().len(), 2);
}

#[test]
fn complaints_come_in_pages_with_the_total() {
    let (mut s, _) = store();
    let c = s.create_customer(person("Ann")).unwrap();
    for d in 1..=5 {
        s.create_complaint(complaint(&c.id, &format!("2026-11-0{d}"), &format!("k{d}"))).unwrap();
    }
    let page = s.complaints_page(&c.id, RecordScope::Live, 1, 2).unwrap();
    assert_eq!((page.total, page.offset), (5, 1), "the total counts every live complaint, not the page");
    let subjects: Vec<_> = page.items.iter().map(|k| k.fields.subject.as_str()).collect();
    assert_eq!(subjects, ["k4", "k3"], "newest first, after skipping one");
}

#[test]
fn every_invalid_field_of_a_complaint_is_named_in_one_error() {
    let (mut s, _) = store();
    let c = s.create_customer(person("张三")).unwrap();
    let head = s.journal_head().unwrap();
    let mut input = complaint(&c.id, "2026-11-01", "  ");
    input.satisfaction = Some(9);
    input.return_visit_on = Some(day("2026-10-01"));
    let err = s.create_complaint(input).unwrap_err();
    assert_eq!(err.code(), "subject_empty", "the first problem stays the error's code");
    let fields: Vec<String> = err.to_payload().fields.unwrap_or_default().into_iter().map(|p| p.field).collect();
    assert_eq!(fields, ["subject", "satisfaction", "return_visit_on"], "all three at once");
    assert_eq!(s.journal_head().unwrap(), head, "nothing written");
}

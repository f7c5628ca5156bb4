//! `fieldbook complaints`, run as a user would: add, list (JSON and text), resolve with the
//! return visit's score, the Trash, and coded errors.

mod common;

use common::Book;
use serde_json::Value;

fn customer(b: &Book, name: &str) -> String {
    b.json(&["customers", "add", "--name", name])["id"].as_str().unwrap().to_string()
}

#[test]
fn complaints_are_added_listed_newest_first_and_resolved() {
    let b = Book::new();
    let id = customer(&b, "张三");
    let old = b.json(&["complaints", "add", "--customer", &id, "--subject", "到账延迟", "--date", "2026-10-01"]);
    assert_eq!((old["status"].as_str(), old["opened_on"].as_str()), (Some("open"), Some("2026-10-01")));
    b.json(&[
        "complaints",
        "add",
        "--customer",
        &id,
        "--subject",
        "服务态度",
        "--details",
        "柜台排队太久",
        "--date",
        "2026-11-01",
        "--status",
        "in-progress",
    ]);
    let page = b.json(&["complaints", "list", "--customer", &id]);
    assert_eq!(page["total"], 2);
    assert_eq!(page["items"][0]["subject"], "服务态度", "newest first");
    assert_eq!(page["items"][0]["status"], "in_progress");
    let second = b.json(&["complaints", "list", "--customer", &id, "--offset", "1", "--limit", "1"]);
    assert_eq!((second["total"].as_u64(), second["items"][0]["subject"].as_str()), (Some(2), Some("到账延迟")));

    let k = old["id"].as_str().unwrap();
    let done = b.json(&[
        "complaints",
        "resolve",
        k,
        "--resolution",
        "已补发",
        "--satisfaction",
        "4",
        "--return-visit",
        "2026-10-08",
    ]);
    assert_eq!(done["status"], "resolved");
    assert_eq!((done["satisfaction"].as_u64(), done["return_visit_on"].as_str()), (Some(4), Some("2026-10-08")));
    assert_eq!(done["subject"], "到账延迟", "resolving keeps what was recorded");
    let text = b.text(&["complaints", "list", "--customer", &id]);
    assert!(text.contains("resolved    到账延迟 → 已补发 · satisfaction 4/5"), "{text}");
    assert!(text.contains("(2 of 2 shown)"), "{text}");
}

#[test]
fn complaints_go_to_the_trash_and_back() {
    let b = Book::new();
    let id = customer(&b, "Ann");
    let k = b.json(&["complaints", "add", "--customer", &id, "--subject", "late delivery"]);
    let k = k["id"].as_str().unwrap();
    b.json(&["complaints", "delete", k]);
    assert_eq!(b.json(&["complaints", "list", "--customer", &id])["total"], 0);
    assert_eq!(b.json(&["complaints", "list", "--customer", &id, "--trash"])["items"][0]["id"], k);
    b.json(&["complaints", "restore", k]);
    assert_eq!(b.json(&["complaints", "list", "--customer", &id])["total"], 1);
}

#[test]
fn bad_complaints_fail_with_coded_json_errors() {
    let b = Book::new();
    let id = customer(&b, "Ann");
    let err = b.error(&["complaints", "add", "--customer", &id, "--subject", " "]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("subject_empty"), Some("subject")));
    let err = b.error(&["complaints", "add", "--customer", "ghost", "--subject", "x"]);
    assert_eq!(err["code"], "customer_not_found");
    let err = b.error(&["complaints", "add", "--customer", &id, "--subject", "x", "--date", "yesterday"]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("date_format"), Some("opened_on")));
    let k: Value = b.json(&["complaints", "add", "--customer", &id, "--subject", "x", "--date", "2026-11-01"]);
    let k = k["id"].as_str().unwrap();
    let err = b.error(&["complaints", "resolve", k, "--satisfaction", "6"]);
    assert_eq!(
        (err["code"].as_str(), err["field"].as_str()),
        (Some("satisfaction_out_of_range"), Some("satisfaction"))
    );
    let err = b.error(&["complaints", "resolve", k, "--return-visit", "2026-10-01"]);
    assert_eq!(err["code"], "return_visit_before_opened");
    let err = b.error(&["complaints", "resolve", "nope"]);
    assert_eq!(err["code"], "not_found");
    assert_eq!(
        b.json(&["complaints", "list", "--customer", &id])["items"][0]["status"],
        "open",
        "nothing half-written"
    );
}

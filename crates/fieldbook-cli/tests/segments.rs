//! `fieldbook segments`, `handover` and `bulk-edit` as a script uses them: a real database
//! file, JSON output, exit codes and coded errors.

mod common;

use common::Book;
use serde_json::{json, Value};

fn add(b: &Book, name: &str, tier: &str) -> String {
    b.json(&["customers", "add", "--name", name, "--tier", tier])["id"].as_str().unwrap().to_string()
}

fn owner(b: &Book, id: &str) -> Value {
    b.json(&["customers", "show", id])["owner"].clone()
}

#[test]
fn segments_add_list_and_show_the_filter_with_its_customers() {
    let b = Book::new();
    let zhang = add(&b, "张三", "VIP");
    add(&b, "李四", "C");
    let saved = b.json(&["segments", "add", "VIP 客户", "--filter", r#"{"tiers":["VIP"]}"#]);
    assert_eq!(saved["name"], "VIP 客户");

    let list = b.json(&["segments", "list"]);
    assert_eq!(list, json!([{ "id": saved["id"], "name": "VIP 客户", "count": 1, "filter": saved["filter"] }]));

    let shown = b.json(&["segments", "show", "vip 客户"]);
    assert_eq!(shown["filter"]["tiers"], json!(["VIP"]));
    assert_eq!(shown["total"], 1);
    assert_eq!(shown["customers"][0]["id"], zhang);

    let plain = b.command().args(["segments", "list"]).output().unwrap();
    assert!(String::from_utf8_lossy(&plain.stdout).contains("VIP 客户"));
}

#[test]
fn bad_segment_input_fails_with_a_coded_error_and_saves_nothing() {
    let b = Book::new();
    b.json(&["segments", "add", "Lost", "--filter", "{}"]);
    assert_eq!(b.error(&["segments", "add", "lost", "--filter", "{}"])["code"], "segment_name_taken");
    assert_eq!(b.error(&["segments", "add", "X", "--filter", "{not json"])["code"], "filter_invalid");
    let month = b.error(&["segments", "add", "X", "--filter", r#"{"birthday_month":13}"#]);
    assert_eq!((&month["code"], &month["field"]), (&json!("month_invalid"), &json!("birthday_month")));
    assert_eq!(b.error(&["segments", "show", "nope"])["code"], "not_found");
    assert_eq!(b.json(&["segments", "list"]).as_array().unwrap().len(), 1);
    let updated = b.json(&["segments", "update", "lost", "--rename", "Cold", "--filter", r#"{"tiers":["C"]}"#]);
    assert_eq!((&updated["name"], &updated["filter"]["tiers"]), (&json!("Cold"), &json!(["C"])));
    b.json(&["segments", "add", "Lost", "--filter", "{}"]);
    assert_eq!(b.error(&["segments", "update", "Lost", "--rename", "cold"])["code"], "segment_name_taken");
    b.json(&["segments", "delete", "Lost"]);
    b.json(&["segments", "delete", "Cold"]);
    assert_eq!(b.json(&["segments", "list"]), json!([]));
}

#[test]
fn bulk_edit_then_handover_by_ids_and_by_segment() {
    let b = Book::new();
    let a = add(&b, "A", "VIP");
    let c = add(&b, "C", "C");
    let d = add(&b, "D", "VIP");
    let ids = format!("{a},{c}");
    assert_eq!(b.json(&["bulk-edit", "--ids", &ids, "--owner", "王经理", "--add-tag", "golf"])["changed"], 2);
    assert_eq!(b.json(&["customers", "show", &c])["tags"], json!(["golf"]));

    // Only 王经理's customers among the ids move; D has no owner.
    let moved = b.json(&["handover", "--from", "王经理", "--to", "李经理", "--ids", &format!("{a},{d}")]);
    assert_eq!(moved, json!({ "moved": 1, "skipped": 1 }));
    assert_eq!(owner(&b, &a), "李经理");
    assert_eq!(owner(&b, &d), Value::Null);

    b.json(&["segments", "add", "cheap", "--filter", r#"{"tiers":["C"]}"#]);
    let moved = b.json(&["handover", "--from", "王经理", "--to", "李经理", "--segment", "cheap"]);
    assert_eq!(moved, json!({ "moved": 1, "skipped": 0 }));
    assert_eq!(owner(&b, &c), "李经理");

    let same = b.error(&["handover", "--from", "李经理", "--to", "李经理"]);
    assert_eq!(same["code"], "handover_same_owner");
    let missing = b.error(&["bulk-edit", "--ids", &format!("{a},nope"), "--tier", "B"]);
    assert_eq!((&missing["code"], &missing["field"]), (&json!("customer_not_found"), &json!("ids[1]")));
    assert_eq!(b.json(&["customers", "show", &a])["tier"], "VIP", "a failed bulk edit changes nothing");
}

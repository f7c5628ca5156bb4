//! The `interactions`, `orders` and extended `seed` commands, run as a user would.

mod common;

use common::Book;
use serde_json::Value;

fn customer(b: &Book, name: &str) -> String {
    b.json(&["customers", "add", "--name", name])["id"].as_str().unwrap().to_string()
}

#[test]
fn interactions_add_and_list_newest_first_as_json() {
    let b = Book::new();
    let id = customer(&b, "张三");
    let i = b.json(&[
        "interactions",
        "add",
        "--customer",
        &id,
        "--kind",
        "visit",
        "--summary",
        "上门拜访",
        "--at",
        "2026-11-20T15:30:00+08:00",
        "--outcome",
        "interested",
        "--follow-up",
        "2026-12-01",
    ]);
    assert_eq!(i["occurred_at"], "2026-11-20T07:30:00.000Z");
    assert_eq!(i["follow_up_on"], "2026-12-01");
    b.json(&["interactions", "add", "--customer", &id, "--kind", "call", "--summary", "later", "--at", "2026-11-21"]);
    let page = b.json(&["interactions", "list", "--customer", &id]);
    assert_eq!(page["total"], 2);
    assert_eq!(page["items"][0]["summary"], "later", "newest first");
    assert_eq!(page["items"][1]["kind"], "visit");
    assert!(b.text(&["interactions", "list", "--customer", &id]).contains("上门拜访 → interested"));
}

#[test]
fn a_bad_interaction_fails_with_a_coded_json_error() {
    let b = Book::new();
    let id = customer(&b, "Ann");
    let out = b
        .cmd(&["--json", "interactions", "add", "--customer", &id, "--kind", "call", "--summary", " "])
        .failure()
        .get_output()
        .stderr
        .clone();
    let err: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("summary_empty"), Some("summary")));
    let out = b
        .cmd(&["--json", "interactions", "add", "--customer", "ghost", "--kind", "call", "--summary", "x"])
        .failure()
        .get_output()
        .stderr
        .clone();
    assert_eq!(serde_json::from_slice::<Value>(&out).unwrap()["code"], "customer_not_found");
}

#[test]
fn orders_add_computes_exact_totals_and_list_shows_them() {
    let b = Book::new();
    let id = customer(&b, "Ann");
    let o = b.json(&[
        "orders",
        "add",
        "--customer",
        &id,
        "--item",
        "Tea: green:3:19.99:15",
        "--item",
        "Box:1:0.125",
        "--currency",
        "usd",
        "--date",
        "2026-11-20",
    ]);
    assert_eq!(o["currency"], "USD");
    assert_eq!(o["lines"][0]["description"], "Tea: green", "colons in a description survive");
    assert_eq!(o["lines"][0]["total"], "50.97");
    assert_eq!(o["lines"][1]["total"], "0.13", "half a cent rounds away from zero");
    assert_eq!(o["total"], "51.10", "money is a string in JSON");
    let page = b.json(&["orders", "list", "--customer", &id]);
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["id"], o["id"]);
    assert!(b.text(&["orders", "list", "--customer", &id]).contains("Tea: green × 3 @ 19.99 −15% = 50.97"));
}

#[test]
fn a_malformed_item_is_refused_and_nothing_is_written() {
    let b = Book::new();
    let id = customer(&b, "Ann");
    let out = b
        .cmd(&["--json", "orders", "add", "--customer", &id, "--item", "Tea:three:1"])
        .failure()
        .get_output()
        .stderr
        .clone();
    let err: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("number_invalid"), Some("lines[0].quantity")));
    b.cmd(&["orders", "add", "--customer", &id, "--item", "no-numbers"]).failure();
    assert_eq!(b.json(&["orders", "list", "--customer", &id])["total"], 0);
}

#[test]
fn seeding_history_is_reproducible_for_a_seed_and_date() {
    let counts = |seed: &str| {
        let b = Book::new();
        let r =
            b.json(&["seed", "--customers", "50", "--interactions", "400", "--seed", seed, "--as-of", "2026-11-22"]);
        assert_eq!(
            (r["customers"].as_u64(), r["interactions"].as_u64(), r["orders"].as_u64()),
            (Some(50), Some(400), Some(100))
        );
        let conn = rusqlite::Connection::open(&b.db).unwrap();
        let sql = "SELECT group_concat(summary || occurred_at, '|') FROM (SELECT summary, occurred_at FROM interactions ORDER BY occurred_at, summary)";
        let interactions: String = conn.query_row(sql, [], |r| r.get(0)).unwrap();
        let totals: String = conn
            .query_row("SELECT group_concat(t, ',') FROM (SELECT total_minor AS t FROM orders ORDER BY ordered_on, total_minor)", [], |r| r.get(0))
            .unwrap();
        let oldest: String = conn.query_row("SELECT MIN(occurred_at) FROM interactions", [], |r| r.get(0)).unwrap();
        assert!(oldest.as_str() >= "2024-11-22", "spread over the two years before --as-of: {oldest}");
        (interactions, totals)
    };
    assert_eq!(counts("9"), counts("9"), "same seed, same history");
    assert_ne!(counts("9"), counts("10"));
}

/// Issue 13: the seeded demo book looks like a real one — every customer added before their
/// first logged contact, over time — and its dashboard counts who is overdue for a revisit.
#[test]
fn a_seeded_book_adds_each_customer_before_their_history_and_reports_who_is_overdue() {
    let b = Book::new();
    b.json(&["seed", "--customers", "300", "--interactions", "3000", "--seed", "3", "--as-of", "2026-11-22"]);
    let conn = rusqlite::Connection::open(&b.db).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let before_added = count(
        "SELECT count(*) FROM customers c
         WHERE EXISTS (SELECT 1 FROM interactions i WHERE i.customer_id = c.id AND i.occurred_at < c.created_at)
            OR EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.ordered_on || 'T00:00:00.000Z' < c.created_at)",
    );
    assert_eq!(before_added, 0, "nobody's history starts before they were added");
    let days = count("SELECT count(DISTINCT substr(created_at, 1, 10)) FROM customers");
    assert!(days > 100, "customers are added over the two years, not all at once: {days} days");
    let orphans = count(
        "SELECT count(*) FROM customers p JOIN customers o ON o.id = p.company_id WHERE o.created_at > p.created_at",
    );
    assert_eq!(orphans, 0, "an organization is added no later than its members");

    let r = b.json(&["report", "--as-of", "2026-11-22"]);
    let lost = r["by_stage"].as_array().unwrap().iter().find(|s| s["stage"] == "lost").unwrap()["count"].as_u64();
    assert!(lost.unwrap() > 0, "two years of history leave some customers lost: {r}");
    assert!(r["overdue"]["count"].as_u64().unwrap() > 0, "and customers overdue for a revisit: {}", r["overdue"]);
}

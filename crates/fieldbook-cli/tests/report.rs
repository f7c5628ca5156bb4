//! `fieldbook report`: the dashboard's figures from a terminal, as JSON and as a table.

mod common;

use common::Book;
use serde_json::Value;

fn customer(b: &Book, name: &str, tier: &str) -> String {
    b.json(&["customers", "add", "--name", name, "--tier", tier])["id"].as_str().unwrap().to_string()
}

/// Two customers, three orders (one a draft) and a call; the book's today is real, so the
/// dates are relative to --as-of below.
fn stocked() -> (Book, String, String) {
    let b = Book::new();
    let wang = customer(&b, "王芳", "VIP");
    let lee = customer(&b, "Lee", "B");
    for (who, item, date, status) in [
        (&wang, "Tea:2:100.25", "2026-11-02", "completed"),
        (&wang, "Tea:1:50", "2026-10-02", "paid"),
        (&lee, "Fee:1:80", "2026-11-03", "completed"),
        (&lee, "Plan:1:99999", "2026-11-04", "draft"),
    ] {
        b.json(&["orders", "add", "--customer", who, "--item", item, "--date", date, "--status", status]);
    }
    b.json(&["interactions", "add", "--customer", &lee, "--kind", "call", "--summary", "hi", "--at", "2026-08-01"]);
    (b, wang, lee)
}

#[test]
fn report_json_carries_every_figure_with_exact_money() {
    let (b, wang, lee) = stocked();
    let r = b.json(&["report", "--as-of", "2026-11-22"]);
    assert_eq!(r["as_of"], "2026-11-22");
    assert_eq!(r["total_customers"], 2);
    assert_eq!(r["by_tier"][0], serde_json::json!({ "tier": "VIP", "count": 1 }));
    assert_eq!(r["by_tier"][2], serde_json::json!({ "tier": "B", "count": 1 }));
    let months = r["revenue"]["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(months[11]["month"], "2026-11");
    assert_eq!(
        months[11]["amounts"][0],
        serde_json::json!({ "currency": "CNY", "amount": "280.50" }),
        "the draft is not revenue"
    );
    assert_eq!(months[10]["amounts"][0]["amount"], "50.00");
    let top = r["top_customers"]["items"].as_array().unwrap();
    assert_eq!((top[0]["customer_id"].as_str(), top[0]["revenue"].as_str()), (Some(wang.as_str()), Some("250.50")));
    assert_eq!(top[1]["customer_id"].as_str(), Some(lee.as_str()));
    // Lee was active in both 90-day periods (call 08-01, order 11-03); 王芳 only in the current one.
    assert_eq!(r["retention"]["previous_active"], 1);
    assert_eq!(r["retention"]["retained"], 1);
    assert_eq!(r["retention"]["rate_pct"], "100.0");
    assert_eq!(r["complaints"]["total"], 0);
    assert_eq!(r["complaints"]["average_satisfaction"], Value::Null);
}

#[test]
fn report_prints_a_readable_table_for_people() {
    let (b, _, _) = stocked();
    let out = b.cmd(&["report", "--as-of", "2026-11-22"]).success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("Report as of 2026-11-22"), "{text}");
    assert!(text.contains("Customers: 2"), "{text}");
    assert!(text.contains("2026-11") && text.contains("280.50"), "the month's revenue is listed: {text}");
    assert!(text.contains("Top customers, last 12 months (CNY)"), "{text}");
    assert!(text.contains("王芳"), "{text}");
    assert!(text.contains("Retention: 100.0%"), "{text}");
}

#[test]
fn a_bad_as_of_date_is_refused_and_an_empty_book_reports_zeros() {
    let b = Book::new();
    b.cmd(&["report", "--as-of", "2026-13-01"]).failure();
    let r = b.json(&["report", "--as-of", "2026-11-22"]);
    assert_eq!(r["total_customers"], 0);
    assert_eq!(r["retention"]["rate_pct"], Value::Null);
    assert_eq!(r["top_customers"]["currency"], Value::Null);
}

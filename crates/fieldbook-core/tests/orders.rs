//! Products and orders on a real (in-memory) SQLite store: totals by the stated rounding
//! rule, catalog defaults, validation, editing lines, Trash; and the customer's risk preference.

mod common;

use chrono::NaiveDate;
use common::*;
use fieldbook_core::customers::RiskPreference;
use fieldbook_core::orders::{OrderInput, OrderLineInput, OrderStatus, ProductInput};
use fieldbook_core::records::RecordScope;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn item(desc: &str, qty: &str, price: &str, discount: &str) -> OrderLineInput {
    OrderLineInput {
        id: None,
        product_id: None,
        description: desc.into(),
        quantity: d(qty),
        unit_price: Some(d(price)),
        discount_pct: d(discount),
    }
}

fn order(customer_id: &str, on: &str, lines: Vec<OrderLineInput>) -> OrderInput {
    OrderInput {
        customer_id: customer_id.into(),
        ordered_on: on.parse::<NaiveDate>().unwrap(),
        status: OrderStatus::Paid,
        currency: "cny".into(),
        notes: None,
        expected_return_pct: None,
        stop_loss_pct: None,
        lines,
    }
}

fn total_minor(s: &fieldbook_core::Store, id: &str) -> i64 {
    s.conn().query_row("SELECT total_minor FROM orders WHERE id = ?1", [id], |r| r.get(0)).unwrap()
}

#[test]
fn an_order_total_is_the_sum_of_rounded_line_totals() {
    let (mut s, _) = store();
    let c = s.create_customer(person("张三")).unwrap();
    let o = s
        .create_order(order(
            &c.id,
            "2026-11-20",
            vec![item("茶叶", "3", "19.99", "15"), item("礼盒", "1", "0.125", "0"), item("袋", "1", "0.1", "0")],
        ))
        .unwrap();
    assert_eq!(o.currency, "CNY", "currency codes are upper-cased");
    let totals: Vec<String> = o.lines.iter().map(|l| l.total.to_string()).collect();
    assert_eq!(totals, ["50.97", "0.13", "0.10"], "each line rounds half away from zero to fen");
    assert_eq!(o.total.to_string(), "51.20");
    assert_eq!(total_minor(&s, &o.id), 5120, "the stored derived total agrees, in fen");
    let json = serde_json::to_value(&o).unwrap();
    assert_eq!(json["total"], "51.20", "money travels as a string, never a float");
    assert_eq!(json["lines"][0]["unit_price"], "19.99");
}

#[test]
fn a_line_can_pick_a_catalog_product_and_take_its_name_and_price() {
    let (mut s, _) = store();
    let c = s.create_customer(person("Ann")).unwrap();
    let p = s
        .create_product(ProductInput {
            name: "稳健理财 A 款".into(),
            sku: Some("WM-A".into()),
            default_price: Some(d("10000")),
            currency: Some("CNY".into()),
            category: Some("理财".into()),
        })
        .unwrap();
    let mut line = item("", "2", "0", "0");
    line.product_id = Some(p.id.clone());
    line.unit_price = None;
    let o = s.create_order(order(&c.id, "2026-11-20", vec![line.clone()])).unwrap();
    assert_eq!(o.lines[0].description, "稳健理财 A 款");
    assert_eq!(o.lines[0].unit_price, d("10000"));
    assert_eq!(o.total, d("20000"));
    assert_eq!(o.lines[0].product_id.as_deref(), Some(p.id.as_str()));

    let mut usd = order(&c.id, "2026-11-20", vec![line]);
    usd.currency = "USD".into();
    let err = s.create_order(usd).unwrap_err();
    assert_eq!(err.code(), "price_currency_mismatch", "a CNY price is not silently used as dollars");
    assert_eq!(err.to_payload().field.as_deref(), Some("lines[0].unit_price"));
    assert_eq!(s.list_products(RecordScope::Live).unwrap().len(), 1);
}

#[test]
fn invalid_orders_write_nothing_and_name_the_field() {
    let (mut s, _) = store();
    let c = s.create_customer(person("Ann")).unwrap();
    let head = s.journal_head().unwrap();
    let mut bad_currency = order(&c.id, "2026-11-20", vec![item("x", "1", "1", "0")]);
    bad_currency.currency = "RMB1".into();
    let mut no_lines = order(&c.id, "2026-11-20", vec![]);
    let mut risky = order(&c.id, "2026-11-20", vec![item("x", "1", "1", "0")]);
    risky.stop_loss_pct = Some(d("120"));
    let cases = vec![
        (order(&c.id, "2026-11-20", vec![item("x", "0", "1", "0")]), "quantity_not_positive", "lines[0].quantity"),
        (order(&c.id, "2026-11-20", vec![item("x", "1", "-1", "0")]), "price_negative", "lines[0].unit_price"),
        (order(&c.id, "2026-11-20", vec![item("x", "1", "1", "101")]), "pct_out_of_range", "lines[0].discount_pct"),
        (order(&c.id, "2026-11-20", vec![item(" ", "1", "1", "0")]), "description_empty", "lines[0].description"),
        (order(&c.id, "2026-11-20", vec![item("x", "1e20", "1e10", "0")]), "amount_too_large", "lines[0].quantity"),
        (bad_currency, "currency_invalid", "currency"),
        (no_lines.clone(), "lines_empty", "lines"),
        (risky, "pct_out_of_range", "stop_loss_pct"),
        (order("ghost", "2026-11-20", vec![item("x", "1", "1", "0")]), "customer_not_found", "customer_id"),
    ];
    for (input, code, field) in cases {
        let err = s.create_order(input).unwrap_err();
        assert_eq!((err.code(), err.to_payload().field.as_deref()), (code, Some(field)));
    }
    assert_eq!(s.journal_head().unwrap(), head, "nothing was written");
    no_lines.status = OrderStatus::Draft;
    assert!(s.create_order(no_lines).is_ok(), "a draft may start empty");
}

#[test]
fn every_invalid_field_of_an_order_and_its_lines_is_named_in_one_error() {
    let (mut s, _) = store();
    let c = s.create_customer(person("Ann")).unwrap();
    let head = s.journal_head().unwrap();
    let mut input = order(&c.id, "1700-01-01", vec![item(" ", "0", "-1", "0"), item("ok", "1", "1", "101")]);
    input.currency = "RMB1".into();
    input.stop_loss_pct = Some(d("120"));
    let err = s.create_order(input).unwrap_err();
    assert_eq!(err.code(), "date_out_of_range", "the first problem stays the error's code");
    let fields: Vec<String> = err.to_payload().fields.unwrap_or_default().into_iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        [
            "ordered_on",
            "currency",
            "stop_loss_pct",
            "lines[0].description",
            "lines[0].quantity",
            "lines[0].unit_price",
            "lines[1].discount_pct"
        ],
        "the order's fields and every line's, at once"
    );
    assert_eq!(s.journal_head().unwrap(), head, "nothing written");
}

#[test]
fn editing_an_order_keeps_line_ids_and_trashes_removed_lines() {
    let (mut s, _) = store();
    let c = s.create_customer(person("Ann")).unwrap();
    let o =
        s.create_order(order(&c.id, "2026-11-20", vec![item("a", "1", "10", "0"), item("b", "2", "5", "0")])).unwrap();
    let mut first = item("a", "3", "10", "10");
    first.id = Some(o.lines[0].id.clone());
    let mut edit = order(&c.id, "2026-11-21", vec![first]);
    edit.status = OrderStatus::Completed;
    edit.expected_return_pct = Some(d("4.5"));
    let e = s.update_order(&o.id, edit).unwrap();
    assert_eq!(e.lines.len(), 1);
    assert_eq!(e.lines[0].id, o.lines[0].id, "an edited line keeps its id");
    assert_eq!(e.total, d("27.00"));
    assert_eq!(total_minor(&s, &o.id), 2700, "the derived total follows the edit");
    assert_eq!(e.expected_return_pct, Some(d("4.5")));
    assert_eq!(e.status, OrderStatus::Completed);
    let trashed: i64 =
        s.conn().query_row("SELECT COUNT(*) FROM order_lines WHERE deleted_at IS NOT NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(trashed, 1);
}

#[test]
fn orders_list_newest_first_and_go_to_the_trash_and_back() {
    let (mut s, _) = store();
    let c = s.create_customer(person("Ann")).unwrap();
    for day in ["2026-01-05", "2026-03-01", "2025-12-31"] {
        s.create_order(order(&c.id, day, vec![item(day, "1", "1", "0")])).unwrap();
    }
    let page = s.list_orders(&c.id, RecordScope::Live, 0, 10).unwrap();
    let days: Vec<String> = page.items.iter().map(|o| o.ordered_on.to_string()).collect();
    assert_eq!(days, ["2026-03-01", "2026-01-05", "2025-12-31"]);
    let newest = page.items[0].id.clone();
    s.delete_order(&newest).unwrap();
    assert_eq!(s.list_orders(&c.id, RecordScope::Live, 0, 10).unwrap().total, 2);
    assert_eq!(s.list_orders(&c.id, RecordScope::Trash, 0, 10).unwrap().items[0].id, newest);
    s.restore_order(&newest).unwrap();
    assert_eq!(s.list_orders(&c.id, RecordScope::Live, 0, 10).unwrap().total, 3);
}

#[test]
fn products_edit_trash_and_restore() {
    let (mut s, _) = store();
    let p = s.create_product(ProductInput { name: "Tea".into(), ..Default::default() }).unwrap();
    assert_eq!(s.create_product(ProductInput::default()).unwrap_err().code(), "name_empty");
    let p2 = s
        .update_product(
            &p.id,
            ProductInput { name: "Green tea".into(), default_price: Some(d("12.50")), ..Default::default() },
        )
        .unwrap();
    assert_eq!(p2.fields.default_price, Some(d("12.5")));
    s.delete_product(&p.id).unwrap();
    assert!(s.list_products(RecordScope::Live).unwrap().is_empty());
    let c = s.create_customer(person("Ann")).unwrap();
    let mut line = item("", "1", "1", "0");
    line.product_id = Some(p.id.clone());
    assert_eq!(s.create_order(order(&c.id, "2026-11-20", vec![line])).unwrap_err().code(), "product_not_found");
    s.restore_product(&p.id).unwrap();
    assert_eq!(s.list_products(RecordScope::Live).unwrap().len(), 1);
}

#[test]
fn a_customers_risk_preference_is_stored_edited_and_journaled() {
    let (mut s, _) = store();
    let mut input = person("王五");
    input.risk_preference = Some(RiskPreference::Balanced);
    let c = s.create_customer(input).unwrap();
    assert_eq!(s.customer(&c.id).unwrap().fields.risk_preference, Some(RiskPreference::Balanced));
    let head = s.journal_head().unwrap();
    let mut edit = c.fields.clone();
    edit.risk_preference = Some(RiskPreference::Aggressive);
    let c2 = s.update_customer(&c.id, edit).unwrap();
    assert_eq!(c2.fields.risk_preference, Some(RiskPreference::Aggressive));
    let changes = s.journal(&fieldbook_core::store::JournalQuery { after_seq: head, ..Default::default() }).unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(
        (changes[0].field.as_str(), changes[0].new_value.as_deref()),
        ("risk_preference", Some("\"aggressive\""))
    );
    let json = serde_json::to_value(&c2).unwrap();
    assert_eq!(json["risk_preference"], "aggressive");
}

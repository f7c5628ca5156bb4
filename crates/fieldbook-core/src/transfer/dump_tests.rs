use std::io::Cursor;

use chrono::NaiveDate;

use super::*;
use crate::complaints::{ComplaintInput, ComplaintStatus};
use crate::orders::ProductInput;
use crate::reminders::CustomReminderInput;
use crate::transfer::fixtures::{clock, empty_book, seeded_book};

/// A seeded book plus one of every other kind of record, some edited and some in the Trash.
fn full_book(customers: usize, interactions: usize) -> Store {
    let (mut store, ids) = seeded_book(customers, interactions);
    store
        .create_complaint(ComplaintInput {
            customer_id: ids[3].clone(),
            opened_on: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            subject: "到账延迟".into(),
            details: Some("line one\nline two, \"quoted\"".into()),
            status: ComplaintStatus::Resolved,
            resolution: Some("refunded the fee".into()),
            satisfaction: Some(4),
            return_visit_on: NaiveDate::from_ymd_opt(2026, 1, 9),
        })
        .unwrap();
    store
        .create_product(ProductInput {
            name: "稳健理财".into(),
            default_price: Some("50000.00".parse().unwrap()),
            currency: Some("CNY".into()),
            ..Default::default()
        })
        .unwrap();
    store
        .create_custom_reminder(CustomReminderInput {
            customer_id: Some(ids[4].clone()),
            title: "续保".into(),
            start_date: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            repeat: Default::default(),
            until_date: None,
            notes: None,
        })
        .unwrap();
    store.mark_done(&format!("birthday:{}:2026-03-14", ids[5])).unwrap();
    store.set_setting("ui.locale", serde_json::json!("zh-CN")).unwrap();
    let mut c = store.customer(&ids[6]).unwrap().fields;
    c.notes = Some("edited after import".into());
    store.update_customer(&ids[6], c).unwrap();
    store.delete_customer(&ids[7]).unwrap();
    store
}

fn restore_str(store: &mut Store, text: &str) -> Result<RestoreSummary> {
    restore_bytes(store, text.as_bytes())
}

fn restore_bytes(store: &mut Store, bytes: &[u8]) -> Result<RestoreSummary> {
    store.restore_dump(Cursor::new(bytes))
}

type Derived = (Vec<(String, String, Option<String>)>, Vec<(String, i64)>);

fn derived(store: &Store) -> Derived {
    let conn = store.conn();
    let mut s = conn.prepare("SELECT id, sort_key, last_contact_at FROM customers ORDER BY id").unwrap();
    let customers = s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(|r| r.unwrap()).collect();
    let mut s = conn.prepare("SELECT id, total_minor FROM orders ORDER BY id").unwrap();
    let orders = s.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect();
    (customers, orders)
}

#[test]
fn dump_restore_dump_is_byte_identical_on_a_seeded_10k_book_with_history() {
    let source = full_book(10_000, 20_000);
    let first = source.dump_string().unwrap();
    let mut target = empty_book();
    let summary = restore_str(&mut target, &first).unwrap();
    assert_eq!(summary.tables["customers"], 10_000, "every customer, the trashed one included");
    assert!(summary.tables["change_journal"] > 10_000, "the history travels with the data");
    let second = target.dump_string().unwrap();
    assert!(first == second, "dump → restore → dump must give the same bytes");
    // Derived columns are recomputed, and come out as the write path made them.
    let (a, b) = (derived(&source), derived(&target));
    let customers: Vec<_> = a.0.iter().zip(&b.0).filter(|(x, y)| x != y).take(3).collect();
    assert!(customers.is_empty() && a.0.len() == b.0.len(), "sort key or last contact differ: {customers:?}");
    let orders: Vec<_> = a.1.iter().zip(&b.1).filter(|(x, y)| x != y).take(3).collect();
    assert!(orders.is_empty() && a.1.len() == b.1.len(), "order totals differ: {orders:?}");
    assert_eq!(target.integrity_check().unwrap(), "ok");
}

#[test]
fn a_restored_book_is_searchable_and_keeps_each_customers_history() {
    let source = full_book(300, 600);
    let mut target = empty_book();
    restore_str(&mut target, &source.dump_string().unwrap()).unwrap();
    let any = source.list_customers(Default::default(), 0, 1).unwrap().items.remove(0);
    let hits = target.search(&any.name, 50).unwrap();
    assert!(hits.iter().any(|h| h.customer.id == any.id), "the search index is rebuilt on restore");
    let q = crate::store::JournalQuery { row_id: Some(any.id.clone()), ..Default::default() };
    assert_eq!(source.journal(&q).unwrap(), target.journal(&q).unwrap());
    // The restored book is its own device, and its new edits order after the restored history.
    assert_ne!(source.device_id(), target.device_id());
    let newest = source.journal_head().unwrap();
    let mut c = target.customer(&any.id).unwrap().fields;
    c.notes = Some("after restore".into());
    target.update_customer(&any.id, c).unwrap();
    let after = target.journal(&crate::store::JournalQuery { after_seq: newest, ..Default::default() }).unwrap();
    let before = source.journal(&crate::store::JournalQuery { after_seq: newest - 1, ..Default::default() }).unwrap();
    assert!(after[0].hlc > before[0].hlc, "a new edit must be stamped later than any restored change");
}

#[test]
fn every_table_is_either_dumped_or_local() {
    // If this fails, a migration added a table: it is dumped unless listed in LOCAL_TABLES
    // (or named search_*). Decide which, and list derived columns in DERIVED_COLUMNS.
    let store = empty_book();
    let dumped = dumped_tables(store.conn()).unwrap();
    for synced in [
        "anniversaries",
        "change_journal",
        "complaints",
        "contact_points",
        "custom_reminders",
        "customers",
        "field_clocks",
        "holiday_calendars",
        "interactions",
        "merges",
        "order_lines",
        "orders",
        "products",
        "reminder_states",
        "revisit_cadences",
        "settings",
    ] {
        assert!(dumped.contains(&synced.to_string()), "{synced} must be in the dump");
    }
    for local in
        ["device", "fired_notifications", "search_docs", "search_keys", "search_grams", "search_fts", "search_text_fts"]
    {
        assert!(!dumped.contains(&local.to_string()), "{local} is local to this machine");
    }
    for (table, column) in DERIVED_COLUMNS {
        let cols = dumped_columns(store.conn(), table).unwrap();
        assert!(!cols.contains(&column.to_string()), "{table}.{column} is derived");
    }
    assert!(!dumped_columns(store.conn(), "customers").unwrap().contains(&"birthday_key".to_string()));
}

#[test]
fn restore_refuses_a_book_that_is_not_empty_and_writes_nothing() {
    let source = full_book(20, 20);
    let (mut target, _) = seeded_book(3, 0);
    let before = target.dump_string().unwrap();
    let err = restore_str(&mut target, &source.dump_string().unwrap()).unwrap_err();
    assert_eq!(err.code(), "restore_not_empty");
    assert_eq!(target.dump_string().unwrap(), before);
}

#[test]
fn a_truncated_dump_is_rejected_naming_the_place_and_nothing_is_written() {
    let dump = full_book(20, 20).dump_string().unwrap();
    for cut in [dump.len() / 3, dump.len() / 2, dump.len() - 3] {
        let mut target = empty_book();
        // Cut anywhere, even inside a multi-byte character, as a truncated copy would be.
        let err = restore_bytes(&mut target, &dump.as_bytes()[..cut]).unwrap_err();
        assert_eq!(err.code(), "dump_truncated", "cut at {cut}: {err}");
        assert!(err.to_string().contains("line "), "the error says where: {err}");
        assert_eq!(target.journal_head().unwrap(), 0, "nothing written");
        assert!(target.check_empty().is_ok());
    }
}

#[test]
fn corrupt_or_foreign_dumps_are_rejected_with_a_coded_error_naming_where() {
    let good = full_book(10, 10).dump_string().unwrap();
    let cases: Vec<(String, &str, &str)> = vec![
        ("not json at all".into(), "dump_corrupt", "line 1"),
        (good.replacen("\"version\":1", "\"version\":99", 1), "dump_version", "version"),
        (good.replacen("\"format\":\"fieldbook-dump\"", "\"format\":\"other\"", 1), "dump_format", "format"),
        (good.replacen("\"schema_version\":", "\"schema_version\":9999", 1), "dump_schema_newer", "schema_version"),
        (good.replacen("\"customers\":{", "\"clients\":{", 1), "dump_table_unknown", "tables.clients"),
        (good.replacen("\"columns\":[\"id\"", "\"columns\":[\"idx\"", 1), "dump_column_unknown", "columns[0]"),
        (
            good.replacen("\"settings\":{\"columns\":[\"id\",", "\"settings\":{\"columns\":[", 1),
            "dump_row_width",
            "rows[0]",
        ),
        (good.replacen("\"rows\":[\n[\"", "\"rows\":[\n[[1],\"", 1), "dump_row_width", "rows[0]"),
        (good.replacen("\"ui.locale\"", "true", 1), "dump_value", "tables.change_journal.rows["),
        ("{\"format\":\"fieldbook-dump\"}".into(), "dump_corrupt", "line 1"),
    ];
    for (text, code, place) in cases {
        let mut target = empty_book();
        let err = restore_str(&mut target, &text).unwrap_err();
        assert_eq!(err.code(), code, "{err}");
        let payload = err.to_payload();
        let where_ = format!("{} {}", payload.field.unwrap_or_default(), payload.message);
        assert!(where_.contains(place), "{code}: {where_:?} should name {place:?}");
        assert_eq!(target.journal_head().unwrap(), 0, "{code}: nothing written");
    }
}

#[test]
fn an_unreadable_decimal_in_an_order_line_fails_the_restore_instead_of_becoming_zero() {
    let dump = full_book(10, 40).dump_string().unwrap();
    let v: serde_json::Value = serde_json::from_str(&dump).unwrap();
    let lines = &v["tables"]["order_lines"];
    let col = lines["columns"].as_array().unwrap().iter().position(|c| c == "unit_price").unwrap();
    let row = lines["rows"][0].as_array().unwrap().clone();
    let row_text = serde_json::Value::Array(row.clone()).to_string();
    let mut broken = row;
    broken[col] = serde_json::json!("12,5");
    let broken = serde_json::Value::Array(broken).to_string();
    assert!(dump.contains(&row_text), "rows are written as compact JSON, one per line");
    let mut target = Store::open_in_memory(clock()).unwrap();
    let err = restore_str(&mut target, &dump.replacen(&row_text, &broken, 1)).unwrap_err();
    assert_eq!(err.code(), "dump_value");
    assert!(err.to_string().contains("unit_price"), "{err}");
    assert!(target.check_empty().is_ok(), "the transaction rolled back");
}

#[test]
fn reals_blobs_and_nulls_survive_the_json_round_trip() {
    for v in [
        Value::Null,
        Value::Integer(-3),
        Value::Real(1.0),
        Value::Real(0.1),
        Value::Text("一".into()),
        Value::Blob(vec![0, 255, 16]),
    ] {
        let back = from_json(&serde_json::from_str(&to_json(v.clone()).to_string()).unwrap()).unwrap();
        assert_eq!(back, v);
    }
}

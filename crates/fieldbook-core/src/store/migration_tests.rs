//! Migrations that rebuild data, run on a book made by the schema before them.

use std::sync::Arc;

use rusqlite::Connection;

use super::MIGRATIONS;
use crate::clock::SystemClock;
use crate::Store;

/// Migration 0017 split the customer's free text (title, notes) off the name trigram table.
/// A book indexed the old way (notes inside search_fts) must come out with both tables
/// refilled: its notes still found, and once the notes change, the old ones found no more
/// (which they would be if the old text stayed in search_fts).
#[test]
fn migration_0017_moves_title_and_notes_into_their_own_trigram_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        // The schema through 0016: 15 migrations (there is no 0007).
        MIGRATIONS.to_version(&mut conn, 15).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, 15);
        assert!(conn.prepare("SELECT 1 FROM search_text_fts").is_err(), "before 0017");
        conn.execute_batch(
            "INSERT INTO customers (id, kind, name, title, notes, created_at, updated_at)
               VALUES ('c1', 'person', '韩梅梅', '销售总监', 'likes tennis', '2026-12-01T09:00:00.000Z', '2026-12-01T09:00:00.000Z');
             INSERT INTO contact_points (id, customer_id, kind, value, created_at, updated_at)
               VALUES ('p1', 'c1', 'phone', '13912345678', '2026-12-01T09:00:00.000Z', '2026-12-01T09:00:00.000Z');
             INSERT INTO search_docs (doc_id, customer_id) VALUES (7, 'c1');
             INSERT INTO search_fts (rowid, body) VALUES (7, '韩梅梅\nhan mei mei\n销售总监\n13912345678\nlikes tennis');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path, Arc::new(SystemClock)).unwrap();
    let found = |s: &Store, q: &str| s.search(q, 10).unwrap().into_iter().map(|h| h.customer.id).collect::<Vec<_>>();
    for q in ["tennis", "销售总监", "345678", "韩梅梅"] {
        assert_eq!(found(&store, q), ["c1"], "{q:?} after the migration");
    }
    let in_text_table = |q: &str| -> Vec<i64> {
        let mut stmt =
            store.conn().prepare("SELECT rowid FROM search_text_fts WHERE search_text_fts MATCH ?1").unwrap();
        stmt.query_map([q], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    assert_eq!(in_text_table("tennis"), [7], "the notes are in the free-text table");
    assert_eq!(in_text_table("销售总监"), [7], "and the title");
    assert!(in_text_table("韩梅梅").is_empty(), "the name is not");

    let mut input = store.customer("c1").unwrap().fields;
    input.notes = Some("prefers golf".into());
    store.update_customer("c1", input).unwrap();
    assert!(found(&store, "tennis").is_empty(), "the old notes left both tables");
    assert_eq!(found(&store, "golf"), ["c1"]);
    assert_eq!(found(&store, "345678"), ["c1"]);
}

//! The sync-ready write path: per-field hybrid logical clocks and the change journal.

mod common;

use common::*;
use fieldbook_core::customers::Tier;
use fieldbook_core::hlc::Hlc;
use fieldbook_core::store::JournalQuery;

fn clock_of(s: &fieldbook_core::Store, row: &str, field: &str) -> Option<Hlc> {
    s.conn()
        .query_row("SELECT hlc FROM field_clocks WHERE row_id = ?1 AND field = ?2", [row, field], |r| {
            r.get::<_, String>(0)
        })
        .ok()
        .map(|t| t.parse().unwrap())
}

#[test]
fn an_insert_is_one_journal_entry_with_the_whole_row_stamped_once() {
    let (mut s, _) = store();
    let c = s.create_customer(person("张三")).unwrap();
    let entries = s.journal(&JournalQuery { row_id: Some(c.id.clone()), ..Default::default() }).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].field, "*");
    let row: serde_json::Value = serde_json::from_str(entries[0].new_value.as_deref().unwrap()).unwrap();
    assert_eq!(row["name"], "张三");
    assert_eq!(entries[0].origin, s.device_id());
    assert!(clock_of(&s, &c.id, "*").is_some());
}

#[test]
fn an_edit_stamps_and_journals_only_the_fields_that_changed() {
    let (mut s, clock) = store();
    let c = s.create_customer(person("张三")).unwrap();
    let head = s.journal_head().unwrap();
    clock.advance(chrono::Duration::seconds(5));
    let mut edit = c.fields.clone();
    edit.tier = Some(Tier::A);
    edit.notes = Some("prefers mornings".into());
    s.update_customer(&c.id, edit.clone()).unwrap();
    let changes =
        s.journal(&JournalQuery { after_seq: head, row_id: Some(c.id.clone()), ..Default::default() }).unwrap();
    let mut fields: Vec<_> = changes.iter().map(|e| e.field.as_str()).collect();
    fields.sort();
    assert_eq!(fields, ["notes", "tier"]);
    let tier = changes.iter().find(|e| e.field == "tier").unwrap();
    assert_eq!(tier.old_value, None);
    assert_eq!(tier.new_value.as_deref(), Some("\"A\""));
    let insert_clock = clock_of(&s, &c.id, "*").unwrap();
    let tier_clock = clock_of(&s, &c.id, "tier").unwrap();
    assert!(tier_clock > insert_clock, "the edit's stamp is later than the insert's");
    assert_eq!(tier_clock.wall_ms, clock.now_ms());

    // Saving the same form again changes nothing and journals nothing.
    let head = s.journal_head().unwrap();
    s.update_customer(&c.id, edit).unwrap();
    assert_eq!(s.journal_head().unwrap(), head);
}

#[test]
fn a_local_edit_beats_a_field_clock_from_the_future() {
    let (mut s, _) = store();
    let c = s.create_customer(person("李四")).unwrap();
    // A field last written by a laptop whose clock runs an hour ahead.
    let future =
        Hlc { wall_ms: chrono::Utc::now().timestamp_millis() + 3_600_000, counter: 3, device: "zzz-other".into() };
    s.conn()
        .execute(
            "INSERT INTO field_clocks (entity, row_id, field, hlc) VALUES ('customers', ?1, 'notes', ?2)",
            [&c.id, &future.to_string()],
        )
        .unwrap();
    let mut edit = c.fields.clone();
    edit.notes = Some("mine".into());
    s.update_customer(&c.id, edit).unwrap();
    assert!(clock_of(&s, &c.id, "notes").unwrap() > future, "stamped max(now, field clock + 1)");
}

#[test]
fn stamps_keep_increasing_across_a_restart_even_if_the_clock_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let clock = clock();
    let first = {
        let mut s = fieldbook_core::Store::open(&path, clock.clone()).unwrap();
        let c = s.create_customer(person("A")).unwrap();
        clock_of(&s, &c.id, "*").unwrap()
    };
    clock.advance(chrono::Duration::hours(-2));
    let mut s = fieldbook_core::Store::open(&path, clock).unwrap();
    let c = s.create_customer(person("B")).unwrap();
    assert!(clock_of(&s, &c.id, "*").unwrap() > first);
}

#[test]
fn delete_and_restore_are_field_changes_of_deleted_at() {
    let (mut s, _) = store();
    let c = s.create_customer(person("王五")).unwrap();
    let head = s.journal_head().unwrap();
    s.delete_customer(&c.id).unwrap();
    s.restore_customer(&c.id).unwrap();
    let changes = s.journal(&JournalQuery { after_seq: head, ..Default::default() }).unwrap();
    assert_eq!(changes.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["deleted_at", "deleted_at"]);
    assert!(changes[0].new_value.is_some() && changes[1].new_value.is_none());
}

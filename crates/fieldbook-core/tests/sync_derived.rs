//! Derived data after sync: applying another laptop's changes rebuilds only what the changed
//! fields feed, so this checks that what they DO feed is rebuilt — a new name is found and
//! sorts right, an organization's new name finds its people, notes are searchable, a new
//! interaction moves the last contact and next follow-up — exactly as on the laptop that made
//! the change, and as a rebuild of the whole book from scratch makes them.

use std::sync::Arc;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use fieldbook_core::clock::ManualClock;
use fieldbook_core::customers::{ContactPoint, CustomerInput, CustomerKind, ListScope, Tier};
use fieldbook_core::interactions::{InteractionInput, InteractionKind};
use fieldbook_core::sync::place::Folder;
use fieldbook_core::Store;

const PASS: &str = "team passphrase 团队口令";

fn laptop() -> (Store, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()));
    (Store::open_in_memory(clock.clone()).unwrap(), clock)
}

fn sync(store: &mut Store, place: &Folder) {
    store.sync(place, PASS, &mut |_| {}).unwrap();
}

/// A customer's id, sort key, last contact and next follow-up.
type Derived = (String, Option<String>, Option<String>, Option<String>);

/// Every customer's derived columns.
fn columns(store: &Store) -> Vec<Derived> {
    let mut stmt = store
        .conn()
        .prepare("SELECT id, sort_key, last_contact_at, next_follow_up_on FROM customers ORDER BY id")
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap();
    rows.map(|r| r.unwrap()).collect()
}

/// The ids a search finds, best first.
fn found(store: &Store, query: &str) -> Vec<String> {
    store.search(query, 20).unwrap().into_iter().map(|h| h.customer.id).collect()
}

/// The live list's order.
fn listed(store: &Store) -> Vec<String> {
    store.list_customers(ListScope::Live, 0, 100).unwrap().items.into_iter().map(|c| c.id).collect()
}

/// The same book rebuilt from scratch: its derived data recomputed from the data alone.
fn rebuilt(store: &Store) -> Store {
    let (mut copy, _) = laptop();
    copy.restore_dump(store.dump_string().unwrap().as_bytes()).unwrap();
    copy
}

fn visit(customer_id: &str, at: &str, follow_up_on: Option<NaiveDate>) -> InteractionInput {
    InteractionInput {
        customer_id: customer_id.into(),
        kind: InteractionKind::Visit,
        occurred_at: Some(at.into()),
        summary: "拜访".into(),
        outcome: None,
        next_step: None,
        follow_up_on,
    }
}

#[test]
fn names_search_fields_and_interactions_that_arrive_by_sync_rebuild_what_they_feed() {
    let dir = tempfile::tempdir().unwrap();
    let place = Folder::open(dir.path()).unwrap();
    let (mut a, clock) = laptop();
    let (mut b, _) = laptop();
    let org = a
        .create_customer(CustomerInput {
            kind: CustomerKind::Organization,
            name: "星河科技".into(),
            ..Default::default()
        })
        .unwrap();
    let zhang = a
        .create_customer(CustomerInput {
            name: "张三".into(),
            company_id: Some(org.id.clone()),
            phones: vec![ContactPoint { id: None, label: "mobile".into(), value: "13800138000".into() }],
            ..Default::default()
        })
        .unwrap();
    let wang = a.create_customer(CustomerInput { name: "王五".into(), ..Default::default() }).unwrap();
    a.create_interaction(visit(&zhang.id, "2026-11-20T10:00:00Z", NaiveDate::from_ymd_opt(2026, 12, 10))).unwrap();
    sync(&mut a, &place);
    sync(&mut b, &place);
    assert_eq!(columns(&b), columns(&a), "a first sync builds the derived columns");
    assert_eq!(found(&b, "星河"), vec![org.id.clone(), zhang.id.clone()]);

    // On A: a rename, an organization's rename, a notes edit (search text only), an edit that
    // feeds nothing derived (tier), a new interaction with a follow-up, a removed phone.
    clock.advance(Duration::minutes(5));
    let mut input = a.customer(&zhang.id).unwrap().fields;
    input.name = "李四".into();
    input.phones.clear();
    a.update_customer(&zhang.id, input).unwrap();
    let mut input = a.customer(&org.id).unwrap().fields;
    input.name = "银河资本".into();
    a.update_customer(&org.id, input).unwrap();
    let mut input = a.customer(&wang.id).unwrap().fields;
    input.notes = Some("prefers 早上打电话, about golf".into());
    input.tier = Some(Tier::Vip);
    a.update_customer(&wang.id, input).unwrap();
    a.create_interaction(visit(&wang.id, "2026-11-30T08:00:00Z", NaiveDate::from_ymd_opt(2026, 12, 5))).unwrap();
    sync(&mut a, &place);
    sync(&mut b, &place);

    assert_eq!(found(&b, "李四"), vec![zhang.id.clone()], "the new name is found");
    assert_eq!(found(&b, "ls"), vec![zhang.id.clone()], "by its pinyin initials too");
    assert!(found(&b, "张三").is_empty(), "the old name is gone from the index");
    assert!(found(&b, "13800138000").is_empty(), "a removed phone no longer finds the customer");
    assert!(found(&b, "银河").contains(&zhang.id), "a person is found by the organization's new name");
    assert!(found(&b, "星河").is_empty(), "and no longer by its old one");
    assert_eq!(found(&b, "golf"), vec![wang.id.clone()], "an edited note is searchable");
    assert_eq!(found(&a, "早上打电话"), vec![wang.id.clone()], "on A");
    assert_eq!(found(&b, "早上打电话"), vec![wang.id.clone()]);
    let (_, _, last_contact, next_follow_up) = columns(&b).into_iter().find(|c| c.0 == wang.id).unwrap();
    assert_eq!(last_contact.as_deref(), Some("2026-11-30T08:00:00.000Z"), "last contact moved");
    assert_eq!(next_follow_up.as_deref(), Some("2026-12-05"), "next follow-up moved");

    // Exactly as on A, and as a rebuild from scratch.
    assert_eq!(columns(&b), columns(&a));
    assert_eq!(listed(&b), listed(&a), "the list sorts the same");
    let scratch = rebuilt(&b);
    assert_eq!(columns(&b), columns(&scratch));
    for q in ["李四", "ls", "lisi", "银河", "yhzb", "golf", "早上打电话", "王五", "13800138000", "星河"] {
        assert_eq!(found(&b, q), found(&a, q), "search {q:?} on B and A");
        assert_eq!(found(&b, q), found(&scratch, q), "search {q:?} on B and rebuilt from scratch");
    }
}

#[test]
fn a_synced_notes_edit_replaces_the_old_notes_in_search_and_leaves_the_name_text_alone() {
    let dir = tempfile::tempdir().unwrap();
    let place = Folder::open(dir.path()).unwrap();
    let (mut a, clock) = laptop();
    let (mut b, _) = laptop();
    let li = a
        .create_customer(CustomerInput {
            name: "李雷".into(),
            title: Some("采购总监".into()),
            notes: Some("likes tennis".into()),
            phones: vec![ContactPoint { id: None, label: "mobile".into(), value: "13912345678".into() }],
            ..Default::default()
        })
        .unwrap();
    sync(&mut a, &place);
    sync(&mut b, &place);
    assert_eq!(found(&b, "tennis"), vec![li.id.clone()]);

    // Two notes edits and a title edit, each synced on its own: B applies them as free-text
    // changes only (no name, phone or key rows rewritten).
    for (notes, title) in [("prefers golf now", "采购总监"), ("回访时带样品", "供应链副总裁")] {
        clock.advance(Duration::minutes(5));
        let mut input = a.customer(&li.id).unwrap().fields;
        input.notes = Some(notes.into());
        input.title = Some(title.into());
        a.update_customer(&li.id, input).unwrap();
        sync(&mut a, &place);
        sync(&mut b, &place);
    }
    for store in [&a, &b] {
        assert!(found(store, "tennis").is_empty(), "the first notes are gone");
        assert!(found(store, "golf").is_empty(), "the second notes are gone");
        assert!(found(store, "采购总监").is_empty(), "the old title is gone");
        assert_eq!(found(store, "带样品"), vec![li.id.clone()], "the new notes are found");
        assert_eq!(found(store, "供应链副总裁"), vec![li.id.clone()], "the new title is found");
        assert_eq!(found(store, "345678"), vec![li.id.clone()], "the phone still finds the customer");
        assert_eq!(found(store, "lilei"), vec![li.id.clone()], "and the name's pinyin");
    }
    let scratch = rebuilt(&b);
    for q in ["tennis", "golf", "带样品", "供应链副总裁", "345678", "lilei"] {
        assert_eq!(found(&b, q), found(&scratch, q), "search {q:?} on B and rebuilt from scratch");
    }
}

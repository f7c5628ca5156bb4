//! Customers on a real (in-memory) SQLite store: create, edit, organizations, trash.

mod common;

use common::*;
use fieldbook_core::customers::{Anniversary, CustomerKind, ListScope, Tier};
use fieldbook_core::dates::DateSpec;
use fieldbook_core::store::JournalQuery;

#[test]
fn a_created_customer_reads_back_with_every_field() {
    let (mut s, _) = store();
    let mut input = person("张三");
    input.tier = Some(Tier::Vip);
    input.tags = vec!["golf".into(), "理财".into()];
    input.phones = vec![point("+86 138 0013 8000"), point("010-6552-1234")];
    input.emails = vec![point("zhang@example.com")];
    input.addresses = vec![point("北京市朝阳区建国路 1 号")];
    input.birthday = Some(DateSpec::Lunar { year: Some(1984), month: 10, leap: true, day: 15 });
    input.anniversaries = vec![Anniversary {
        id: None,
        label: "开户".into(),
        date: DateSpec::Gregorian { year: Some(2019), month: 3, day: 8 },
    }];
    let c = s.create_customer(input.clone()).unwrap();
    let back = s.customer(&c.id).unwrap();
    assert_eq!(back.fields.name, "张三");
    assert_eq!(back.fields.tier, Some(Tier::Vip));
    assert_eq!(back.fields.tags, vec!["golf", "理财"]);
    assert_eq!(
        back.fields.phones.iter().map(|p| p.value.as_str()).collect::<Vec<_>>(),
        ["+86 138 0013 8000", "010-6552-1234"]
    );
    assert_eq!(back.fields.birthday, input.birthday, "the leap-month flag survives the round trip");
    assert_eq!(back.fields.anniversaries[0].label, "开户");
    assert!(uuid::Uuid::parse_str(&back.id).unwrap().get_version_num() == 7, "ids are UUIDv7");
}

#[test]
fn an_invalid_customer_writes_nothing() {
    let (mut s, _) = store();
    let head = s.journal_head().unwrap();
    let mut bad = person("Ann");
    bad.emails = vec![point("ann@example.com"), point("nope")];
    let err = s.create_customer(bad).unwrap_err();
    assert_eq!(err.code(), "email_invalid");
    assert_eq!(err.to_payload().field.as_deref(), Some("emails[1]"));
    assert_eq!(s.list_customers(ListScope::Live, 0, 10).unwrap().total, 0);
    assert_eq!(s.journal_head().unwrap(), head, "a refused write leaves no journal entry");

    let mut bad_date = person("Bob");
    bad_date.birthday = Some(DateSpec::Gregorian { year: Some(2023), month: 2, day: 29 });
    assert_eq!(s.create_customer(bad_date).unwrap_err().code(), "date_impossible");
    let mut bad_lunar = person("Bob");
    bad_lunar.birthday = Some(DateSpec::Lunar { year: Some(2024), month: 2, leap: true, day: 15 });
    assert_eq!(s.create_customer(bad_lunar).unwrap_err().code(), "lunar_date_impossible");
}

#[test]
fn a_batch_with_one_bad_record_writes_none_and_names_the_record() {
    let (mut s, _) = store();
    let err = s.create_customers(vec![person("A"), person("B"), person("  "), person("D")]).unwrap_err();
    assert_eq!(err.index, Some(2));
    assert!(err.to_string().starts_with("record 3:"), "{err}");
    assert_eq!(s.list_customers(ListScope::Live, 0, 10).unwrap().total, 0, "all or nothing");
}

#[test]
fn an_organization_shows_its_people_and_a_person_its_company() {
    let (mut s, _) = store();
    let acme = s.create_customer(org("华信科技有限公司")).unwrap();
    let mut li = person("李四");
    li.company_id = Some(acme.id.clone());
    let li = s.create_customer(li).unwrap();
    assert_eq!(li.company_name.as_deref(), Some("华信科技有限公司"));
    let acme = s.customer(&acme.id).unwrap();
    assert_eq!(acme.members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["李四"]);
    assert_eq!(s.list_customers(ListScope::Organizations, 0, 10).unwrap().total, 1);
}

#[test]
fn a_person_cannot_belong_to_a_person_or_a_missing_company() {
    let (mut s, _) = store();
    let a = s.create_customer(person("A")).unwrap();
    let mut b = person("B");
    b.company_id = Some(a.id.clone());
    assert_eq!(s.create_customer(b.clone()).unwrap_err().code(), "company_invalid");
    b.company_id = Some("no-such-id".into());
    assert_eq!(s.create_customer(b).unwrap_err().code(), "company_invalid");
}

#[test]
fn editing_keeps_contact_ids_and_trashes_removed_entries() {
    let (mut s, _) = store();
    let mut input = person("王五");
    input.phones = vec![point("13800138000"), point("13900139000")];
    let c = s.create_customer(input).unwrap();
    let mut edit = c.fields.clone();
    edit.phones.remove(1);
    edit.phones[0].label = "mobile".into();
    edit.emails.push(point("wang@example.com"));
    let c2 = s.update_customer(&c.id, edit).unwrap();
    assert_eq!(c2.fields.phones.len(), 1);
    assert_eq!(c2.fields.phones[0].id, c.fields.phones[0].id, "an edited phone keeps its id (its history)");
    assert_eq!(c2.fields.phones[0].label, "mobile");
    assert_eq!(c2.fields.emails[0].value, "wang@example.com");
    let removed: i64 = s
        .conn()
        .query_row("SELECT COUNT(*) FROM contact_points WHERE deleted_at IS NOT NULL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(removed, 1, "the removed phone is soft-deleted, not erased");
}

#[test]
fn delete_moves_to_trash_restore_brings_back_and_purge_needs_the_trash() {
    let (mut s, _) = store();
    let c = s.create_customer(person("赵六")).unwrap();
    assert!(s.purge_customer(&c.id).is_err(), "a live customer cannot be purged in one step");
    s.delete_customer(&c.id).unwrap();
    assert_eq!(s.list_customers(ListScope::Live, 0, 10).unwrap().total, 0);
    let trash = s.list_customers(ListScope::Trash, 0, 10).unwrap();
    assert_eq!(trash.items[0].id, c.id);
    assert!(s.search("赵六", 10).unwrap().is_empty(), "trashed customers are not searchable");

    s.restore_customer(&c.id).unwrap();
    assert_eq!(s.list_customers(ListScope::Trash, 0, 10).unwrap().total, 0);
    assert_eq!(s.search("zhaoliu", 10).unwrap()[0].customer.id, c.id, "restored customers are searchable again");

    s.delete_customer(&c.id).unwrap();
    s.purge_customer(&c.id).unwrap();
    assert_eq!(s.customer(&c.id).unwrap_err().code(), "not_found");
    let purges = s.journal(&JournalQuery { row_id: Some(c.id.clone()), ..Default::default() }).unwrap();
    assert_eq!(purges.last().unwrap().field, "*purged", "purges are journaled so sync can carry them");
}

#[test]
fn empty_trash_removes_only_trashed_customers() {
    let (mut s, _) = store();
    let keep = s.create_customer(person("Keep")).unwrap();
    for n in ["X", "Y"] {
        let c = s.create_customer(person(n)).unwrap();
        s.delete_customer(&c.id).unwrap();
    }
    assert_eq!(s.empty_trash().unwrap(), 2);
    assert_eq!(s.list_customers(ListScope::Live, 0, 10).unwrap().items[0].id, keep.id);
    assert_eq!(s.list_customers(ListScope::Trash, 0, 10).unwrap().total, 0);
}

#[test]
fn the_list_pages_in_pinyin_order_and_counts_all() {
    let (mut s, _) = store();
    for n in ["赵六", "Alice", "张三", "Zack", "李四"] {
        s.create_customer(person(n)).unwrap();
    }
    let page = s.list_customers(ListScope::Live, 0, 3).unwrap();
    assert_eq!(page.total, 5);
    let names: Vec<_> = page.items.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Alice", "李四", "Zack"], "li < zack < zhang: pinyin order mixes with Latin names");
    let rest = s.list_customers(ListScope::Live, 3, 3).unwrap();
    assert_eq!(rest.items.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["张三", "赵六"]);
    assert_eq!(rest.items.len(), 2);
}

#[test]
fn the_kind_of_an_organization_with_people_cannot_flip_to_person() {
    let (mut s, _) = store();
    let o = s.create_customer(org("ACME Ltd")).unwrap();
    let mut p = person("Ann");
    p.company_id = Some(o.id.clone());
    s.create_customer(p).unwrap();
    let mut edit = o.fields.clone();
    edit.kind = CustomerKind::Person;
    assert_eq!(s.update_customer(&o.id, edit).unwrap_err().code(), "kind_has_members");
}

#[test]
fn a_file_store_reopens_with_the_same_device_and_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let (id, device) = {
        let mut s = fieldbook_core::Store::open(&path, clock()).unwrap();
        (s.create_customer(person("持久")).unwrap().id, s.device_id().to_string())
    };
    let s = fieldbook_core::Store::open(&path, clock()).unwrap();
    assert_eq!(s.device_id(), device, "the device id is created once per database");
    assert_eq!(s.customer(&id).unwrap().fields.name, "持久");
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

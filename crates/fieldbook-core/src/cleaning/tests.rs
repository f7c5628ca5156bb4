use chrono::NaiveDate;

use super::*;
use crate::complaints::{ComplaintInput, ComplaintStatus};
use crate::customers::{ContactPoint, CustomerInput, CustomerKind, ListScope, Tier};
use crate::interactions::{InteractionInput, InteractionKind};
use crate::transfer::fixtures::empty_book;
use crate::Store;

fn point(v: &str) -> ContactPoint {
    ContactPoint { id: None, label: "mobile".into(), value: v.into() }
}

fn person(name: &str) -> CustomerInput {
    CustomerInput { name: name.into(), ..Default::default() }
}

fn add(store: &mut Store, c: CustomerInput) -> String {
    store.create_customer(c).unwrap().id
}

fn group_of<'a>(groups: &'a [DuplicateGroup], id: &str) -> Option<&'a DuplicateGroup> {
    groups.iter().find(|g| g.customers.iter().any(|c| c.id == id))
}

fn ids(g: &DuplicateGroup) -> Vec<String> {
    let mut v: Vec<String> = g.customers.iter().map(|c| c.id.clone()).collect();
    v.sort();
    v
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn the_finder_groups_by_phone_email_name_with_company_or_city_and_pinyin_and_says_why() {
    let mut s = empty_book();
    let huawei = add(
        &mut s,
        CustomerInput {
            kind: CustomerKind::Organization,
            name: "华为".into(),
            phones: vec![point("010 8888 0000")],
            ..Default::default()
        },
    );
    let a = add(&mut s, CustomerInput { phones: vec![point("+86 138-0013-8000")], ..person("张三") });
    let b = add(&mut s, CustomerInput { phones: vec![point("13800138000")], ..person("张 三") });
    let c = add(&mut s, CustomerInput { emails: vec![point("Li@X.com")], ..person("李四") });
    let d = add(&mut s, CustomerInput { emails: vec![point(" li@x.com ")], ..person("Li Si") });
    let e = add(&mut s, CustomerInput { company_id: Some(huawei.clone()), ..person("王伟") });
    let f = add(&mut s, CustomerInput { company_id: Some(huawei.clone()), ..person("王 伟") });
    let lone = add(&mut s, person("王伟"));
    let g = add(&mut s, CustomerInput { region: Some("北京".into()), ..person("章三") });
    let h = add(&mut s, CustomerInput { region: Some("北京".into()), ..person("Zhang San") });
    // Shares the company's switchboard number: a person is never a duplicate of an organization.
    let staff = add(&mut s, CustomerInput { phones: vec![point("01088880000")], ..person("赵六") });
    // Transitive: x~y by phone, y~z by email.
    let x = add(&mut s, CustomerInput { phones: vec![point("139 0000 1111")], ..person("Xu") });
    let y = add(
        &mut s,
        CustomerInput { phones: vec![point("13900001111")], emails: vec![point("y@z.cn")], ..person("Yu") },
    );
    let z = add(&mut s, CustomerInput { emails: vec![point("Y@Z.CN")], ..person("Zu") });

    let groups = s.find_duplicates().unwrap();
    assert_eq!(groups.len(), 5, "{groups:#?}");
    let reason_of = |id: &str| group_of(&groups, id).unwrap().reasons.iter().map(|r| r.reason).collect::<Vec<_>>();
    assert_eq!(ids(group_of(&groups, &a).unwrap()), sorted(vec![a.clone(), b.clone()]));
    assert_eq!(reason_of(&a), vec![DuplicateReason::SamePhone]);
    assert_eq!(ids(group_of(&groups, &c).unwrap()), sorted(vec![c.clone(), d.clone()]));
    assert_eq!(reason_of(&c), vec![DuplicateReason::SameEmail]);
    assert_eq!(ids(group_of(&groups, &e).unwrap()), sorted(vec![e.clone(), f.clone()]));
    assert_eq!(reason_of(&e), vec![DuplicateReason::SameNameCompany], "same spelling: no extra pinyin reason");
    assert_eq!(ids(group_of(&groups, &g).unwrap()), sorted(vec![g.clone(), h.clone()]));
    assert_eq!(reason_of(&g), vec![DuplicateReason::SamePinyinCity]);
    assert_eq!(ids(group_of(&groups, &x).unwrap()), sorted(vec![x.clone(), y.clone(), z.clone()]));
    assert_eq!(reason_of(&x), vec![DuplicateReason::SamePhone, DuplicateReason::SameEmail]);
    assert!(group_of(&groups, &lone).is_none(), "a common name alone is not a duplicate");
    assert!(group_of(&groups, &staff).is_none() && group_of(&groups, &huawei).is_none());
    let phone = &group_of(&groups, &a).unwrap().reasons[0];
    assert_eq!(phone.value, "+86 138-0013-8000", "the value as the first (oldest) entered it");
    assert_eq!(group_of(&groups, &a).unwrap().customers[0].id, a, "oldest first: the suggested survivor");
}

#[test]
fn customers_in_the_trash_are_not_duplicates() {
    let mut s = empty_book();
    let a = add(&mut s, CustomerInput { phones: vec![point("13800138000")], ..person("A") });
    add(&mut s, CustomerInput { phones: vec![point("13800138000")], ..person("B") });
    s.delete_customer(&a).unwrap();
    assert!(s.find_duplicates().unwrap().is_empty());
}

struct Pair {
    store: Store,
    survivor: String,
    other: String,
}

/// Survivor 张三 (VIP, a phone, tag golf, a note) and its duplicate 张 三 with the same phone
/// in another format, a second phone, an email, a title, another tag and note, two
/// interactions (one in the Trash), an order and a complaint.
fn pair() -> Pair {
    let mut store = empty_book();
    let survivor = add(
        &mut store,
        CustomerInput {
            tier: Some(Tier::Vip),
            tags: vec!["golf".into()],
            notes: Some("prefers mornings".into()),
            phones: vec![point("138 0013 8000")],
            ..person("张三")
        },
    );
    let other = add(
        &mut store,
        CustomerInput {
            title: Some("CFO".into()),
            tier: Some(Tier::C),
            tags: vec!["理财".into()],
            notes: Some("met at the forum".into()),
            phones: vec![point("+86 13800138000"), point("021 5555 1234")],
            emails: vec![point("zs@example.com")],
            ..person("张 三")
        },
    );
    for summary in ["first visit", "call"] {
        let i = store
            .create_interaction(InteractionInput {
                customer_id: other.clone(),
                kind: InteractionKind::Call,
                occurred_at: Some("2026-02-01T10:00:00Z".into()),
                summary: summary.into(),
                outcome: None,
                next_step: None,
                follow_up_on: None,
            })
            .unwrap();
        if summary == "call" {
            store.delete_interaction(&i.id).unwrap();
        }
    }
    let order = crate::seed_history::HistorySeeder::new(1, NaiveDate::from_ymd_opt(2026, 2, 28).unwrap())
        .order(std::slice::from_ref(&other));
    store.create_order(order).unwrap();
    store
        .create_complaint(ComplaintInput {
            customer_id: other.clone(),
            opened_on: NaiveDate::from_ymd_opt(2026, 2, 2).unwrap(),
            subject: "late".into(),
            details: None,
            status: ComplaintStatus::Open,
            resolution: None,
            satisfaction: None,
            return_visit_on: None,
        })
        .unwrap();
    Pair { store, survivor, other }
}

fn count(s: &Store, table: &str, customer: &str) -> i64 {
    s.conn()
        .query_row(&format!("SELECT COUNT(*) FROM {table} WHERE customer_id = ?1"), [customer], |r| r.get(0))
        .unwrap()
}

#[test]
fn each_duplicate_shows_its_own_order_count() {
    let Pair { store, survivor, other } = pair();
    let groups = store.find_duplicates().unwrap();
    let g = group_of(&groups, &survivor).expect("the pair is one group");
    assert_eq!(g.order_counts.len(), g.customers.len(), "one count per customer");
    let orders_of = |id: &str| g.order_counts[g.customers.iter().position(|c| c.id == id).unwrap()];
    assert_eq!((orders_of(&survivor), orders_of(&other)), (0, 1), "the order belongs to 张 三 only");
}

#[test]
fn a_merge_keeps_every_phone_email_and_record_on_the_survivor_and_trashes_the_other() {
    let Pair { mut store, survivor, other } = pair();
    let m = store.merge_customers(&survivor, std::slice::from_ref(&other)).unwrap();
    assert_eq!(m.merged_ids, vec![other.clone()]);
    assert_eq!(m.survivor_name, "张三");
    let c = store.customer(&survivor).unwrap();
    let phones: Vec<&str> = c.fields.phones.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(phones, vec!["138 0013 8000", "021 5555 1234"], "the same number is not added twice");
    assert_eq!(c.fields.emails[0].value, "zs@example.com");
    assert_eq!(c.fields.title.as_deref(), Some("CFO"), "an empty field is filled");
    assert_eq!(c.fields.tier, Some(Tier::Vip), "a field the survivor has is kept");
    assert_eq!(c.fields.tags, vec!["golf".to_string(), "理财".to_string()]);
    assert_eq!(c.fields.notes.as_deref(), Some("prefers mornings\n\nmet at the forum"));
    assert_eq!(count(&store, "interactions", &survivor), 2, "the trashed interaction moves too");
    assert_eq!(count(&store, "orders", &survivor), 1);
    assert_eq!(count(&store, "complaints", &survivor), 1);
    assert_eq!(count(&store, "interactions", &other), 0);
    assert!(store.customer(&other).unwrap().deleted_at.is_some(), "the other goes to the Trash");
    assert!(store.find_duplicates().unwrap().is_empty());
    let last: Option<String> = store
        .conn()
        .query_row("SELECT last_contact_at FROM customers WHERE id = ?1", [&survivor], |r| r.get(0))
        .unwrap();
    assert!(last.is_some(), "the survivor's last contact counts the moved history");
    assert_eq!(store.merge_of_customer(&other).unwrap().map(|r| r.id), Some(m.id.clone()));
    assert_eq!(store.list_merges(10).unwrap()[0].id, m.id);
    let journal =
        store.journal(&crate::store::JournalQuery { entity: Some("merges".into()), ..Default::default() }).unwrap();
    assert_eq!(journal.len(), 1, "the merge is recorded through the journaled write path");
}

#[test]
fn undo_puts_everything_back_but_keeps_an_edit_made_after_the_merge() {
    let Pair { mut store, survivor, other } = pair();
    let before_other = store.customer(&other).unwrap();
    let m = store.merge_customers(&survivor, std::slice::from_ref(&other)).unwrap();
    let mut edited = store.customer(&survivor).unwrap().fields;
    edited.notes = Some("rewritten by hand".into());
    store.update_customer(&survivor, edited).unwrap();

    let undone = store.undo_merge(&m.id).unwrap();
    assert!(undone.undone_at.is_some());
    let s = store.customer(&survivor).unwrap();
    let o = store.customer(&other).unwrap();
    assert!(o.deleted_at.is_none(), "the merged customer is back from the Trash");
    assert_eq!(o.fields.phones, before_other.fields.phones);
    assert_eq!(o.fields.emails, before_other.fields.emails);
    assert_eq!(s.fields.phones.len(), 1);
    assert!(s.fields.emails.is_empty());
    assert_eq!(s.fields.title, None, "the filled field is emptied again");
    assert_eq!(s.fields.tags, vec!["golf".to_string()]);
    assert_eq!(s.fields.notes.as_deref(), Some("rewritten by hand"), "a later edit is not undone");
    assert_eq!(count(&store, "interactions", &other), 2);
    assert_eq!(count(&store, "orders", &other), 1);
    assert_eq!(count(&store, "complaints", &other), 1);
    assert_eq!(count(&store, "interactions", &survivor), 0);
    assert_eq!(store.merge_of_customer(&other).unwrap(), None);
    assert_eq!(store.undo_merge(&m.id).unwrap_err().code(), "merge_already_undone");
    assert_eq!(store.find_duplicates().unwrap().len(), 1, "the pair is found again");
}

#[test]
fn merging_an_organization_moves_its_people_to_the_survivor() {
    let mut s = empty_book();
    let org = |n: &str| CustomerInput { kind: CustomerKind::Organization, name: n.into(), ..Default::default() };
    let a = add(&mut s, org("华为"));
    let b = add(&mut s, org("华为技术"));
    let p = add(&mut s, CustomerInput { company_id: Some(b.clone()), ..person("王伟") });
    let m = s.merge_customers(&a, std::slice::from_ref(&b)).unwrap();
    assert_eq!(s.customer(&p).unwrap().fields.company_id.as_deref(), Some(a.as_str()));
    assert_eq!(s.customer(&a).unwrap().members.len(), 1);
    s.undo_merge(&m.id).unwrap();
    assert_eq!(s.customer(&p).unwrap().fields.company_id.as_deref(), Some(b.as_str()));
}

#[test]
fn bad_merge_requests_are_refused_naming_the_field_and_change_nothing() {
    let Pair { mut store, survivor, other } = pair();
    let org =
        add(&mut store, CustomerInput { kind: CustomerKind::Organization, name: "Org".into(), ..Default::default() });
    let head = store.journal_head().unwrap();
    let cases: Vec<(String, Vec<String>, &str, &str)> = vec![
        (survivor.clone(), vec![], "merge_nothing", "merged_ids"),
        (survivor.clone(), vec![survivor.clone()], "merge_self", "merged_ids[0]"),
        (survivor.clone(), vec![other.clone(), other.clone()], "merge_repeated", "merged_ids[1]"),
        (survivor.clone(), vec![org.clone()], "merge_kind_mismatch", "merged_ids[0]"),
        (survivor.clone(), vec!["nope".into()], "customer_not_found", "merged_ids[0]"),
        ("nope".into(), vec![other.clone()], "customer_not_found", "survivor_id"),
    ];
    for (s, others, code, field) in cases {
        let err = store.merge_customers(&s, &others).unwrap_err();
        assert_eq!(err.code(), code);
        assert_eq!(err.to_payload().field.as_deref(), Some(field), "{code}");
    }
    store.delete_customer(&other).unwrap();
    let err = store.merge_customers(&survivor, std::slice::from_ref(&other)).unwrap_err();
    assert_eq!(err.code(), "customer_in_trash");
    assert_eq!(store.journal_head().unwrap(), head + 1, "only the delete was written");
    assert_eq!(store.undo_merge("nope").unwrap_err().code(), "not_found");
    assert_eq!(store.list_customers(ListScope::Trash, 0, 10).unwrap().total, 1);
}

#[test]
fn undo_is_refused_once_a_merged_customer_was_purged_from_the_trash() {
    let Pair { mut store, survivor, other } = pair();
    let m = store.merge_customers(&survivor, std::slice::from_ref(&other)).unwrap();
    store.purge_customer(&other).unwrap();
    assert_eq!(store.undo_merge(&m.id).unwrap_err().code(), "merge_customer_purged");
}

#[test]
fn the_finder_is_consistent_on_a_seeded_book() {
    let (s, _) = crate::transfer::fixtures::seeded_book(3000, 0);
    let groups = s.find_duplicates().unwrap();
    for g in &groups {
        assert!(g.customers.len() >= 2);
        for r in &g.reasons {
            assert!(r.customer_ids.len() >= 2);
            assert!(r.customer_ids.iter().all(|id| g.customers.iter().any(|c| &c.id == id)), "reasons name members");
        }
    }
    let page = s.duplicate_page(2).unwrap();
    assert_eq!(page.total, groups.len() as u64, "the total counts every group");
    assert_eq!(page.groups, groups[..2.min(groups.len())], "a page is the first groups, in the same order");
    let mut all: Vec<&str> = groups.iter().flat_map(|g| g.customers.iter().map(|c| c.id.as_str())).collect();
    let n = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), n, "a customer is in at most one group");
}

//! The customer list as "whom do I call" (issue 14): last contact and next follow-up on every
//! row, the list sorted by either (blanks last, paged across the boundary), the same order for
//! a segment's customers, and the columns that tell an organization or two namesakes apart.

mod common;

use common::*;
use fieldbook_core::customers::{ListScope, ListSort, SortColumn};
use fieldbook_core::interactions::{InteractionInput, InteractionKind};
use fieldbook_core::segments::SegmentFilter;
use fieldbook_core::Store;

fn follow_up(s: &mut Store, customer_id: &str, at: &str, on: &str) -> String {
    s.create_interaction(InteractionInput {
        customer_id: customer_id.into(),
        kind: InteractionKind::Call,
        occurred_at: Some(at.into()),
        summary: "called".into(),
        outcome: None,
        next_step: Some("send the offer".into()),
        follow_up_on: Some(day(on)),
    })
    .unwrap()
    .id
}

fn sort(column: SortColumn, descending: bool) -> ListSort {
    ListSort { column, descending }
}

fn names(s: &Store, by: ListSort, offset: u64, limit: u64) -> Vec<String> {
    s.list_customers_sorted(ListScope::Live, by, offset, limit).unwrap().items.into_iter().map(|c| c.name).collect()
}

/// 安 never contacted; 白 met in March; 陈 met in June with a follow-up on Dec 1; 丁 met in
/// May with a follow-up on Nov 25; 方 met in January.
fn book() -> Store {
    let (mut s, _) = store();
    for n in ["安", "白", "陈", "丁", "方"] {
        s.create_customer(person(n)).unwrap();
    }
    let id = |s: &Store, n: &str| s.search(n, 1).unwrap()[0].customer.id.clone();
    let (b, c, d, f) = (id(&s, "白"), id(&s, "陈"), id(&s, "丁"), id(&s, "方"));
    meet(&mut s, &b, "2026-03-10T09:00:00.000Z");
    follow_up(&mut s, &c, "2026-06-10T09:00:00.000Z", "2026-12-01");
    follow_up(&mut s, &d, "2026-05-10T09:00:00.000Z", "2026-11-25");
    meet(&mut s, &f, "2026-01-10T09:00:00.000Z");
    s
}

#[test]
fn every_row_carries_its_last_contact_and_next_follow_up() {
    let s = book();
    let page = s.list_customers(ListScope::Live, 0, 10).unwrap();
    let row = |n: &str| page.items.iter().find(|c| c.name == n).unwrap().clone();
    assert_eq!(row("安").last_contact_at, None, "never contacted");
    assert_eq!(row("白").last_contact_at.as_deref(), Some("2026-03-10T09:00:00.000Z"));
    assert_eq!(row("陈").next_follow_up_on, Some(day("2026-12-01")));
    assert_eq!(row("白").next_follow_up_on, None, "a meeting without a follow-up date sets none");
}

#[test]
fn sorting_by_last_contact_puts_the_longest_silent_first_and_the_never_contacted_last() {
    let s = book();
    assert_eq!(names(&s, sort(SortColumn::LastContact, false), 0, 10), ["方", "白", "丁", "陈", "安"]);
    assert_eq!(
        names(&s, sort(SortColumn::LastContact, true), 0, 10),
        ["陈", "丁", "白", "方", "安"],
        "most recent first, and still the never contacted last"
    );
}

#[test]
fn sorting_by_next_follow_up_puts_the_most_urgent_first_and_pages_across_the_blanks() {
    let s = book();
    let by = sort(SortColumn::NextFollowUp, false);
    assert_eq!(names(&s, by, 0, 10), ["丁", "陈", "安", "白", "方"], "dated first, the rest by name");
    // Pages that start in the dated part and end in the blank part, or start in the blank part.
    assert_eq!(names(&s, by, 1, 2), ["陈", "安"]);
    assert_eq!(names(&s, by, 3, 5), ["白", "方"]);
    assert_eq!(names(&s, by, 9, 5), Vec::<String>::new(), "past the end");
    assert_eq!(s.list_customers_sorted(ListScope::Live, by, 3, 5).unwrap().total, 5);
}

#[test]
fn a_follow_up_marked_done_leaves_the_column_and_reopening_brings_it_back() {
    let (mut s, _) = store();
    let c = s.create_customer(person("陈")).unwrap().id;
    let first = follow_up(&mut s, &c, "2026-06-10T09:00:00.000Z", "2026-11-25");
    follow_up(&mut s, &c, "2026-06-11T09:00:00.000Z", "2026-12-01");
    let next = |s: &Store| s.list_customers(ListScope::Live, 0, 1).unwrap().items[0].next_follow_up_on;
    assert_eq!(next(&s), Some(day("2026-11-25")), "the earliest open follow-up");
    let key = format!("follow_up:{first}:2026-11-25");
    s.mark_done(&key).unwrap();
    assert_eq!(next(&s), Some(day("2026-12-01")), "done: the next one is what is left to do");
    s.reopen(&key).unwrap();
    assert_eq!(next(&s), Some(day("2026-11-25")));
    s.dismiss(&key).unwrap();
    assert_eq!(next(&s), Some(day("2026-12-01")), "dismissed counts as handled too");
    s.delete_interaction(&first).unwrap();
    s.reopen(&key).unwrap();
    assert_eq!(next(&s), Some(day("2026-12-01")), "a follow-up in the Trash is not to do");
}

#[test]
fn a_segments_customers_come_in_the_same_order_as_the_list() {
    let s = book();
    let everyone = SegmentFilter::default();
    for by in [
        sort(SortColumn::Name, false),
        sort(SortColumn::Name, true),
        sort(SortColumn::LastContact, false),
        sort(SortColumn::LastContact, true),
        sort(SortColumn::NextFollowUp, false),
        sort(SortColumn::NextFollowUp, true),
    ] {
        let listed = names(&s, by, 0, 10);
        let page = s.segment_customers_sorted(&everyone, day("2026-11-22"), by, 0, 10).unwrap();
        let segment: Vec<String> = page.items.into_iter().map(|c| c.name).collect();
        assert_eq!(segment, listed, "{by:?}: a filter must not reorder the list");
        let ids = s.segment_ids_sorted(&everyone, day("2026-11-22"), by).unwrap();
        let ids_named: Vec<String> = ids.iter().map(|id| s.customer(id).unwrap().fields.name).collect();
        assert_eq!(ids_named, listed, "{by:?}: Shift-click ranges are taken from these by position");
    }
}

#[test]
fn sorted_pages_are_index_walks_not_a_sort_of_the_book() {
    let s = book();
    for (column, index) in
        [("last_contact_at", "customers_live_by_last_contact"), ("next_follow_up_on", "customers_live_by_follow_up")]
    {
        // The query list_customers_sorted runs for the part of the list that has a value.
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT c.id FROM customers c INDEXED BY {index}
             WHERE c.deleted_at IS NULL AND c.{column} IS NOT NULL
             ORDER BY c.{column} DESC, c.sort_key DESC, c.id DESC LIMIT 50 OFFSET 100"
        );
        let plan: Vec<String> = s
            .conn()
            .prepare(&sql)
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let plan = plan.join("; ");
        assert!(!plan.contains("TEMP B-TREE"), "sorting 100k rows per page would stall the list: {plan}");
        assert!(plan.contains("customers_live_by_"), "{plan}");
    }
}

#[test]
fn an_organization_row_counts_its_people_and_namesakes_carry_region_and_owner() {
    let (mut s, _) = store();
    let acme = s.create_customer(org("华信科技")).unwrap().id;
    for (region, owner) in [("上海", "李娜"), ("北京", "王强")] {
        let mut p = person("张伟");
        p.company_id = Some(acme.clone());
        p.region = Some(region.into());
        p.owner = Some(owner.into());
        s.create_customer(p).unwrap();
    }
    let hits = s.search("张伟", 10).unwrap();
    let tells: Vec<(Option<String>, Option<String>, Option<String>)> = hits
        .iter()
        .map(|h| (h.customer.company_name.clone(), h.customer.region.clone(), h.customer.owner.clone()))
        .collect();
    assert!(tells.contains(&(Some("华信科技".into()), Some("上海".into()), Some("李娜".into()))), "{tells:?}");
    assert!(tells.contains(&(Some("华信科技".into()), Some("北京".into()), Some("王强".into()))), "{tells:?}");
    let org_row = s.search("华信科技", 10).unwrap().into_iter().find(|h| h.customer.id == acme).unwrap();
    assert_eq!(org_row.customer.member_count, 2, "the Company cell of an organization says how many people it holds");
    assert_eq!(hits[0].customer.member_count, 0);
}

/// The overview's next step is the list's next follow-up (same rule), and its open complaints
/// are the unresolved live ones, the latest first.
#[test]
fn the_overviews_next_step_is_the_lists_next_follow_up_and_the_open_complaints() {
    use fieldbook_core::complaints::{ComplaintInput, ComplaintStatus};
    let (mut s, _) = store();
    let c = s.create_customer(person("陈")).unwrap().id;
    let nothing = s.next_step(&c).unwrap();
    assert_eq!((nothing.follow_up, nothing.open_complaints, nothing.latest_open_complaint), (None, 0, None));

    let first = follow_up(&mut s, &c, "2026-06-10T09:00:00.000Z", "2026-11-25");
    let second = follow_up(&mut s, &c, "2026-06-11T09:00:00.000Z", "2026-12-01");
    let column = |s: &Store| s.list_customers(ListScope::Live, 0, 1).unwrap().items[0].next_follow_up_on;
    let shown = |s: &Store| s.next_step(&c).unwrap().follow_up.map(|i| (i.id, i.follow_up_on));
    assert_eq!(shown(&s), Some((first.clone(), Some(day("2026-11-25")))));
    assert_eq!(shown(&s).unwrap().1, column(&s), "the same date as the list's column");
    assert_eq!(s.next_step(&c).unwrap().follow_up.unwrap().next_step.as_deref(), Some("send the offer"));

    s.mark_done(&format!("follow_up:{first}:2026-11-25")).unwrap();
    assert_eq!(shown(&s), Some((second.clone(), Some(day("2026-12-01")))), "a done follow-up is not shown");
    assert_eq!(shown(&s).unwrap().1, column(&s));
    s.dismiss(&format!("follow_up:{second}:2026-12-01")).unwrap();
    assert_eq!(shown(&s), None, "nothing left to do");
    assert_eq!(column(&s), None);

    let complaint = |on: &str, subject: &str, status| ComplaintInput {
        customer_id: c.clone(),
        opened_on: day(on),
        subject: subject.into(),
        details: None,
        status,
        resolution: None,
        satisfaction: None,
        return_visit_on: None,
    };
    s.create_complaint(complaint("2026-10-01", "发票错误", ComplaintStatus::Open)).unwrap();
    let late = s.create_complaint(complaint("2026-11-20", "到账延迟", ComplaintStatus::InProgress)).unwrap();
    s.create_complaint(complaint("2026-11-28", "已处理", ComplaintStatus::Resolved)).unwrap();
    let gone = s.create_complaint(complaint("2026-11-30", "删掉的", ComplaintStatus::Open)).unwrap();
    s.delete_complaint(&gone.id).unwrap();
    let next = s.next_step(&c).unwrap();
    assert_eq!(next.open_complaints, 2, "open and in progress, not resolved, not in the Trash");
    assert_eq!(next.latest_open_complaint.map(|k| k.id), Some(late.id));
}

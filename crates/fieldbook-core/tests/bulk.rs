//! Bulk edit and handover: one transaction, only real changes stamped, and every customer's own
//! history (timeline) showing what changed.

mod common;

use chrono::NaiveDate;
use common::*;
use fieldbook_core::customers::{BulkEdit, CustomerInput, Handover, HandoverResult, HandoverScope, Tier};
use fieldbook_core::interactions::{InteractionInput, InteractionKind};
use fieldbook_core::segments::{SegmentFilter, SegmentInput};
use fieldbook_core::timeline::TimelineItem;
use fieldbook_core::Store;

fn today() -> NaiveDate {
    "2026-11-22".parse().unwrap()
}

fn owned(s: &mut Store, name: &str, owner: Option<&str>, tier: Option<Tier>) -> String {
    let input = CustomerInput { owner: owner.map(String::from), tier, tags: vec!["old".into()], ..person(name) };
    s.create_customer(input).unwrap().id
}

fn owner_edits(s: &Store, id: &str) -> Vec<(Option<String>, Option<String>)> {
    s.timeline(id, 100, None)
        .unwrap()
        .items
        .into_iter()
        .filter_map(|item| match item {
            TimelineItem::Edit { change, .. } if change.field == "owner" => Some((change.old_value, change.new_value)),
            _ => None,
        })
        .collect()
}

fn journal_len(s: &Store) -> i64 {
    s.conn().query_row("SELECT count(*) FROM change_journal", [], |r| r.get(0)).unwrap()
}

#[test]
fn bulk_edit_sets_tier_owner_and_tags_and_counts_only_real_changes() {
    let (mut s, _) = store();
    let a = owned(&mut s, "A", Some("王经理"), Some(Tier::C));
    let b = owned(&mut s, "B", None, Some(Tier::A));
    let edit = BulkEdit {
        tier: Some(Tier::A),
        owner: Some(" 李经理 ".into()),
        add_tags: vec!["golf".into(), " ".into()],
        remove_tags: vec!["old".into()],
    };
    assert_eq!(s.bulk_edit_customers(&[a.clone(), b.clone()], &edit).unwrap(), 2);
    for id in [&a, &b] {
        let c = s.customer(id).unwrap();
        assert_eq!((c.fields.tier, c.fields.owner.as_deref()), (Some(Tier::A), Some("李经理")));
        assert_eq!(c.fields.tags, ["golf"]);
    }
    assert_eq!(owner_edits(&s, &a), [(Some("\"王经理\"".into()), Some("\"李经理\"".into()))]);
    // Tags are searchable: the index follows the edit.
    let found = s.search("golf", 10).unwrap();
    assert_eq!(found.len(), 2, "both customers are found by their new tag");

    let before = journal_len(&s);
    assert_eq!(s.bulk_edit_customers(&[a.clone(), b.clone()], &edit).unwrap(), 0, "already as asked");
    assert_eq!(journal_len(&s), before, "nothing is stamped when nothing changes");

    let clear = BulkEdit { owner: Some(String::new()), ..Default::default() };
    assert_eq!(s.bulk_edit_customers(std::slice::from_ref(&a), &clear).unwrap(), 1);
    assert_eq!(s.customer(&a).unwrap().fields.owner, None, "an empty owner clears it");
}

#[test]
fn bulk_edit_is_all_or_nothing_and_names_the_bad_id() {
    let (mut s, _) = store();
    let a = owned(&mut s, "A", None, Some(Tier::C));
    let gone = owned(&mut s, "Gone", None, Some(Tier::C));
    s.delete_customer(&gone).unwrap();
    let before = journal_len(&s);
    let edit = BulkEdit { tier: Some(Tier::Vip), ..Default::default() };
    for bad in [gone.as_str(), "no-such-id"] {
        let err = s.bulk_edit_customers(&[a.clone(), bad.to_string()], &edit).unwrap_err();
        assert_eq!((err.code(), err.to_payload().field.as_deref()), ("customer_not_found", Some("ids[1]")));
    }
    assert_eq!(s.customer(&a).unwrap().fields.tier, Some(Tier::C), "the good customer was rolled back too");
    assert_eq!(journal_len(&s), before);

    let nothing = s.bulk_edit_customers(std::slice::from_ref(&a), &BulkEdit::default()).unwrap_err();
    assert_eq!(nothing.code(), "nothing_to_change");
    let both = BulkEdit { add_tags: vec!["x".into()], remove_tags: vec!["x".into()], ..Default::default() };
    assert_eq!(s.bulk_edit_customers(&[a], &both).unwrap_err().code(), "tag_add_and_remove");
}

#[test]
fn handover_moves_only_the_from_owners_customers_and_keeps_their_history() {
    let (mut s, _) = store();
    let a1 = owned(&mut s, "A1", Some("王经理"), Some(Tier::Vip));
    let a2 = owned(&mut s, "A2", Some("王经理"), Some(Tier::C));
    let other = owned(&mut s, "Other", Some("赵经理"), Some(Tier::Vip));
    let none = owned(&mut s, "None", None, Some(Tier::Vip));
    s.create_interaction(InteractionInput {
        customer_id: a1.clone(),
        kind: InteractionKind::Call,
        occurred_at: Some("2026-11-20T08:00:00Z".into()),
        summary: "renewal".into(),
        outcome: None,
        next_step: None,
        follow_up_on: None,
    })
    .unwrap();

    let h = |scope| Handover { from: "王经理".into(), to: "李经理".into(), scope };
    let selection = HandoverScope::Ids { ids: vec![a1.clone(), other.clone(), none.clone()] };
    assert_eq!(s.handover(&h(selection), today()).unwrap(), HandoverResult { moved: 1, skipped: 2 });
    assert_eq!(s.customer(&a1).unwrap().fields.owner.as_deref(), Some("李经理"));
    assert_eq!(s.customer(&other).unwrap().fields.owner.as_deref(), Some("赵经理"), "not 王经理's: untouched");
    assert_eq!(s.customer(&a2).unwrap().fields.owner.as_deref(), Some("王经理"), "not selected: untouched");
    assert_eq!(owner_edits(&s, &a1), [(Some("\"王经理\"".into()), Some("\"李经理\"".into()))]);
    let calls = s.timeline(&a1, 100, None).unwrap().items;
    assert!(calls.iter().any(|i| matches!(i, TimelineItem::Interaction { .. })), "history stays with the customer");

    // A whole segment: the VIPs; only 王经理's VIPs move (A1 already moved, A2 is C).
    let vips = s
        .create_segment(
            SegmentInput { name: "VIP".into(), filter: SegmentFilter { tiers: vec![Tier::Vip], ..Default::default() } },
            today(),
        )
        .unwrap();
    let seg = HandoverScope::Segment { segment_id: vips.id };
    assert_eq!(s.handover(&h(seg), today()).unwrap(), HandoverResult { moved: 0, skipped: 3 });
    // Everything 王经理 still has.
    assert_eq!(s.handover(&h(HandoverScope::All), today()).unwrap(), HandoverResult { moved: 1, skipped: 0 });
    assert_eq!(s.customer(&a2).unwrap().fields.owner.as_deref(), Some("李经理"));
    // Unassigned customers are handed over from "".
    let unassigned = Handover { from: String::new(), to: "李经理".into(), scope: HandoverScope::All };
    assert_eq!(s.handover(&unassigned, today()).unwrap(), HandoverResult { moved: 1, skipped: 0 });
    assert_eq!(owner_edits(&s, &none), [(None, Some("\"李经理\"".into()))]);
    assert_eq!(s.customer_owners().unwrap(), ["李经理", "赵经理"]);
}

#[test]
fn handover_refuses_a_missing_or_same_new_owner_and_writes_nothing() {
    let (mut s, _) = store();
    let a = owned(&mut s, "A", Some("王经理"), None);
    let before = journal_len(&s);
    let to = |to: &str| Handover { from: "王经理".into(), to: to.into(), scope: HandoverScope::All };
    assert_eq!(s.handover(&to("  "), today()).unwrap_err().code(), "owner_empty");
    assert_eq!(s.handover(&to("王经理"), today()).unwrap_err().code(), "handover_same_owner");
    let missing = Handover {
        from: "王经理".into(),
        to: "李经理".into(),
        scope: HandoverScope::Ids { ids: vec![a.clone(), "nope".into()] },
    };
    assert_eq!(s.handover(&missing, today()).unwrap_err().to_payload().field.as_deref(), Some("ids[1]"));
    let seg = Handover { scope: HandoverScope::Segment { segment_id: "nope".into() }, ..to("李经理") };
    assert_eq!(s.handover(&seg, today()).unwrap_err().code(), "not_found");
    assert_eq!(journal_len(&s), before);
    assert_eq!(s.customer(&a).unwrap().fields.owner.as_deref(), Some("王经理"));
}

//! Team sync through a shared folder (and once through a real S3 server): replicas converge
//! whatever the order of exchange, damaged and duplicated segment files are skipped or
//! harmless, and no typed value is silently lost.

mod moto;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use fieldbook_core::clock::ManualClock;
use fieldbook_core::customers::{ContactPoint, CustomerInput, Tier};
use fieldbook_core::sync::bucket::{Bucket, Credentials};
use fieldbook_core::sync::place::{Folder, Place};
use fieldbook_core::sync::SnapshotPolicy;
use fieldbook_core::Store;
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const PASS: &str = "team passphrase 团队口令";

struct Replica {
    store: Store,
    clock: Arc<ManualClock>,
}

fn replica(offset_hours: i64) -> Replica {
    let at = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap() + Duration::hours(offset_hours);
    let clock = Arc::new(ManualClock::new(at));
    Replica { store: Store::open_in_memory(clock.clone()).unwrap(), clock }
}

fn sync(r: &mut Replica, place: &dyn Place) -> fieldbook_core::sync::SyncSummary {
    r.store.sync(place, PASS, &mut |_| {}).unwrap()
}

/// The whole book as a dump, without the journal (each laptop's own history, in its own order).
fn book(store: &Store) -> serde_json::Value {
    let mut dump: serde_json::Value = serde_json::from_str(&store.dump_string().unwrap()).unwrap();
    dump["tables"].as_object_mut().unwrap().remove("change_journal");
    dump
}

/// A book's derived data: every customer's computed columns and search rows.
fn derived(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    for sql in [
        "SELECT id || ' ' || coalesce(sort_key, '') || ' ' || coalesce(last_contact_at, '') || ' '
         || coalesce(next_follow_up_on, '') FROM customers ORDER BY id",
        "SELECT d.customer_id || ' key ' || k.key || ' ' || k.weight FROM search_keys k
         JOIN search_docs d ON d.doc_id = k.doc_id ORDER BY 1",
        "SELECT d.customer_id || ' gram ' || g.gram FROM search_grams g JOIN search_docs d ON d.doc_id = g.doc_id
         ORDER BY 1",
    ] {
        let mut stmt = store.conn().prepare(sql).unwrap();
        out.extend(stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().map(|r| r.unwrap()));
    }
    out
}

fn person(name: &str) -> CustomerInput {
    CustomerInput { name: name.into(), ..Default::default() }
}

#[test]
fn an_edit_on_one_laptop_reaches_the_other_and_a_concurrent_edit_keeps_the_loser() {
    let dir = tempfile::tempdir().unwrap();
    let place = Folder::open(dir.path()).unwrap();
    let (mut a, mut b) = (replica(0), replica(0));
    let c = a
        .store
        .create_customer(CustomerInput {
            phones: vec![ContactPoint { id: None, label: "mobile".into(), value: "13800138000".into() }],
            ..person("张三")
        })
        .unwrap();
    let first = sync(&mut a, &place);
    assert!(first.team_created, "the first laptop sets the team up");
    assert_eq!(first.customers_out.added, 1);
    let got = sync(&mut b, &place);
    assert_eq!(got.customers_in.added, 1);
    assert_eq!(b.store.customer(&c.id).unwrap().fields.phones[0].value, "13800138000");
    assert_eq!(b.store.search("zs", 5).unwrap()[0].customer.id, c.id, "derived search keys are built on arrival");

    // Both edit the notes without seeing each other's edit; b's is later.
    let mut input = a.store.customer(&c.id).unwrap().fields;
    input.notes = Some("A: 喜欢打高尔夫".into());
    a.store.update_customer(&c.id, input).unwrap();
    b.clock.advance(Duration::minutes(5));
    let mut input = b.store.customer(&c.id).unwrap().fields;
    input.notes = Some("B: prefers morning calls".into());
    b.store.update_customer(&c.id, input).unwrap();
    sync(&mut a, &place);
    sync(&mut b, &place);
    let on_a = sync(&mut a, &place);
    assert_eq!(on_a.conflicts, 1);
    for r in [&a, &b] {
        assert_eq!(r.store.customer(&c.id).unwrap().fields.notes.as_deref(), Some("B: prefers morning calls"));
        let lost = r.store.conflicts(Some(&c.id), 10).unwrap();
        assert_eq!(lost.len(), 1, "the losing note is kept on both laptops");
        assert_eq!(lost[0].value.as_deref(), Some("\"A: 喜欢打高尔夫\""));
        assert_eq!(lost[0].field, "notes");
    }
    assert_eq!(book(&a.store), book(&b.store));

    // Restoring the loser is a new edit that wins everywhere.
    let id = a.store.conflicts(Some(&c.id), 1).unwrap()[0].id.clone();
    let restored = a.store.restore_conflict(&id).unwrap();
    assert!(restored.restored_at.is_some());
    sync(&mut a, &place);
    sync(&mut b, &place);
    assert_eq!(b.store.customer(&c.id).unwrap().fields.notes.as_deref(), Some("A: 喜欢打高尔夫"));
}

#[test]
fn a_child_row_removed_for_good_elsewhere_changes_its_customer_and_deletes_none() {
    use fieldbook_core::interactions::{InteractionInput, InteractionKind};
    let dir = tempfile::tempdir().unwrap();
    let place = Folder::open(dir.path()).unwrap();
    let (mut a, mut b) = (replica(0), replica(0));
    let keep = a.store.create_customer(person("李四")).unwrap();
    let gone = a.store.create_customer(person("李四 (copy)")).unwrap();
    a.store
        .create_interaction(InteractionInput {
            customer_id: gone.id.clone(),
            kind: InteractionKind::Call,
            occurred_at: Some("2026-11-30T10:00:00Z".into()),
            summary: "asked for a quote".into(),
            outcome: None,
            next_step: None,
            follow_up_on: None,
        })
        .unwrap();
    sync(&mut a, &place);
    sync(&mut b, &place);
    // A merges the copy into the survivor (its call moves there); B, not knowing, removes the
    // copy for good, and with it the call.
    a.store.merge_customers(&keep.id, std::slice::from_ref(&gone.id)).unwrap();
    b.store.delete_customer(&gone.id).unwrap();
    b.store.purge_customer(&gone.id).unwrap();
    sync(&mut a, &place);
    sync(&mut b, &place);
    let on_a = sync(&mut a, &place);
    assert_eq!(on_a.customers_in.deleted, 1, "only the copy is deleted: {:?}", on_a.customers_in);
    assert_eq!(on_a.customers_in.changed, 1, "the survivor lost the call: {:?}", on_a.customers_in);
    assert!(a.store.customer(&keep.id).unwrap().deleted_at.is_none());

    // Removing a customer for good with its rows counts it once, as deleted.
    let c = replica_customer_with_call(&mut a);
    sync(&mut a, &place);
    sync(&mut b, &place);
    a.store.delete_customer(&c).unwrap();
    a.store.purge_customer(&c).unwrap();
    sync(&mut a, &place);
    let on_b = sync(&mut b, &place);
    assert_eq!((on_b.customers_in.deleted, on_b.customers_in.changed), (1, 0), "{:?}", on_b.customers_in);
}

fn replica_customer_with_call(r: &mut Replica) -> String {
    use fieldbook_core::interactions::{InteractionInput, InteractionKind};
    let c = r.store.create_customer(person("周七")).unwrap();
    r.store
        .create_interaction(InteractionInput {
            customer_id: c.id.clone(),
            kind: InteractionKind::Call,
            occurred_at: Some("2026-11-30T11:00:00Z".into()),
            summary: "first call".into(),
            outcome: None,
            next_step: None,
            follow_up_on: None,
        })
        .unwrap();
    c.id
}

#[test]
fn a_wrong_passphrase_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let place = Folder::open(dir.path()).unwrap();
    let mut a = replica(0);
    a.store.create_customer(person("王五")).unwrap();
    sync(&mut a, &place);
    let mut b = replica(0);
    let before = place.list("").unwrap();
    let err = b.store.sync(&place, "not the passphrase", &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), "sync_passphrase_wrong");
    assert_eq!(place.list("").unwrap(), before, "nothing written to the place");
    assert_eq!(b.store.list_customers(fieldbook_core::customers::ListScope::Live, 0, 10).unwrap().total, 0);
}

#[test]
fn damaged_segments_are_named_and_skipped_while_the_rest_syncs() {
    let dir = tempfile::tempdir().unwrap();
    let place = Folder::open(dir.path()).unwrap();
    let mut a = replica(0);
    a.store.create_customer(person("赵六")).unwrap();
    sync(&mut a, &place);
    let name = place.list("devices/").unwrap().pop().unwrap();
    let bytes = place.get(&name).unwrap().unwrap();
    // A truncated copy and a bit-flipped copy, under the names a sync tool would give them.
    let stem = name.trim_end_matches(".seg");
    place.put_new(&format!("{stem}.sync-conflict-20261206-101500-AAAAAAA.seg"), &bytes).unwrap();
    std::fs::write(dir.path().join(format!("{}.tmp", name)), b"").unwrap();
    let foreign = name.replace(&name[name.len() - 20..], "0000000000000000.seg");
    let mut flipped = bytes.clone();
    let i = flipped.len() / 2;
    flipped[i] ^= 0x10;
    place.put_new(&foreign, &flipped).unwrap();
    let mut b = replica(0);
    let s = sync(&mut b, &place);
    assert_eq!(s.customers_in.added, 1, "the good segment applies; its conflict copy adds nothing twice");
    assert_eq!(s.skipped_segments.len(), 1, "{:?}", s.skipped_segments);
    assert_eq!(s.skipped_segments[0].name, foreign);
    assert_eq!(s.skipped_segments[0].reason, "segment_damaged");
    let again = sync(&mut b, &place);
    assert_eq!(again.applied, 0, "applying is idempotent");
    let _ = Path::new(&name);
}

/// Does the book's own file (not its write-ahead log) hold `text`? A plaintext book keeps
/// names as they are in its pages.
fn in_book_file(path: &Path, text: &str) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

#[test]
fn a_sync_leaves_only_its_last_batch_in_the_log_for_the_caller_to_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("share")).unwrap();
    let place = Folder::open(&dir.path().join("share")).unwrap();
    let clock = Arc::new(ManualClock::new(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()));
    // Two laptops send one segment each.
    let names = ["Zebulon Firstbatch", "Ysolde Secondbatch"];
    for (i, name) in names.iter().enumerate() {
        let mut sender = Store::open(&dir.path().join(format!("sender{i}.db")), clock.clone()).unwrap();
        sender.create_customer(person(name)).unwrap();
        sender.sync(&place, PASS, &mut |_| {}).unwrap();
    }
    let path = dir.path().join("receiver.db");
    let mut receiver = Store::open(&path, clock.clone()).unwrap();
    // Checkpoint after every commit: what a sync leaves in the log shows.
    receiver.conn().pragma_update(None, "wal_autocheckpoint", 1).unwrap();
    receiver.checkpoint().unwrap();

    let summary = receiver.sync(&place, PASS, &mut |_| {}).unwrap();
    assert_eq!(summary.customers_in.added, 2);
    let in_file: Vec<bool> = names.iter().map(|n| in_book_file(&path, n)).collect();
    assert_eq!(
        in_file.iter().filter(|&&f| f).count(),
        1,
        "the first segment's batch was copied into the book before the second was applied, \
         the second is still only in the log: {in_file:?}"
    );
    let auto: i64 = receiver.conn().pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0)).unwrap();
    assert_eq!(auto, 1, "the sync gives the connection its own checkpoint setting back");

    let (log, copied) = receiver.checkpoint().unwrap();
    assert!(log > 0 && copied == log, "everything the log held is in the book: {log} pages, {copied} copied");
    for name in names {
        assert!(in_book_file(&path, name), "{name} is in the book file after the checkpoint");
    }
    let found: Vec<String> = receiver.search("batch", 10).unwrap().into_iter().map(|h| h.customer.name).collect();
    assert_eq!(found.len(), 2, "both customers are there before and after: {found:?}");
}

/// One random scenario: replicas with skewed clocks create, edit, trash, restore and merge
/// customers and log visits, syncing in a random order; damaged and duplicated files appear.
fn scenario(seed: u64) {
    let dir = tempfile::tempdir().unwrap();
    scenario_in(seed, &Folder::open(dir.path()).unwrap());
}

fn scenario_in(seed: u64, place: &dyn Place) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = rng.random_range(3..=5);
    let mut replicas: Vec<Replica> = (0..n).map(|i| replica(rng.random_range(-48..=48) * (i as i64 % 2))).collect();
    // Every note value typed, and which were knowingly overwritten (the editor saw them).
    let mut typed: BTreeSet<String> = BTreeSet::new();
    let mut superseded: BTreeSet<String> = BTreeSet::new();
    let mut counter = 0;
    for _round in 0..rng.random_range(3..7) {
        for _ in 0..rng.random_range(2..8) {
            let i = rng.random_range(0..n);
            let r = &mut replicas[i];
            r.clock.advance(Duration::seconds(rng.random_range(1..600)));
            let live: Vec<String> = r
                .store
                .list_customers(fieldbook_core::customers::ListScope::Live, 0, 500)
                .unwrap()
                .items
                .into_iter()
                .map(|c| c.id)
                .collect();
            counter += 1;
            match rng.random_range(0..10) {
                0..=2 => {
                    r.store.create_customer(person(&format!("客户{seed}-{counter}"))).unwrap();
                }
                3..=5 if !live.is_empty() => {
                    let id = &live[rng.random_range(0..live.len())];
                    let mut input = r.store.customer(id).unwrap().fields;
                    let note = format!("note {seed}-{counter} by {i}");
                    if let Some(old) = input.notes.replace(note.clone()) {
                        superseded.insert(old);
                    }
                    typed.insert(note);
                    input.tier = Some([Tier::A, Tier::B, Tier::C, Tier::Vip][rng.random_range(0..4)]);
                    r.store.update_customer(id, input).unwrap();
                }
                6 if !live.is_empty() => {
                    let id = &live[rng.random_range(0..live.len())];
                    r.store.delete_customer(id).unwrap();
                }
                7 if live.len() >= 2 => {
                    let (x, y) = (rng.random_range(0..live.len()), rng.random_range(0..live.len()));
                    if x != y {
                        // A merge appends the other's notes to the survivor's: the merging
                        // user saw both values it replaces.
                        for id in [&live[x], &live[y]] {
                            superseded.extend(r.store.customer(id).unwrap().fields.notes);
                        }
                        r.store.merge_customers(&live[x], std::slice::from_ref(&live[y])).unwrap();
                    }
                }
                8 if !live.is_empty() => {
                    let id = live[rng.random_range(0..live.len())].clone();
                    r.store
                        .create_interaction(fieldbook_core::interactions::InteractionInput {
                            customer_id: id,
                            kind: fieldbook_core::interactions::InteractionKind::Visit,
                            occurred_at: None,
                            summary: format!("visit {counter}"),
                            outcome: None,
                            next_step: None,
                            follow_up_on: None,
                        })
                        .unwrap();
                }
                _ => {
                    let trash: Vec<String> = r
                        .store
                        .list_customers(fieldbook_core::customers::ListScope::Trash, 0, 50)
                        .unwrap()
                        .items
                        .into_iter()
                        .map(|c| c.id)
                        .collect();
                    if let Some(id) = trash.first() {
                        // Restoring a merged-away customer undoes its merge, putting back the
                        // survivor's notes as they were: what this laptop shows is replaced.
                        for scope in
                            [fieldbook_core::customers::ListScope::Live, fieldbook_core::customers::ListScope::Trash]
                        {
                            for c in r.store.list_customers(scope, 0, 500).unwrap().items {
                                superseded.extend(r.store.customer(&c.id).unwrap().fields.notes);
                            }
                        }
                        let _ = r.store.restore_customer(id);
                    }
                }
            }
        }
        // Some replicas sync, in a random order; now and then one writes a snapshot.
        for _ in 0..rng.random_range(1..=n) {
            let i = rng.random_range(0..n);
            if rng.random_bool(0.15) {
                replicas[i].store.sync_with(place, PASS, SnapshotPolicy::Now, &mut |_| {}).unwrap();
            } else {
                sync(&mut replicas[i], place);
            }
        }
        // A file sync tool's conflict copy, or a half-copied file, of a random segment.
        let names = place.list("devices/").unwrap();
        if !names.is_empty() {
            let name = &names[rng.random_range(0..names.len())];
            let bytes = place.get(name).unwrap().unwrap();
            let (stem, ext) = name.rsplit_once('.').unwrap();
            if rng.random_bool(0.5) {
                place.put_new(&format!("{stem}.sync-conflict-{counter}.{ext}"), &bytes).unwrap();
            } else {
                place.put_new(&format!("{stem} (truncated copy {counter}).{ext}"), &bytes[..bytes.len() / 2]).unwrap();
            }
        }
    }
    // Everyone syncs until nothing is left to exchange: two full rounds.
    for _ in 0..2 {
        for r in replicas.iter_mut() {
            sync(r, place);
        }
    }
    // A laptop joining last starts from the newest snapshot, if any, and ends the same.
    let mut late = replica(rng.random_range(-48..=48));
    sync(&mut late, place);
    replicas.push(late);
    let first = book(&replicas[0].store);
    for (i, r) in replicas.iter().enumerate().skip(1) {
        assert_eq!(book(&r.store), first, "replica {i} differs from replica 0 (seed {seed})");
    }
    for r in &replicas {
        assert_eq!(r.store.integrity_check().unwrap(), "ok");
    }
    // Derived data, rebuilt only where arriving changes fed it, is what a rebuild from scratch
    // makes: sort keys, last contact, search keys and grams, and the notes' search text.
    for (i, r) in replicas.iter().enumerate() {
        let mut scratch = replica(0).store;
        scratch.restore_dump(r.store.dump_string().unwrap().as_bytes()).unwrap();
        assert_eq!(derived(&r.store), derived(&scratch), "replica {i}: derived data (seed {seed})");
        for c in r.store.list_customers(fieldbook_core::customers::ListScope::Live, 0, 500).unwrap().items {
            if let Some(note) = r.store.customer(&c.id).unwrap().fields.notes {
                let ids = |s: &Store| -> BTreeSet<String> {
                    s.search(&note, 500).unwrap().into_iter().map(|h| h.customer.id).collect()
                };
                assert_eq!(ids(&r.store), ids(&scratch), "replica {i}: search {note:?} (seed {seed})");
            }
        }
    }
    // Every typed note is the final value, was knowingly overwritten, or is in a conflicts list.
    let mut kept: BTreeSet<String> = BTreeSet::new();
    let mut finals: BTreeMap<String, Option<String>> = BTreeMap::new();
    for r in &replicas {
        for c in r.store.conflicts(None, 100_000).unwrap() {
            if let Some(v) = c.value.and_then(|v| serde_json::from_str::<String>(&v).ok()) {
                kept.insert(v);
            }
        }
    }
    let store = &replicas[0].store;
    for scope in [fieldbook_core::customers::ListScope::Live, fieldbook_core::customers::ListScope::Trash] {
        for c in store.list_customers(scope, 0, 10_000).unwrap().items {
            finals.insert(c.id.clone(), store.customer(&c.id).unwrap().fields.notes);
        }
    }
    let final_values: BTreeSet<String> = finals.into_values().flatten().collect();
    for note in &typed {
        assert!(
            final_values.contains(note) || superseded.contains(note) || kept.contains(note),
            "seed {seed}: {note:?} was lost: not final, not overwritten by someone who saw it, not in any conflicts list"
        );
    }
}

proptest! {
    // 12 scenarios per test run; `SYNC_CASES=500 cargo test -p fieldbook-core --test sync` runs more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("SYNC_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(12),
        ..ProptestConfig::default()
    })]
    #[test]
    fn replicas_converge_in_any_exchange_order_and_lose_no_typed_value(seed in any::<u64>()) {
        scenario(seed);
    }
}

/// The same scenario through a real S3-compatible server (moto on loopback): create-only puts,
/// listing by prefix, conflict copies and half-written objects in the bucket. Each case works in
/// its own folder of one bucket; `SYNC_S3_CASES` runs more.
#[test]
fn replicas_converge_through_a_real_s3_bucket() {
    let server = moto::Moto::start("team-book");
    let credentials =
        Credentials { access_key: server.access_key.clone(), secret: server.secret.clone(), region: String::new() };
    let cases: u64 = std::env::var("SYNC_S3_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(3);
    let mut rng = ChaCha8Rng::seed_from_u64(0x53_33);
    for case in 0..cases {
        let bucket = Bucket::open(&format!("{}/case-{case}", server.url("team-book")), &credentials).unwrap();
        scenario_in(rng.random(), &bucket);
    }
}

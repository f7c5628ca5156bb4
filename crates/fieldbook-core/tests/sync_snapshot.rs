//! Bootstrapping a new laptop from a snapshot: it ends with exactly the book of a laptop that
//! replayed every segment, skips the segments the snapshot covers, and falls back to the
//! segments when a snapshot part is damaged.

mod common;

use std::path::Path;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use common::{buy, meet, person, point};
use fieldbook_core::clock::ManualClock;
use fieldbook_core::customers::CustomerInput;
use fieldbook_core::orders::OrderStatus;
use fieldbook_core::sync::place::{Folder, Place};
use fieldbook_core::sync::{SnapshotPolicy, SyncProgress, SyncSummary};
use fieldbook_core::Store;

const PASS: &str = "team passphrase 团队口令";

struct Replica {
    store: Store,
    clock: Arc<ManualClock>,
}

fn replica(offset_minutes: i64) -> Replica {
    let at = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap() + Duration::minutes(offset_minutes);
    let clock = Arc::new(ManualClock::new(at));
    Replica { store: Store::open_in_memory(clock.clone()).unwrap(), clock }
}

fn sync(r: &mut Replica, place: &Folder, policy: SnapshotPolicy) -> (SyncSummary, Vec<SyncProgress>) {
    let mut seen = Vec::new();
    let summary = r.store.sync_with(place, PASS, policy, &mut |p| seen.push(p)).unwrap();
    (summary, seen)
}

/// The whole book as a dump, without the journal (each laptop's own history, in its own order).
fn book(store: &Store) -> serde_json::Value {
    let mut dump: serde_json::Value = serde_json::from_str(&store.dump_string().unwrap()).unwrap();
    dump["tables"].as_object_mut().unwrap().remove("change_journal");
    dump
}

fn set_notes(r: &mut Replica, id: &str, notes: &str) {
    r.clock.advance(Duration::seconds(7));
    let mut input = r.store.customer(id).unwrap().fields;
    input.notes = Some(notes.into());
    r.store.update_customer(id, input).unwrap();
}

/// Two laptops build a book with edits, a concurrent edit, a deletion and a removal for good,
/// then `a` writes a snapshot and both go on editing. Returns the folder and both laptops.
fn team_with_a_snapshot(dir: &Path) -> (Folder, Replica, Replica, SyncSummary) {
    let place = Folder::open(dir).unwrap();
    let (mut a, mut b) = (replica(0), replica(3));
    let mut ids = Vec::new();
    for i in 0..30 {
        let c = a
            .store
            .create_customer(CustomerInput {
                phones: vec![point(&format!("1380013{i:04}"))],
                ..person(&format!("客户 {i}"))
            })
            .unwrap();
        if i % 3 == 0 {
            meet(&mut a.store, &c.id, "2026-11-30T10:00:00Z");
        }
        if i % 5 == 0 {
            buy(&mut a.store, &c.id, "2026-11-29", "120.50", OrderStatus::Paid, "CNY");
        }
        ids.push(c.id);
    }
    sync(&mut a, &place, SnapshotPolicy::Never);
    sync(&mut b, &place, SnapshotPolicy::Never);
    // Edits on both, one of them concurrent (b's is later and wins; a's is kept as a conflict).
    set_notes(&mut a, &ids[1], "A: 周三下午拜访");
    set_notes(&mut b, &ids[1], "B: call on Thursday");
    set_notes(&mut b, &ids[2], "B: prefers WeChat");
    b.store.create_customer(person("王五 (from b)")).unwrap();
    a.store.delete_customer(&ids[4]).unwrap();
    a.store.delete_customer(&ids[5]).unwrap();
    a.store.purge_customer(&ids[5]).unwrap();
    for _ in 0..2 {
        sync(&mut a, &place, SnapshotPolicy::Never);
        sync(&mut b, &place, SnapshotPolicy::Never);
    }
    let covered: Vec<String> = place.list("devices/").unwrap().into_iter().filter(|n| n.ends_with(".seg")).collect();
    let (written, progress) = sync(&mut a, &place, SnapshotPolicy::Now);
    assert!(written.snapshot_out.is_some(), "a snapshot was asked for");
    assert!(progress.iter().any(|p| p.stage == "snapshot_out"), "writing it is reported as progress");
    // Changes after the snapshot: only segments carry them.
    set_notes(&mut a, &ids[6], "A: after the snapshot");
    set_notes(&mut b, &ids[7], "B: after the snapshot");
    b.store.delete_customer(&ids[8]).unwrap();
    meet(&mut b.store, &ids[9], "2026-12-01T09:30:00Z");
    sync(&mut a, &place, SnapshotPolicy::Never);
    sync(&mut b, &place, SnapshotPolicy::Never);
    sync(&mut a, &place, SnapshotPolicy::Never);
    std::fs::write(dir.join(".covered-by-snapshot"), covered.join("\n")).unwrap();
    (place, a, b, written)
}

/// The segments that existed when `a` wrote its snapshot (all applied by `a` or written by it).
fn snapshot_covered_names(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join(".covered-by-snapshot")).unwrap().lines().map(str::to_string).collect()
}

/// A copy of the team folder without its snapshots: a joiner there replays every segment.
fn without_snapshots(from: &Path, to: &Path) {
    for entry in walk(from) {
        let rel = entry.strip_prefix(from).unwrap();
        if entry.extension().is_some_and(|e| e == "snap") {
            continue;
        }
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, target).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn a_joiner_from_a_snapshot_ends_with_the_same_book_as_one_that_replays_every_segment() {
    let dir = tempfile::tempdir().unwrap();
    let (place, a, _b, written) = team_with_a_snapshot(dir.path());
    let replay_dir = tempfile::tempdir().unwrap();
    without_snapshots(dir.path(), replay_dir.path());

    let mut joiner = replica(60);
    let (boot, progress) = sync(&mut joiner, &place, SnapshotPolicy::Auto);
    assert_eq!(boot.snapshot_in, written.snapshot_out, "the joiner starts from a's snapshot");
    assert!(boot.skipped_segments.is_empty(), "{:?}", boot.skipped_segments);
    assert!(progress.iter().any(|p| p.stage == "snapshot"), "bootstrapping is reported as progress");
    assert_eq!(boot.snapshot_out, None, "a bootstrap is not a reason to write another snapshot");

    let mut replayer = replica(60);
    let (replay, _) = sync(&mut replayer, &Folder::open(replay_dir.path()).unwrap(), SnapshotPolicy::Auto);
    assert_eq!(replay.snapshot_in, None);
    assert_eq!(book(&joiner.store), book(&replayer.store), "snapshot + newer segments = every segment");
    assert_eq!(book(&joiner.store), book(&a.store), "and = the team's book");
    assert_eq!(joiner.store.integrity_check().unwrap(), "ok");

    // Nothing is left to apply, and the joiner's own edits reach the team.
    let (again, _) = sync(&mut joiner, &place, SnapshotPolicy::Auto);
    assert_eq!((again.applied, again.snapshot_in), (0, None));
}

#[test]
fn a_joiner_skips_the_segments_a_snapshot_covers() {
    let dir = tempfile::tempdir().unwrap();
    let (place, a, _b, _) = team_with_a_snapshot(dir.path());
    // Break every segment the snapshot covers: a joiner that opened one would report it.
    let covered = snapshot_covered_names(dir.path());
    assert!(covered.len() >= 3, "the snapshot covers {} segments", covered.len());
    for name in &covered {
        let path = dir.path().join(name);
        let mut bytes = std::fs::read(&path).unwrap();
        let i = bytes.len() / 2;
        bytes[i] ^= 0x01;
        std::fs::write(&path, bytes).unwrap();
    }
    let mut joiner = replica(60);
    let (boot, _) = sync(&mut joiner, &place, SnapshotPolicy::Auto);
    assert!(boot.snapshot_in.is_some());
    assert!(boot.skipped_segments.is_empty(), "covered segments are never opened: {:?}", boot.skipped_segments);
    assert_eq!(book(&joiner.store), book(&a.store));
}

#[test]
fn a_damaged_snapshot_is_named_and_skipped_and_the_joiner_falls_back_to_the_segments() {
    let dir = tempfile::tempdir().unwrap();
    let (place, a, _b, _) = team_with_a_snapshot(dir.path());
    let mut parts: Vec<_> =
        walk(dir.path()).into_iter().filter(|p| p.extension().is_some_and(|e| e == "snap")).collect();
    parts.sort();
    assert!(parts.len() >= 2, "rows, then removals and the covered segments");
    // The last part flipped: the first was applied already, which is valid state to build on.
    let last = parts.last().unwrap();
    let mut bytes = std::fs::read(last).unwrap();
    let i = bytes.len() / 2;
    bytes[i] ^= 0x01;
    std::fs::write(last, bytes).unwrap();

    let mut joiner = replica(60);
    let (boot, _) = sync(&mut joiner, &place, SnapshotPolicy::Auto);
    assert_eq!(boot.snapshot_in, None);
    assert_eq!(boot.skipped_segments.len(), 1, "{:?}", boot.skipped_segments);
    let name = last.strip_prefix(dir.path()).unwrap().to_string_lossy().replace('\\', "/");
    assert_eq!(boot.skipped_segments[0].name, name);
    assert_eq!(boot.skipped_segments[0].reason, "segment_damaged");
    assert_eq!(book(&joiner.store), book(&a.store), "every segment replayed instead");
    // Later syncs do not try the broken snapshot again.
    let (again, _) = sync(&mut joiner, &place, SnapshotPolicy::Auto);
    assert!(again.skipped_segments.is_empty() && again.applied == 0);
}

/// The snapshots in the place, by name (`devices/<device>/snapshot-<stamp>`), and how many
/// files each has.
fn snapshots(place: &dyn Place) -> std::collections::BTreeMap<String, usize> {
    let mut out = std::collections::BTreeMap::new();
    for name in place.list("devices/").unwrap() {
        if let Some(p) = fieldbook_core::sync::snapshot::parse_name(&name) {
            *out.entry(p.snapshot()).or_default() += 1;
        }
    }
    out
}

#[test]
fn a_laptop_keeps_only_its_newest_complete_snapshot_and_never_removes_another_laptops() {
    let dir = tempfile::tempdir().unwrap();
    let (place, mut a, mut b, first) = team_with_a_snapshot(dir.path());
    let first = first.snapshot_out.unwrap();
    b.clock.advance(Duration::minutes(1));
    let of_b = sync(&mut b, &place, SnapshotPolicy::Now).0.snapshot_out.unwrap();
    // In a's folder: a part of an older snapshot it never finished (a crash while writing), and
    // a file sync tool's conflict copy of a part of its first one.
    let device = a.store.device_id().to_string();
    let unfinished = fieldbook_core::sync::snapshot::file_name(&device, 1_000, 1, 2, b"cut short");
    assert!(place.put_new(&unfinished, b"cut short").unwrap());
    let part = place.list(&format!("devices/{device}/")).unwrap().into_iter().find(|n| n.starts_with(&first)).unwrap();
    let copy = part.replace(".snap", ".sync-conflict-20261201-101500-ABCDEFG.snap");
    assert!(place.put_new(&copy, &place.get(&part).unwrap().unwrap()).unwrap());
    let others_before: Vec<String> =
        place.list("devices/").unwrap().into_iter().filter(|n| !n.starts_with(&format!("devices/{device}/"))).collect();
    assert_eq!(snapshots(&place).len(), 3, "a's first, its unfinished one, b's: {:?}", snapshots(&place));

    a.clock.advance(Duration::minutes(10)); // later than b's: the newest in the place
    let someone = a.store.list_customers(fieldbook_core::customers::ListScope::Live, 0, 1).unwrap().items[0].id.clone();
    set_notes(&mut a, &someone, "A: newest");
    let second = sync(&mut a, &place, SnapshotPolicy::Now).0.snapshot_out.unwrap();
    assert_ne!(second, first);
    let left = snapshots(&place);
    assert_eq!(left.keys().cloned().collect::<Vec<_>>(), {
        let mut want = vec![second.clone(), of_b.clone()];
        want.sort();
        want
    });
    let others_after: Vec<String> =
        place.list("devices/").unwrap().into_iter().filter(|n| !n.starts_with(&format!("devices/{device}/"))).collect();
    assert_eq!(others_after, others_before, "another laptop's files are never removed");
    assert!(
        place.list(&format!("devices/{device}/")).unwrap().iter().any(|n| n.ends_with(".seg")),
        "a's segments stay: laptops that have not synced for a while still need them"
    );

    // A laptop joining now starts from the newest snapshot and ends with the team's book.
    let mut joiner = replica(60);
    let (boot, _) = sync(&mut joiner, &place, SnapshotPolicy::Auto);
    assert_eq!(boot.snapshot_in, Some(second));
    assert!(boot.skipped_segments.is_empty(), "{:?}", boot.skipped_segments);
    sync(&mut a, &place, SnapshotPolicy::Never);
    assert_eq!(book(&joiner.store), book(&a.store));
}

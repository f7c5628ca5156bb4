//! `fieldbook bench-sync`: the sync figures in BENCHMARKS.md. In a temporary folder: a seeded
//! book (or a copy of one given with `--book`) syncs into an empty team folder (first full
//! sync out), a second book syncs it in, 10,000 field edits go out and come in, a snapshot is
//! written and a third book bootstraps from it — each timed, with the bytes on the wire, next
//! to writing and fsyncing a file of the same size in the same run; the checkpoint a sync
//! leaves to its caller is timed on its own after the incremental sync in, and searches that
//! only the trigram tables answer are timed on the receiving book. With `--work-dir` the
//! books and the team folder are kept: a later run in the same folder reuses them and times
//! only new field edits going out and coming in (seeding the 1M-interaction book takes ~20
//! minutes; an incremental run, seconds).

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use clap::Args;
use fieldbook_core::clock::SystemClock;
use fieldbook_core::customers::ListScope;
use fieldbook_core::sync::place::Folder;
use fieldbook_core::sync::team;
use fieldbook_core::sync::{SnapshotPolicy, SyncSummary};
use fieldbook_core::Store;
use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::bench::percentile;
use crate::output::Output;
use crate::seed;

const PASS: &str = "fieldbook bench team passphrase";

#[derive(Args, Clone)]
pub struct BenchSyncArgs {
    #[arg(long, default_value_t = 100_000)]
    pub customers: usize,
    /// Interactions logged across the customers (plus a quarter as many orders).
    #[arg(long, default_value_t = 1_000_000)]
    pub interactions: usize,
    /// Field edits in the incremental sync (one note per customer).
    #[arg(long, default_value_t = 10_000)]
    pub edits: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Start from a copy of this book (e.g. one made with `fieldbook seed`) instead of seeding.
    #[arg(long, value_name = "PATH")]
    pub book: Option<std::path::PathBuf>,
    /// Keep the books and the team folder in DIR instead of a temporary folder. When DIR
    /// already holds them from an earlier run, nothing is seeded or fully synced again: the
    /// run makes new field edits in A and times only the incremental sync out and in.
    #[arg(long, value_name = "DIR")]
    pub work_dir: Option<std::path::PathBuf>,
}

/// Written into the work folder once book B has the whole book: from then on it is reused.
const READY: &str = "books-ready";
/// How many edit rounds ran in the work folder: each round writes notes no earlier round
/// wrote (the same text again would change nothing and send nothing).
const ROUNDS: &str = "edit-rounds";

#[derive(Serialize)]
struct Step {
    step: &'static str,
    seconds: f64,
    /// Bytes written to (or read from) the team folder.
    bytes: u64,
    /// Records sent or received.
    records: usize,
    /// Writing a file of `bytes` bytes and fsyncing it, in the same run.
    raw_write_fsync_s: f64,
}

#[derive(Serialize)]
struct Report {
    customers: usize,
    /// The edit round in the work folder (1 for a fresh one).
    round: u64,
    book_bytes: u64,
    steps: Vec<Step>,
    /// Search on book B after the edits arrived: its trigram tables then hold the removed
    /// text of every earlier round as tombstones (FTS5 `deletemerge` is 0, migration 0014).
    search: Vec<SearchLatency>,
}

#[derive(Serialize)]
struct SearchLatency {
    kind: &'static str,
    queries: usize,
    p50_ms: f64,
    p99_ms: f64,
    /// Queries that found the customer they were taken from.
    found: usize,
}

fn step(name: &'static str, seconds: f64, bytes: u64, records: usize, scratch: &Path) -> anyhow::Result<Step> {
    Ok(Step { step: name, seconds, bytes, records, raw_write_fsync_s: raw_write(scratch, bytes)? })
}

/// Write `bytes` incompressible-looking bytes to a new file and fsync it: the disk's own cost.
fn raw_write(scratch: &Path, bytes: u64) -> anyhow::Result<f64> {
    let path = scratch.join("raw-write.bin");
    let mut block = vec![0u8; 1 << 20];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for b in block.iter_mut() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
    let t = Instant::now();
    let mut f = std::fs::File::create(&path)?;
    let mut left = bytes as usize;
    while left > 0 {
        let n = left.min(block.len());
        f.write_all(&block[..n])?;
        left -= n;
    }
    f.sync_all()?;
    let s = t.elapsed().as_secs_f64();
    drop(f);
    std::fs::remove_file(&path)?;
    Ok(s)
}

/// Bytes of every file under `dir`.
fn size(dir: &Path) -> anyhow::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() { size(&entry.path())? } else { meta.len() };
    }
    Ok(total)
}

/// A timed sync that derives the team key, as a laptop's first sync in a run does, with the
/// checkpoint it leaves to its caller.
fn timed_sync(store: &mut Store, place: &Folder, policy: SnapshotPolicy) -> anyhow::Result<(SyncSummary, f64)> {
    team::forget_known_keys();
    let (summary, sync_s, checkpoint_s) = timed_sync_key_known(store, place, policy)?;
    Ok((summary, sync_s + checkpoint_s))
}

/// A timed sync with the team key already derived in this run (the app's later syncs), and
/// then, timed on its own, the checkpoint it leaves to its caller (the app runs it on a
/// reader in the background once the summary is shown).
fn timed_sync_key_known(
    store: &mut Store,
    place: &Folder,
    policy: SnapshotPolicy,
) -> anyhow::Result<(SyncSummary, f64, f64)> {
    let t = Instant::now();
    let summary = store.sync_with(place, PASS, policy, &mut |p| {
        if p.total > 1 {
            eprint!("\r  {} {}/{}   ", p.stage, p.done, p.total);
        }
    })?;
    let sync_s = t.elapsed().as_secs_f64();
    eprintln!();
    let t = Instant::now();
    store.checkpoint()?;
    Ok((summary, sync_s, t.elapsed().as_secs_f64()))
}

pub fn run(args: &BenchSyncArgs, out: &Output) -> anyhow::Result<()> {
    let temp;
    let dir: &Path = match &args.work_dir {
        Some(d) => {
            std::fs::create_dir_all(d)?;
            d
        }
        None => {
            temp = tempfile::tempdir()?;
            temp.path()
        }
    };
    let share_dir = dir.join("share");
    let clock = Arc::new(SystemClock);
    let a_path = dir.join("a.db");
    let reuse = dir.join(READY).exists();
    let mut steps = Vec::new();

    let (mut a, mut b) = if reuse {
        eprintln!("reusing the books in {}…", dir.display());
        (Store::open_with(&a_path, None, clock.clone())?, Store::open_with(&dir.join("b.db"), None, clock.clone())?)
    } else {
        // A run interrupted before B was whole: start again.
        for name in ["a.db", "a.db-wal", "a.db-shm", "b.db", "b.db-wal", "b.db-shm", "c.db", "c.db-wal", "c.db-shm"] {
            let _ = std::fs::remove_file(dir.join(name));
        }
        let _ = std::fs::remove_dir_all(&share_dir);
        std::fs::create_dir(&share_dir)?;
        full_syncs(args, dir, &a_path, &clock, &mut steps)?
    };
    let place = Folder::open(&share_dir)?;
    let customers = a.list_customers(ListScope::Live, 0, 1)?.total as usize;
    let book_bytes = std::fs::metadata(&a_path)?.len();
    let round: u64 =
        std::fs::read_to_string(dir.join(ROUNDS)).ok().and_then(|t| t.trim().parse().ok()).unwrap_or(0) + 1;
    std::fs::write(dir.join(ROUNDS), round.to_string())?;

    eprintln!("{} field edits…", args.edits);
    let mut ids: Vec<String> = Vec::with_capacity(args.edits);
    while ids.len() < args.edits {
        let page = a.list_customers(ListScope::Live, ids.len() as u64, 500)?.items;
        if page.is_empty() {
            break;
        }
        ids.extend(page.into_iter().map(|c| c.id).take(args.edits - ids.len()));
    }
    for (i, id) in ids.iter().enumerate() {
        let mut input = a.customer(id)?.fields;
        input.notes = Some(format!("bench edit {round}.{i}: 下周回访 / call back next week"));
        a.update_customer(id, input)?;
    }
    // The app derives the team key once per run; the incremental syncs below are its later
    // syncs, with the key known. The derivation is timed on its own.
    team::forget_known_keys();
    let t = Instant::now();
    team::team_key(&place, PASS)?;
    steps.push(step("team key derivation (argon2id, once a run)", t.elapsed().as_secs_f64(), 0, 0, dir)?);
    let before = size(&share_dir)?;
    let (s, secs, checkpoint_s) = timed_sync_key_known(&mut a, &place, SnapshotPolicy::Never)?;
    let edits_wire = size(&share_dir)? - before;
    steps.push(step("incremental sync out (field edits)", secs + checkpoint_s, edits_wire, s.sent, dir)?);
    let (s, secs, checkpoint_s) = timed_sync_key_known(&mut b, &place, SnapshotPolicy::Never)?;
    steps.push(step("incremental sync in (field edits)", secs, edits_wire, s.received, dir)?);
    steps.push(step("checkpoint after sync in (app: background)", checkpoint_s, 0, 0, dir)?);

    if !reuse {
        snapshot_and_bootstrap(&mut a, &place, dir, &clock, &mut steps)?;
    }

    let search = search_latency(&b, round, &ids)?;
    let report = Report { customers, book_bytes, round, steps, search };
    out.emit(&report, || {
        let mut t = format!(
            "{} customers, book {:.1} MB, edit round {}\n",
            report.customers,
            report.book_bytes as f64 / 1e6,
            report.round
        );
        t.push_str("step                                          seconds      MB    records  raw write+fsync s\n");
        for s in &report.steps {
            t.push_str(&format!(
                "{:<45} {:>8.3} {:>8.2} {:>10} {:>10.3}\n",
                s.step,
                s.seconds,
                s.bytes as f64 / 1e6,
                s.records,
                s.raw_write_fsync_s
            ));
        }
        t.push_str("search on B (trigram queries)                 queries   p50 ms   p99 ms  found\n");
        for s in &report.search {
            t.push_str(&format!(
                "{:<45} {:>7} {:>8.2} {:>8.2} {:>6}\n",
                s.kind, s.queries, s.p50_ms, s.p99_ms, s.found
            ));
        }
        t
    });
    Ok(())
}

/// Time searches on B that only the trigram tables answer: a phone number's middle six
/// digits (the name table) and a piece of this round's notes (the free-text table, where
/// every round's replaced notes left tombstones). 200 of each, taken from the edited
/// customers.
fn search_latency(b: &Store, round: u64, edited: &[String]) -> anyhow::Result<Vec<SearchLatency>> {
    const QUERIES: usize = 200;
    let step = (edited.len() / QUERIES).max(1);
    let sample: Vec<(usize, &String)> = edited.iter().enumerate().step_by(step).take(QUERIES).collect();
    let mut phone_queries = Vec::new();
    for (_, id) in &sample {
        let phone: Option<String> = b
            .conn()
            .query_row(
                "SELECT value FROM contact_points WHERE customer_id = ?1 AND kind = 'phone' AND deleted_at IS NULL LIMIT 1",
                [id.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        let digits: String = phone.unwrap_or_default().chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 8 {
            // Inside the subscriber number: no phone starts with it (a prefix would be answered
            // by the key index, not the trigram table).
            phone_queries.push((digits[digits.len() - 8..digits.len() - 2].to_string(), (*id).clone()));
        }
    }
    // Each edited customer's notes read "bench edit {round}.{i}: …": "{round}.{i}:" is theirs alone.
    let note_queries: Vec<(String, String)> =
        sample.iter().map(|(i, id)| (format!("{round}.{i}:"), (*id).clone())).collect();
    let mut out = Vec::new();
    for (kind, queries) in [("phone middle (6 digits)", phone_queries), ("this round's notes", note_queries)] {
        let mut times = Vec::with_capacity(queries.len());
        let mut found = 0;
        for (q, id) in &queries {
            let t = Instant::now();
            let hits = b.search_ids(q, 20)?;
            times.push(t.elapsed());
            found += usize::from(hits.iter().any(|(hit, _)| hit == id));
        }
        times.sort();
        let ms = |q: usize| percentile(&times, q).as_secs_f64() * 1e3;
        out.push(SearchLatency { kind, queries: queries.len(), p50_ms: ms(50), p99_ms: ms(99), found });
    }
    Ok(out)
}

/// Seed (or copy) book A, sync it out into the empty team folder, and sync a new book B in:
/// the first two steps.
fn full_syncs(
    args: &BenchSyncArgs,
    dir: &Path,
    a_path: &Path,
    clock: &Arc<SystemClock>,
    steps: &mut Vec<Step>,
) -> anyhow::Result<(Store, Store)> {
    let share_dir = dir.join("share");
    let place = Folder::open(&share_dir)?;
    let mut a = match &args.book {
        Some(book) => {
            eprintln!("copying {}…", book.display());
            std::fs::copy(book, a_path)?;
            Store::open_with(a_path, None, clock.clone())?
        }
        None => {
            let mut a = Store::open_with(a_path, None, clock.clone())?;
            let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a valid day");
            eprintln!("seeding {} customers and {} interactions…", args.customers, args.interactions);
            // Customers in batches of 5,000 (when they were added does not matter to sync).
            let ids = seed::write(&mut a, args.customers, args.seed, true)?;
            seed::write_history(&mut a, &ids, args.interactions, args.seed, as_of, true)?;
            a
        }
    };

    eprintln!("first full sync out…");
    let (s, secs) = timed_sync(&mut a, &place, SnapshotPolicy::Never)?;
    let wire = size(&share_dir)?;
    steps.push(step("first full sync out", secs, wire, s.sent, dir)?);

    eprintln!("first full sync in (replaying every segment)…");
    let mut b = Store::open_with(&dir.join("b.db"), None, clock.clone())?;
    let (s, secs) = timed_sync(&mut b, &place, SnapshotPolicy::Never)?;
    steps.push(step("first full sync in", secs, wire, s.received, dir)?);
    std::fs::write(dir.join(READY), "")?;
    Ok((a, b))
}

/// A writes a snapshot; a new book C bootstraps from it.
fn snapshot_and_bootstrap(
    a: &mut Store,
    place: &Folder,
    dir: &Path,
    clock: &Arc<SystemClock>,
    steps: &mut Vec<Step>,
) -> anyhow::Result<()> {
    let share_dir = dir.join("share");
    eprintln!("writing a snapshot…");
    let before = size(&share_dir)?;
    let (_, secs) = timed_sync(a, place, SnapshotPolicy::Now)?;
    let snapshot_wire = size(&share_dir)? - before;
    steps.push(step("snapshot write", secs, snapshot_wire, 0, dir)?);

    eprintln!("bootstrap from the snapshot…");
    let mut c = Store::open_with(&dir.join("c.db"), None, clock.clone())?;
    let (s, secs) = timed_sync(&mut c, place, SnapshotPolicy::Never)?;
    anyhow::ensure!(s.snapshot_in.is_some(), "the third book did not start from the snapshot");
    anyhow::ensure!(
        c.list_customers(ListScope::Live, 0, 1)?.total == a.list_customers(ListScope::Live, 0, 1)?.total,
        "the bootstrapped book does not have every customer"
    );
    steps.push(step("bootstrap from the snapshot", secs, snapshot_wire, s.received, dir)?);
    Ok(())
}

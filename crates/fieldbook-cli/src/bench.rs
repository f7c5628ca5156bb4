//! `fieldbook bench`: the figures in BENCHMARKS.md. Seeds a fresh book in a temporary folder
//! through the real write path (validation, field clocks, journal, search index), inserts
//! the same rows with plain SQL in the same run for comparison, then times searches.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Args;
use fieldbook_core::clock::SystemClock;
use fieldbook_core::customers::{CustomerInput, CustomerKind};
use fieldbook_core::search::keys::{name_keys, NameKind};
use fieldbook_core::Store;
use rand::seq::IndexedRandom;
use rand::SeedableRng;
use rusqlite::params;
use serde::Serialize;

use crate::output::Output;
use crate::seed;

#[derive(Args, Clone)]
pub struct BenchArgs {
    #[arg(long, default_value_t = 100_000)]
    pub customers: usize,
    /// Searches timed per query kind.
    #[arg(long, default_value_t = 500)]
    pub queries: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Serialize)]
struct Report {
    customers: usize,
    raw_insert_s: f64,
    store_insert_s: f64,
    store_vs_raw: f64,
    store_rows_per_s: f64,
    search: Vec<SearchFigures>,
    agenda: AgendaFigures,
}

/// `Store::agenda` for 30 days (every source, default settings) from 12 start dates across
/// a year, each run `runs` times.
#[derive(Serialize)]
struct AgendaFigures {
    days: u32,
    runs: usize,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    mean_items: f64,
}

#[derive(Serialize)]
struct SearchFigures {
    kind: &'static str,
    queries: usize,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    mean_hits: f64,
}

pub fn run(args: &BenchArgs, out: &Output) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (orgs, people) = seed::plan(args.customers, args.seed);
    let all: Vec<&CustomerInput> = orgs.iter().chain(people.iter().map(|(p, _)| p)).collect();

    eprintln!("raw SQLite insert of {} customers…", all.len());
    let raw = raw_insert(&dir.path().join("raw.db"), &all)?;

    eprintln!("store insert (validation, clocks, journal, search index)…");
    let mut store = Store::open(&dir.path().join("store.db"), Arc::new(SystemClock))?;
    let t = Instant::now();
    seed::write(&mut store, args.customers, args.seed, true)?;
    let stored = t.elapsed();

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(args.seed);
    let persons: Vec<&CustomerInput> = all.iter().copied().filter(|c| c.kind == CustomerKind::Person).collect();
    let chinese: Vec<&CustomerInput> = persons.iter().copied().filter(|c| !c.name.is_ascii()).collect();
    let sample = |rng: &mut rand_chacha::ChaCha8Rng, from: &[&CustomerInput], f: &dyn Fn(&CustomerInput) -> String| {
        (0..args.queries).map(|_| f(from.choose(rng).expect("non-empty book"))).collect::<Vec<_>>()
    };
    let kinds: Vec<(&'static str, Vec<String>)> = vec![
        ("name (full)", sample(&mut rng, &persons, &|c| c.name.clone())),
        ("pinyin initials", sample(&mut rng, &chinese, &|c| name_keys(&c.name, NameKind::Person).initials[0].clone())),
        ("pinyin full", sample(&mut rng, &chinese, &|c| name_keys(&c.name, NameKind::Person).full[0].clone())),
        ("1 CJK char", sample(&mut rng, &chinese, &|c| c.name.chars().last().expect("name").to_string())),
        ("2 CJK chars", sample(&mut rng, &chinese, &|c| c.name.chars().take(2).collect())),
        ("phone suffix (4)", sample(&mut rng, &persons, &|c| last_digits(&c.phones[0].value, 4))),
        ("phone middle (6)", sample(&mut rng, &persons, &|c| mid_digits(&c.phones[0].value))),
    ];
    let mut search = Vec::new();
    for (kind, queries) in kinds {
        let mut times = Vec::with_capacity(queries.len());
        let mut hits = 0usize;
        for q in &queries {
            let t = Instant::now();
            hits += store.search(q, 20)?.len();
            times.push(t.elapsed());
        }
        times.sort();
        search.push(SearchFigures {
            kind,
            queries: queries.len(),
            p50_ms: ms(times[times.len() / 2]),
            p99_ms: ms(times[(times.len() * 99 / 100).min(times.len() - 1)]),
            max_ms: ms(*times.last().expect("queries")),
            mean_hits: hits as f64 / queries.len() as f64,
        });
    }
    let agenda = agenda_figures(&store, args.queries.max(12))?;
    let report = Report {
        customers: all.len(),
        raw_insert_s: raw.as_secs_f64(),
        store_insert_s: stored.as_secs_f64(),
        store_vs_raw: stored.as_secs_f64() / raw.as_secs_f64(),
        store_rows_per_s: all.len() as f64 / stored.as_secs_f64(),
        search,
        agenda,
    };
    out.emit(&report, || text(&report));
    Ok(())
}

fn agenda_figures(store: &Store, runs: usize) -> anyhow::Result<AgendaFigures> {
    let today = chrono::Local::now().date_naive();
    let starts: Vec<chrono::NaiveDate> = (0..12).map(|m| today + chrono::Duration::days(m * 30)).collect();
    store.agenda(today, 30)?; // warm the lunar table and statement cache
    let mut times = Vec::with_capacity(runs);
    let mut items = 0usize;
    for i in 0..runs {
        let t = Instant::now();
        items += store.agenda(starts[i % starts.len()], 30)?.len();
        times.push(t.elapsed());
    }
    times.sort();
    Ok(AgendaFigures {
        days: 30,
        runs,
        p50_ms: ms(times[times.len() / 2]),
        p99_ms: ms(times[(times.len() * 99 / 100).min(times.len() - 1)]),
        max_ms: ms(*times.last().expect("runs")),
        mean_items: items as f64 / runs as f64,
    })
}

/// The same customers and contact points with plain prepared INSERTs in one transaction,
/// into the same schema: the floor any write path is measured against.
fn raw_insert(path: &Path, all: &[&CustomerInput]) -> anyhow::Result<Duration> {
    drop(Store::open(path, Arc::new(SystemClock))?); // same schema, migrated
    let mut conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let t = Instant::now();
    let tx = conn.transaction()?;
    {
        let mut c = tx.prepare(
            "INSERT INTO customers (id, kind, name, gender, title, source, owner, tier, customer_type, region, tags, birthday, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        )?;
        let mut p = tx.prepare(
            "INSERT INTO contact_points (id, customer_id, kind, label, value, position, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        )?;
        let now = fieldbook_core::clock::timestamp(chrono::Utc::now());
        for input in all {
            let id = fieldbook_core::new_id();
            c.execute(params![
                id,
                enum_text(&input.kind),
                input.name,
                input.gender.as_ref().map(enum_text),
                input.title,
                input.source,
                input.owner,
                input.tier.as_ref().map(enum_text),
                input.customer_type.as_ref().map(enum_text),
                input.region,
                serde_json::to_string(&input.tags)?,
                input.birthday.as_ref().map(serde_json::to_string).transpose()?,
                now
            ])?;
            for (kind, points) in [("phone", &input.phones), ("email", &input.emails)] {
                for (i, pt) in points.iter().enumerate() {
                    p.execute(params![fieldbook_core::new_id(), id, kind, pt.label, pt.value, i as i64, now])?;
                }
            }
        }
    }
    tx.commit()?;
    Ok(t.elapsed())
}

/// An enum value as the store keeps it (its serde name).
fn enum_text<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn last_digits(phone: &str, n: usize) -> String {
    let d: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    d[d.len().saturating_sub(n)..].iter().collect()
}

fn mid_digits(phone: &str) -> String {
    let d: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    d[2.min(d.len())..8.min(d.len())].iter().collect()
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0
}

fn text(r: &Report) -> String {
    let mut s = format!(
        "customers: {}\nraw SQLite insert: {:.2} s\nstore insert:      {:.2} s ({:.0} customers/s, {:.2}x raw)\n\nsearch (limit 20)       p50 ms   p99 ms   max ms   hits\n",
        r.customers, r.raw_insert_s, r.store_insert_s, r.store_rows_per_s, r.store_vs_raw
    );
    for f in &r.search {
        s.push_str(&format!(
            "{:<22} {:>7.3} {:>8.3} {:>8.3} {:>6.1}\n",
            f.kind, f.p50_ms, f.p99_ms, f.max_ms, f.mean_hits
        ));
    }
    let a = &r.agenda;
    s.push_str(&format!(
        "\nagenda ({} days, {} runs)  p50 {:.3} ms  p99 {:.3} ms  max {:.3} ms  {:.0} items\n",
        a.days, a.runs, a.p50_ms, a.p99_ms, a.max_ms, a.mean_items
    ));
    s
}

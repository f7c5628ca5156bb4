//! `fieldbook bench`: the figures in BENCHMARKS.md. Seeds a fresh book in a temporary folder
//! through the real write path (validation, field clocks, journal, search index), inserts
//! the same rows with plain SQL in the same run for comparison, then times searches.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Args;
use fieldbook_core::clock::SystemClock;
use fieldbook_core::customers::{CustomerInput, CustomerKind, ListScope, ListSort, SortColumn};
use fieldbook_core::reminders::RevisitListing;
use fieldbook_core::search::keys::{name_keys, NameKind};
use fieldbook_core::store::Passphrase;
use fieldbook_core::Store;
use rand::seq::IndexedRandom;
use rand::SeedableRng;
use rusqlite::params;
use serde::Serialize;

use crate::output::Output;
use crate::{bench_pages, seed};

#[derive(Args, Clone)]
pub struct BenchArgs {
    #[arg(long, default_value_t = 100_000)]
    pub customers: usize,
    /// Searches timed per query kind.
    #[arg(long, default_value_t = 500)]
    pub queries: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// After the search figures, log this many interactions (and a quarter as many orders)
    /// through the store, then time customer pages and the reports dashboard.
    #[arg(long, default_value_t = 0)]
    pub interactions: usize,
    /// Busy customers whose page is timed (with --interactions or --book).
    #[arg(long, default_value_t = 200)]
    pub pages: usize,
    /// Time only customer pages and the dashboard, on this existing book (e.g. one made with
    /// `fieldbook seed --customers 100000 --interactions 1000000`), instead of seeding one.
    #[arg(long, value_name = "PATH")]
    pub book: Option<std::path::PathBuf>,
    /// Encrypt every book of the run, baselines included (SQLCipher), with
    /// $FIELDBOOK_PASSPHRASE or a fixed bench passphrase: the cost of encryption at rest.
    #[arg(long)]
    pub encrypted: bool,
}

/// The key for `--encrypted` runs (and for `--book`, the environment's, if any).
pub(crate) fn bench_key(encrypted: bool) -> anyhow::Result<Option<Passphrase>> {
    let env = std::env::var(crate::book::PASSPHRASE_ENV).ok().filter(|v| !v.is_empty());
    Ok(match (encrypted, env) {
        (_, Some(v)) => Some(Passphrase::new(v)?),
        (true, None) => Some(Passphrase::new("fieldbook bench passphrase")?),
        (false, None) => None,
    })
}

#[derive(Serialize)]
struct Report {
    customers: usize,
    /// Plain INSERTs of the customer and contact-point rows only.
    raw_data_rows_s: f64,
    /// Plain INSERTs of every row the store ends up holding (customers, contact points,
    /// field clocks, journal, search keys/grams/trigram text): the same rows, no logic.
    raw_same_rows_s: f64,
    rows_written: usize,
    store_insert_s: f64,
    store_vs_raw_same_rows: f64,
    store_vs_raw_data_rows: f64,
    store_customers_per_s: f64,
    /// Encrypted with SQLCipher (`--encrypted`)?
    encrypted: bool,
    /// Opening the seeded book again (key derivation with a passphrase, migrations check,
    /// device id, newest clock) plus one reader connection: what every app or CLI start pays.
    open_p50_ms: f64,
    search: Vec<SearchFigures>,
    /// One page (100 rows) of the customer list at a given offset, as the UI scrolls.
    list_pages: Vec<ListFigures>,
    /// The app's agenda: a day with more than 30 revisits is one line with their count.
    agenda: AgendaFigures,
    /// Every occurrence one by one, as the CLI's `agenda --json` lists them.
    agenda_every_item: AgendaFigures,
    /// The same windows with no revisit cadence: dates only (birthdays on both calendars,
    /// anniversaries, festivals, holidays) — the scenario, without revisit spikes.
    agenda_dates_only: AgendaFigures,
    /// The overdue-revisit radar: how many are overdue and the 200 most overdue.
    radar: bench_pages::RadarFigures,
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<bench_pages::HistoryFigures>,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_page: Option<bench_pages::PageFigures>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dashboard: Option<bench_pages::DashboardFigures>,
}

/// `Store::agenda` for 30 days (every source, default settings) from 12 start dates across
/// a year, each run `runs` times.
#[derive(Serialize)]
pub(crate) struct AgendaFigures {
    pub days: u32,
    pub runs: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub mean_items: f64,
    /// The window with the slowest median: its items and median time.
    pub slowest_window_items: usize,
    pub slowest_window_p50_ms: f64,
}

#[derive(Serialize)]
struct ListFigures {
    /// The list's order: `name`, `last_contact desc` (the app's default for that column) or
    /// `next_follow_up` (soonest first: whom to call).
    order: &'static str,
    offset: u64,
    p50_ms: f64,
    max_ms: f64,
}

/// One page (100 rows) of the live list in each order the app offers, at the start, the
/// middle and the end: 21 runs each.
fn list_page_figures(store: &Store, n: u64) -> Result<Vec<ListFigures>, fieldbook_core::CoreError> {
    let orders = [
        ("name", ListSort::default()),
        ("last_contact desc", ListSort { column: SortColumn::LastContact, descending: true }),
        ("next_follow_up", ListSort { column: SortColumn::NextFollowUp, descending: false }),
    ];
    let mut figures = Vec::new();
    for (order, sort) in orders {
        for offset in [0, n / 2, n.saturating_sub(100)] {
            let mut times: Vec<Duration> = (0..21)
                .map(|_| {
                    let t = Instant::now();
                    store.list_customers_sorted(ListScope::Live, sort, offset, 100).map(|_| t.elapsed())
                })
                .collect::<Result<_, _>>()?;
            times.sort();
            figures.push(ListFigures { order, offset, p50_ms: ms(times[10]), max_ms: ms(times[20]) });
        }
    }
    Ok(figures)
}

/// The store's own connection settings, so the baselines run under the same conditions.
const STORE_PRAGMAS: [(&str, &str); 3] = [("journal_mode", "WAL"), ("synchronous", "NORMAL"), ("cache_size", "-32768")];

/// The tables a seeded book writes, copied row by row for the same-rows baseline.
const TABLES: &[&str] = &[
    "customers",
    "contact_points",
    "anniversaries",
    "field_clocks",
    "change_journal",
    "search_docs",
    "search_keys",
    "search_grams",
];

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
    if let Some(book) = &args.book {
        return bench_pages::on_book(book, bench_key(false)?.as_ref(), args.pages, out);
    }
    let key = bench_key(args.encrypted)?;
    let key = key.as_ref();
    let dir = tempfile::tempdir()?;
    let (orgs, people) = seed::plan(args.customers, args.seed);
    let all: Vec<&CustomerInput> = orgs.iter().chain(people.iter().map(|(p, _)| p)).collect();

    eprintln!("raw SQLite insert of {} customers…", all.len());
    let raw = raw_insert(&dir.path().join("raw.db"), key, &all)?;

    eprintln!("store insert (validation, clocks, journal, search index)…");
    let mut store = Store::open_with(&dir.path().join("store.db"), key, Arc::new(SystemClock))?;
    let t = Instant::now();
    let ids = seed::write(&mut store, args.customers, args.seed, true)?;
    let stored = t.elapsed();

    eprintln!("raw SQLite insert of the same rows the store wrote…");
    let (same_rows, rows_written) = raw_same_rows(&store, key, &dir.path().join("same.db"))?;

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
            p50_ms: ms(percentile(&times, 50)),
            p99_ms: ms(percentile(&times, 99)),
            max_ms: ms(*times.last().expect("queries")),
            mean_hits: hits as f64 / queries.len() as f64,
        });
    }
    let open_p50_ms = {
        let path = dir.path().join("store.db");
        let mut times: Vec<Duration> = (0..5)
            .map(|_| {
                let t = Instant::now();
                let s = Store::open_with(&path, key, Arc::new(SystemClock))?;
                s.reader()?;
                Ok::<_, fieldbook_core::CoreError>(t.elapsed())
            })
            .collect::<Result<_, _>>()?;
        times.sort();
        ms(percentile(&times, 50))
    };
    let (mut history, mut customer_page, mut dashboard) = (None, None, None);
    if args.interactions > 0 {
        eprintln!("store insert of {} interactions and {} orders…", args.interactions, args.interactions / 4);
        history = Some(bench_pages::history(&mut store, &ids, args.interactions, args.seed)?);
        eprintln!("customer pages and the reports dashboard…");
        customer_page = Some(bench_pages::customer_page(&store, &ids, args.pages)?);
        dashboard = Some(bench_pages::dashboard(&store, 5)?);
    }
    // After the history, so the last-contact and follow-up orders have values to sort (with
    // no history every customer is in their "no value, by name" tail).
    let list_pages = list_page_figures(&store, all.len() as u64)?;
    // After the history, so revisits count from the last contacts it logged.
    let settings = store.reminder_settings()?;
    let agenda = agenda_figures(&store, &settings, APP_AGENDA, args.queries.max(12))?;
    let agenda_every_item = agenda_figures(&store, &settings, RevisitListing::Every, args.queries.max(12))?;
    let no_revisits = fieldbook_core::reminders::RevisitIntervals { vip: None, a: None, b: None, c: None };
    let dates_only = fieldbook_core::reminders::ReminderSettings { revisit: no_revisits, ..settings };
    let agenda_dates_only = agenda_figures(&store, &dates_only, APP_AGENDA, args.queries.max(12))?;
    let radar = bench_pages::radar(&store, 21)?;
    let report = Report {
        customers: all.len(),
        raw_data_rows_s: raw.as_secs_f64(),
        raw_same_rows_s: same_rows.as_secs_f64(),
        rows_written,
        store_insert_s: stored.as_secs_f64(),
        store_vs_raw_same_rows: stored.as_secs_f64() / same_rows.as_secs_f64(),
        store_vs_raw_data_rows: stored.as_secs_f64() / raw.as_secs_f64(),
        store_customers_per_s: all.len() as f64 / stored.as_secs_f64(),
        encrypted: key.is_some(),
        open_p50_ms,
        search,
        list_pages,
        agenda,
        agenda_every_item,
        agenda_dates_only,
        radar,
        history,
        customer_page,
        dashboard,
    };
    out.emit(&report, || text(&report));
    Ok(())
}

/// A fresh database with the store's schema, opened as a plain connection with the store's
/// settings: where the raw baselines insert.
fn baseline_db(path: &Path, key: Option<&Passphrase>) -> anyhow::Result<rusqlite::Connection> {
    let store = Store::open_with(path, key, Arc::new(SystemClock))?; // creates and migrates the schema
    drop(store);
    let conn = rusqlite::Connection::open(path)?;
    if let Some(key) = key {
        key.apply_to(&conn)?;
    }
    for (k, v) in STORE_PRAGMAS {
        conn.pragma_update(None, k, v)?;
    }
    Ok(conn)
}

/// The agenda as the app asks for it (`Store::agenda`).
pub(crate) const APP_AGENDA: RevisitListing =
    RevisitListing::GroupOver(fieldbook_core::reminders::AGENDA_REVISITS_PER_DAY);

/// Agenda timings (the occurrences of 30 days, with their state) over a year of start dates.
pub(crate) fn agenda_figures(
    store: &Store,
    settings: &fieldbook_core::reminders::ReminderSettings,
    listing: RevisitListing,
    runs: usize,
) -> anyhow::Result<AgendaFigures> {
    let today = chrono::Local::now().date_naive();
    let starts: Vec<chrono::NaiveDate> = (0..12).map(|m| today + chrono::Duration::days(m * 30)).collect();
    store.occurrences_listed(today, 30, settings, listing)?; // warm the lunar table and statement cache
    let mut times = Vec::with_capacity(runs);
    let mut items = 0usize;
    let mut per_window: Vec<(Vec<Duration>, usize)> = vec![(Vec::new(), 0); starts.len()];
    for i in 0..runs {
        let t = Instant::now();
        let n = store.occurrences_listed(starts[i % starts.len()], 30, settings, listing)?.len();
        let took = t.elapsed();
        items += n;
        times.push(took);
        per_window[i % starts.len()].0.push(took);
        per_window[i % starts.len()].1 = n;
    }
    times.sort();
    let (slowest_p50, slowest_items) = per_window
        .into_iter()
        .filter(|(t, _)| !t.is_empty())
        .map(|(mut t, n)| {
            t.sort();
            (percentile(&t, 50), n)
        })
        .max()
        .unwrap_or_default();
    Ok(AgendaFigures {
        days: 30,
        runs,
        p50_ms: ms(percentile(&times, 50)),
        p99_ms: ms(percentile(&times, 99)),
        max_ms: ms(*times.last().expect("runs")),
        mean_items: items as f64 / runs as f64,
        slowest_window_items: slowest_items,
        slowest_window_p50_ms: ms(slowest_p50),
    })
}

/// The same customers and contact points with plain prepared INSERTs in one transaction,
/// into the same schema: the floor any write path is measured against.
pub(crate) fn raw_insert(path: &Path, key: Option<&Passphrase>, all: &[&CustomerInput]) -> anyhow::Result<Duration> {
    let mut conn = baseline_db(path, key)?;
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

/// Read every row the store wrote (untimed), then time inserting exactly those rows with
/// plain prepared statements in one transaction into a fresh copy of the schema — customer
/// by customer, in creation order, as any writer of this book must (copying table by table
/// in key order would append to sorted indexes, which no real write can do).
pub(crate) fn raw_same_rows(store: &Store, key: Option<&Passphrase>, path: &Path) -> anyhow::Result<(Duration, usize)> {
    let rows = RowsByCustomer::read(store.conn())?;
    let mut conn = baseline_db(path, key)?;
    let t = Instant::now();
    let tx = conn.transaction()?;
    {
        let mut stmts = Vec::new();
        for (table, cols) in &rows.columns {
            let sql = format!(
                "INSERT INTO {table} ({}) VALUES ({})",
                cols.join(", "),
                (1..=cols.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
            );
            stmts.push(tx.prepare(&sql)?);
        }
        let mut fts = tx.prepare("INSERT INTO search_fts (rowid, body) VALUES (?1, ?2)")?;
        let mut fts_text = tx.prepare("INSERT INTO search_text_fts (rowid, body) VALUES (?1, ?2)")?;
        for group in &rows.groups {
            for (table, row) in group {
                stmts[*table].execute(rusqlite::params_from_iter(row))?;
            }
        }
        for (doc_id, body, text) in &rows.bodies {
            fts.execute(params![doc_id, body])?;
            fts_text.execute(params![doc_id, text])?;
        }
    }
    tx.commit()?;
    Ok((t.elapsed(), rows.count))
}

/// Every stored row, grouped by the customer it belongs to, in creation order.
struct RowsByCustomer {
    /// Table name and column names, indexed by position in `TABLES`.
    columns: Vec<(&'static str, Vec<String>)>,
    /// Per customer: (table index, row values) in the order the store wrote them.
    groups: Vec<Vec<(usize, Vec<rusqlite::types::Value>)>>,
    /// Per search document: its id, name text and free text (the two trigram tables).
    bodies: Vec<(i64, String, String)>,
    count: usize,
}

impl RowsByCustomer {
    fn read(src: &rusqlite::Connection) -> anyhow::Result<Self> {
        use rusqlite::types::Value;
        use std::collections::HashMap;
        // The column holding the owning customer, or a row id leading to it.
        let owner_col = |table: &str| match table {
            "customers" => "id",
            "contact_points" | "anniversaries" | "search_docs" => "customer_id",
            "field_clocks" | "change_journal" => "row_id",
            _ => "doc_id",
        };
        let customer_ids: Vec<String> = src
            .prepare("SELECT id FROM customers ORDER BY rowid")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let position: HashMap<String, usize> = customer_ids.iter().enumerate().map(|(i, id)| (id.clone(), i)).collect();
        // Child rows and search docs lead to their customer.
        let mut owner: HashMap<String, usize> = position.clone();
        for sql in [
            "SELECT id, customer_id FROM contact_points",
            "SELECT id, customer_id FROM anniversaries",
            "SELECT CAST(doc_id AS TEXT), customer_id FROM search_docs",
        ] {
            let mut stmt = src.prepare(sql)?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
                let (id, customer) = row?;
                if let Some(&p) = position.get(&customer) {
                    owner.insert(id, p);
                }
            }
        }
        let mut groups: Vec<Vec<(usize, Vec<Value>)>> = vec![Vec::new(); customer_ids.len()];
        let mut columns = Vec::new();
        let mut count = 0;
        for (t, table) in TABLES.iter().enumerate() {
            let order = if *table == "change_journal" { " ORDER BY seq" } else { "" };
            // Stored columns only: generated ones (birthday_key, revisit_anchor …) cannot be
            // inserted, SQLite computes them.
            let cols: Vec<String> = src
                .prepare(&format!("SELECT name FROM pragma_table_xinfo('{table}') WHERE hidden = 0 ORDER BY cid"))?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut stmt = src.prepare(&format!("SELECT {} FROM {table}{order}", cols.join(", ")))?;
            let key_at = cols.iter().position(|c| c == owner_col(table)).expect("owner column");
            let n = cols.len();
            for row in
                stmt.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect::<rusqlite::Result<Vec<_>>>())?
            {
                let row = row?;
                let key = match &row[key_at] {
                    Value::Text(s) => s.clone(),
                    Value::Integer(i) => i.to_string(),
                    _ => continue,
                };
                if let Some(&p) = owner.get(&key) {
                    groups[p].push((t, row));
                    count += 1;
                }
            }
            columns.push((*table, cols));
        }
        let mut bodies = Vec::new();
        let mut docs = src.prepare("SELECT doc_id, customer_id FROM search_docs ORDER BY doc_id")?;
        for row in docs.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (doc_id, customer_id) = row?;
            if let Some((body, text)) = fieldbook_core::search::index::document_bodies(src, &customer_id)? {
                bodies.push((doc_id, body, text));
            }
        }
        count += 2 * bodies.len();
        Ok(RowsByCustomer { columns, groups, bodies, count })
    }
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

/// The `q`th percentile (nearest rank, rounding down) of ascending `sorted` times; zero for none.
pub(crate) fn percentile(sorted: &[Duration], q: usize) -> Duration {
    sorted.get((sorted.len() * q / 100).min(sorted.len().saturating_sub(1))).copied().unwrap_or_default()
}

fn text(r: &Report) -> String {
    let mut s = format!(
        "customers: {}\n\
         raw insert, data rows only:           {:.2} s\n\
         raw insert, the same {} rows:    {:.2} s\n\
         store insert (validation, HLC, index): {:.2} s  ({:.0} customers/s)\n\
         store vs raw same rows: {:.2}x   (vs data rows only: {:.2}x)\n\
         encrypted: {}   open book + reader: {:.1} ms (p50 of 5)\n\n\
         search (limit 20)       p50 ms   p99 ms   max ms   hits\n",
        r.customers,
        r.raw_data_rows_s,
        r.rows_written,
        r.raw_same_rows_s,
        r.store_insert_s,
        r.store_customers_per_s,
        r.store_vs_raw_same_rows,
        r.store_vs_raw_data_rows,
        r.encrypted,
        r.open_p50_ms
    );
    for f in &r.search {
        s.push_str(&format!(
            "{:<22} {:>7.3} {:>8.3} {:>8.3} {:>6.1}\n",
            f.kind, f.p50_ms, f.p99_ms, f.max_ms, f.mean_hits
        ));
    }
    s.push_str("\nlist page (100 rows), order     p50 ms   max ms\n");
    for l in &r.list_pages {
        s.push_str(&format!("{:<18} offset {:<6} {:>7.3} {:>8.3}\n", l.order, l.offset, l.p50_ms, l.max_ms));
    }
    for (label, a) in [
        ("agenda", &r.agenda),
        ("agenda, every item", &r.agenda_every_item),
        ("agenda, dates only", &r.agenda_dates_only),
    ] {
        s.push_str(&format!(
            "\n{label} ({} days, {} runs)  p50 {:.3} ms  p99 {:.3} ms  max {:.3} ms  {:.0} items; slowest window {} items, p50 {:.3} ms",
            a.days, a.runs, a.p50_ms, a.p99_ms, a.max_ms, a.mean_items, a.slowest_window_items, a.slowest_window_p50_ms
        ));
    }
    s.push('\n');
    s.push_str(&bench_pages::radar_text(&r.radar));
    if let Some(h) = &r.history {
        s.push_str(&format!(
            "
history: {} interactions + {} orders in {:.1} s ({:.0} records/s), journal {} rows\n",
            h.interactions, h.orders, h.seconds, h.records_per_s, h.journal_rows
        ));
    }
    if let Some(p) = &r.customer_page {
        s.push_str(&format!(
            "customer page ({} busy customers, mean {:.0} / max {} interactions): p50 {:.3} ms  p99 {:.3} ms  max {:.3} ms\n\
             classification card: first after a change {:.1} ms, then p50 {:.1} ms  max {:.1} ms\n",
            p.customers_sampled,
            p.mean_interactions,
            p.max_interactions,
            p.p50_ms,
            p.p99_ms,
            p.max_ms,
            p.classification_cold_ms,
            p.classification_p50_ms,
            p.classification_max_ms
        ));
    }
    if let Some(d) = &r.dashboard {
        s.push_str(&format!("reports dashboard ({} runs): p50 {:.1} ms  max {:.1} ms\n", d.runs, d.p50_ms, d.max_ms));
    }
    s
}

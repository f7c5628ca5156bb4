//! `fieldbook bench --interactions N`: a history of N interactions (and N/4 orders) seeded
//! through the real write path, then what a user waits for on top of it: opening a busy
//! customer's page, and the reports dashboard. Also the overdue-revisit radar, and with
//! `--book` the agenda, on an existing book.

use std::time::{Duration, Instant};

use fieldbook_core::records::RecordScope;
use fieldbook_core::Store;
use serde::Serialize;

use crate::bench::percentile;

/// Seeding the history through the store (validation, clocks, journal, last-contact refresh).
#[derive(Serialize)]
pub struct HistoryFigures {
    pub interactions: usize,
    pub orders: usize,
    pub seconds: f64,
    pub records_per_s: f64,
    pub journal_rows: i64,
}

/// Opening a customer's page as the UI does, for customers among the busiest 1% (the seeded
/// history favours the front of the book): the customer, the first timeline page (50), the
/// first page of interactions (50) and orders (50), and the complaints. The classification
/// card (`classify_customer`, which ranks the customer among the whole book) is timed apart.
#[derive(Serialize)]
pub struct PageFigures {
    pub customers_sampled: usize,
    pub mean_interactions: f64,
    pub max_interactions: i64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// The first card after the book changed: facts and RFM/ABC ranking of the whole book.
    pub classification_cold_ms: f64,
    /// Further cards until the next write: this customer's own queries.
    pub classification_p50_ms: f64,
    pub classification_max_ms: f64,
}

/// `Store::report` for today, every figure of the dashboard.
#[derive(Serialize)]
pub struct DashboardFigures {
    pub runs: usize,
    pub p50_ms: f64,
    pub max_ms: f64,
}

pub fn history(store: &mut Store, ids: &[String], interactions: usize, seed: u64) -> anyhow::Result<HistoryFigures> {
    let today = chrono::Local::now().date_naive();
    let t = Instant::now();
    let (interactions, orders) = crate::seed::write_history(store, ids, interactions, seed, today, true)?;
    let seconds = t.elapsed().as_secs_f64();
    let journal_rows = store.journal_head()?;
    Ok(HistoryFigures {
        interactions,
        orders,
        seconds,
        records_per_s: (interactions + orders) as f64 / seconds,
        journal_rows,
    })
}

pub fn customer_page(store: &Store, ids: &[String], samples: usize) -> anyhow::Result<PageFigures> {
    let busiest = &ids[..(ids.len() / 100).max(1)];
    let step = (busiest.len() / samples.max(1)).max(1);
    let sample: Vec<&String> = busiest.iter().step_by(step).take(samples.max(1)).collect();
    let open = |id: &str| -> anyhow::Result<(Duration, u64)> {
        let t = Instant::now();
        store.customer(id)?;
        store.timeline(id, 50, None)?;
        let interactions = store.list_interactions(id, RecordScope::Live, 0, 50)?.total;
        store.list_orders(id, RecordScope::Live, 0, 50)?;
        store.list_complaints(id, RecordScope::Live)?;
        Ok((t.elapsed(), interactions))
    };
    open(sample[0])?; // warm the statement cache
    let mut times = Vec::with_capacity(sample.len());
    let mut counts = Vec::with_capacity(sample.len());
    for id in &sample {
        let (t, n) = open(id)?;
        times.push(t);
        counts.push(n as i64);
    }
    times.sort();
    let today = chrono::Local::now().date_naive();
    let mut classify: Vec<Duration> = sample
        .iter()
        .take(21)
        .map(|id| {
            let t = Instant::now();
            store.classify_customer(id, today).map(|_| t.elapsed())
        })
        .collect::<Result<_, _>>()?;
    // The first computes the book's ranking (no write since would reuse it); the rest reuse it.
    let cold = classify.remove(0);
    classify.sort();
    Ok(PageFigures {
        customers_sampled: sample.len(),
        mean_interactions: counts.iter().sum::<i64>() as f64 / counts.len() as f64,
        max_interactions: counts.iter().copied().max().unwrap_or(0),
        p50_ms: ms(percentile(&times, 50)),
        p99_ms: ms(percentile(&times, 99)),
        max_ms: ms(*times.last().expect("samples")),
        classification_cold_ms: ms(cold),
        classification_p50_ms: ms(percentile(&classify, 50)),
        classification_max_ms: ms(*classify.last().expect("samples")),
    })
}

/// The agenda's overdue-revisit radar as the app loads it (`overdue_revisits`, 200 rows) and
/// the count beside it, for today.
#[derive(Serialize)]
pub struct RadarFigures {
    pub runs: usize,
    pub overdue: u64,
    pub p50_ms: f64,
    pub max_ms: f64,
}

pub fn radar(store: &Store, runs: usize) -> anyhow::Result<RadarFigures> {
    let today = chrono::Local::now().date_naive();
    let now = chrono::Utc::now();
    let mut overdue = 0;
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            let (count, _) = store.overdue_revisit_summary(today, 200, now)?;
            overdue = count;
            anyhow::Ok(t.elapsed())
        })
        .collect::<Result<_, _>>()?;
    times.sort();
    Ok(RadarFigures {
        runs: times.len(),
        overdue,
        p50_ms: ms(percentile(&times, 50)),
        max_ms: ms(*times.last().expect("runs")),
    })
}

pub fn radar_text(r: &RadarFigures) -> String {
    format!(
        "overdue radar (200 of {} overdue, {} runs): p50 {:.3} ms  max {:.3} ms\n",
        r.overdue, r.runs, r.p50_ms, r.max_ms
    )
}

pub fn dashboard(store: &Store, runs: usize) -> anyhow::Result<DashboardFigures> {
    let today = chrono::Local::now().date_naive();
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            store.report(today).map(|_| t.elapsed())
        })
        .collect::<Result<_, _>>()?;
    times.sort();
    Ok(DashboardFigures {
        runs: times.len(),
        p50_ms: ms(percentile(&times, 50)),
        max_ms: ms(*times.last().expect("runs")),
    })
}

/// `fieldbook bench --book PATH`: customer pages and the dashboard on an existing book, busiest
/// customers first in creation order (as the seeded history favours them).
pub fn on_book(
    path: &std::path::Path,
    key: Option<&fieldbook_core::store::Passphrase>,
    pages: usize,
    out: &crate::output::Output,
) -> anyhow::Result<()> {
    let store = Store::open_with(path, key, std::sync::Arc::new(fieldbook_core::clock::SystemClock))?;
    let ids: Vec<String> = store
        .conn()
        .prepare("SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    anyhow::ensure!(!ids.is_empty(), "the book has no customers");
    let page = customer_page(&store, &ids, pages)?;
    let dashboard = dashboard(&store, 5)?;
    let settings = store.reminder_settings()?;
    let agenda = crate::bench::agenda_figures(&store, &settings, crate::bench::APP_AGENDA, pages.max(12))?;
    let radar = radar(&store, 21)?;
    let report = serde_json::json!({
        "customers": ids.len(), "customer_page": page, "dashboard": dashboard, "agenda": agenda, "radar": radar
    });
    out.emit(&report, || {
        let agenda = format!(
            "\nagenda ({} days, {} runs)  p50 {:.3} ms  p99 {:.3} ms  max {:.3} ms  {:.0} items; slowest window {} items, p50 {:.3} ms\n{}",
            agenda.days,
            agenda.runs,
            agenda.p50_ms,
            agenda.p99_ms,
            agenda.max_ms,
            agenda.mean_items,
            agenda.slowest_window_items,
            agenda.slowest_window_p50_ms,
            radar_text(&radar)
        );
        format!(
            "customer page ({} busy customers, mean {:.0} / max {} interactions): p50 {:.3} ms  p99 {:.3} ms  max {:.3} ms\n\
             classification card: first after a change {:.1} ms, then p50 {:.1} ms  max {:.1} ms\n\
             reports dashboard ({} runs): p50 {:.1} ms  max {:.1} ms",
            page.customers_sampled,
            page.mean_interactions,
            page.max_interactions,
            page.p50_ms,
            page.p99_ms,
            page.max_ms,
            page.classification_cold_ms,
            page.classification_p50_ms,
            page.classification_max_ms,
            dashboard.runs,
            dashboard.p50_ms,
            dashboard.max_ms
        ) + &agenda
    });
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

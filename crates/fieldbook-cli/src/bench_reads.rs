//! Reads while a long import writes: what the desktop app does with one writer connection and
//! a pool of readers. A second N-row import runs on the writer while a reader connection to
//! the same file searches (name, pinyin initials, phone suffix), lists a page of customers and
//! computes a 30-day agenda in a loop; the latencies show whether reads wait for the write.
//! With one shared connection (the app before readers), every read waited for the import.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fieldbook_core::clock::SystemClock;
use fieldbook_core::customers::ListScope;
use fieldbook_core::transfer::import::{self, DuplicatePolicy, ReadOptions};
use fieldbook_core::Store;
use serde::Serialize;

use crate::bench::percentile;

#[derive(Serialize)]
pub struct ReadFigure {
    pub kind: &'static str,
    pub runs: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

#[derive(Serialize)]
pub struct ReadsDuringImport {
    /// How long the concurrent import took (its one transaction included).
    pub import_s: f64,
    pub figures: Vec<ReadFigure>,
}

/// Import `csv` into the book at `db` while a reader of the same file keeps reading.
pub fn measure(
    db: &std::path::Path,
    key: Option<&fieldbook_core::store::Passphrase>,
    csv: &std::path::Path,
) -> anyhow::Result<ReadsDuringImport> {
    let mut writer = Store::open_with(db, key, Arc::new(SystemClock))?;
    let reader = writer.reader()?;
    let today = chrono::Local::now().date_naive();
    let done = Arc::new(AtomicBool::new(false));
    let import_done = done.clone();
    let csv = csv.to_path_buf();
    let import = std::thread::spawn(move || -> anyhow::Result<Duration> {
        let t = Instant::now();
        let decoded = import::read_path(&csv, &ReadOptions::default())?;
        let prepared = import::prepare(&writer, decoded, None, DuplicatePolicy::Create)?;
        let result = prepared.run(&mut writer, false, &mut |_| {}, &AtomicBool::new(false));
        import_done.store(true, Ordering::Relaxed);
        result?;
        Ok(t.elapsed())
    });
    let queries = ["王", "zw", "zhangwei", "8000", "li", "华信"];
    let mut search = Vec::new();
    let mut list = Vec::new();
    let mut agenda = Vec::new();
    let mut i = 0;
    while !done.load(Ordering::Relaxed) {
        let t = Instant::now();
        reader.search(queries[i % queries.len()], 20)?;
        search.push(t.elapsed());
        let t = Instant::now();
        reader.list_customers(ListScope::Live, (i as u64 * 50) % 5_000, 50)?;
        list.push(t.elapsed());
        if i % 10 == 0 {
            let t = Instant::now();
            reader.agenda(today, 30)?;
            agenda.push(t.elapsed());
        }
        i += 1;
    }
    let import_time = import.join().map_err(|_| anyhow::anyhow!("the import thread panicked"))??;
    Ok(ReadsDuringImport {
        import_s: import_time.as_secs_f64(),
        figures: vec![
            figure("search (limit 20)", search),
            figure("list page (50)", list),
            figure("agenda 30 days", agenda),
        ],
    })
}

fn figure(kind: &'static str, mut times: Vec<Duration>) -> ReadFigure {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    ReadFigure {
        kind,
        runs: times.len(),
        p50_ms: ms(percentile(&times, 50)),
        p99_ms: ms(percentile(&times, 99)),
        max_ms: ms(times.last().copied().unwrap_or_default()),
    }
}

pub fn text(r: &ReadsDuringImport) -> String {
    let mut s = format!("reads on a reader connection during a second import ({:.2} s):\n", r.import_s);
    for f in &r.figures {
        s.push_str(&format!(
            "  {:<20} {:>6} runs  p50 {:>8.3} ms  p99 {:>8.3} ms  max {:>8.3} ms\n",
            f.kind, f.runs, f.p50_ms, f.p99_ms, f.max_ms
        ));
    }
    s
}

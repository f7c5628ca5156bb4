//! `fieldbook bench-import`: the import figure in BENCHMARKS.md. Writes a seeded N-row CSV
//! (Chinese and English names, phones, emails, companies, Gregorian and lunar birthdays,
//! tiers, tags) to a temporary folder, imports it through `fieldbook import`'s path (read,
//! map, plan duplicates, one transaction), then inserts the same rows with plain SQL in the
//! same run for comparison.

use std::fmt::Write as _;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Instant;

use clap::Args;
use fieldbook_core::clock::SystemClock;
use fieldbook_core::customers::CustomerInput;
use fieldbook_core::dates::DateSpec;
use fieldbook_core::transfer::import::{self, DuplicatePolicy, ReadOptions};
use fieldbook_core::Store;
use serde::Serialize;

use crate::bench::{raw_insert, raw_same_rows};
use crate::bench_reads::{self, ReadsDuringImport};
use crate::output::Output;
use crate::seed;

#[derive(Args, Clone)]
pub struct BenchImportArgs {
    /// Data rows in the generated CSV (organizations come in as the people's companies).
    #[arg(long, default_value_t = 100_000)]
    pub rows: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Encrypt every book of the run (see `fieldbook bench --encrypted`).
    #[arg(long)]
    pub encrypted: bool,
}

#[derive(Serialize)]
struct Report {
    rows: usize,
    csv_bytes: usize,
    created: usize,
    skipped: usize,
    organizations_created: usize,
    /// Decode, map and validate every row, plan duplicates (the dry run).
    read_and_plan_s: f64,
    /// The one write transaction.
    write_s: f64,
    import_s: f64,
    import_rows_per_s: f64,
    /// Plain INSERTs of the customer and contact-point rows of the same people.
    raw_data_rows_s: f64,
    /// Plain INSERTs of every row the import ended up writing (customers, contact points,
    /// clocks, journal, search index).
    raw_same_rows_s: f64,
    rows_written: usize,
    import_vs_raw_same_rows: f64,
    import_vs_raw_data_rows: f64,
    /// A second import of as many new rows, with reads on another connection meanwhile.
    reads_during_import: ReadsDuringImport,
}

pub fn run(args: &BenchImportArgs, out: &Output) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (orgs, people) = seed::plan(args.rows + args.rows.div_ceil(9), args.seed);
    let people: Vec<(CustomerInput, Option<&str>)> =
        people.into_iter().take(args.rows).map(|(p, c)| (p, c.map(|i| orgs[i].name.as_str()))).collect();
    let csv = write_csv(&people);
    let path = dir.path().join("customers.csv");
    std::fs::write(&path, &csv)?;

    eprintln!("import of {} CSV rows (read, map, plan, one transaction)…", people.len());
    let key = crate::bench::bench_key(args.encrypted)?;
    let key = key.as_ref();
    let mut store = Store::open_with(&dir.path().join("store.db"), key, Arc::new(SystemClock))?;
    let t = Instant::now();
    let decoded = import::read_path(&path, &ReadOptions::default())?;
    let prepared = import::prepare(&store, decoded, None, DuplicatePolicy::Skip)?;
    let planned = t.elapsed();
    let report = prepared.run(&mut store, false, &mut |_| {}, &AtomicBool::new(false))?;
    let imported = t.elapsed();

    eprintln!("raw SQLite insert of the same people…");
    let inputs: Vec<&CustomerInput> = people.iter().map(|(p, _)| p).collect();
    let raw_data = raw_insert(&dir.path().join("raw.db"), key, &inputs)?;
    eprintln!("raw SQLite insert of the same rows the import wrote…");
    let (same, rows_written) = raw_same_rows(&store, key, &dir.path().join("same.db"))?;
    drop(store);

    eprintln!("a second import of {} new rows, reading from another connection meanwhile…", people.len());
    let (orgs2, people2) = seed::plan(args.rows + args.rows.div_ceil(9), args.seed + 1);
    let people2: Vec<(CustomerInput, Option<&str>)> =
        people2.into_iter().take(args.rows).map(|(p, c)| (p, c.map(|i| orgs2[i].name.as_str()))).collect();
    let second = dir.path().join("more.csv");
    std::fs::write(&second, write_csv(&people2))?;
    let reads_during_import = bench_reads::measure(&dir.path().join("store.db"), key, &second)?;

    let secs = |d: std::time::Duration| d.as_secs_f64();
    let r = Report {
        rows: people.len(),
        csv_bytes: csv.len(),
        created: report.created,
        skipped: report.skipped,
        organizations_created: report.organizations_created,
        read_and_plan_s: secs(planned),
        write_s: secs(imported - planned),
        import_s: secs(imported),
        import_rows_per_s: people.len() as f64 / secs(imported),
        raw_data_rows_s: secs(raw_data),
        raw_same_rows_s: secs(same),
        rows_written,
        import_vs_raw_same_rows: secs(imported) / secs(same),
        import_vs_raw_data_rows: secs(imported) / secs(raw_data),
        reads_during_import,
    };
    out.emit(&r, || text(&r));
    Ok(())
}

fn write_csv(people: &[(CustomerInput, Option<&str>)]) -> String {
    let mut s = String::from("姓名,手机,邮箱,公司,职位,生日,农历生日,客户等级,标签\n");
    for (p, company) in people {
        let (birthday, lunar) = match p.birthday {
            Some(d @ DateSpec::Gregorian { .. }) => (d.display(), String::new()),
            Some(d @ DateSpec::Lunar { .. }) => (String::new(), d.display().trim_start_matches("lunar ").to_string()),
            None => (String::new(), String::new()),
        };
        let fields = [
            p.name.clone(),
            p.phones.iter().map(|x| x.value.as_str()).collect::<Vec<_>>().join(";"),
            p.emails.iter().map(|x| x.value.as_str()).collect::<Vec<_>>().join(";"),
            company.unwrap_or("").to_string(),
            p.title.clone().unwrap_or_default(),
            birthday,
            lunar,
            p.tier.map(|t| t.as_str().to_string()).unwrap_or_default(),
            p.tags.join("、"),
        ];
        let line: Vec<String> = fields.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect();
        let _ = writeln!(s, "{}", line.join(","));
    }
    s
}

fn text(r: &Report) -> String {
    let reads = bench_reads::text(&r.reads_during_import);
    format!(
        "import of {} CSV rows ({:.1} MB): created {}, skipped {} duplicates, {} organizations\n\
         read + map + plan   {:>8.2} s\n\
         write (1 tx)        {:>8.2} s\n\
         import total        {:>8.2} s  ({:.0} rows/s)\n\
         raw, data rows      {:>8.2} s\n\
         raw, same {} rows {:>8.2} s\n\
         import vs raw same rows {:.2}×, vs raw data rows {:.2}×\n{reads}",
        r.rows,
        r.csv_bytes as f64 / 1e6,
        r.created,
        r.skipped,
        r.organizations_created,
        r.read_and_plan_s,
        r.write_s,
        r.import_s,
        r.import_rows_per_s,
        r.raw_data_rows_s,
        r.rows_written,
        r.raw_same_rows_s,
        r.import_vs_raw_same_rows,
        r.import_vs_raw_data_rows,
    )
}

//! `fieldbook`: the Fieldbook customer book from a terminal — scripting, CI and benchmarks.
//! It opens the same database as the desktop app unless `--db` says otherwise.

mod agenda;
mod backup;
mod bench;
mod bench_import;
mod bench_pages;
mod bench_reads;
mod bench_sync;
mod book;
mod complaints;
mod customers;
mod dedupe;
mod export;
mod import;
mod interactions;
mod orders;
mod output;
mod passphrase;
mod record_list;
mod reminders;
mod report;
mod seed;
mod segments;
mod sync;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use fieldbook_core::paths;

#[derive(Parser)]
#[command(name = "fieldbook", version, about = "Fieldbook (客簿): the offline-first CRM, from the command line")]
#[command(
    after_help = "The database defaults to the app's data folder ($FIELDBOOK_DATA_DIR, else ~/.local/share/fieldbook/fieldbook.db).\n\
An encrypted book's passphrase comes from $FIELDBOOK_PASSPHRASE, else a prompt on a terminal."
)]
struct Cli {
    /// Database file to use instead of the app's.
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Machine-readable JSON on stdout; errors go to stderr as JSON {code, message, field}.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Add, list, show, delete (to the Trash) and restore customers.
    #[command(subcommand)]
    Customers(customers::CustomersCommand),
    /// Log and list a customer's interactions (visits, calls, messages, meetings, gifts).
    #[command(subcommand)]
    Interactions(interactions::InteractionsCommand),
    /// Record and list a customer's orders (line items, totals in exact decimals).
    #[command(subcommand)]
    Orders(orders::OrdersCommand),
    /// Record, list and resolve a customer's complaints (投诉) with the return visit's score.
    #[command(subcommand)]
    Complaints(complaints::ComplaintsCommand),
    /// Type-ahead search: name, pinyin or initials, phone digits, email, company, tags, notes.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Reminders in a range of days: birthdays, anniversaries, festivals, holidays, revisits.
    Agenda(agenda::AgendaArgs),
    /// Reminder settings (notification time, countries), and marking occurrences done.
    #[command(subcommand)]
    Reminders(reminders::RemindersCommand),
    /// Convert between Gregorian and lunar (农历) dates.
    Lunar(agenda::LunarArgs),
    /// Public holidays of a year (CN: statutory days off and 调休 make-up workdays), or import a year.
    Holidays(agenda::HolidaysArgs),
    /// Export birthdays and anniversaries as an iCalendar (.ics) file.
    Ics {
        /// Years of one-per-year events for lunar dates (and Feb 29).
        #[arg(long, default_value_t = 10)]
        years: u32,
        /// Lunar dates as one yearly RSCALE=CHINESE event (RFC 7529; Apple Calendar) instead of one per year.
        #[arg(long)]
        rscale: bool,
        /// Write to this file instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Fill the book with realistic sample customers (reproducible for a given --seed).
    Seed(seed::SeedArgs),
    /// Saved customer filters (客户分群): list, show (filter + matching customers), add, delete.
    #[command(subcommand)]
    Segments(segments::SegmentsCommand),
    /// Hand customers over from one owner to another (客户交接), recorded in their history.
    Handover(segments::HandoverArgs),
    /// Set tier or owner, add or remove tags on many customers at once (all or nothing).
    BulkEdit(segments::BulkEditArgs),
    /// Measure insert rate and search latency on a seeded book (see BENCHMARKS.md).
    Bench(bench::BenchArgs),
    /// Import customers from CSV (UTF-8/GBK), XLSX/XLS, or vCard, with a dry run and a duplicate policy.
    Import(import::ImportArgs),
    /// Time `import` of a seeded N-row CSV against a raw SQLite insert of the same rows.
    BenchImport(bench_import::BenchImportArgs),
    /// The reports dashboard's figures: customers by tier and stage, revenue, top customers,
    /// overdue contacts, complaints, retention.
    Report(report::ReportArgs),
    /// Export customers (CSV, XLSX, vCard), the agenda (ICS) or the whole book (JSON dump).
    Export(export::ExportArgs),
    /// Load a JSON dump (from `export --format json`) into an empty database.
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Find likely duplicate customers; merge them (`dedupe merge`) or undo a merge.
    Dedupe(dedupe::DedupeArgs),
    /// Sync with the team through a shared folder or an S3-compatible bucket: send this
    /// laptop's changes, apply the others'. The team passphrase comes from FIELDBOOK_SYNC_PASSPHRASE (or a prompt).
    Sync(sync::SyncArgs),
    /// Time team sync on a seeded book (see BENCHMARKS.md): first full sync out and in, an
    /// incremental sync of field edits (and the checkpoint it leaves), a snapshot and a
    /// bootstrap from it, next to writing the same bytes to disk; then search on the receiving book.
    BenchSync(bench_sync::BenchSyncArgs),
    /// Values that lost to a concurrent edit on another laptop (`conflicts restore ID`).
    Conflicts(sync::ConflictsArgs),
    /// Encrypt the book with a passphrase, change it, or remove it.
    #[command(subcommand)]
    Passphrase(passphrase::PassphraseCommand),
    /// Encrypted, verified, rotating backups: back up now, list, restore, settings.
    #[command(subcommand)]
    Backup(backup::BackupCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::print_error(&e, json);
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let out = output::Output { json: cli.json };
    match &cli.command {
        Command::Bench(args) => return bench::run(args, &out),
        Command::Lunar(args) => return agenda::lunar(args, &out),
        Command::BenchImport(args) => return bench_import::run(args, &out),
        Command::BenchSync(args) => return bench_sync::run(args, &out),
        _ => {}
    }
    let db = match cli.db.clone() {
        Some(db) => db,
        None => paths::ensure_data_dir()?.join(paths::DB_FILE),
    };
    match cli.command {
        Command::Passphrase(cmd) => return passphrase::run(cmd, &db, &out),
        Command::Backup(cmd) => return backup::run(cmd, &db, &out),
        _ => {}
    }
    let mut store = book::open(&db)?;
    match cli.command {
        Command::Customers(cmd) => customers::run(cmd, &mut store, &out),
        Command::Interactions(cmd) => interactions::run(cmd, &mut store, &out),
        Command::Orders(cmd) => orders::run(cmd, &mut store, &out),
        Command::Complaints(cmd) => complaints::run(cmd, &mut store, &out),
        Command::Search { query, limit } => customers::search(&store, &query, limit, &out),
        Command::Seed(args) => seed::run(&args, &mut store, &out),
        Command::Segments(cmd) => segments::run(cmd, &mut store, &out),
        Command::Handover(args) => segments::handover(args, &mut store, &out),
        Command::BulkEdit(args) => segments::bulk_edit(args, &mut store, &out),
        Command::Agenda(args) => agenda::agenda(&store, &args, &out),
        Command::Reminders(cmd) => reminders::run(cmd, &mut store, &out),
        Command::Holidays(args) => agenda::holidays(&mut store, &args, &out),
        Command::Report(args) => report::run(&store, &args, &out),
        Command::Ics { years, rscale, out: file } => {
            let now = chrono::Utc::now();
            let opts = fieldbook_core::reminders::IcsOptions { years, rscale };
            let ics = store.export_ics_with(chrono::Local::now().date_naive(), opts, now)?;
            match file {
                Some(path) => std::fs::write(path, ics)?,
                None => print!("{ics}"),
            }
            Ok(())
        }
        Command::Import(args) => import::run(&args, &mut store, &out),
        Command::Export(args) => export::export(&store, &args, &out),
        Command::Restore { file } => export::restore(&mut store, &file, &out),
        Command::Dedupe(args) => dedupe::run(args, &mut store, &out),
        Command::Sync(args) => sync::sync(&args, &mut store, &out),
        Command::Conflicts(args) => sync::conflicts(&args, &mut store, &out),
        Command::Bench(_)
        | Command::Lunar(_)
        | Command::BenchImport(_)
        | Command::BenchSync(_)
        | Command::Passphrase(_)
        | Command::Backup(_) => unreachable!("handled above"),
    }
}

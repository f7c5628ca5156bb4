//! `fieldbook export` and `fieldbook restore`: customers to CSV/XLSX/vCard, the agenda to ICS,
//! the whole book to a JSON dump, and a dump back into an empty database.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use fieldbook_core::transfer::export::{ExportFormat, ExportRequest, ExportScope, HeaderLanguage};
use fieldbook_core::Store;

use crate::output::Output;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Xlsx,
    Vcf,
    Ics,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Headers {
    En,
    Zh,
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: Format,
    /// The file to write (replaced only once the export has fully succeeded).
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: PathBuf,
    /// vCard version for --format vcf.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(3..=4))]
    pub vcard_version: u8,
    /// Column headers for CSV/XLSX: English (Name, Phone …) or Chinese (姓名, 电话 …).
    #[arg(long, value_enum, default_value = "en")]
    pub headers: Headers,
    /// Only these customers (repeatable); default: every live customer.
    #[arg(long = "id", value_name = "ID", conflicts_with = "segment")]
    pub ids: Vec<String>,
    /// Only the customers of this saved segment (see `fieldbook segments list`).
    #[arg(long, value_name = "NAME")]
    pub segment: Option<String>,
}

pub fn export(store: &Store, args: &ExportArgs, out: &Output) -> anyhow::Result<()> {
    let format = match (args.format, args.vcard_version) {
        (Format::Csv, _) => ExportFormat::Csv,
        (Format::Xlsx, _) => ExportFormat::Xlsx,
        (Format::Vcf, 4) => ExportFormat::Vcard4,
        (Format::Vcf, _) => ExportFormat::Vcard3,
        (Format::Ics, _) => ExportFormat::Ics,
        (Format::Json, _) => ExportFormat::Json,
    };
    let today = chrono::Local::now().date_naive();
    let scope = match (&args.segment, args.ids.is_empty()) {
        // The segment's members as of today, in list order.
        (Some(name), _) => ExportScope::Ids(store.segment_ids(&store.segment_by_name(name)?.filter, today)?),
        (None, true) => ExportScope::All,
        (None, false) => ExportScope::Ids(args.ids.clone()),
    };
    let headers = match args.headers {
        Headers::En => HeaderLanguage::En,
        Headers::Zh => HeaderLanguage::Zh,
    };
    let req = ExportRequest { format, scope, headers };
    let r = store.export_to_file(&req, &args.out, today, chrono::Utc::now())?;
    out.emit(&r, || format!("exported {} to {} ({} bytes)", r.count, r.path, r.bytes));
    Ok(())
}

pub fn restore(store: &mut Store, file: &PathBuf, out: &Output) -> anyhow::Result<()> {
    let f = std::fs::File::open(file).map_err(|e| anyhow::anyhow!("cannot open {}: {e}", file.display()))?;
    let summary = store.restore_dump(std::io::BufReader::new(f))?;
    out.emit(&summary, || {
        let tables: Vec<String> =
            summary.tables.iter().filter(|(_, n)| **n > 0).map(|(t, n)| format!("{t} {n}")).collect();
        format!("restored {} rows: {}", summary.rows, tables.join(", "))
    });
    Ok(())
}

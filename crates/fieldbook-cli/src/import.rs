//! `fieldbook import FILE`: CSV, spreadsheet or vCard into the book, with a dry run, a
//! duplicate policy and row errors that name the file, row and column.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use anyhow::Context;
use clap::{Args, ValueEnum};
use fieldbook_core::transfer::import::{
    self, mapping, ColumnMapping, DuplicatePolicy, Format, ImportError, ImportReport, MappingTemplate, OptionalCells,
    ReadOptions, Target,
};
use fieldbook_core::Store;

use crate::output::Output;

#[derive(Args)]
pub struct ImportArgs {
    /// The file to import (.csv, .xlsx/.xls/.ods, .vcf, or a Fieldbook .json dump into an empty book).
    file: PathBuf,
    /// Read the file as this format instead of guessing from its name and content.
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// A CSV's text encoding (utf-8, gbk, gb18030, big5, utf-16le …) instead of detecting it.
    #[arg(long)]
    encoding: Option<String>,
    /// A workbook's sheet to read instead of the first.
    #[arg(long)]
    sheet: Option<String>,
    /// A JSON mapping: [{"header": "备用", "target": "phone", "label": "home"}, …], a saved
    /// template {"name": …, "columns": […]}, or {"header": "target", …}. Columns it does not
    /// name keep the guessed mapping.
    #[arg(long, value_name = "FILE")]
    mapping: Option<PathBuf>,
    /// Report what would be created, merged, skipped and rejected; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// What to do with a row matching an existing customer (by phone, email, or name + company).
    #[arg(long, value_enum, default_value = "skip")]
    on_duplicate: PolicyArg,
    /// Import the valid rows even when some are rejected (otherwise nothing is written).
    #[arg(long)]
    skip_invalid: bool,
    /// Reject a row whose birthday, lunar birthday or gender cannot be read. Without it such a
    /// row is imported without that field and listed as a warning (row, column, value).
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Csv,
    Xlsx,
    Vcf,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum PolicyArg {
    Skip,
    Merge,
    Create,
}

pub fn run(args: &ImportArgs, store: &mut Store, out: &Output) -> anyhow::Result<()> {
    if is_json_dump(args)? {
        return restore_dump(args, store, out);
    }
    let opts = ReadOptions {
        format: args.format.map(|f| match f {
            FormatArg::Csv => Format::Csv,
            FormatArg::Xlsx => Format::Xlsx,
            FormatArg::Vcf => Format::Vcard,
            FormatArg::Json => Format::Json,
        }),
        encoding: args.encoding.clone(),
        sheet: args.sheet.clone(),
    };
    let decoded = import::read_path(&args.file, &opts)?;
    let mapping = match &args.mapping {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
            let template = parse_mapping(&text).with_context(|| format!("{} is not a mapping", path.display()))?;
            Some(mapping::apply_template(&decoded.table.headers, &template))
        }
        None => None,
    };
    let policy = match args.on_duplicate {
        PolicyArg::Skip => DuplicatePolicy::Skip,
        PolicyArg::Merge => DuplicatePolicy::Merge,
        PolicyArg::Create => DuplicatePolicy::Create,
    };
    let optional = if args.strict { OptionalCells::Reject } else { OptionalCells::Warn };
    let prepared = import::prepare_with(store, decoded, mapping, policy, optional)?;
    if args.dry_run {
        let report = prepared.report.clone();
        out.emit(&report, || describe(&report));
        return rejected_unless_skipped(&report, args.skip_invalid);
    }
    match prepared.run(store, args.skip_invalid, &mut |_| {}, &AtomicBool::new(false)) {
        Ok(report) => {
            out.emit(&report, || describe(&report));
            Ok(())
        }
        Err(ImportError::Rejected(report)) => {
            out.emit(&report, || describe(&report));
            Err(ImportError::Rejected(report).into())
        }
        Err(e) => Err(e.into()),
    }
}

/// `--format json`, or a file that looks like one: Fieldbook's own dump.
fn is_json_dump(args: &ImportArgs) -> anyhow::Result<bool> {
    if let Some(f) = args.format {
        return Ok(matches!(f, FormatArg::Json));
    }
    let mut head = [0u8; 64];
    let n = std::io::Read::read(
        &mut std::fs::File::open(&args.file).with_context(|| format!("cannot open {}", args.file.display()))?,
        &mut head,
    )?;
    Ok(Format::detect(&args.file.to_string_lossy(), &head[..n]) == Format::Json)
}

/// A JSON dump restores the whole book (customers with their history, records, reminders,
/// segments, settings) and only into an empty database, as `fieldbook restore` does. A dry
/// run restores into a scratch in-memory book and reports what the real one would hold.
fn restore_dump(args: &ImportArgs, store: &mut Store, out: &Output) -> anyhow::Result<()> {
    if !args.dry_run {
        return crate::export::restore(store, &args.file, out);
    }
    let mut scratch = Store::open_in_memory(std::sync::Arc::new(fieldbook_core::clock::SystemClock))?;
    crate::export::restore(&mut scratch, &args.file, out)
}

/// A dry run with rejected rows exits non-zero too: the real import would fail.
fn rejected_unless_skipped(report: &ImportReport, skip_invalid: bool) -> anyhow::Result<()> {
    if report.rejected > 0 && !skip_invalid {
        return Err(ImportError::Rejected(Box::new(report.clone())).into());
    }
    Ok(())
}

fn parse_mapping(text: &str) -> anyhow::Result<Vec<ColumnMapping>> {
    let value: serde_json::Value = serde_json::from_str(text)?;
    if value.is_array() {
        return Ok(serde_json::from_value(value)?);
    }
    if value.get("columns").is_some() {
        return Ok(serde_json::from_value::<MappingTemplate>(value)?.columns);
    }
    let pairs: std::collections::BTreeMap<String, Target> = serde_json::from_value(value)?;
    Ok(pairs
        .into_iter()
        .map(|(header, target)| {
            let label = if matches!(target, Target::Phone | Target::Email | Target::Address) {
                mapping::guess_label(&header)
            } else {
                String::new()
            };
            ColumnMapping { header, target, label }
        })
        .collect())
}

fn describe(r: &ImportReport) -> String {
    let mut lines = vec![format!(
        "{}: {} rows — {} {}, {} merged, {} skipped, {} rejected{}{}",
        r.file,
        r.total_rows,
        if r.dry_run { "would create" } else { "created" },
        r.created,
        r.merged,
        r.skipped,
        r.rejected,
        if r.warnings.is_empty() { String::new() } else { format!(", {} warnings", r.warnings.len()) },
        if r.organizations_created > 0 {
            format!("; {} new organizations", r.organizations_created)
        } else {
            String::new()
        },
    )];
    for d in &r.duplicates {
        let with = match d.earlier_row {
            Some(row) => format!("row {row}"),
            None => format!("{:?}", d.name),
        };
        lines.push(format!("{}: row {} matches {with} by {:?}", r.file, d.row, d.matched_by));
    }
    for e in &r.errors {
        lines.push(format!("{}: {e}", r.file));
    }
    for w in &r.warnings {
        let column = w.column.as_deref().map(|c| format!(", column {c:?}")).unwrap_or_default();
        let value = w.value.as_deref().map(|v| format!("{v:?}: ")).unwrap_or_default();
        lines.push(format!("{}: warning: row {}{column}: {value}{}; imported without it", r.file, w.row, w.message));
    }
    if r.dry_run {
        lines.push("dry run: nothing was written".into());
    }
    lines.join("\n")
}

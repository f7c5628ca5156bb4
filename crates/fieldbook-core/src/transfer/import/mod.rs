//! Import customers from files other programs wrote: CSV (UTF-8, GBK/GB18030 …), spreadsheets
//! (XLSX, XLS, ODS), vCard 2.1/3.0/4.0 — and, once wired, Fieldbook's own JSON dump.
//!
//! The steps, each callable alone: `read` a file into a table, map its columns (`mapping`),
//! `plan` what each row becomes (the dry run, with row errors and duplicates), then `run` the
//! plan in one transaction with progress and cancel. Parsers take `&[u8]` so the fuzz
//! targets in `fuzz/` can drive them directly.

pub mod cells;
pub mod csv;
pub mod mapping;
pub mod named_company;
pub mod plan;
pub mod row;
pub mod run;
pub mod table;
pub mod vcard;
mod vcard_lines;
pub mod xlsx;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::customers::CustomerInput;
use crate::error::{CoreError, Result};
use crate::Store;
pub use mapping::{ColumnMapping, MappingTemplate, Target};
pub use plan::{DuplicateMatch, DuplicatePolicy, MatchedBy, Plan};
pub use row::{OptionalCells, RowError};
pub use run::{ImportError, ImportProgress};
pub use table::{Detected, Table};

/// Larger files are refused before reading (the whole file is held in memory).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;
/// Rows the preview shows.
pub const PREVIEW_ROWS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Format {
    Csv,
    /// Any spreadsheet calamine reads: XLSX, XLSM, XLSB, XLS, ODS.
    Xlsx,
    Vcard,
    /// Fieldbook's own JSON dump (see `read_json_dump`).
    Json,
}

impl Format {
    /// By file extension, else by the first bytes.
    pub fn detect(file_name: &str, bytes: &[u8]) -> Format {
        let ext = Path::new(file_name).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "tsv" | "txt" => return Format::Csv,
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => return Format::Xlsx,
            "vcf" | "vcard" => return Format::Vcard,
            "json" => return Format::Json,
            _ => {}
        }
        let head = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let start = head.iter().position(|b| !b.is_ascii_whitespace()).map(|i| &head[i..]).unwrap_or(&[]);
        if start.starts_with(b"PK\x03\x04") || start.starts_with(b"\xd0\xcf\x11\xe0") {
            Format::Xlsx
        } else if start.len() >= 11 && start[..11].eq_ignore_ascii_case(b"BEGIN:VCARD") {
            Format::Vcard
        } else if start.starts_with(b"{") {
            Format::Json
        } else {
            Format::Csv
        }
    }
}

/// How to read a file; every field overrides what would be detected.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ReadOptions {
    pub format: Option<Format>,
    /// A CSV's text encoding label (`utf-8`, `gbk`, `gb18030`, `big5`, `utf-16le` …).
    pub encoding: Option<String>,
    /// A workbook's sheet; the first when none.
    pub sheet: Option<String>,
}

/// A file read into a table.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub file: String,
    pub format: Format,
    pub table: Table,
    pub detected: Detected,
}

pub fn read(file: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Decoded> {
    let format = opts.format.unwrap_or_else(|| Format::detect(file, bytes));
    let (table, detected) = match format {
        Format::Csv => csv::decode(bytes, opts.encoding.as_deref())?,
        Format::Xlsx => xlsx::decode(bytes, opts.sheet.as_deref())?,
        Format::Vcard => (vcard::decode(bytes)?, Detected { header_row: 0, ..Detected::default() }),
        Format::Json => return read_json_dump(bytes),
    };
    Ok(Decoded { file: file.to_string(), format, table, detected })
}

/// HOOK for the lead: Fieldbook's own JSON dump is restored by `transfer::dump` (built on
/// another branch). Wire it here — e.g. route `Format::Json` to the dump's restore — so
/// `fieldbook import x.json` and the import screen accept dumps. Until then a JSON file is
/// refused clearly rather than guessed at.
fn read_json_dump(_bytes: &[u8]) -> Result<Decoded> {
    Err(CoreError::invalid(
        "format",
        "import_json_unsupported",
        "Fieldbook JSON dumps are restored with the dump/restore feature, not imported",
    ))
}

/// A path as a user types or pastes it into the import screen: surrounding quotes dropped,
/// `~/` as the home folder, and a `file://` URI (what file managers copy) percent-decoded.
pub fn typed_path(text: &str, home: Option<&Path>) -> PathBuf {
    let t = text.trim().trim_matches(|c| c == '"' || c == '\'');
    if let Some(uri) = t.strip_prefix("file://") {
        let raw = uri.strip_prefix("localhost").unwrap_or(uri);
        let mut bytes = Vec::with_capacity(raw.len());
        let b = raw.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let hex = |x: u8| (x as char).to_digit(16);
            if b[i] == b'%' && i + 2 < b.len() {
                if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                    bytes.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
            }
            bytes.push(b[i]);
            i += 1;
        }
        return PathBuf::from(String::from_utf8_lossy(&bytes).into_owned());
    }
    match (t.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(t),
    }
}

pub fn read_path(path: &Path, opts: &ReadOptions) -> Result<Decoded> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_FILE_BYTES {
        return Err(CoreError::invalid(
            "file",
            "import_too_large",
            format!("{} is {size} bytes; the largest file import reads is {MAX_FILE_BYTES}", path.display()),
        ));
    }
    let bytes = std::fs::read(path)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    read(&name, &bytes, opts)
}

/// What an import did (or, for a dry run, would do). Counts are rows; `created + merged +
/// skipped + rejected = total_rows`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub file: String,
    pub format: Format,
    pub dry_run: bool,
    #[ts(type = "number")]
    pub total_rows: usize,
    /// Rows that become new customers.
    #[ts(type = "number")]
    pub created: usize,
    /// Rows merged into a stored customer or an earlier row.
    #[ts(type = "number")]
    pub merged: usize,
    #[ts(type = "number")]
    pub skipped: usize,
    #[ts(type = "number")]
    pub rejected: usize,
    /// Stored customers the merges change.
    #[ts(type = "number")]
    pub updated_customers: usize,
    /// Organizations created because people name them as their company.
    #[ts(type = "number")]
    pub organizations_created: usize,
    pub errors: Vec<RowError>,
    /// Optional cells (birthdays, genders) that could not be read: their rows are imported
    /// without them. Each names the row, the column and the value. The window is sent the
    /// first thousand; `warning_count` counts them all.
    pub warnings: Vec<RowError>,
    #[ts(type = "number")]
    pub warning_count: usize,
    pub duplicates: Vec<DuplicateMatch>,
    /// The one time the import's transaction stamped on every customer it created or merged
    /// into (null for a dry run). `SegmentFilter::written_at` with it lists those customers.
    #[serde(default)]
    pub written_at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RowAction {
    Create,
    Merge,
    Skip,
    Reject,
}

/// One row of the preview, as it will be stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PreviewRow {
    #[ts(type = "number")]
    pub row: usize,
    pub action: RowAction,
    pub customer: Option<CustomerInput>,
    pub company: Option<String>,
    pub error: Option<RowError>,
    /// Optional fields of this row left out (see `ImportReport::warnings`).
    pub warnings: Vec<RowError>,
    pub duplicate: Option<DuplicateMatch>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    pub file: String,
    pub format: Format,
    pub detected: Detected,
    pub headers: Vec<String>,
    /// Per column, the first non-empty value in the file's first rows (what the column holds).
    pub samples: Vec<String>,
    pub mapping: Vec<ColumnMapping>,
    pub rows: Vec<PreviewRow>,
    /// The dry run of the whole file with this mapping and policy.
    pub report: ImportReport,
}

/// A planned import: the decoded file, its mapping, the plan and its report.
pub struct Prepared {
    pub decoded: Decoded,
    pub mapping: Vec<ColumnMapping>,
    pub plan: Plan,
    pub report: ImportReport,
    preview: HashMap<usize, (CustomerInput, Option<String>)>,
}

/// Map every row and plan the import. `mapping` none = the guess for these headers. An
/// unreadable optional cell (a birthday …) is a warning, its row imported without it.
pub fn prepare(
    store: &Store,
    decoded: Decoded,
    mapping: Option<Vec<ColumnMapping>>,
    policy: DuplicatePolicy,
) -> Result<Prepared> {
    prepare_with(store, decoded, mapping, policy, OptionalCells::Warn)
}

/// `prepare`, choosing what an unreadable optional cell does (`OptionalCells::Reject`: strict).
pub fn prepare_with(
    store: &Store,
    decoded: Decoded,
    mapping: Option<Vec<ColumnMapping>>,
    policy: DuplicatePolicy,
    optional: OptionalCells,
) -> Result<Prepared> {
    let mapping = mapping.unwrap_or_else(|| mapping::guess_mapping(&decoded.table.headers));
    mapping::check_mapping(&decoded.table.headers, &mapping)?;
    let rows: Vec<_> = decoded.table.rows.iter().map(|r| row::map_row(&decoded.table, r, &mapping, optional)).collect();
    let preview = rows
        .iter()
        .take(PREVIEW_ROWS)
        .filter_map(|r| r.as_ref().ok())
        .map(|m| (m.row, (m.input.clone(), m.company.clone())))
        .collect();
    let plan = plan::plan(store, rows, policy)?;
    let report = report(&decoded, &plan);
    Ok(Prepared { decoded, mapping, plan, report, preview })
}

fn report(decoded: &Decoded, plan: &Plan) -> ImportReport {
    let mut r = ImportReport {
        file: decoded.file.clone(),
        format: decoded.format,
        dry_run: true,
        total_rows: plan.outcomes.len(),
        created: 0,
        merged: 0,
        skipped: 0,
        rejected: 0,
        updated_customers: plan.merges.len(),
        organizations_created: plan.new_organizations.len(),
        errors: Vec::new(),
        warnings: plan.warnings.clone(),
        warning_count: plan.warnings.len(),
        duplicates: Vec::new(),
        written_at: None,
    };
    for (_, o) in &plan.outcomes {
        match o {
            plan::Outcome::Create(_) => r.created += 1,
            plan::Outcome::MergeStored(_, d) | plan::Outcome::MergePlanned(_, d) => {
                r.merged += 1;
                r.duplicates.push(d.clone());
            }
            plan::Outcome::Skip(d) => {
                r.skipped += 1;
                r.duplicates.push(d.clone());
            }
            plan::Outcome::Reject(e) => {
                r.rejected += 1;
                r.errors.push(e.clone());
            }
        }
    }
    r
}

impl Prepared {
    pub fn preview(&self) -> ImportPreview {
        let rows = self
            .plan
            .outcomes
            .iter()
            .take(PREVIEW_ROWS)
            .map(|(row, o)| {
                let own = self.preview.get(row).cloned();
                let (action, customer, company, error, duplicate) = match o {
                    plan::Outcome::Create(i) => {
                        let c = &self.plan.creates[*i];
                        (RowAction::Create, Some(c.input.clone()), c.company.clone(), None, None)
                    }
                    plan::Outcome::MergeStored(j, d) => {
                        let m = &self.plan.merges[*j];
                        (RowAction::Merge, Some(m.input.clone()), m.company.clone(), None, Some(d.clone()))
                    }
                    plan::Outcome::MergePlanned(i, d) => {
                        let c = &self.plan.creates[*i];
                        (RowAction::Merge, Some(c.input.clone()), c.company.clone(), None, Some(d.clone()))
                    }
                    plan::Outcome::Skip(d) => {
                        let (input, company) = own.map(|(i, c)| (Some(i), c)).unwrap_or((None, None));
                        (RowAction::Skip, input, company, None, Some(d.clone()))
                    }
                    plan::Outcome::Reject(e) => (RowAction::Reject, None, None, Some(e.clone()), None),
                };
                let warnings = self.plan.warnings.iter().filter(|w| w.row == *row).cloned().collect();
                PreviewRow { row: *row, action, customer, company, error, warnings, duplicate }
            })
            .collect();
        ImportPreview {
            file: self.decoded.file.clone(),
            format: self.decoded.format,
            detected: self.decoded.detected.clone(),
            headers: self.decoded.table.headers.clone(),
            samples: self.samples(),
            mapping: self.mapping.clone(),
            rows,
            report: self.report.clone(),
        }
    }

    fn samples(&self) -> Vec<String> {
        let rows = &self.decoded.table.rows;
        (0..self.decoded.table.headers.len())
            .map(|i| {
                let v = rows.iter().take(PREVIEW_ROWS).map(|r| r.cell(i).trim()).find(|v| !v.is_empty()).unwrap_or("");
                v.chars().take(80).collect()
            })
            .collect()
    }

    /// Write the import (one transaction). Rejected rows fail the whole import unless
    /// `skip_invalid`; cancel rolls back.
    pub fn run(
        self,
        store: &mut Store,
        skip_invalid: bool,
        progress: &mut dyn FnMut(ImportProgress),
        cancel: &AtomicBool,
    ) -> std::result::Result<ImportReport, ImportError> {
        run::run(store, &self.plan, self.report, skip_invalid, progress, cancel)
    }
}

#[cfg(test)]
mod address_book_tests;
#[cfg(test)]
mod tests;

//! Exporting customers for other tools: CSV (UTF-8 with a BOM, so Excel shows Chinese), XLSX
//! with typed cells, vCard 3.0/4.0; the agenda as ICS (`reminders::ics`) and the whole book as
//! a JSON dump (`transfer::dump`).
//!
//! Columns use the headers an import guesses from ([`COLUMNS`]: "Name"/"姓名", "Phone"/"电话",
//! "Lunar birthday"/"农历生日" …) and the values the CLI and import read back: enums by their
//! stored names (VIP, potential …), several phones, emails, addresses or tags joined by "; ",
//! a birthday as `YYYY-MM-DD` (`--MM-DD` without a year), a lunar one as `[YYYY-]MM-DD` with
//! `L` before a leap month (`1984-L10-15`).

mod csv;
pub(crate) mod vcard;
mod xlsx;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::customers::Customer;
use crate::dates::DateSpec;
use crate::error::{CoreError, Result};
use crate::store::Store;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    /// vCard 3.0 (most address books, Outlook, older phones).
    Vcard3,
    /// vCard 4.0 (RFC 6350).
    Vcard4,
    /// Birthdays and anniversaries as an iCalendar file (the agenda export).
    Ics,
    /// The full dump of the book, restorable into an empty database.
    Json,
}

impl ExportFormat {
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Vcard3 | ExportFormat::Vcard4 => "vcf",
            ExportFormat::Ics => "ics",
            ExportFormat::Json => "json",
        }
    }
}

/// Which customers. ICS and JSON always cover the whole book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(tag = "kind", content = "ids", rename_all = "snake_case")]
#[ts(export)]
pub enum ExportScope {
    /// Every live customer (not the Trash).
    #[default]
    All,
    /// These customers, in this order.
    Ids(Vec<String>),
}

/// The language of the column headers (CSV, XLSX).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HeaderLanguage {
    #[default]
    En,
    Zh,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportRequest {
    pub format: ExportFormat,
    #[serde(default)]
    pub scope: ExportScope,
    #[serde(default)]
    pub headers: HeaderLanguage,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportResult {
    pub format: ExportFormat,
    pub path: String,
    /// Customers exported (ICS: events; JSON: rows of all tables).
    #[ts(type = "number")]
    pub count: u64,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// One column of the CSV/XLSX export: its key, English and Chinese header.
pub struct Column {
    pub key: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
}

pub const COLUMNS: &[Column] = &[
    Column { key: "name", en: "Name", zh: "姓名" },
    Column { key: "kind", en: "Kind", zh: "个人/企业" },
    Column { key: "gender", en: "Gender", zh: "性别" },
    Column { key: "title", en: "Title", zh: "职务" },
    Column { key: "company", en: "Company", zh: "公司" },
    Column { key: "phone", en: "Phone", zh: "电话" },
    Column { key: "email", en: "Email", zh: "邮箱" },
    Column { key: "address", en: "Address", zh: "地址" },
    Column { key: "birthday", en: "Birthday", zh: "生日" },
    Column { key: "lunar_birthday", en: "Lunar birthday", zh: "农历生日" },
    Column { key: "tier", en: "Tier", zh: "客户等级" },
    Column { key: "customer_type", en: "Customer type", zh: "客户类型" },
    Column { key: "region", en: "Region", zh: "地区" },
    Column { key: "source", en: "Source", zh: "来源" },
    Column { key: "owner", en: "Owner", zh: "负责人" },
    Column { key: "interests", en: "Interests", zh: "兴趣" },
    Column { key: "risk_preference", en: "Risk preference", zh: "风险偏好" },
    Column { key: "tags", en: "Tags", zh: "标签" },
    Column { key: "notes", en: "Notes", zh: "备注" },
    Column { key: "created_at", en: "Created", zh: "创建时间" },
];

impl Column {
    pub fn header(&self, lang: HeaderLanguage) -> &'static str {
        match lang {
            HeaderLanguage::En => self.en,
            HeaderLanguage::Zh => self.zh,
        }
    }
}

/// Joins several values in one cell.
pub const LIST_SEPARATOR: &str = "; ";

/// A Gregorian birthday as the CSV cell shows it: `YYYY-MM-DD`, or `--MM-DD` without a year.
pub fn gregorian_text(d: &DateSpec) -> Option<String> {
    match *d {
        DateSpec::Gregorian { year: Some(y), month, day } => Some(format!("{y:04}-{month:02}-{day:02}")),
        DateSpec::Gregorian { year: None, month, day } => Some(format!("--{month:02}-{day:02}")),
        DateSpec::Lunar { .. } => None,
    }
}

/// A lunar birthday as `[YYYY-]MM-DD`, `L` before a leap month: what `DateSpec::parse_lunar` reads.
pub fn lunar_text(d: &DateSpec) -> Option<String> {
    match *d {
        DateSpec::Lunar { year, month, leap, day } => {
            let m = if leap { format!("L{month:02}") } else { format!("{month:02}") };
            Some(match year {
                Some(y) => format!("{y:04}-{m}-{day:02}"),
                None => format!("{m}-{day:02}"),
            })
        }
        DateSpec::Gregorian { .. } => None,
    }
}

fn enum_name<T: Serialize>(v: &Option<T>) -> String {
    v.as_ref()
        .and_then(|v| serde_json::to_value(v).ok())
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The text of every column for one customer (XLSX types some of them itself).
pub fn cells(c: &Customer) -> Vec<String> {
    let f = &c.fields;
    let join = |points: &[crate::customers::ContactPoint]| {
        points.iter().map(|p| p.value.as_str()).collect::<Vec<_>>().join(LIST_SEPARATOR)
    };
    COLUMNS
        .iter()
        .map(|col| match col.key {
            "name" => f.name.clone(),
            "kind" => enum_name(&Some(f.kind)),
            "gender" => enum_name(&f.gender),
            "title" => f.title.clone().unwrap_or_default(),
            "company" => c.company_name.clone().unwrap_or_default(),
            "phone" => join(&f.phones),
            "email" => join(&f.emails),
            "address" => join(&f.addresses),
            "birthday" => f.birthday.as_ref().and_then(gregorian_text).unwrap_or_default(),
            "lunar_birthday" => f.birthday.as_ref().and_then(lunar_text).unwrap_or_default(),
            "tier" => enum_name(&f.tier),
            "customer_type" => enum_name(&f.customer_type),
            "region" => f.region.clone().unwrap_or_default(),
            "source" => f.source.clone().unwrap_or_default(),
            "owner" => f.owner.clone().unwrap_or_default(),
            "interests" => f.interests.clone().unwrap_or_default(),
            "risk_preference" => enum_name(&f.risk_preference),
            "tags" => f.tags.join(LIST_SEPARATOR),
            "notes" => f.notes.clone().unwrap_or_default(),
            "created_at" => c.created_at.clone(),
            other => unreachable!("column {other} has no value"),
        })
        .collect()
}

impl Store {
    /// The customers an export covers, in list order (by name) for `All`.
    pub fn export_customers(&self, scope: &ExportScope) -> Result<Vec<Customer>> {
        let ids: Vec<String> = match scope {
            ExportScope::All => {
                let mut stmt = self
                    .conn()
                    .prepare("SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY sort_key, name, id")?;
                let rows = stmt.query_map([], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            }
            ExportScope::Ids(ids) => ids.clone(),
        };
        ids.iter()
            .enumerate()
            .map(|(i, id)| {
                self.customer_record(id).map_err(|e| match e {
                    CoreError::NotFound { .. } => {
                        CoreError::invalid(format!("ids[{i}]"), "customer_not_found", format!("no customer {id:?}"))
                    }
                    e => e,
                })
            })
            .collect()
    }

    /// Write an export to `out`; returns how many items (see [`ExportResult::count`]).
    pub fn export(
        &self,
        req: &ExportRequest,
        today: NaiveDate,
        now: DateTime<Utc>,
        out: &mut impl Write,
    ) -> Result<u64> {
        match req.format {
            ExportFormat::Json => self.write_dump(out),
            ExportFormat::Ics => {
                let ics = self.export_ics(today, 10, now)?;
                out.write_all(ics.as_bytes())?;
                Ok(ics.matches("BEGIN:VEVENT").count() as u64)
            }
            ExportFormat::Csv => {
                let customers = self.export_customers(&req.scope)?;
                csv::write(&customers, req.headers, out)?;
                Ok(customers.len() as u64)
            }
            ExportFormat::Xlsx => {
                let customers = self.export_customers(&req.scope)?;
                let bytes = xlsx::workbook(self, &customers, req.headers)?;
                out.write_all(&bytes)?;
                Ok(customers.len() as u64)
            }
            ExportFormat::Vcard3 | ExportFormat::Vcard4 => {
                let customers = self.export_customers(&req.scope)?;
                let v4 = req.format == ExportFormat::Vcard4;
                for c in &customers {
                    out.write_all(vcard::card(c, v4).as_bytes())?;
                }
                Ok(customers.len() as u64)
            }
        }
    }

    /// Export to a file. It is written beside the target and renamed into place, so a failed
    /// export never leaves a half-written file (nor clobbers an existing one).
    pub fn export_to_file(
        &self,
        req: &ExportRequest,
        path: &Path,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<ExportResult> {
        if path.as_os_str().is_empty() || path.file_name().is_none() || path.is_dir() {
            return Err(CoreError::invalid(
                "path",
                "export_path_invalid",
                format!("{} is not a file path", path.display()),
            ));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.is_dir() {
                return Err(CoreError::invalid(
                    "path",
                    "export_folder_missing",
                    format!("the folder {} does not exist", dir.display()),
                ));
            }
        }
        let tmp = PathBuf::from(format!("{}.part", path.display()));
        let result = (|| {
            let mut file = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            let count = self.export(req, today, now, &mut file)?;
            let file = file.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            Ok::<_, CoreError>(count)
        })();
        let count = match result {
            Ok(n) => n,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
        };
        std::fs::rename(&tmp, path)?;
        let bytes = std::fs::metadata(path)?.len();
        Ok(ExportResult { format: req.format, path: path.display().to_string(), count, bytes })
    }
}

/// Library errors (csv, xlsx) as I/O errors: what failed was writing the file.
fn io_error(e: impl std::error::Error + Send + Sync + 'static) -> CoreError {
    CoreError::Io(std::io::Error::other(e))
}

#[cfg(test)]
mod tests;

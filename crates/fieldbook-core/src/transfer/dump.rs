//! The full JSON dump of a book, and its restore into an empty database.
//!
//! # What is in a dump
//! Every table of the schema except the ones that never leave this machine ([`LOCAL_TABLES`]:
//! the device id, the search index, fired notifications). Tables are found in `sqlite_master`,
//! not listed by hand, so a table added by a later migration (saved segments, merges …) is
//! dumped without anyone remembering to add it; `every_table_is_either_dumped_or_local` fails if
//! a table slips through neither.
//!
//! The per-field clocks and the change journal are part of the dump: they are the book's
//! history (every customer's change log) and what sync compares against, so a restore that
//! dropped them would not be lossless. They are loaded verbatim — re-stamping them would
//! falsify who changed what when. The journal keeps each change's origin device; the restored
//! database keeps its own new device id, and its clock is moved past the newest restored stamp
//! so its own later edits order after the history.
//!
//! Derived columns ([`DERIVED_COLUMNS`], generated columns, the search tables) are not in the
//! file: a restore recomputes them from the data, never trusting them from outside.
//!
//! # Format
//! `{"format":"fieldbook-dump","version":1,"schema_version":N,"tables":{"<table>":{"columns":[…],
//! "rows":[[…],…]},…}}`, tables in name order, rows in primary-key order, one row per line. Values
//! are SQLite's: null, integer, real (always written with a fraction or exponent, so it reads back
//! as real), text, and blobs as `{"blob":"<hex>"}`. The same book always gives the same bytes,
//! which is what makes dump → restore → dump comparable byte for byte.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};

use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use ts_rs::TS;

use crate::error::{CoreError, Result};
use crate::store::Store;

pub const DUMP_FORMAT: &str = "fieldbook-dump";
pub const DUMP_VERSION: u32 = 1;

/// Tables that never leave this machine. Any table whose name starts with `search_` is the
/// search index (derived) and is local too, as are SQLite's own `sqlite_` tables.
pub const LOCAL_TABLES: &[&str] = &[
    "device",              // this database's identity: a restored book is a new device
    "former_devices",      // the ids it had before it was copied or restored
    "fired_notifications", // which notifications this laptop has shown
    "sync_state",          // what this laptop has sent, where it syncs
    "sync_applied",        // which segments it has applied
    "sync_parked",         // changes waiting for their row
    "sync_purged",         // rows removed for good
    "sync_conflicts",      // losing values this laptop kept
];

/// Columns computed from other data: not dumped, recomputed on restore.
pub const DERIVED_COLUMNS: &[(&str, &str)] =
    &[("customers", "sort_key"), ("customers", "last_contact_at"), ("orders", "total_minor")];

/// How many rows a restore loaded, per table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RestoreSummary {
    #[ts(type = "Record<string, number>")]
    pub tables: BTreeMap<String, u64>,
    #[ts(type = "number")]
    pub rows: u64,
}

#[derive(Debug, Deserialize)]
struct DumpFile {
    format: String,
    version: u32,
    schema_version: i64,
    tables: BTreeMap<String, TableDump>,
}

#[derive(Debug, Deserialize)]
struct TableDump {
    columns: Vec<String>,
    rows: Vec<Vec<Json>>,
}

/// Is `table` local to this machine (never dumped)?
pub fn is_local_table(table: &str) -> bool {
    table.starts_with("sqlite_") || table.starts_with("search_") || LOCAL_TABLES.contains(&table)
}

/// The tables a dump carries, in name order.
pub fn dumped_tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(names.into_iter().filter(|t| !is_local_table(t)).collect())
}

/// The columns of `table` a dump carries: stored, not generated, not derived.
fn dumped_columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_xinfo({})", quote(table)))?;
    let cols = stmt
        .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(6)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols
        .into_iter()
        .filter(|(name, hidden)| *hidden == 0 && !DERIVED_COLUMNS.contains(&(table, name.as_str())))
        .map(|(name, _)| name)
        .collect())
}

/// Primary-key columns in key order; all columns if the table has no declared key.
fn order_columns(conn: &Connection, table: &str, columns: &[String]) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({})", quote(table)))?;
    let mut pk = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(5)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    pk.retain(|(n, _)| *n > 0);
    pk.sort();
    Ok(if pk.is_empty() { columns.to_vec() } else { pk.into_iter().map(|(_, c)| c).collect() })
}

fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

impl Store {
    /// Write the whole book as a JSON dump to `out`. Returns the number of rows written.
    pub fn write_dump(&self, out: &mut impl Write) -> Result<u64> {
        let conn = self.conn();
        write!(
            out,
            "{{\"format\":{},\"version\":{DUMP_VERSION},\"schema_version\":{},\"tables\":{{",
            Json::from(DUMP_FORMAT),
            schema_version(conn)?
        )?;
        let mut total = 0u64;
        for (t, table) in dumped_tables(conn)?.iter().enumerate() {
            let columns = dumped_columns(conn, table)?;
            let order = order_columns(conn, table, &columns)?;
            let cols_json = Json::from(columns.clone());
            write!(
                out,
                "{}\n{}:{{\"columns\":{cols_json},\"rows\":[",
                if t > 0 { "," } else { "" },
                Json::from(table.as_str())
            )?;
            let select = columns.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ");
            let order = order.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ");
            let mut stmt = conn.prepare(&format!("SELECT {select} FROM {} ORDER BY {order}", quote(table)))?;
            let mut rows = stmt.query([])?;
            let mut first = true;
            while let Some(row) = rows.next()? {
                let values = (0..columns.len())
                    .map(|i| row.get::<_, Value>(i).map(to_json))
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                write!(out, "{}\n{}", if first { "" } else { "," }, Json::Array(values))?;
                first = false;
                total += 1;
            }
            write!(out, "]}}")?;
        }
        writeln!(out, "\n}}}}")?;
        Ok(total)
    }

    /// The dump as a string (tests, small books).
    pub fn dump_string(&self) -> Result<String> {
        let mut buf = Vec::new();
        self.write_dump(&mut buf)?;
        Ok(String::from_utf8(buf).expect("the dump is JSON text"))
    }

    /// Load a dump into this book, which must be empty. The file is read and checked in full
    /// first; then everything is written in one transaction, or (on any error) nothing.
    pub fn restore_dump(&mut self, input: impl BufRead) -> Result<RestoreSummary> {
        let dump: DumpFile = serde_json::from_reader(input).map_err(parse_error)?;
        let plan = self.check_dump(&dump)?;
        self.check_empty()?;
        let summary = self.write(|tx| {
            let conn = tx.conn();
            let mut summary = RestoreSummary { tables: BTreeMap::new(), rows: 0 };
            for (table, values) in &plan {
                let t = &dump.tables[table];
                let cols = t.columns.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ");
                let marks = (1..=t.columns.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
                let mut insert = conn.prepare(&format!("INSERT INTO {} ({cols}) VALUES ({marks})", quote(table)))?;
                for row in values {
                    insert.execute(rusqlite::params_from_iter(row.iter()))?;
                }
                summary.tables.insert(table.clone(), values.len() as u64);
                summary.rows += values.len() as u64;
            }
            crate::derived::recompute_all(tx)?;
            Ok(summary)
        })?;
        self.observe_journal()?;
        Ok(summary)
    }

    /// Every row of the dump as SQLite values, after checking the header, each table and
    /// column against this schema, and each value. Errors name the place in the file.
    fn check_dump(&self, dump: &DumpFile) -> Result<Vec<(String, Vec<Vec<Value>>)>> {
        let conn = self.conn();
        if dump.format != DUMP_FORMAT {
            return Err(CoreError::invalid(
                "format",
                "dump_format",
                format!("not a Fieldbook dump (format {:?}, expected {DUMP_FORMAT:?})", dump.format),
            ));
        }
        if dump.version != DUMP_VERSION {
            return Err(CoreError::invalid(
                "version",
                "dump_version",
                format!("dump version {} is not supported (this app reads version {DUMP_VERSION})", dump.version),
            ));
        }
        let ours = schema_version(conn)?;
        if dump.schema_version > ours {
            return Err(CoreError::invalid(
                "schema_version",
                "dump_schema_newer",
                format!(
                    "the dump is from a newer app (schema {}, this app has {ours}); update first",
                    dump.schema_version
                ),
            ));
        }
        let known = dumped_tables(conn)?;
        let mut plan = Vec::new();
        for (table, t) in &dump.tables {
            let at = format!("tables.{table}");
            if !known.contains(table) {
                return Err(CoreError::invalid(at, "dump_table_unknown", format!("this book has no table {table:?}")));
            }
            let columns = dumped_columns(conn, table)?;
            for (i, c) in t.columns.iter().enumerate() {
                if !columns.contains(c) {
                    return Err(CoreError::invalid(
                        format!("{at}.columns[{i}]"),
                        "dump_column_unknown",
                        format!("table {table} has no column {c:?} that a dump may set"),
                    ));
                }
                if t.columns[..i].contains(c) {
                    return Err(CoreError::invalid(
                        format!("{at}.columns[{i}]"),
                        "dump_column_twice",
                        format!("column {c:?} is listed twice"),
                    ));
                }
            }
            let mut rows = Vec::with_capacity(t.rows.len());
            for (r, row) in t.rows.iter().enumerate() {
                if row.len() != t.columns.len() {
                    return Err(CoreError::invalid(
                        format!("{at}.rows[{r}]"),
                        "dump_row_width",
                        format!("row has {} values for {} columns", row.len(), t.columns.len()),
                    ));
                }
                let values = row
                    .iter()
                    .enumerate()
                    .map(|(c, v)| {
                        from_json(v).ok_or_else(|| {
                            CoreError::invalid(
                                format!("{at}.rows[{r}][{c}]"),
                                "dump_value",
                                format!("{} holds {v}, which is not a stored value", t.columns[c]),
                            )
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                rows.push(values);
            }
            plan.push((table.clone(), rows));
        }
        Ok(plan)
    }

    /// A restore goes into an empty book only: merging a dump into live data would need
    /// sync's conflict rules, not a blind load.
    fn check_empty(&self) -> Result<()> {
        let conn = self.conn();
        for table in dumped_tables(conn)? {
            let any: bool =
                conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {})", quote(&table)), [], |r| r.get(0))?;
            if any {
                return Err(CoreError::invalid(
                    "database",
                    "restore_not_empty",
                    format!(
                        "a dump restores only into an empty book, and this one has {table}; use a new database file"
                    ),
                ));
            }
        }
        Ok(())
    }
}

fn parse_error(e: serde_json::Error) -> CoreError {
    use serde_json::error::Category;
    let (reason, what) = match e.classify() {
        Category::Eof => ("dump_truncated", "the dump ends too early (truncated file?)"),
        Category::Io => ("dump_unreadable", "the dump could not be read"),
        Category::Syntax => ("dump_corrupt", "the dump is not valid JSON"),
        Category::Data => ("dump_corrupt", "the dump does not have a Fieldbook dump's shape"),
    };
    CoreError::invalid(format!("line {}, column {}", e.line(), e.column()), reason, format!("{what}: {e}"))
}

fn to_json(v: Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Integer(i) => Json::from(i),
        // serde_json writes a float with a fraction or exponent (1.0, 1e300), so it reads back
        // as a float; SQLite stores no NaN or infinity, so every stored real is representable.
        Value::Real(f) => serde_json::Number::from_f64(f).map(Json::Number).unwrap_or(Json::Null),
        Value::Text(s) => Json::String(s),
        Value::Blob(b) => serde_json::json!({ "blob": b.iter().map(|x| format!("{x:02x}")).collect::<String>() }),
    }
}

pub(crate) fn from_json(v: &Json) -> Option<Value> {
    Some(match v {
        Json::Null => Value::Null,
        Json::Number(n) if n.is_i64() => Value::Integer(n.as_i64()?),
        Json::Number(n) if n.is_f64() => Value::Real(n.as_f64()?),
        Json::String(s) => Value::Text(s.clone()),
        Json::Object(o) if o.len() == 1 => {
            let hex = o.get("blob")?.as_str()?;
            if hex.len() % 2 != 0 {
                return None;
            }
            let bytes = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
                .collect::<Option<Vec<u8>>>()?;
            Value::Blob(bytes)
        }
        _ => return None,
    })
}

#[cfg(test)]
#[path = "dump_tests.rs"]
mod tests;

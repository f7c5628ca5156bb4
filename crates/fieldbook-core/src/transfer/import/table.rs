//! A decoded file as rows of text cells under a header row: what every format (CSV, XLSX,
//! vCard) becomes before the column mapping turns cells into customers.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One data row. `row` is the 1-based row (line, spreadsheet row or card number) the user sees
/// in their own program, so error messages point at the right place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub row: usize,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// Where the numbers came from a spreadsheet: a bare number in a date column is an Excel
    /// serial day count, not a typo.
    pub spreadsheet_numbers: bool,
}

impl Row {
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map(String::as_str).unwrap_or("")
    }
}

/// What was detected (or chosen) while decoding, for the preview to show and override.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[ts(export)]
pub struct Detected {
    /// The text encoding used for a CSV (`utf-8`, `gb18030`, `utf-16le` …); none for others.
    pub encoding: Option<String>,
    /// Sheet names of a workbook, in order; empty for other formats.
    pub sheets: Vec<String>,
    /// The sheet that was read.
    pub sheet: Option<String>,
    /// The 1-based row the headers were found on (a title row above them is skipped).
    #[ts(type = "number")]
    pub header_row: usize,
}

/// Headers made unique and never empty: a blank header becomes "Column N" (N 1-based), a
/// repeated one gets " (2)", " (3)" … so a saved mapping can name each column.
pub fn tidy_headers(raw: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    for (i, h) in raw.into_iter().enumerate() {
        let h = h.trim().trim_start_matches('\u{feff}').trim();
        let base = if h.is_empty() { format!("Column {}", i + 1) } else { h.to_string() };
        let mut name = base.clone();
        let mut n = 2;
        while out.contains(&name) {
            name = format!("{base} ({n})");
            n += 1;
        }
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_repeated_headers_get_distinct_names() {
        let h = tidy_headers(vec!["姓名".into(), "".into(), "Phone".into(), "Phone".into(), "\u{feff}Email".into()]);
        assert_eq!(h, ["姓名", "Column 2", "Phone", "Phone (2)", "Email"]);
    }
}

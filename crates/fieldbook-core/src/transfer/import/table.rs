//! A decoded file as rows of text cells under a header row: what every format (CSV, XLSX,
//! vCard) becomes before the column mapping turns cells into customers.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::mapping::guess_target;

/// How many rows from the top may hold a title or a merged group header above the real one.
const HEADER_SEARCH_ROWS: usize = 10;

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

/// The header is the row among the first few that names the most known columns (the first
/// non-empty row if none does). A row of sub-headers under merged group headers (姓名 |
/// 联系方式 over 手机 | 邮箱) is read together with the row above it.
pub fn pick_header(grid: &[(usize, Vec<String>)]) -> Option<(usize, Vec<String>)> {
    let known = |cells: &[String]| cells.iter().filter(|c| guess_target(c).is_some()).count();
    let header_like = |cells: &[String]| {
        let filled = cells.iter().filter(|c| !c.trim().is_empty()).count();
        filled >= 2 && known(cells) * 2 >= filled
    };
    let mut best: Option<(usize, Vec<String>, usize)> = None;
    for (i, (_, cells)) in grid.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let candidate = match i.checked_sub(1).map(|p| &grid[p].1) {
            Some(parent) if header_like(cells) && header_like(parent) => fill_from_parent(cells.clone(), Some(parent)),
            _ => cells.clone(),
        };
        let score = known(&candidate);
        if best.as_ref().is_none_or(|b| score > b.2) {
            best = Some((i, candidate, score));
        }
    }
    best.map(|(i, cells, _)| (i, cells))
}

/// A blank header cell under a merged group header ("联系方式" over 手机 | 邮箱) takes the
/// group's name, carried right from the merged cell's first column.
fn fill_from_parent(mut cells: Vec<String>, parent: Option<&[String]>) -> Vec<String> {
    let Some(parent) = parent else { return cells };
    if cells.len() < parent.len() {
        cells.resize(parent.len(), String::new());
    }
    let mut carried = String::new();
    for (i, cell) in cells.iter_mut().enumerate() {
        let p = parent.get(i).map(|s| s.trim()).unwrap_or("");
        if !p.is_empty() {
            carried = p.to_string();
        }
        if cell.trim().is_empty() && !carried.is_empty() {
            *cell = carried.clone();
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_header_under_a_merged_group_takes_the_group_name() {
        let parent: Vec<String> = ["", "联系方式", "", ""].map(String::from).to_vec();
        let cells: Vec<String> = ["姓名", "手机", "", "备注"].map(String::from).to_vec();
        assert_eq!(fill_from_parent(cells, Some(&parent)), ["姓名", "手机", "联系方式", "备注"]);
    }

    #[test]
    fn blank_and_repeated_headers_get_distinct_names() {
        let h = tidy_headers(vec!["姓名".into(), "".into(), "Phone".into(), "Phone".into(), "\u{feff}Email".into()]);
        assert_eq!(h, ["姓名", "Column 2", "Phone", "Phone (2)", "Email"]);
    }
}

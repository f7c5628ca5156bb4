//! Spreadsheets (XLSX, XLS, XLSB, ODS) through calamine: the first sheet or a chosen one, the
//! header row found under any title rows, blank cells under a merged parent header filled from
//! it, and dates turned from Excel serial day counts into ISO dates.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use chrono::{Duration, NaiveDate};

use super::table::{pick_header, tidy_headers, Detected, Row, Table};
use crate::error::{CoreError, Result};

pub fn decode(bytes: &[u8], sheet: Option<&str>) -> Result<(Table, Detected)> {
    // calamine parses untrusted zip/XML/BIFF; should it ever panic on a damaged file, that is
    // an unreadable workbook for the user, not a crash of the app.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_workbook(bytes, sheet))).unwrap_or_else(|_| {
        Err(CoreError::invalid("file", "spreadsheet_unreadable", "the workbook is damaged and cannot be read"))
    })
}

fn read_workbook(bytes: &[u8], sheet: Option<&str>) -> Result<(Table, Detected)> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| {
        CoreError::invalid("file", "spreadsheet_unreadable", format!("the workbook cannot be read: {e}"))
    })?;
    let sheets = book.sheet_names().to_vec();
    let name = match sheet.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => sheets.iter().find(|n| n.as_str() == s).cloned().ok_or_else(|| {
            CoreError::invalid("sheet", "sheet_not_found", format!("the workbook has no sheet {s:?}"))
        })?,
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| CoreError::invalid("file", "import_empty", "the workbook has no sheets"))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| {
        CoreError::invalid("sheet", "spreadsheet_unreadable", format!("sheet {name:?} cannot be read: {e}"))
    })?;
    let (top, left) = range.start().map(|(r, c)| (r as usize, c as usize)).unwrap_or((0, 0));
    let mut grid: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let mut texts = vec![String::new(); left];
        texts.extend(cells.iter().map(cell_text));
        if texts.iter().any(|c| !c.trim().is_empty()) {
            grid.push((top + i + 1, texts));
        }
    }
    let (header_at, headers) = pick_header(&grid)
        .ok_or_else(|| CoreError::invalid("sheet", "import_empty", format!("sheet {name:?} is empty")))?;
    let header_row = grid[header_at].0;
    let headers = tidy_headers(headers);
    let rows = grid.into_iter().skip(header_at + 1).map(|(row, cells)| Row { row, cells }).collect();
    let detected = Detected { encoding: None, sheets, sheet: Some(name), header_row };
    Ok((Table { headers, rows, spreadsheet_numbers: true }, detected))
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => match excel_serial_date(dt.as_f64(), false) {
            Some(date) => date.format("%Y-%m-%d").to_string(),
            None => number_text(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

/// Whole numbers without ".0" (a phone typed as a number is 13800138000, not 1.38e10).
pub fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// An Excel serial day count as a date. In the 1900 system day 1 is 1900-01-01 and, copying
/// Lotus 1-2-3, day 60 is the non-existent 1900-02-29 (`None`), so later serials are one day
/// off from a plain count. The 1904 system (old Mac Excel) counts from 1904-01-01 = 0.
pub fn excel_serial_date(serial: f64, is_1904: bool) -> Option<NaiveDate> {
    if !serial.is_finite() || !(0.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let (base, offset) = if is_1904 {
        (NaiveDate::from_ymd_opt(1904, 1, 1)?, days)
    } else if days == 0 || days == 60 {
        return None;
    } else if days < 60 {
        (NaiveDate::from_ymd_opt(1899, 12, 31)?, days)
    } else {
        (NaiveDate::from_ymd_opt(1899, 12, 30)?, days)
    };
    base.checked_add_signed(Duration::days(offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn excel_serials_follow_the_1900_system_with_the_lotus_leap_day() {
        assert_eq!(excel_serial_date(1.0, false), d(1900, 1, 1));
        assert_eq!(excel_serial_date(59.0, false), d(1900, 2, 28));
        assert_eq!(excel_serial_date(60.0, false), None, "1900-02-29 never existed");
        assert_eq!(excel_serial_date(61.0, false), d(1900, 3, 1));
        assert_eq!(excel_serial_date(33100.0, false), d(1990, 8, 15));
        assert_eq!(excel_serial_date(45292.75, false), d(2024, 1, 1), "a time of day is dropped");
        assert_eq!(excel_serial_date(0.0, true), d(1904, 1, 1));
        assert_eq!(excel_serial_date(-3.0, false), None);
        assert_eq!(excel_serial_date(f64::NAN, false), None);
    }

    #[test]
    fn numbers_typed_into_cells_read_as_people_wrote_them() {
        assert_eq!(number_text(13800138000.0), "13800138000");
        assert_eq!(number_text(2.5), "2.5");
    }

    #[test]
    fn garbage_bytes_are_an_unreadable_workbook_not_a_panic() {
        let err = decode(b"PK\x03\x04 this is not really a zip", None).unwrap_err();
        assert_eq!(err.code(), "spreadsheet_unreadable");
        assert_eq!(decode(b"", None).unwrap_err().code(), "spreadsheet_unreadable");
    }
}

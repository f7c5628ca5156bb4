//! CSV as spreadsheets write it: UTF-8 with or without a BOM, UTF-16 ("Unicode text"), and
//! GBK/GB18030 from Chinese Excel, detected or chosen; comma, semicolon or tab separated.

use encoding_rs::{Encoding, GB18030, UTF_8};

use super::table::{pick_header, tidy_headers, Detected, Row, Table};
use crate::error::{CoreError, Result};

/// Decode `bytes` as CSV. `encoding` is a label (`utf-8`, `gbk`, `gb18030`, `big5`,
/// `utf-16le` …) that overrides detection.
pub fn decode(bytes: &[u8], encoding: Option<&str>) -> Result<(Table, Detected)> {
    let (text, used) = decode_text(bytes, encoding)?;
    let delimiter = sniff_delimiter(&text);
    if text.bytes().filter(|&b| b == b'"').count() % 2 == 1 {
        let row = unclosed_quote_row(&text, delimiter);
        return Err(CoreError::invalid(
            format!("row {row}"),
            "csv_unclosed_quote",
            format!("row {row}: a quoted field is never closed (is the file cut short?)"),
        ));
    }
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut grid: Vec<(usize, Vec<String>)> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let row = e.position().map(|p| p.line() as usize).unwrap_or(0);
            CoreError::invalid(format!("row {row}"), "csv_malformed", format!("row {row}: {e}"))
        })?;
        let row = record.position().map(|p| p.line() as usize).unwrap_or(0);
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if cells.iter().any(|c| !c.trim().is_empty()) {
            grid.push((row, cells));
        }
    }
    // Chinese CRM exports often put a title line ("客户列表 导出时间 …") above the headers.
    let (at, raw) =
        pick_header(&grid).ok_or_else(|| CoreError::invalid("file", "import_empty", "the file has no rows"))?;
    let header_row = grid[at].0;
    let rows = grid.into_iter().skip(at + 1).map(|(row, cells)| Row { row, cells }).collect();
    let detected = Detected { encoding: Some(used.to_string()), header_row, ..Detected::default() };
    Ok((Table { headers: tidy_headers(raw), rows, spreadsheet_numbers: false }, detected))
}

/// Bytes to text. Returns the text and the name of the encoding used.
pub fn decode_text(bytes: &[u8], label: Option<&str>) -> Result<(String, &'static str)> {
    let chosen = match label.map(str::trim).filter(|l| !l.is_empty() && !l.eq_ignore_ascii_case("auto")) {
        Some(l) => Some(Encoding::for_label(l.as_bytes()).ok_or_else(|| {
            CoreError::invalid("encoding", "encoding_unknown", format!("{l:?} is not a text encoding this app knows"))
        })?),
        None => None,
    };
    let encoding = match chosen {
        Some(e) => e,
        None => match Encoding::for_bom(bytes) {
            Some((e, _)) => e,
            None if std::str::from_utf8(bytes).is_ok() => UTF_8,
            // Not UTF-8: Chinese Excel's "CSV" is GBK, which GB18030 extends.
            None => GB18030,
        },
    };
    let (text, used, had_errors) = encoding.decode(bytes);
    if had_errors {
        let row = text.find('\u{fffd}').map(|at| line_of(&text, at)).unwrap_or(1);
        return Err(CoreError::invalid(
            format!("row {row}"),
            "encoding_mismatch",
            format!("row {row} is not valid {} text; choose the file's encoding", used.name()),
        ));
    }
    Ok((text.into_owned(), used.name()))
}

fn line_of(text: &str, byte_at: usize) -> usize {
    text.as_bytes()[..byte_at].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The separator is whichever of comma, semicolon and tab the header line uses most.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

/// The line on which the field left open starts: the last quote that opens a field.
fn unclosed_quote_row(text: &str, delimiter: u8) -> usize {
    let bytes = text.as_bytes();
    let mut quoted = false;
    let mut opened_at = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'"' {
            if !quoted {
                let starts_field = i == 0 || matches!(bytes[i - 1], b'\n' | b'\r') || bytes[i - 1] == delimiter;
                if starts_field {
                    opened_at = i;
                }
            }
            quoted = !quoted;
        }
    }
    line_of(text, opened_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_reads_headers_without_the_bom() {
        let (t, d) = decode("\u{feff}姓名,手机\n张三,13800138000\n".as_bytes(), None).unwrap();
        assert_eq!(t.headers, ["姓名", "手机"]);
        assert_eq!(t.rows[0].cells, ["张三", "13800138000"]);
        assert_eq!(t.rows[0].row, 2, "the first data row is line 2 of the file");
        assert_eq!(d.encoding.as_deref(), Some("UTF-8"));
    }

    #[test]
    fn gbk_bytes_are_detected_and_decoded() {
        let (bytes, _, _) = GB18030.encode("姓名,公司\n李四,华为\n");
        let (t, d) = decode(&bytes, None).unwrap();
        assert_eq!(t.headers, ["姓名", "公司"]);
        assert_eq!(t.rows[0].cells, ["李四", "华为"]);
        assert_eq!(d.encoding.as_deref(), Some("gb18030"));
    }

    #[test]
    fn forcing_utf8_on_gbk_bytes_names_the_bad_row() {
        let (bytes, _, _) = GB18030.encode("Name,Company\nLi,Acme\n李四,华为\n");
        let err = decode(&bytes, Some("utf-8")).unwrap_err();
        assert_eq!(err.code(), "encoding_mismatch");
        assert!(err.to_string().contains("row 3"), "{err}");
    }

    #[test]
    fn excel_unicode_text_is_utf16_with_tabs() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "姓名\t手机\r\n王伟\t13800138000\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (t, d) = decode(&bytes, None).unwrap();
        assert_eq!(t.headers, ["姓名", "手机"]);
        assert_eq!(t.rows[0].cells, ["王伟", "13800138000"]);
        assert_eq!(d.encoding.as_deref(), Some("UTF-16LE"));
    }

    #[test]
    fn semicolons_and_tabs_are_recognised_as_separators() {
        let (t, _) = decode(b"Name;Email\nAnn;ann@example.com\n", None).unwrap();
        assert_eq!(t.rows[0].cells, ["Ann", "ann@example.com"]);
        let (t, _) = decode(b"Name\tEmail\nAnn\tann@example.com\n", None).unwrap();
        assert_eq!(t.rows[0].cells, ["Ann", "ann@example.com"]);
    }

    #[test]
    fn quoted_fields_may_hold_commas_and_newlines_and_rows_keep_their_line() {
        let (t, _) = decode(b"Name,Notes\n\"Wang, Wei\",\"line one\nline two\"\nAnn,x\n", None).unwrap();
        assert_eq!(t.rows[0].cells, ["Wang, Wei", "line one\nline two"]);
        assert_eq!(t.rows[1].row, 4, "Ann starts on line 4 after the two-line note");
    }

    #[test]
    fn a_file_cut_inside_a_quoted_field_is_rejected_naming_the_row() {
        let err = decode(b"Name,Notes\nAnn,ok\nBob,\"never closed\n", None).unwrap_err();
        assert_eq!(err.code(), "csv_unclosed_quote");
        assert!(err.to_string().contains("row 3"), "{err}");
    }

    #[test]
    fn a_title_line_above_the_headers_is_skipped() {
        let (t, d) =
            decode("客户列表（导出时间 2024-05-01）,,\n客户名称,手机,邮箱\n王伟,13800138000,w@x.cn\n".as_bytes(), None)
                .unwrap();
        assert_eq!(t.headers, ["客户名称", "手机", "邮箱"]);
        assert_eq!(d.header_row, 2);
        assert_eq!((t.rows[0].row, t.rows[0].cells[0].as_str()), (3, "王伟"));
    }

    #[test]
    fn empty_input_is_an_error_not_a_panic() {
        assert_eq!(decode(b"", None).unwrap_err().code(), "import_empty");
        assert_eq!(decode(b"\n\n,,\n", None).unwrap_err().code(), "import_empty");
        assert_eq!(decode(b"a,b", Some("klingon")).unwrap_err().code(), "encoding_unknown");
    }
}

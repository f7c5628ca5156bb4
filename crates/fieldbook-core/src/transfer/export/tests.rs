use std::io::Read;

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::customers::{ContactPoint, CustomerInput, CustomerKind, Tier};
use crate::transfer::fixtures::{empty_book, seeded_book};

fn point(label: &str, v: &str) -> ContactPoint {
    ContactPoint { id: None, label: label.into(), value: v.into() }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

/// A book with the awkward cases: Chinese text, commas, semicolons, quotes and newlines,
/// several phones, a leap-month lunar birthday, a year-less birthday, a compound surname.
fn tricky_book() -> (Store, Vec<String>) {
    let mut s = empty_book();
    let org = s
        .create_customer(CustomerInput {
            kind: CustomerKind::Organization,
            name: "华为技术有限公司".into(),
            ..Default::default()
        })
        .unwrap()
        .id;
    let a = s
        .create_customer(CustomerInput {
            name: "张三".into(),
            company_id: Some(org.clone()),
            tier: Some(Tier::Vip),
            tags: vec!["golf".into(), "理财".into()],
            notes: Some("likes tea, not coffee; \"green\" only\nsecond line".into()),
            phones: vec![point("mobile", "+86 138 0013 8000"), point("work", "010-8888 1234")],
            emails: vec![point("work", "zhang.san@example.com")],
            birthday: Some(DateSpec::Lunar { year: Some(1984), month: 10, leap: true, day: 15 }),
            ..Default::default()
        })
        .unwrap()
        .id;
    let b = s
        .create_customer(CustomerInput {
            name: "欧阳修".into(),
            birthday: Some(DateSpec::Gregorian { year: None, month: 2, day: 29 }),
            addresses: vec![point("家", "北京市朝阳区建国路 88 号, 3 单元")],
            ..Default::default()
        })
        .unwrap()
        .id;
    let c = s
        .create_customer(CustomerInput {
            name: "John Smith".into(),
            birthday: Some(DateSpec::Gregorian { year: Some(1990), month: 7, day: 4 }),
            title: Some("Director, Wealth Management & Private Banking Division (Asia-Pacific region)".into()),
            ..Default::default()
        })
        .unwrap()
        .id;
    (s, vec![org, a, b, c])
}

fn export_bytes(s: &Store, format: ExportFormat, headers: HeaderLanguage) -> (u64, Vec<u8>) {
    let mut out = Vec::new();
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let n = s.export(&ExportRequest { format, scope: ExportScope::All, headers }, today(), now, &mut out).unwrap();
    (n, out)
}

#[test]
fn csv_starts_with_a_bom_and_reads_back_to_the_same_cells_with_chinese_headers() {
    let (s, _) = tricky_book();
    let (n, bytes) = export_bytes(&s, ExportFormat::Csv, HeaderLanguage::Zh);
    assert_eq!(n, 4);
    assert!(bytes.starts_with(super::csv::BOM), "Excel needs the BOM to read UTF-8");
    let mut r = ::csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(&headers[..2], ["姓名", "个人/企业"]);
    assert!(headers.contains(&"农历生日".to_string()) && headers.contains(&"电话".to_string()));
    let rows: Vec<Vec<String>> = r.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    let expected: Vec<Vec<String>> = s.export_customers(&ExportScope::All).unwrap().iter().map(cells).collect();
    assert_eq!(rows, expected, "quotes, commas and newlines survive");
    let zhang = rows.iter().find(|r| r[0] == "张三").unwrap();
    let col = |key: &str| COLUMNS.iter().position(|c| c.key == key).unwrap();
    assert_eq!(zhang[col("phone")], "+86 138 0013 8000; 010-8888 1234");
    assert_eq!(zhang[col("company")], "华为技术有限公司");
    assert_eq!(zhang[col("lunar_birthday")], "1984-L10-15", "the leap month is kept");
    assert_eq!(zhang[col("birthday")], "");
    assert_eq!(zhang[col("tier")], "VIP");
    assert_eq!(zhang[col("tags")], "golf; 理财");
    // What the CLI and import parse dates with reads the cells back to the same dates.
    assert_eq!(
        DateSpec::parse_lunar(&zhang[col("lunar_birthday")]).unwrap(),
        DateSpec::Lunar { year: Some(1984), month: 10, leap: true, day: 15 }
    );
    let ouyang = rows.iter().find(|r| r[0] == "欧阳修").unwrap();
    assert_eq!(
        DateSpec::parse_gregorian(&ouyang[col("birthday")]).unwrap(),
        DateSpec::Gregorian { year: None, month: 2, day: 29 }
    );
}

#[test]
fn english_headers_are_the_ones_an_import_guesses() {
    let (s, _) = tricky_book();
    let (_, bytes) = export_bytes(&s, ExportFormat::Csv, HeaderLanguage::En);
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("Name,Kind,Gender,Title,Company,Phone,Email,Address,Birthday,Lunar birthday,Tier,"));
    assert!(text.contains("\r\n"), "CRLF line ends, as Excel writes them");
}

fn unfold(text: &str) -> Vec<String> {
    text.replace("\r\n ", "").split("\r\n").filter(|l| !l.is_empty()).map(str::to_string).collect()
}

#[test]
fn vcards_fold_at_75_octets_escape_text_and_keep_the_lunar_leap_month() {
    let (s, _) = tricky_book();
    for (format, version) in [(ExportFormat::Vcard3, "3.0"), (ExportFormat::Vcard4, "4.0")] {
        let (n, bytes) = export_bytes(&s, format, HeaderLanguage::En);
        assert_eq!(n, 4);
        let text = String::from_utf8(bytes).unwrap();
        for physical in text.split("\r\n") {
            assert!(physical.len() <= 75, "{version}: line over 75 octets: {physical:?}");
        }
        assert!(!text.replace("\r\n", "").contains('\n'), "only CRLF line ends");
        let lines = unfold(&text);
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VCARD").count(), 4);
        assert!(lines.contains(&format!("VERSION:{version}")));
        assert!(lines.contains(&"N:张;三;;;".to_string()));
        assert!(lines.contains(&"N:欧阳;修;;;".to_string()), "a compound surname is one family name");
        assert!(lines.contains(&"N:Smith;John;;;".to_string()));
        assert!(lines.contains(&"ORG:华为技术有限公司".to_string()));
        assert!(lines.contains(&"NOTE:likes tea\\, not coffee\\; \"green\" only\\nsecond line".to_string()));
        assert!(lines.contains(&"CATEGORIES:golf,理财".to_string()));
        assert!(lines.contains(&"X-FIELDBOOK-LUNAR-BIRTHDAY:1984-L10-15".to_string()));
        assert!(lines.contains(&"X-FIELDBOOK-TIER:VIP".to_string()));
        assert!(
            lines.iter().any(|l| l.starts_with("TITLE:Director\\, Wealth Management")),
            "the long title is unfolded whole"
        );
        if version == "3.0" {
            assert!(
                lines.contains(&"X-ALTBDAY;CALSCALE=chinese:0078000110L15".to_string()),
                "Apple's form, leap month and all"
            );
            assert!(lines.contains(&"BDAY:1990-07-04".to_string()));
            assert!(lines.contains(&"BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29".to_string()));
            assert!(lines.contains(&"TEL;TYPE=VOICE,CELL:+86 138 0013 8000".to_string()));
            assert!(lines.contains(&"ADR;TYPE=HOME:;;北京市朝阳区建国路 88 号\\, 3 单元;;;;".to_string()));
        } else {
            assert!(lines.contains(&"KIND:org".to_string()));
            assert!(lines.contains(&"X-ALTBDAY;CALSCALE=chinese:0078000110L15".to_string()));
            assert!(lines.contains(&"BDAY:19900704".to_string()));
            assert!(lines.contains(&"BDAY:--0229".to_string()));
            assert!(lines.contains(&"TEL;TYPE=cell:+86 138 0013 8000".to_string()));
        }
    }
}

#[test]
fn folding_never_splits_a_multibyte_character() {
    let mut out = String::new();
    super::vcard::fold(&format!("NOTE:{}", "客簿".repeat(40)), &mut out);
    let physical: Vec<&str> = out.trim_end().split("\r\n").collect();
    assert!(physical.len() > 2);
    assert!(physical.iter().all(|l| l.len() <= 75));
    assert_eq!(unfold(&out), vec![format!("NOTE:{}", "客簿".repeat(40))]);
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn xlsx_has_typed_date_and_money_cells() {
    let (mut s, ids) = tricky_book();
    s.create_order(crate::orders::OrderInput {
        customer_id: ids[1].clone(),
        ordered_on: NaiveDate::from_ymd_opt(2026, 2, 3).unwrap(),
        status: crate::orders::OrderStatus::Paid,
        currency: "CNY".into(),
        notes: None,
        expected_return_pct: None,
        stop_loss_pct: None,
        lines: vec![crate::orders::OrderLineInput {
            id: None,
            product_id: None,
            description: "年金保险".into(),
            quantity: "2".parse().unwrap(),
            unit_price: Some("1234.50".parse().unwrap()),
            discount_pct: Default::default(),
        }],
    })
    .unwrap();
    let (n, bytes) = export_bytes(&s, ExportFormat::Xlsx, HeaderLanguage::En);
    assert_eq!(n, 4);
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    let workbook = zip_entry(&bytes, "xl/workbook.xml");
    assert!(workbook.contains("name=\"Customers\"") && workbook.contains("name=\"Orders\""));
    let customers = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    // John Smith's 1990-07-04 is Excel serial 33058, a number cell with a date style.
    let col = (b'A' + COLUMNS.iter().position(|c| c.key == "birthday").unwrap() as u8) as char;
    let smith_row =
        s.export_customers(&ExportScope::All).unwrap().iter().position(|c| c.fields.name == "John Smith").unwrap() + 2;
    let cell = format!("<c r=\"{col}{smith_row}\" s=\"");
    let at = customers.find(&cell).unwrap_or_else(|| panic!("no {cell} in {customers}"));
    assert!(customers[at..].split("</c>").next().unwrap().contains("<v>33058</v>"), "a real date, not text");
    let orders = zip_entry(&bytes, "xl/worksheets/sheet2.xml");
    assert!(orders.contains("<v>2469</v>"), "the total is a number: {orders}");
    let styles = zip_entry(&bytes, "xl/styles.xml");
    assert!(styles.contains("#,##0.00 &quot;CNY&quot;"), "money shows its currency");
}

#[test]
fn a_selection_exports_those_customers_and_an_unknown_id_is_named() {
    let (s, ids) = tricky_book();
    let req = ExportRequest {
        format: ExportFormat::Csv,
        scope: ExportScope::Ids(vec![ids[2].clone()]),
        headers: HeaderLanguage::En,
    };
    let mut out = Vec::new();
    assert_eq!(s.export(&req, today(), Utc::now(), &mut out).unwrap(), 1);
    assert!(String::from_utf8(out).unwrap().contains("欧阳修"));
    let req = ExportRequest { scope: ExportScope::Ids(vec![ids[2].clone(), "nope".into()]), ..req };
    let err = s.export(&req, today(), Utc::now(), &mut Vec::new()).unwrap_err();
    assert_eq!(err.code(), "customer_not_found");
    assert_eq!(err.to_payload().field.as_deref(), Some("ids[1]"));
}

#[test]
fn export_to_file_writes_in_place_or_not_at_all() {
    let (s, _) = tricky_book();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.xlsx");
    let now = Utc::now();
    let req = ExportRequest { format: ExportFormat::Xlsx, scope: ExportScope::All, headers: HeaderLanguage::Zh };
    let r = s.export_to_file(&req, &path, today(), now).unwrap();
    assert_eq!((r.count, r.path.as_str()), (4, path.to_str().unwrap()));
    assert_eq!(r.bytes, std::fs::metadata(&path).unwrap().len());
    assert!(!dir.path().join("book.xlsx.part").exists(), "no temporary file is left");
    let err = s.export_to_file(&req, &dir.path().join("missing/book.xlsx"), today(), now).unwrap_err();
    assert_eq!(err.code(), "export_folder_missing");
    let err = s.export_to_file(&req, dir.path(), today(), now).unwrap_err();
    assert_eq!(err.code(), "export_path_invalid");
    let bad = ExportRequest { scope: ExportScope::Ids(vec!["nope".into()]), ..req };
    let target = dir.path().join("bad.csv");
    assert!(s.export_to_file(&bad, &target, today(), now).is_err());
    assert!(!target.exists() && !dir.path().join("bad.csv.part").exists(), "a failed export leaves no file");
}

#[test]
fn ics_and_json_exports_cover_the_whole_book() {
    let (s, _) = seeded_book(50, 20);
    let (events, ics) = export_bytes(&s, ExportFormat::Ics, HeaderLanguage::En);
    assert!(events > 0);
    assert!(String::from_utf8(ics).unwrap().starts_with("BEGIN:VCALENDAR"));
    let (rows, json) = export_bytes(&s, ExportFormat::Json, HeaderLanguage::En);
    assert!(rows > 50);
    assert_eq!(String::from_utf8(json).unwrap(), s.dump_string().unwrap());
}

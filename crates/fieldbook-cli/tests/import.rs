//! `fieldbook import` as a script would use it: the report, exit codes, and that a rejected
//! import leaves the database file exactly as it was.

use assert_cmd::Command;
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!("{}/../../tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"))
}

struct Book {
    dir: tempfile::TempDir,
}

impl Book {
    fn new() -> Self {
        Book { dir: tempfile::tempdir().unwrap() }
    }

    fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("book.db")
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("fieldbook").unwrap();
        c.arg("--db").arg(self.db());
        c
    }

    fn import(&self, args: &[&str]) -> (bool, Value, String) {
        let out = self.cmd().arg("--json").arg("import").args(args).output().unwrap();
        let stdout: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        (out.status.success(), stdout, String::from_utf8_lossy(&out.stderr).into_owned())
    }

    fn count(&self) -> u64 {
        let out = self.cmd().args(["--json", "customers", "list"]).output().unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["total"].as_u64().unwrap_or_else(|| v.as_array().map(|a| a.len() as u64).unwrap_or(0))
    }

    /// The database's bytes after a checkpoint: equal means nothing at all was written.
    fn bytes(&self) -> Vec<u8> {
        let conn = rusqlite::Connection::open(self.db()).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
        drop(conn);
        std::fs::read(self.db()).unwrap()
    }
}

#[test]
fn import_reports_created_rows_and_the_customers_are_there() {
    let b = Book::new();
    let (ok, report, err) = b.import(&[&fixture("gbk_chinese.csv")]);
    assert!(ok, "{err}");
    assert_eq!(report["created"], 3);
    assert_eq!(report["organizations_created"], 2);
    assert_eq!(report["dry_run"], false);
    assert_eq!(b.count(), 5, "3 people and their 2 companies");
}

#[test]
fn dry_run_writes_nothing() {
    let b = Book::new();
    b.import(&[&fixture("outlook.csv")]);
    let before = b.bytes();
    let (ok, report, _) = b.import(&[&fixture("gbk_chinese.csv"), "--dry-run"]);
    assert!(ok);
    assert_eq!((report["dry_run"].as_bool(), report["created"].as_u64()), (Some(true), Some(3)));
    assert_eq!(b.bytes(), before, "a dry run leaves the database byte-identical");
}

#[test]
fn rejected_rows_fail_the_import_with_row_errors_and_write_nothing() {
    let b = Book::new();
    b.import(&[&fixture("outlook.csv")]);
    let before = b.bytes();
    let (ok, report, err) = b.import(&[&fixture("bad_dates.csv")]);
    assert!(!ok, "a rejected row makes the import fail");
    assert_eq!(report["rejected"], 1, "the bad tier; the impossible birthday is only a warning");
    assert_eq!(report["errors"][0]["row"], 3);
    assert_eq!(report["errors"][0]["column"], "等级");
    let err: Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(err["code"], "import_rejected");
    assert_eq!(b.bytes(), before, "nothing was written");
}

#[test]
fn skip_invalid_imports_the_good_rows() {
    let b = Book::new();
    let (ok, report, err) = b.import(&[&fixture("bad_dates.csv"), "--skip-invalid"]);
    assert!(ok, "{err}");
    assert_eq!((report["created"].as_u64(), report["rejected"].as_u64()), (Some(2), Some(1)));
}

#[test]
fn an_unreadable_birthday_is_a_warning_in_json_and_text_and_the_contact_is_imported() {
    let b = Book::new();
    let (ok, report, err) = b.import(&[&fixture("bad_dates.vcf")]);
    assert!(ok, "{err}");
    assert_eq!(report["created"], 1);
    let w = &report["warnings"][0];
    assert_eq!((w["row"].as_u64(), w["column"].as_str()), (Some(1), Some("Birthday")));
    assert_eq!(w["value"], "sometime in may", "the warning quotes the value it could not read");
    assert_eq!(b.count(), 1);

    let text = Book::new();
    let out = text.cmd().args(["import", &fixture("bad_dates.vcf")]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(stdout.contains("1 warnings"), "{stdout}");
    assert!(
        stdout.contains("warning: row 1, column \"Birthday\": \"sometime in may\""),
        "the text names row, column and value: {stdout}"
    );
}

#[test]
fn strict_rejects_an_unreadable_birthday_and_writes_nothing() {
    let b = Book::new();
    b.import(&[&fixture("outlook.csv")]);
    let before = b.bytes();
    let (ok, report, err) = b.import(&[&fixture("bad_dates.vcf"), "--strict"]);
    assert!(!ok, "--strict makes the unreadable birthday a row error");
    assert_eq!(report["rejected"], 1);
    assert_eq!(report["errors"][0]["value"], "sometime in may");
    let err: Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(err["code"], "import_rejected");
    assert_eq!(b.bytes(), before);
}

#[test]
fn an_apple_contacts_export_imports_with_its_lunar_birthdays() {
    let b = Book::new();
    let (ok, report, err) = b.import(&[&fixture("apple_contacts.vcf")]);
    assert!(ok, "{err}");
    assert_eq!((report["created"].as_u64(), report["rejected"].as_u64()), (Some(4), Some(0)));
    let out = b.cmd().args(["--json", "search", "陈静"]).output().unwrap();
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = hits[0]["id"].as_str().unwrap().to_string();
    let out = b.cmd().args(["customers", "show", &id]).output().unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("lunar 1990-L05-03"), "闰五月初三 1990 from 0078000705L03: {shown}");
}

#[test]
fn a_truncated_file_fails_naming_the_row() {
    let b = Book::new();
    let (ok, _, err) = b.import(&[&fixture("truncated.csv")]);
    assert!(!ok);
    let err: Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(err["code"], "csv_unclosed_quote");
    assert!(err["message"].as_str().unwrap().contains("row 3"), "{err}");
}

#[test]
fn duplicate_policy_merge_and_create() {
    let b = Book::new();
    b.import(&[&fixture("gbk_chinese.csv")]);
    let (_, skip, _) = b.import(&[&fixture("gbk_chinese.csv")]);
    assert_eq!((skip["skipped"].as_u64(), skip["created"].as_u64()), (Some(3), Some(0)));
    let (_, merge, _) = b.import(&[&fixture("gbk_chinese.csv"), "--on-duplicate", "merge"]);
    assert_eq!(merge["merged"], 3);
    let (_, create, _) = b.import(&[&fixture("gbk_chinese.csv"), "--on-duplicate", "create"]);
    assert_eq!(create["created"], 3);
    assert_eq!(b.count(), 8);
}

#[test]
fn a_mapping_file_changes_where_a_column_goes() {
    let b = Book::new();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("x.csv");
    std::fs::write(&csv, "姓名,备用\n张三,13800138000\n").unwrap();
    let map = dir.path().join("m.json");
    std::fs::write(&map, r#"{"备用": "phone"}"#).unwrap();
    let (ok, report, err) = b.import(&[csv.to_str().unwrap(), "--mapping", map.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert_eq!(report["created"], 1);
    let out = b.cmd().args(["search", "13800138000", "--json"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("张三"), "the phone from the remapped column is searchable");
}

#[test]
fn vcard_and_xlsx_by_format_flag() {
    let b = Book::new();
    let (ok, report, err) = b.import(&[&fixture("contacts_v21.vcf"), "--format", "vcf"]);
    assert!(ok, "{err}");
    assert_eq!(report["created"], 2);
    let (ok, report, err) = b.import(&[&fixture("crm_merged_headers.xlsx"), "--format", "xlsx"]);
    assert!(ok, "{err}");
    assert_eq!(report["created"], 3);
}

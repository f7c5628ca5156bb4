//! `fieldbook export`, `restore` and `dedupe` as a script uses them: real database files,
//! real output files, JSON on stdout and coded errors on stderr.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

struct Book {
    dir: tempfile::TempDir,
}

impl Book {
    fn new() -> Self {
        Book { dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd_on(&self, db: &str) -> Command {
        let mut c = Command::cargo_bin("fieldbook").unwrap();
        c.arg("--db").arg(self.path(db));
        c
    }

    fn json_on(&self, db: &str, args: &[&str]) -> Value {
        let out = self.cmd_on(db).arg("--json").args(args).output().unwrap();
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        self.json_on("book.db", args)
    }

    /// Run expecting failure; returns the JSON error from stderr.
    fn fails_on(&self, db: &str, args: &[&str]) -> Value {
        let out = self.cmd_on(db).arg("--json").args(args).output().unwrap();
        assert!(!out.status.success(), "{args:?} should fail");
        serde_json::from_slice(&out.stderr).unwrap()
    }

    fn add(&self, args: &[&str]) -> String {
        let mut all = vec!["customers", "add"];
        all.extend_from_slice(args);
        self.json(&all)["id"].as_str().unwrap().to_string()
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn export_csv_writes_a_bom_and_the_customers_with_chinese_headers() {
    let b = Book::new();
    b.add(&["--name", "张三", "--phone", "13800138000", "--lunar-birthday", "1984-L10-15"]);
    b.add(&["--name", "John Smith", "--email", "john@example.com"]);
    let file = b.path("out.csv");
    let r = b.json(&["export", "--format", "csv", "--headers", "zh", "-o", s(&file)]);
    assert_eq!(r["count"], 2);
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("姓名,"));
    assert!(text.contains("1984-L10-15") && text.contains("john@example.com"));
}

#[test]
fn export_vcf_4_and_xlsx_write_valid_files() {
    let b = Book::new();
    b.add(&["--name", "张三", "--phone", "13800138000"]);
    let vcf = b.path("out.vcf");
    b.json(&["export", "--format", "vcf", "--vcard-version", "4", "-o", s(&vcf)]);
    let text = std::fs::read_to_string(&vcf).unwrap();
    assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
    let xlsx = b.path("out.xlsx");
    b.json(&["export", "--format", "xlsx", "-o", s(&xlsx)]);
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK"));
    assert!(bytes.windows(15).any(|w| w == b"xl/workbook.xml"));
}

#[test]
fn a_json_dump_restores_into_a_new_database_and_dumps_the_same_again() {
    let b = Book::new();
    b.json(&["seed", "--customers", "200", "--interactions", "300", "--as-of", "2026-03-01"]);
    let first = b.path("first.json");
    b.json(&["export", "--format", "json", "-o", s(&first)]);
    let summary = b.json_on("copy.db", &["restore", s(&first)]);
    assert_eq!(summary["tables"]["customers"], 200);
    let second = b.path("second.json");
    b.json_on("copy.db", &["export", "--format", "json", "-o", s(&second)]);
    assert!(std::fs::read(&first).unwrap() == std::fs::read(&second).unwrap(), "dump → restore → dump is identical");
}

#[test]
fn restore_refuses_a_database_with_data_and_a_truncated_file() {
    let b = Book::new();
    let id = b.add(&["--name", "张三"]);
    let dump = b.path("dump.json");
    b.json(&["export", "--format", "json", "-o", s(&dump)]);
    let err = b.fails_on("book.db", &["restore", s(&dump)]);
    assert_eq!(err["code"], "restore_not_empty");
    assert_eq!(b.json(&["customers", "show", &id])["name"], "张三", "the book is untouched");

    let text = std::fs::read_to_string(&dump).unwrap();
    let cut = b.path("cut.json");
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let err = b.fails_on("empty.db", &["restore", s(&cut)]);
    assert_eq!(err["code"], "dump_truncated");
    assert!(err["field"].as_str().unwrap().starts_with("line "), "says where: {err}");
    assert_eq!(b.json_on("empty.db", &["customers", "list"])["total"], 0, "nothing was written");
}

#[test]
fn dedupe_lists_groups_with_reasons_merges_and_undoes() {
    let b = Book::new();
    let a = b.add(&["--name", "张三", "--phone", "+86 138 0013 8000"]);
    let c = b.add(&["--name", "张三丰", "--phone", "13800138000", "--email", "z@x.cn"]);
    b.add(&["--name", "李四"]);
    let groups = b.json(&["dedupe"]);
    assert_eq!(groups.as_array().unwrap().len(), 1);
    assert_eq!(groups[0]["reasons"][0]["reason"], "same_phone");
    assert_eq!(groups[0]["customers"].as_array().unwrap().len(), 2);

    let m = b.json(&["dedupe", "merge", &a, &c]);
    assert_eq!(m["merged_ids"][0], c.as_str());
    assert_eq!(b.json(&["customers", "show", &a])["emails"][0]["value"], "z@x.cn");
    assert_eq!(b.json(&["dedupe"]).as_array().unwrap().len(), 0);
    assert_eq!(b.json(&["dedupe", "history"])[0]["id"], m["id"]);

    let undone = b.json(&["dedupe", "undo", m["id"].as_str().unwrap()]);
    assert!(undone["undone_at"].is_string());
    assert_eq!(b.json(&["customers", "show", &c])["deleted_at"], Value::Null);
    let err = b.fails_on("book.db", &["dedupe", "merge", &a, &a]);
    assert_eq!(err["code"], "merge_self");
}

#[test]
fn import_of_a_json_dump_restores_it_and_a_dry_run_writes_nothing() {
    let b = Book::new();
    b.add(&["--name", "张三", "--phone", "13800138000"]);
    b.add(&["--name", "John Smith"]);
    let dump = b.path("dump.json");
    b.json(&["export", "--format", "json", "-o", s(&dump)]);

    let dry = b.json_on("new.db", &["import", s(&dump), "--dry-run"]);
    assert_eq!(dry["tables"]["customers"], 2, "the dry run reports what the book would hold");
    assert_eq!(b.json_on("new.db", &["customers", "list"])["total"], 0, "and writes nothing");

    let done = b.json_on("new.db", &["import", s(&dump)]);
    assert_eq!(done["tables"]["customers"], 2);
    assert_eq!(b.json_on("new.db", &["search", "zs"])[0]["name"], "张三", "restored and searchable");
    let err = b.fails_on("book.db", &["import", s(&dump), "--format", "json"]);
    assert_eq!(err["code"], "restore_not_empty", "a dump only goes into an empty book");
}

#[test]
fn export_of_a_segment_writes_only_its_customers() {
    let b = Book::new();
    b.add(&["--name", "张三", "--tier", "VIP"]);
    b.add(&["--name", "李四", "--tier", "C"]);
    b.add(&["--name", "王五", "--tier", "VIP"]);
    b.json(&["segments", "add", "VIP 客户", "--filter", r#"{"tiers":["VIP"]}"#]);
    let csv = b.path("vip.csv");
    let r = b.json(&["export", "--format", "csv", "--segment", "VIP 客户", "-o", s(&csv)]);
    assert_eq!(r["count"], 2);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("张三") && text.contains("王五") && !text.contains("李四"), "{text}");
    let err = b.fails_on("book.db", &["export", "--format", "csv", "--segment", "nope", "-o", s(&csv)]);
    assert_eq!(err["code"], "not_found");
}

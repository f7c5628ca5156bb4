//! The `fieldbook` binary as a script would use it: real database file, JSON output,
//! exit codes and error messages.

mod common;

use assert_cmd::Command;
use common::Book;
use serde_json::Value;

fn add(b: &Book, args: &[&str]) -> String {
    let mut all = vec!["customers", "add"];
    all.extend_from_slice(args);
    b.json(&all)["id"].as_str().unwrap().to_string()
}

#[test]
fn add_prints_the_new_id_and_show_returns_every_field() {
    let b = Book::new();
    let out =
        b.command().args(["customers", "add", "--name", "张三", "--phone", "+86 138 0013 8000"]).output().unwrap();
    assert!(out.status.success());
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(uuid_like(&id), "plain output is just the id: {id:?}");

    let id2 = add(
        &b,
        &[
            "--name",
            "李四",
            "--email",
            "li@example.com",
            "--tier",
            "VIP",
            "--tag",
            "golf",
            "--tag",
            "理财",
            "--lunar-birthday",
            "1984-L10-15",
        ],
    );
    let c = b.json(&["customers", "show", &id2]);
    assert_eq!(c["name"], "李四");
    assert_eq!(c["tier"], "VIP");
    assert_eq!(c["tags"], serde_json::json!(["golf", "理财"]));
    assert_eq!(
        c["birthday"],
        serde_json::json!({"calendar": "lunar", "year": 1984, "month": 10, "leap": true, "day": 15})
    );
    assert_eq!(c["emails"][0]["value"], "li@example.com");
}

#[test]
fn a_person_joins_an_organization_by_name() {
    let b = Book::new();
    let org = add(&b, &["--name", "华信科技有限公司", "--kind", "organization"]);
    let p = add(&b, &["--name", "王五", "--company", "华信科技有限公司"]);
    assert_eq!(b.json(&["customers", "show", &p])["company_id"], org);
    assert_eq!(b.json(&["customers", "show", &org])["members"][0]["name"], "王五");
    let out = b.command().args(["customers", "add", "--name", "X", "--company", "Nowhere Inc"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no organization named"));
}

#[test]
fn search_returns_json_hits_with_id_and_name_by_pinyin_initials_and_phone_suffix() {
    let b = Book::new();
    let id = add(&b, &["--name", "曾国藩", "--phone", "138-0013-8000"]);
    add(&b, &["--name", "John Smith"]);
    for q in ["zgf", "zengguofan", "8000", "国藩"] {
        let hits = b.json(&["search", q, "--limit", "5"]);
        assert_eq!(hits[0]["id"], id.as_str(), "query {q}");
        assert_eq!(hits[0]["name"], "曾国藩");
    }
    assert_eq!(b.json(&["search", "smith"])[0]["name"], "John Smith");
}

#[test]
fn delete_moves_to_the_trash_and_restore_brings_back() {
    let b = Book::new();
    let id = add(&b, &["--name", "赵六"]);
    b.json(&["customers", "delete", &id]);
    assert_eq!(b.json(&["customers", "list"])["total"], 0);
    assert_eq!(b.json(&["customers", "list", "--trash"])["items"][0]["id"], id.as_str());
    assert_eq!(b.json(&["search", "zhaoliu"]).as_array().unwrap().len(), 0);
    b.json(&["customers", "restore", &id]);
    assert_eq!(b.json(&["customers", "list"])["total"], 1);
}

#[test]
fn invalid_input_fails_with_a_json_error_on_stderr_and_writes_nothing() {
    let b = Book::new();
    for (args, code, field) in [
        (vec!["--name", "A", "--email", "nope"], "email_invalid", Some("emails[0]")),
        (vec!["--name", "A", "--birthday", "2023-02-29"], "date_impossible", Some("birthday")),
        (vec!["--name", "A", "--lunar-birthday", "2024-L02-15"], "lunar_date_impossible", Some("lunar_birthday")),
        (vec!["--name", "  "], "name_empty", Some("name")),
        (vec!["--name", "A", "--birthday", "1984/10/15"], "date_format", Some("birthday")),
    ] {
        let out = b.command().arg("--json").args(["customers", "add"]).args(&args).output().unwrap();
        assert!(!out.status.success(), "{args:?} must fail");
        assert!(out.stdout.is_empty(), "nothing on stdout for an error");
        let err: Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(err["code"], code, "{args:?}");
        assert_eq!(err["field"].as_str(), field, "{args:?}");
    }
    assert_eq!(b.json(&["customers", "list"])["total"], 0, "no failed add wrote anything");
}

#[test]
fn show_of_a_missing_id_is_a_not_found_error() {
    let b = Book::new();
    let out = b.command().args(["customers", "show", "nope"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not found"));
}

#[test]
fn seed_is_reproducible_for_a_seed_and_mixes_chinese_english_and_lunar() {
    let names = |seed: &str| {
        let b = Book::new();
        b.json(&["seed", "--customers", "300", "--seed", seed]);
        let page = b.json(&["customers", "list", "--limit", "500"]);
        assert_eq!(page["total"], 300);
        let mut names: Vec<String> =
            page["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect();
        names.sort();
        (b, names)
    };
    let (b, first) = names("42");
    let (_, again) = names("42");
    assert_eq!(first, again, "the same seed gives the same book");
    assert!(first.iter().any(|n| n.is_ascii()) && first.iter().any(|n| !n.is_ascii()), "mixed Chinese and English");
    let lunar: i64 = rusqlite::Connection::open(b.dir.path().join("book.db"))
        .unwrap()
        .query_row("SELECT COUNT(*) FROM customers WHERE birthday LIKE '%lunar%'", [], |r| r.get(0))
        .unwrap();
    assert!(lunar > 0, "some seeded birthdays are lunar");
}

#[test]
fn the_default_database_is_in_the_data_dir_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Command::cargo_bin("fieldbook").unwrap();
    c.env("FIELDBOOK_DATA_DIR", dir.path()).args(["customers", "add", "--name", "Env"]).assert().success();
    assert!(dir.path().join("fieldbook.db").exists());
}

#[test]
fn help_lists_the_commands() {
    let out = Command::cargo_bin("fieldbook").unwrap().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for cmd in ["customers", "search", "seed", "bench", "--db", "--json"] {
        assert!(help.contains(cmd), "--help mentions {cmd}");
    }
}

fn uuid_like(s: &str) -> bool {
    s.len() == 36 && s.chars().filter(|c| *c == '-').count() == 4
}

#[test]
fn reminder_settings_change_from_the_cli_and_bad_times_are_refused() {
    let b = Book::new();
    assert_eq!(b.json(&["reminders", "settings"])["notify_at"], "09:00", "default notification time");
    let s = b.json(&["reminders", "settings", "--notify-at", "07:30", "--country", "us"]);
    assert_eq!(s["notify_at"], "07:30");
    assert_eq!(s["countries"], serde_json::json!(["US"]));
    assert_eq!(b.json(&["reminders", "settings"])["notify_at"], "07:30", "saved");
    let out = b.command().args(["--json", "reminders", "settings", "--notify-at", "25:00"]).output().unwrap();
    assert!(!out.status.success());
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["code"], "time_invalid");
}

#[test]
fn quiet_hours_and_a_customers_own_revisit_interval_are_set_from_the_cli() {
    let b = Book::new();
    let s = b.json(&["reminders", "settings", "--quiet-hours", "22:00-07:30"]);
    assert_eq!(s["quiet_hours"], serde_json::json!({ "start": "22:00", "end": "07:30" }));
    assert_eq!(b.json(&["reminders", "settings", "--quiet-hours", "off"])["quiet_hours"], Value::Null);
    let out = b.command().args(["--json", "reminders", "settings", "--quiet-hours", "22:00-22:00"]).output().unwrap();
    assert!(!out.status.success(), "an empty window is refused");
    assert_eq!(serde_json::from_slice::<Value>(&out.stderr).unwrap()["code"], "quiet_hours_empty");

    let id = b.json(&["customers", "add", "--name", "王芳"])["id"].as_str().unwrap().to_string();
    assert_eq!(b.json(&["reminders", "revisit", &id])["interval_days"], Value::Null, "the tier's by default");
    assert_eq!(b.json(&["reminders", "revisit", &id, "--days", "5"])["interval_days"], 5);
    assert_eq!(b.json(&["reminders", "revisit", &id])["interval_days"], 5, "kept");
    assert_eq!(b.json(&["reminders", "revisit", &id, "--clear"])["interval_days"], Value::Null);
}

#[test]
fn create_company_adds_a_missing_organization_once_and_links_the_person() {
    let b = Book::new();
    let made = b.json(&["customers", "add", "--name", "张三", "--company", "华为技术", "--create-company"]);
    assert_eq!(made["company_created"], true);
    let person = b.json(&["customers", "show", made["id"].as_str().unwrap()]);
    assert_eq!(person["company_id"], made["company_id"]);
    assert_eq!(person["company_name"], "华为技术");
    let again = b.json(&["customers", "add", "--name", "李四", "--company", "华为技术", "--create-company"]);
    assert_eq!(again["company_created"], false, "an existing organization is used, not duplicated");
    assert_eq!(again["company_id"], made["company_id"]);
    assert_eq!(b.json(&["customers", "list"])["total"], 3, "two people and one organization");

    let err = b.error(&[
        "customers",
        "add",
        "--name",
        "王五",
        "--phone",
        "call me",
        "--company",
        "新公司",
        "--create-company",
    ]);
    assert_eq!(err["code"], "phone_invalid");
    assert_eq!(b.json(&["customers", "list"])["total"], 3, "an invalid person creates no company either");
    let out = b.command().args(["customers", "add", "--name", "X", "--create-company"]).output().unwrap();
    assert!(!out.status.success(), "--create-company needs --company");
}

//! `fieldbook passphrase set|change|remove` and opening an encrypted book from a script:
//! coded errors, non-zero exits, nothing but our JSON error on stderr, nothing written.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::Book;

const PHONE: &str = "13811112222";

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect()
}

fn has_phone(dir: &Path) -> bool {
    snapshot(dir).values().any(|b| b.windows(PHONE.len()).any(|w| w == PHONE.as_bytes()))
}

/// Run with `--json` and `FIELDBOOK_PASSPHRASE` as given (None: unset); expect failure with
/// exactly one line on stderr, our JSON error; return its code.
fn error_code(b: &Book, key: Option<&str>, args: &[&str]) -> String {
    let mut c = b.command();
    match key {
        Some(k) => c.env("FIELDBOOK_PASSPHRASE", k),
        None => c.env_remove("FIELDBOOK_PASSPHRASE"),
    };
    let out = c.arg("--json").args(args).output().unwrap();
    assert!(!out.status.success(), "{args:?} must fail");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "only our coded error, no SQLCipher log: {stderr:?}");
    let e: serde_json::Value = serde_json::from_str(&stderr).unwrap();
    e["code"].as_str().unwrap().to_string()
}

#[test]
fn set_encrypts_an_existing_book_and_then_every_command_needs_the_passphrase() {
    let mut b = Book::new();
    b.cmd(&["customers", "add", "--name", "张三", "--phone", PHONE]).success();
    assert!(has_phone(b.dir.path()), "control: the plaintext book shows the phone");
    b.command().env("FIELDBOOK_PASSPHRASE", "open sesame").args(["passphrase", "set"]).assert().success();
    assert!(!has_phone(b.dir.path()), "after `passphrase set` the phone is nowhere in the folder");

    assert_eq!(error_code(&b, None, &["customers", "list"]), "passphrase_required");
    assert_eq!(error_code(&b, Some("open says me"), &["customers", "list"]), "passphrase_wrong");
    b.key = Some("open sesame".into());
    assert_eq!(b.json(&["search", "2222"])[0]["name"], "张三", "search works on the encrypted book");
}

#[test]
fn a_wrong_passphrase_writes_nothing() {
    let b = Book::encrypted("right");
    b.cmd(&["customers", "add", "--name", "Ann", "--phone", PHONE]).success();
    let before = snapshot(b.dir.path());
    assert_eq!(error_code(&b, Some("wrong"), &["customers", "add", "--name", "Bob"]), "passphrase_wrong");
    assert_eq!(error_code(&b, Some("wrong"), &["backup", "now"]), "passphrase_wrong");
    assert_eq!(snapshot(b.dir.path()), before, "no file created or changed");
}

#[test]
fn a_passphrase_for_a_plaintext_book_is_a_coded_error() {
    let b = Book::new();
    b.cmd(&["customers", "add", "--name", "Ann"]).success();
    assert_eq!(error_code(&b, Some("x"), &["customers", "list"]), "book_not_encrypted");
}

#[test]
fn change_rekeys_and_remove_decrypts() {
    let mut b = Book::encrypted("old");
    b.cmd(&["customers", "add", "--name", "Ann", "--phone", PHONE]).success();
    b.command().env("FIELDBOOK_NEW_PASSPHRASE", "new").args(["passphrase", "change"]).assert().success();
    assert_eq!(error_code(&b, Some("old"), &["customers", "list"]), "passphrase_wrong");
    b.key = Some("new".into());
    assert_eq!(b.json(&["customers", "list"])["total"], 1);
    assert!(!has_phone(b.dir.path()));

    b.cmd(&["passphrase", "remove"]).success();
    b.key = None;
    assert_eq!(b.json(&["customers", "list"])["total"], 1);
    assert!(has_phone(b.dir.path()), "decrypted back to plaintext");
}

#[test]
fn without_a_terminal_or_the_variable_a_passphrase_command_fails_with_a_code() {
    let b = Book::encrypted("k");
    b.cmd(&["customers", "add", "--name", "Ann"]).success();
    assert_eq!(error_code(&b, None, &["passphrase", "change"]), "passphrase_required");
    assert_eq!(error_code(&b, None, &["passphrase", "remove"]), "passphrase_required");
    let plain = Book::new();
    plain.cmd(&["customers", "add", "--name", "Ann"]).success();
    assert_eq!(error_code(&plain, None, &["passphrase", "set"]), "passphrase_required");
}

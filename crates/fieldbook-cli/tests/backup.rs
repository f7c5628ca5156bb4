//! `fieldbook backup now|list|restore` on real files: encrypted, verified backups, restore
//! with a preview, and a damaged book that names its latest good backup.

mod common;

use std::path::Path;

use common::Book;
use serde_json::Value;

fn add(b: &Book, name: &str) {
    b.cmd(&["customers", "add", "--name", name]).success();
}

fn total(b: &Book) -> u64 {
    b.json(&["customers", "list"])["total"].as_u64().unwrap()
}

const MARKER: &str = "Bartholomew Quincey-Oyelaran";

#[test]
fn backup_now_writes_an_encrypted_verified_copy_that_list_shows_with_its_customers() {
    let b = Book::encrypted("k");
    add(&b, "Ann");
    // A name long enough that random ciphertext cannot contain it by chance (a 3-byte name
    // turned up in ~1% of encrypted backups and failed CI).
    add(&b, MARKER);
    let made = b.json(&["backup", "now"]);
    let path = made["path"].as_str().unwrap();
    assert!(path.starts_with(b.dir.path().join("backups").to_str().unwrap()), "default folder beside the book");
    assert_eq!(made["customers"], 2);
    let bytes = std::fs::read(path).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"), "no plaintext SQLite header");
    assert!(!bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes()), "encrypted like the book");
    let listed = b.json(&["backup", "list"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["customers"], 2);
    assert!(listed[0]["bytes"].as_u64().unwrap() > 0);

    let elsewhere = b.dir.path().join("usb");
    let to = b.json(&["backup", "now", "--to", elsewhere.to_str().unwrap()]);
    assert!(to["path"].as_str().unwrap().starts_with(elsewhere.to_str().unwrap()));
    let there = b.json(&["backup", "list", "--dir", elsewhere.to_str().unwrap()]);
    assert_eq!(there[0]["customers"], 2);
}

#[test]
fn restore_previews_then_brings_the_backup_back_and_keeps_the_replaced_book() {
    let b = Book::encrypted("k");
    add(&b, "Ann");
    let file = b.json(&["backup", "now"])["path"].as_str().unwrap().to_string();
    add(&b, "Bob");
    add(&b, "Cai");
    let preview = b.json(&["backup", "restore", &file, "--preview"]);
    assert_eq!(preview["info"]["customers"], 1);
    assert_eq!(preview["sample_names"], serde_json::json!(["Ann"]));
    assert_eq!(total(&b), 3, "a preview changes nothing");

    let r: Value = b.json(&["backup", "restore", &file]);
    assert_eq!(r["customers"], 1);
    assert_eq!(total(&b), 1);
    let kept = r["kept_current_as"].as_str().unwrap();
    assert!(kept.ends_with("-before-restore.db"));
    let listed = b.json(&["backup", "list"]);
    let before = listed.as_array().unwrap().iter().find(|x| x["path"] == kept).unwrap();
    assert_eq!(before["customers"], 3, "the replaced book is itself a backup");
    add(&b, "Dan");
    assert_eq!(total(&b), 2, "the restored book takes writes");
}

#[test]
fn a_damaged_book_is_reported_with_its_latest_good_backup_and_never_overwritten() {
    let b = Book::encrypted("k");
    for i in 0..40 {
        b.cmd(&["customers", "add", "--name", &format!("Customer {i}"), "--notes", &"x".repeat(2000)]).success();
    }
    let good = b.json(&["backup", "now"])["path"].as_str().unwrap().to_string();
    let len = std::fs::metadata(&b.db).unwrap().len();
    std::fs::OpenOptions::new().write(true).open(&b.db).unwrap().set_len(len / 2).unwrap();
    let damaged = std::fs::read(&b.db).unwrap();

    let e = b.error(&["customers", "list"]);
    assert_eq!(e["code"], "book_corrupt");
    assert!(e["message"].as_str().unwrap().contains(&good), "names the backup to restore: {e}");
    assert_eq!(std::fs::read(&b.db).unwrap(), damaged, "opening did not write to the damaged file");

    let r = b.json(&["backup", "restore", &good]);
    let aside = r["damaged_kept_as"].as_str().unwrap();
    assert_eq!(std::fs::read(aside).unwrap(), damaged, "the damaged book is kept, byte for byte");
    assert_eq!(total(&b), 40);
}

#[test]
fn restoring_a_missing_or_foreign_file_is_a_coded_error_and_changes_nothing() {
    let b = Book::encrypted("k");
    add(&b, "Ann");
    let before = std::fs::read(&b.db).unwrap();
    assert_eq!(b.error(&["backup", "restore", "/nonexistent/fieldbook-x.db"])["code"], "not_found");
    let other = Book::encrypted("another key");
    add(&other, "Eve");
    let theirs = other.json(&["backup", "now"])["path"].as_str().unwrap().to_string();
    assert_eq!(b.error(&["backup", "restore", &theirs])["code"], "passphrase_wrong");
    assert_eq!(std::fs::read(&b.db).unwrap(), before);
    assert!(!Path::new(&b.dir.path().join("backups")).exists(), "nothing was backed up for a refused restore");
}

#[test]
fn backup_settings_change_the_folder_and_retention() {
    let b = Book::new();
    add(&b, "Ann");
    let folder = b.dir.path().join("elsewhere");
    let s = b.json(&["backup", "settings", "--folder", folder.to_str().unwrap(), "--keep-daily", "3"]);
    assert_eq!((s["keep_daily"].as_u64(), s["keep_weekly"].as_u64()), (Some(3), Some(4)));
    let made = b.json(&["backup", "now"]);
    assert!(made["path"].as_str().unwrap().starts_with(folder.to_str().unwrap()));
    assert_eq!(b.error(&["backup", "settings", "--keep-daily", "0"])["code"], "backup_keep_invalid");
}

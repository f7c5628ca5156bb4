//! Encryption at rest on real files: what the bytes on disk show, wrong and missing keys,
//! re-keying, and encrypting or decrypting a book in place without losing a row.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::cipher::{self, unlock_delay, Passphrase};
use crate::clock::SystemClock;
use crate::customers::{ContactPoint, CustomerInput};
use crate::seed::Seeder;
use crate::Store;
use rusqlite::OpenFlags;

const PHONE: &str = "13912345678";
const NAME: &str = "欧阳娜娜";

fn key(s: &str) -> Passphrase {
    Passphrase::new(s).unwrap()
}

fn clock() -> Arc<dyn crate::clock::Clock> {
    Arc::new(SystemClock)
}

/// A book at `path` with a known customer (NAME, PHONE) and `n` seeded ones.
fn make_book(path: &Path, k: Option<&Passphrase>, n: usize) {
    let mut s = Store::open_with(path, k, clock()).unwrap();
    let known = CustomerInput {
        name: NAME.into(),
        phones: vec![ContactPoint { id: None, label: "mobile".into(), value: PHONE.into() }],
        ..Default::default()
    };
    s.create_customer(known).unwrap();
    let mut seeder = Seeder::new(7);
    s.create_customers((0..n).map(|_| seeder.person(None)).collect()).unwrap();
}

/// Every file in the book's folder with its bytes: "nothing written" means this is unchanged.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut m = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            m.insert(p.clone(), std::fs::read(&p).unwrap());
        }
    }
    m
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn all_bytes(dir: &Path) -> Vec<u8> {
    snapshot(dir).into_values().flatten().collect()
}

fn customers(s: &Store) -> i64 {
    s.conn().query_row("SELECT count(*) FROM customers", [], |r| r.get(0)).unwrap()
}

fn counts(s: &Store) -> Vec<(String, i64)> {
    cipher::table_counts(s.conn(), "main").unwrap()
}

#[test]
fn an_encrypted_book_shows_no_phone_or_name_in_its_bytes_and_a_plain_one_does() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain");
    let enc = dir.path().join("enc");
    std::fs::create_dir(&plain).unwrap();
    std::fs::create_dir(&enc).unwrap();
    make_book(&plain.join("book.db"), None, 20);
    make_book(&enc.join("book.db"), Some(&key("correct horse")), 20);
    // The plaintext book is the control: the search proves the needle would be found.
    assert!(contains(&all_bytes(&plain), PHONE) && contains(&all_bytes(&plain), NAME));
    let bytes = all_bytes(&enc);
    assert!(!contains(&bytes, PHONE), "the phone number must not be readable on disk");
    assert!(!contains(&bytes, NAME), "the name must not be readable on disk");
    assert!(!contains(&bytes, "SQLite format 3"), "not even the SQLite header is in clear");
}

#[test]
fn a_wrong_or_missing_passphrase_is_a_coded_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.db");
    make_book(&book, Some(&key("right")), 5);
    let before = snapshot(dir.path());
    let wrong = Store::open_encrypted(&book, &key("wrong"), clock()).err().unwrap();
    assert_eq!(wrong.code(), "passphrase_wrong");
    let missing = Store::open(&book, clock()).err().unwrap();
    assert_eq!(missing.code(), "passphrase_required");
    let reader = Store::open_reader_with(&book, Some(&key("wrong")), clock()).err().unwrap();
    assert_eq!(reader.code(), "passphrase_wrong");
    assert_eq!(snapshot(dir.path()), before, "no file was created or changed by the failed opens");
    let s = Store::open_encrypted(&book, &key("right"), clock()).unwrap();
    assert_eq!(s.search(PHONE, 5).unwrap()[0].customer.name, NAME, "the right passphrase still opens it");
}

#[test]
fn a_passphrase_for_a_plaintext_book_is_refused_without_touching_it() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.db");
    make_book(&book, None, 3);
    let before = snapshot(dir.path());
    let e = Store::open_encrypted(&book, &key("x"), clock()).err().unwrap();
    assert_eq!(e.code(), "book_not_encrypted");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn an_empty_passphrase_is_refused() {
    assert_eq!(Passphrase::new("").unwrap_err().code(), "passphrase_empty");
    assert_eq!(format!("{:?}", key("s3cret")), "Passphrase(<hidden>)", "Debug must never print it");
}

#[test]
fn changing_the_passphrase_rekeys_the_book_and_the_old_one_stops_working() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.db");
    make_book(&book, Some(&key("old")), 30);
    let want = counts(&Store::open_encrypted(&book, &key("old"), clock()).unwrap());
    super::change_passphrase(&book, &key("old"), &key("new")).unwrap();
    assert_eq!(Store::open_encrypted(&book, &key("old"), clock()).err().unwrap().code(), "passphrase_wrong");
    let s = Store::open_encrypted(&book, &key("new"), clock()).unwrap();
    assert_eq!(counts(&s), want, "every row survives the re-key");
    assert_eq!(s.integrity_check().unwrap(), "ok");
    assert!(!contains(&all_bytes(dir.path()), PHONE));
}

#[test]
fn a_wrong_old_passphrase_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.db");
    make_book(&book, Some(&key("old")), 3);
    let before = snapshot(dir.path());
    let e = super::change_passphrase(&book, &key("guess"), &key("new")).unwrap_err();
    assert_eq!(e.code(), "passphrase_wrong");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn encrypting_a_plaintext_book_in_place_keeps_every_row_search_and_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.db");
    make_book(&book, None, 300);
    let (want, version) = {
        let s = Store::open(&book, clock()).unwrap();
        let v: i64 = s.conn().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        (counts(&s), v)
    };
    super::set_passphrase(&book, &key("new secret")).unwrap();
    assert!(!contains(&all_bytes(dir.path()), PHONE), "the plaintext is gone from the folder");
    assert_eq!(Store::open(&book, clock()).err().unwrap().code(), "passphrase_required");
    let s = Store::open_encrypted(&book, &key("new secret"), clock()).unwrap();
    assert_eq!(counts(&s), want, "same rows in every table, search index included");
    let v: i64 = s.conn().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, version, "the schema version is carried over, so no migration re-runs");
    let finds = |q: &str| s.search(q, 50).unwrap().iter().any(|h| h.customer.name == NAME);
    assert!(finds("欧阳娜娜"), "FTS trigram search works");
    assert!(finds("娜娜"), "the short-query fallback works");
    assert!(finds("oynn"), "pinyin initials work");
    assert!(finds("345678"), "phone suffix search works");
    assert!(std::fs::read_dir(dir.path()).unwrap().all(|e| !e
        .unwrap()
        .path()
        .to_string_lossy()
        .contains("converting")));
}

#[test]
fn setting_a_passphrase_twice_is_refused_and_removing_it_restores_a_plain_book() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.db");
    make_book(&book, Some(&key("one")), 10);
    let before = snapshot(dir.path());
    assert_eq!(super::set_passphrase(&book, &key("two")).unwrap_err().code(), "passphrase_already_set");
    assert_eq!(snapshot(dir.path()), before);
    let want = counts(&Store::open_encrypted(&book, &key("one"), clock()).unwrap());
    super::remove_passphrase(&book, &key("one")).unwrap();
    let s = Store::open(&book, clock()).unwrap();
    assert_eq!(counts(&s), want);
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn encrypting_refuses_while_another_connection_has_the_book_open() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.db");
    make_book(&book, None, 3);
    let other = Store::open(&book, clock()).unwrap();
    let e = super::set_passphrase(&book, &key("k")).unwrap_err();
    assert_eq!(e.code(), "book_busy", "its commits would be lost with the swapped-out file");
    drop(other);
    assert_eq!(Store::open(&book, clock()).unwrap().search(NAME, 1).unwrap().len(), 1, "still the plain book");
}

#[test]
fn a_truncated_book_is_reported_as_corrupt_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.db");
    make_book(&book, Some(&key("k")), 400);
    let len = std::fs::metadata(&book).unwrap().len();
    std::fs::OpenOptions::new().write(true).open(&book).unwrap().set_len(len / 2).unwrap();
    let before = snapshot(dir.path());
    let e = Store::open_encrypted(&book, &key("k"), clock()).err().unwrap();
    assert_eq!(e.code(), "book_corrupt", "{e}");
    assert_eq!(snapshot(dir.path()), before, "the damaged file is never written to");
}

#[cfg(unix)]
#[test]
fn a_new_book_and_its_side_files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("data/book.db");
    let s = Store::open_encrypted(&book, &key("k"), clock()).unwrap();
    for p in [book.clone(), PathBuf::from(format!("{}-wal", book.display()))] {
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600, "{}", p.display());
    }
    assert_eq!(std::fs::metadata(dir.path().join("data")).unwrap().permissions().mode() & 0o777, 0o700);
    drop(s);
}

#[test]
fn unlock_attempts_back_off_after_three_failures_up_to_thirty_seconds() {
    let secs: Vec<u64> = (0..12).map(|n| unlock_delay(n).as_secs()).collect();
    assert_eq!(secs, [0, 0, 0, 1, 2, 4, 8, 16, 30, 30, 30, 30]);
}

#[test]
fn the_key_is_derived_once_per_file_and_opens_a_book_sqlcipher_keyed_itself() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    // SQLCipher derives the key from the passphrase itself here (the text key).
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        key("蓝色 valentines").apply_to(&conn).unwrap();
        conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES ('kept');").unwrap();
    }
    let k = key("蓝色 valentines");
    let conns: Vec<_> =
        (0..5).map(|_| cipher::connect(&path, Some(&k), OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()).collect();
    for c in &conns {
        assert_eq!(c.query_row("SELECT x FROM t", [], |r| r.get::<_, String>(0)).unwrap(), "kept");
    }
    assert_eq!(k.derivations(), 1, "five connections, one derivation");
    let wrong = cipher::connect(&path, Some(&key("blue valentines")), OpenFlags::SQLITE_OPEN_READ_ONLY);
    assert_eq!(wrong.err().unwrap().code(), "passphrase_wrong");
}

#[test]
fn a_store_and_its_readers_share_one_derivation_and_a_new_passphrase_derives_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    make_book(&path, None, 3);
    let k = key("月光 42");
    cipher::set_passphrase(&path, &k).unwrap();
    assert_eq!(k.derivations(), 1, "checking the encrypted copy derived its key");
    let s = Store::open_encrypted(&path, &k, clock()).unwrap();
    let readers: Vec<_> = (0..4).map(|_| s.reader().unwrap()).collect();
    assert_eq!(customers(&readers[3]), 4);
    assert_eq!(k.derivations(), 1, "the swapped-in copy keeps its salt: the writer and four readers derive nothing");
    drop((s, readers));
    let new = key("星光 43");
    cipher::change_passphrase(&path, &k, &new).unwrap();
    let reopened = Store::open_encrypted(&path, &new, clock()).unwrap();
    assert_eq!(customers(&reopened), 4, "the re-keyed book opens with the new passphrase's own key");
    let old = Store::open_encrypted(&path, &key("月光 42"), clock());
    assert_eq!(old.err().unwrap().code(), "passphrase_wrong");
}

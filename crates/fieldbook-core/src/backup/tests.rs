//! Backups on real files: encrypted like the book, verified, rotated, listed, restored.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::clock::ManualClock;
use crate::customers::{ContactPoint, CustomerInput};
use crate::seed::Seeder;

const PHONE: &str = "13987654321";

fn key() -> Passphrase {
    Passphrase::new("backup key").unwrap()
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 3, 9, 30, 0).unwrap()
}

struct Book {
    _dir: tempfile::TempDir,
    path: PathBuf,
    folder: PathBuf,
    clock: Arc<ManualClock>,
}

impl Book {
    /// An encrypted book with one known customer (PHONE) and `n` seeded ones.
    fn new(n: usize) -> Book {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fieldbook.db");
        let folder = dir.path().join("backups");
        let b = Book { path, folder, clock: Arc::new(ManualClock::new(t0())), _dir: dir };
        let mut s = b.open();
        let known = CustomerInput {
            name: "Known Person".into(),
            phones: vec![ContactPoint { id: None, label: "mobile".into(), value: PHONE.into() }],
            ..Default::default()
        };
        s.create_customer(known).unwrap();
        b.add(&mut s, n);
        b
    }

    fn open(&self) -> Store {
        Store::open_encrypted(&self.path, &key(), self.clock.clone()).unwrap()
    }

    fn add(&self, s: &mut Store, n: usize) {
        let mut seeder = Seeder::new(n as u64);
        s.create_customers((0..n).map(|_| seeder.person(None)).collect()).unwrap();
    }

    fn customers(&self) -> u64 {
        live_count(self.open().conn(), "customers").unwrap()
    }
}

fn names(folder: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

#[test]
fn a_backup_is_encrypted_like_the_book_verified_and_listed_with_its_customers() {
    let b = Book::new(40);
    let info = b.open().back_up(&b.folder, t0()).unwrap();
    assert_eq!(info.file_name, "fieldbook-20250303-093000.db");
    assert_eq!((info.customers, info.automatic, info.problem.clone()), (Some(41), true, None));
    let bytes = std::fs::read(&info.path).unwrap();
    assert!(!bytes.windows(PHONE.len()).any(|w| w == PHONE.as_bytes()), "the backup is encrypted too");
    assert_eq!(names(&b.folder), ["fieldbook-20250303-093000.db"], "no temp file or log is left beside it");
    let wrong = Passphrase::new("nope").unwrap();
    assert_eq!(list(&b.folder, Some(&wrong)).unwrap()[0].problem.as_deref(), Some("passphrase_wrong"));
    assert_eq!(list(&b.folder, Some(&key())).unwrap(), vec![info]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&b.folder), 0o700);
        assert_eq!(mode(&b.folder.join("fieldbook-20250303-093000.db")), 0o600);
    }
}

#[test]
fn a_backup_runs_while_another_connection_is_writing_and_holds_only_committed_rows() {
    let b = Book::new(10);
    let s = b.open();
    let other = rusqlite::Connection::open(&b.path).unwrap();
    other.pragma_update(None, "key", "backup key").unwrap();
    other.execute_batch("BEGIN IMMEDIATE; UPDATE customers SET name = 'uncommitted';").unwrap();
    let info = s.back_up(&b.folder, t0()).unwrap();
    assert_eq!(info.customers, Some(11));
    let copy = open_checked(Path::new(&info.path), Some(&key()), "integrity_check").unwrap();
    let dirty: i64 =
        copy.query_row("SELECT count(*) FROM customers WHERE name = 'uncommitted'", [], |r| r.get(0)).unwrap();
    assert_eq!(dirty, 0, "an open transaction's writes are not in the backup");
    other.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn daily_backups_for_two_months_rotate_down_to_seven_days_and_four_weeks() {
    let b = Book::new(2);
    let s = b.open();
    let mut made = 0;
    for day in 0..60 {
        let now = t0() + Duration::days(day);
        // The app asks every hour; only one a day is due.
        for hour in 0..3 {
            if s.backup_if_due(now + Duration::hours(hour * 8)).unwrap().is_some() {
                made += 1;
            }
        }
    }
    assert_eq!(made, 60, "one backup a day");
    let kept = list(&b.folder, Some(&key())).unwrap();
    assert!((9..=11).contains(&kept.len()), "7 daily + up to 4 weekly: {:?}", names(&b.folder));
    assert_eq!(kept[0].taken_at, "2025-05-01T09:30:00.000Z", "the newest is first");
    assert!(kept.iter().all(|k| k.customers == Some(3)));
}

#[test]
fn backups_kept_by_a_restore_are_never_rotated_out() {
    let b = Book::new(2);
    let first = b.open().back_up(&b.folder, t0()).unwrap();
    let r = restore(&b.path, Path::new(&first.path), Some(&key()), &b.folder, b.clock.clone()).unwrap();
    let kept = r.kept_current_as.unwrap();
    assert!(kept.ends_with("-before-restore.db"), "{kept}");
    let s = b.open();
    for day in 1..20 {
        s.back_up_and_rotate(t0() + Duration::days(day)).unwrap();
    }
    assert!(Path::new(&kept).exists(), "a restore's safety copy is the user's to delete");
}

#[test]
fn restore_brings_the_backup_back_keeps_the_current_book_and_gives_a_new_device_id() {
    let b = Book::new(20);
    let original_device = b.open().device_id().to_string();
    let backup = b.open().back_up(&b.folder, t0()).unwrap();
    {
        let mut s = b.open();
        b.add(&mut s, 15);
    }
    assert_eq!(b.customers(), 36);
    let p = preview(Path::new(&backup.path), Some(&key())).unwrap();
    assert_eq!((p.info.customers, p.interactions, p.orders), (Some(21), 0, 0));
    assert_eq!(p.sample_names.len(), 5);

    b.clock.set(t0() + Duration::hours(2));
    let r = restore(&b.path, Path::new(&backup.path), Some(&key()), &b.folder, b.clock.clone()).unwrap();
    assert_eq!(r.customers, 21);
    assert_eq!(b.customers(), 21, "the book is the backup again");
    let s = b.open();
    assert_eq!(s.device_id(), r.device_id);
    assert_ne!(r.device_id, original_device, "sync must see a different device");
    assert_eq!(s.integrity_check().unwrap(), "ok");
    let kept = list(&b.folder, Some(&key())).unwrap();
    let before = kept.iter().find(|k| k.file_name == "fieldbook-20250303-113000-before-restore.db").unwrap();
    assert_eq!(before.customers, Some(36), "the replaced book was kept as a backup first");
    assert!(!before.automatic);
}

#[test]
fn restore_over_a_damaged_book_moves_it_aside_untouched() {
    let b = Book::new(300);
    let backup = b.open().back_up(&b.folder, t0()).unwrap();
    let len = std::fs::metadata(&b.path).unwrap().len();
    std::fs::OpenOptions::new().write(true).open(&b.path).unwrap().set_len(len / 3).unwrap();
    let damaged = std::fs::read(&b.path).unwrap();
    assert_eq!(Store::open_encrypted(&b.path, &key(), b.clock.clone()).err().unwrap().code(), "book_corrupt");
    let good = latest_good(&b.folder, Some(&key())).unwrap().unwrap();
    assert_eq!(good.path, backup.path, "the latest good backup is offered");
    let r = restore(&b.path, Path::new(&good.path), Some(&key()), &b.folder, b.clock.clone()).unwrap();
    let aside = r.damaged_kept_as.unwrap();
    assert_eq!(std::fs::read(&aside).unwrap(), damaged, "the damaged file is kept byte for byte");
    assert_eq!(b.customers(), 301);
}

#[test]
fn a_damaged_backup_is_skipped_when_offering_the_latest_good_one_and_cannot_be_restored() {
    let b = Book::new(300);
    let older = b.open().back_up(&b.folder, t0()).unwrap();
    let newer = b.open().back_up(&b.folder, t0() + Duration::days(1)).unwrap();
    let len = std::fs::metadata(&newer.path).unwrap().len();
    std::fs::OpenOptions::new().write(true).open(&newer.path).unwrap().set_len(len / 2).unwrap();
    assert_eq!(latest_good(&b.folder, Some(&key())).unwrap().unwrap().path, older.path);
    let before = std::fs::read(&b.path).unwrap();
    let e = restore(&b.path, Path::new(&newer.path), Some(&key()), &b.folder, b.clock.clone()).unwrap_err();
    assert_eq!(e.code(), "book_corrupt");
    assert_eq!(std::fs::read(&b.path).unwrap(), before, "a bad backup never replaces the book");
}

#[test]
fn a_partial_backup_left_by_a_kill_is_cleaned_up_an_hour_later() {
    let b = Book::new(1);
    std::fs::create_dir_all(&b.folder).unwrap();
    let stale = b.folder.join("fieldbook-20250303-080000.999.partial");
    let fresh = b.folder.join("fieldbook-20250303-092000.998.partial");
    std::fs::write(&stale, b"half").unwrap();
    std::fs::write(&fresh, b"half").unwrap();
    b.open().back_up(&b.folder, t0()).unwrap();
    assert!(!stale.exists(), "an hour-old partial is a dead run's");
    assert!(fresh.exists(), "a recent one may belong to a backup still running elsewhere");
    assert_eq!(list(&b.folder, Some(&key())).unwrap().len(), 1, "partials are never listed as backups");
}

#[test]
fn only_our_file_names_are_backups() {
    assert_eq!(parse_name("fieldbook-20250303-093000.db"), Some((t0(), true)));
    assert_eq!(parse_name("fieldbook-20250303-093000-2.db"), Some((t0(), true)));
    assert_eq!(parse_name("fieldbook-20250303-093000-before-restore.db"), Some((t0(), false)));
    assert_eq!(parse_name("fieldbook-20250303-093000.db-wal"), None);
    assert_eq!(parse_name("fieldbook-2025.db"), None);
    assert_eq!(parse_name("notes.db"), None);
}

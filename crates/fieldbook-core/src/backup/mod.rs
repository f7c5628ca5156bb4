//! Backups of the book: made with SQLite's online backup API while the app runs (readers
//! and writers carry on), encrypted with the book's own key, verified with
//! `integrity_check` before they get their final name, rotated (7 daily + 4 weekly by
//! default), listed, previewed and restored.
//!
//! A backup is `fieldbook-YYYYMMDD-HHMMSS.db` (UTC) in the backup folder; one kept while
//! restoring is `fieldbook-YYYYMMDD-HHMMSS-before-restore.db` and is never rotated out.
//! A backup in progress is a `.partial` file that only a verified rename turns into one.

mod follow;
pub mod rotation;
mod settings;
#[cfg(test)]
mod tests;

pub use follow::{follow_passphrase, FollowReport};
pub use settings::{load_settings, save_settings, BackupSettings};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use crate::clock::{timestamp, Clock};
use crate::error::{CoreError, Result};
use crate::store::{cipher, files, BookFile, Passphrase};
use crate::Store;

const PREFIX: &str = "fieldbook-";
const STAMP: &str = "%Y%m%d-%H%M%S";
const BEFORE_RESTORE: &str = "before-restore";

/// One backup file, as the backup list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    /// When it was taken (from its name), RFC 3339 UTC.
    pub taken_at: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Live customers in it; none if it could not be opened (see `problem`).
    #[ts(type = "number | null")]
    pub customers: Option<u64>,
    /// Made automatically (rotated), or kept by a restore (never rotated out).
    pub automatic: bool,
    /// Why it could not be read: an error code (`passphrase_wrong`, `book_corrupt` …).
    pub problem: Option<String>,
}

/// What a backup holds, shown before restoring it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupPreview {
    pub info: BackupInfo,
    #[ts(type = "number")]
    pub interactions: u64,
    #[ts(type = "number")]
    pub orders: u64,
    /// The newest change it holds (RFC 3339 UTC), if any.
    pub last_change_at: Option<String>,
    /// A few customer names, newest first, so the user recognises the book.
    pub sample_names: Vec<String>,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RestoreReport {
    pub restored_from: String,
    /// The backup made of the book that was replaced.
    pub kept_current_as: Option<String>,
    /// A damaged book that could not be backed up is moved here, never overwritten.
    pub damaged_kept_as: Option<String>,
    /// The restored book's new device id (sync must not take it for the original).
    pub device_id: String,
    #[ts(type = "number")]
    pub customers: u64,
}

impl Store {
    /// Back the book up into `folder` now. The copy is keyed like the book, passes
    /// `integrity_check`, and only then gets its final name. Nothing is rotated.
    pub fn back_up(&self, folder: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
        self.back_up_labeled(folder, now, None)
    }

    /// "Back up now" in the app: back up into the configured folder, then rotate the
    /// automatic backups there (only once the new one is verified).
    pub fn back_up_and_rotate(&self, now: DateTime<Utc>) -> Result<BackupInfo> {
        let book = self.path().ok_or_else(in_memory)?;
        let s = load_settings(book)?;
        let folder = s.folder_for(book);
        let info = self.back_up(&folder, now)?;
        rotate(&folder, s.retention())?;
        Ok(info)
    }

    /// The automatic daily backup: when one is due (see `rotation::is_due`) and enabled,
    /// back up and rotate. The app calls this on start and then, say, hourly.
    pub fn backup_if_due(&self, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
        let book = self.path().ok_or_else(in_memory)?;
        let s = load_settings(book)?;
        if !s.automatic {
            return Ok(None);
        }
        let newest = backup_files(&s.folder_for(book))?.into_iter().map(|(_, t, _)| t).max();
        if !rotation::is_due(newest, now) {
            return Ok(None);
        }
        self.back_up_and_rotate(now).map(Some)
    }

    fn back_up_labeled(&self, folder: &Path, now: DateTime<Utc>, label: Option<&str>) -> Result<BackupInfo> {
        files::create_private_dir(folder)?;
        let stamp = now.format(STAMP).to_string();
        let tmp = folder.join(format!("{PREFIX}{stamp}.{}.partial", std::process::id()));
        files::remove_leftover(&tmp)?;
        let made = self.copy_into(&tmp);
        if let Err(e) = made {
            files::remove_leftover(&tmp)?;
            return Err(e);
        }
        let base = match label {
            Some(l) => format!("{PREFIX}{stamp}-{l}"),
            None => format!("{PREFIX}{stamp}"),
        };
        let mut target = folder.join(format!("{base}.db"));
        let mut n = 1;
        while target.exists() {
            n += 1;
            target = folder.join(format!("{base}-{n}.db"));
        }
        files::replace(&tmp, &target)?;
        remove_stale_partials(folder, now)?;
        Ok(describe(&target, self.key()))
    }

    /// The online backup into `tmp`, then verified there.
    fn copy_into(&self, tmp: &Path) -> Result<()> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        let mut dst = cipher::connect(tmp, self.key(), flags)?;
        {
            let backup = rusqlite::backup::Backup::new(self.conn(), &mut dst)?;
            // All pages in one step, under one read snapshot: writers in WAL mode carry on.
            loop {
                match backup.step(-1)? {
                    rusqlite::backup::StepResult::Done => break,
                    _ => std::thread::sleep(std::time::Duration::from_millis(20)),
                }
            }
        }
        // A self-contained file: no -wal beside it, so it can be opened read-only and copied.
        dst.pragma_update(None, "journal_mode", "DELETE")?;
        let ok: String = dst.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if ok != "ok" {
            return Err(CoreError::Corrupt { context: "backup copy".into(), message: ok });
        }
        drop(dst);
        files::make_private(tmp)
    }
}

fn in_memory() -> CoreError {
    CoreError::invalid("path", "store_in_memory", "an in-memory store has no file to back up")
}

/// Backup files in `folder`: (path, time from the name, made automatically), any order.
fn backup_files(folder: &Path) -> Result<Vec<(PathBuf, DateTime<Utc>, bool)>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::new();
    for entry in entries {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        if let Some((t, automatic)) = parse_name(name) {
            out.push((path, t, automatic));
        }
    }
    Ok(out)
}

/// `fieldbook-20250102-030405.db` → (that UTC time, automatic); `…-before-restore.db` →
/// not automatic; anything else is not a backup.
fn parse_name(name: &str) -> Option<(DateTime<Utc>, bool)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(".db")?;
    let stamp = rest.get(..15)?;
    let t = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    let tail = &rest[15..];
    let automatic = tail.is_empty() || (tail.starts_with('-') && tail[1..].bytes().all(|b| b.is_ascii_digit()));
    let labeled = tail.strip_prefix('-').is_some_and(|l| l.starts_with(BEFORE_RESTORE));
    (automatic || labeled).then_some((t, automatic))
}

/// Delete the automatic backups in `folder` that `keep` does not retain. Call only after a
/// new backup there was verified.
pub fn rotate(folder: &Path, keep: rotation::Retention) -> Result<Vec<PathBuf>> {
    let auto: Vec<(PathBuf, DateTime<Utc>)> =
        backup_files(folder)?.into_iter().filter(|(_, _, a)| *a).map(|(p, t, _)| (p, t)).collect();
    let times: Vec<DateTime<Utc>> = auto.iter().map(|(_, t)| *t).collect();
    let mut removed = Vec::new();
    for i in rotation::to_delete(&times, keep) {
        std::fs::remove_file(&auto[i].0)?;
        removed.push(auto[i].0.clone());
    }
    Ok(removed)
}

/// `.partial` files of backups that were killed half-way (an hour old or more by their name).
fn remove_stale_partials(folder: &Path, now: DateTime<Utc>) -> Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        let Some(rest) = name.strip_prefix(PREFIX).filter(|_| name.ends_with(".partial")) else { continue };
        let stale = match rest.get(..15).and_then(|s| NaiveDateTime::parse_from_str(s, STAMP).ok()) {
            Some(t) => now - t.and_utc() >= chrono::Duration::hours(1),
            None => false,
        };
        if stale {
            files::remove_leftover(&path)?;
        }
    }
    Ok(())
}

/// The backups in `folder`, newest first, each opened (read-only, with `key`) to count its
/// customers; one that does not open says why in `problem`.
pub fn list(folder: &Path, key: Option<&Passphrase>) -> Result<Vec<BackupInfo>> {
    let mut found = backup_files(folder)?;
    found.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    Ok(found.iter().map(|(p, _, _)| describe(p, key)).collect())
}

/// The newest backup in `folder` that opens with `key` and passes `quick_check`: what to
/// offer when the book is damaged.
pub fn latest_good(folder: &Path, key: Option<&Passphrase>) -> Result<Option<BackupInfo>> {
    for info in list(folder, key)? {
        if info.problem.is_none() && open_checked(Path::new(&info.path), key, "quick_check").is_ok() {
            return Ok(Some(info));
        }
    }
    Ok(None)
}

fn describe(path: &Path, key: Option<&Passphrase>) -> BackupInfo {
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (taken, automatic) = parse_name(&file_name).unwrap_or((DateTime::<Utc>::UNIX_EPOCH, false));
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let counted = open_read_only(path, key).and_then(|c| live_count(&c, "customers"));
    BackupInfo {
        path: path.display().to_string(),
        file_name,
        taken_at: timestamp(taken),
        bytes,
        customers: counted.as_ref().ok().copied(),
        automatic,
        problem: counted.err().map(|e| e.code().to_string()),
    }
}

fn open_read_only(path: &Path, key: Option<&Passphrase>) -> Result<Connection> {
    if BookFile::of(path)? == BookFile::Missing {
        return Err(CoreError::not_found("backup", path.display().to_string()));
    }
    cipher::connect(path, key, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
}

/// Open read-only and run `check` (`integrity_check` or `quick_check`): `book_corrupt` unless "ok".
fn open_checked(path: &Path, key: Option<&Passphrase>, check: &str) -> Result<Connection> {
    let conn = open_read_only(path, key)?;
    let ok: String = conn
        .query_row(&format!("PRAGMA {check}"), [], |r| r.get(0))
        .map_err(|e| cipher::corrupt_as_book_error(e.into(), path))?;
    if ok != "ok" {
        return Err(CoreError::BookCorrupt { path: path.display().to_string(), message: ok });
    }
    Ok(conn)
}

fn live_count(conn: &Connection, table: &str) -> Result<u64> {
    let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table} WHERE deleted_at IS NULL"), [], |r| r.get(0))?;
    Ok(n as u64)
}

/// What the backup at `file` holds (after a full `integrity_check`), to show before restoring.
pub fn preview(file: &Path, key: Option<&Passphrase>) -> Result<BackupPreview> {
    let conn = open_checked(file, key, "integrity_check")?;
    let info = describe(file, key);
    let last_change_at: Option<String> = conn.query_row("SELECT MAX(updated_at) FROM customers", [], |r| r.get(0))?;
    let sample_names = conn
        .prepare("SELECT name FROM customers WHERE deleted_at IS NULL ORDER BY updated_at DESC LIMIT 5")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(BackupPreview {
        interactions: live_count(&conn, "interactions")?,
        orders: live_count(&conn, "orders")?,
        info,
        last_change_at,
        sample_names,
    })
}

/// Replace the book at `book` with the backup `file` (both keyed with `key`).
///
/// The backup is verified first (`integrity_check`). The current book is backed up into
/// `folder` as `…-before-restore.db`; if it is too damaged to open, it is moved aside
/// (`<book>.damaged-<time>`), never overwritten. The backup is copied beside the book,
/// given a new device id (sync must not mistake it for the original laptop's book),
/// checked again, and renamed over the book. Every connection to the book must be closed
/// first (`book_busy` otherwise).
pub fn restore(
    book: &Path,
    file: &Path,
    key: Option<&Passphrase>,
    folder: &Path,
    clock: Arc<dyn Clock>,
) -> Result<RestoreReport> {
    drop(open_checked(file, key, "integrity_check")?);
    let now = clock.now();
    let mut kept_current_as = None;
    let mut damaged_kept_as = None;
    if BookFile::of(book)? != BookFile::Missing {
        match Store::open_with(book, key, clock.clone()) {
            Ok(current) => {
                let info = current.back_up_labeled(folder, now, Some(BEFORE_RESTORE))?;
                kept_current_as = Some(info.path);
            }
            Err(CoreError::BookCorrupt { .. }) => {
                let aside = files::side_file(book, &format!(".damaged-{}", now.format(STAMP)));
                for suffix in ["-wal", "-shm"] {
                    let side = files::side_file(book, suffix);
                    if side.exists() {
                        std::fs::rename(&side, files::side_file(&aside, suffix))?;
                    }
                }
                std::fs::rename(book, &aside)?;
                damaged_kept_as = Some(aside.display().to_string());
            }
            Err(e) => return Err(e),
        }
    }
    files::ensure_unused(book)?;
    let tmp = cipher::sibling(book, ".restoring");
    files::remove_leftover(&tmp)?;
    let prepared = (|| -> Result<(String, u64)> {
        std::fs::copy(file, &tmp)?;
        files::make_private(&tmp)?;
        let conn = cipher::connect(&tmp, key, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        // Where the book will live: the renamed copy is at home there.
        let device = crate::store::home::renew_device(&conn, Some(&crate::store::home::fingerprint(book)), now)?;
        let ok: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if ok != "ok" {
            return Err(CoreError::Corrupt { context: "restored copy".into(), message: ok });
        }
        let customers = live_count(&conn, "customers")?;
        Ok((device, customers))
    })();
    let (device_id, customers) = match prepared {
        Ok(p) => p,
        Err(e) => {
            files::remove_leftover(&tmp)?;
            return Err(e);
        }
    };
    files::replace(&tmp, book)?;
    // The replaced file's shared-memory index describes a log that no longer exists.
    let _ = std::fs::remove_file(files::side_file(book, "-shm"));
    Ok(RestoreReport {
        restored_from: file.display().to_string(),
        kept_current_as,
        damaged_kept_as,
        device_id,
        customers,
    })
}

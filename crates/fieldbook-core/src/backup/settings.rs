//! Backup settings live in a small local JSON file beside the book (`fieldbook.db` →
//! `fieldbook.db.backup.json`), not in the synced settings: a backup folder is a path on
//! this laptop, meaningless on another, and the settings must be readable when the book
//! itself is damaged or locked (to offer its latest good backup).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rotation::Retention;
use crate::error::{CoreError, Result};
use crate::store::files;

/// Where automatic backups go and how many are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct BackupSettings {
    /// Make a backup once a day while the app runs.
    pub automatic: bool,
    /// The backup folder; none = `backups/` beside the book.
    pub folder: Option<String>,
    /// Newest backups kept per day, for this many days (default 7).
    pub keep_daily: u32,
    /// Newest backups kept per ISO week, for this many weeks (default 4).
    pub keep_weekly: u32,
}

impl Default for BackupSettings {
    fn default() -> Self {
        let r = Retention::default();
        BackupSettings { automatic: true, folder: None, keep_daily: r.daily, keep_weekly: r.weekly }
    }
}

impl BackupSettings {
    pub fn retention(&self) -> Retention {
        Retention { daily: self.keep_daily, weekly: self.keep_weekly }
    }

    /// The folder backups of the book at `book` go to.
    pub fn folder_for(&self, book: &Path) -> PathBuf {
        match &self.folder {
            Some(f) if !f.trim().is_empty() => PathBuf::from(f),
            _ => book.parent().unwrap_or(Path::new(".")).join("backups"),
        }
    }
}

fn settings_path(book: &Path) -> PathBuf {
    files::side_file(book, ".backup.json")
}

/// The backup settings of the book at `book` (defaults if none were saved).
pub fn load_settings(book: &Path) -> Result<BackupSettings> {
    match std::fs::read_to_string(settings_path(book)) {
        Ok(text) => serde_json::from_str(&text)
            .map_err(|e| CoreError::Corrupt { context: "backup settings".into(), message: e.to_string() }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BackupSettings::default()),
        Err(e) => Err(e.into()),
    }
}

/// Save the backup settings of the book at `book`. Keeping no daily backup is refused
/// (`backup_keep_invalid`): rotation would leave only the newest.
pub fn save_settings(book: &Path, s: &BackupSettings) -> Result<BackupSettings> {
    if s.keep_daily == 0 || s.keep_daily > 366 || s.keep_weekly > 520 {
        return Err(CoreError::invalid(
            "keep_daily",
            "backup_keep_invalid",
            "keep 1–366 daily and 0–520 weekly backups",
        ));
    }
    let path = settings_path(book);
    let tmp = files::side_file(&path, ".tmp");
    files::remove_leftover(&tmp)?;
    std::io::Write::write_all(
        &mut files::create_private_file(&tmp)?,
        serde_json::to_string_pretty(s).expect("serializable settings").as_bytes(),
    )?;
    files::replace(&tmp, &path)?;
    Ok(s.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_default_to_daily_backups_beside_the_book_and_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("fieldbook.db");
        let s = load_settings(&book).unwrap();
        assert_eq!(s, BackupSettings::default());
        assert_eq!((s.keep_daily, s.keep_weekly, s.automatic), (7, 4, true));
        assert_eq!(s.folder_for(&book), dir.path().join("backups"));
        let mine = BackupSettings { folder: Some("/mnt/usb/fb".into()), keep_daily: 3, ..s };
        save_settings(&book, &mine).unwrap();
        assert_eq!(load_settings(&book).unwrap(), mine);
        assert_eq!(mine.folder_for(&book), PathBuf::from("/mnt/usb/fb"));
        let err = save_settings(&book, &BackupSettings { keep_daily: 0, ..mine.clone() }).unwrap_err();
        assert_eq!(err.code(), "backup_keep_invalid");
        assert_eq!(load_settings(&book).unwrap(), mine, "a refused save changes nothing");
    }
}

//! Where the book lives. The app and the CLI agree on one default so `fieldbook` works on
//! the same data as the window; `FIELDBOOK_DATA_DIR` overrides it (tests, portable use).

use std::path::PathBuf;

pub const DATA_DIR_ENV: &str = "FIELDBOOK_DATA_DIR";
pub const DB_FILE: &str = "fieldbook.db";

/// `$FIELDBOOK_DATA_DIR`, else the platform data folder + `fieldbook`
/// (`~/.local/share/fieldbook` on Linux).
pub fn data_dir() -> PathBuf {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("fieldbook"),
    }
}

pub fn default_db_path() -> PathBuf {
    data_dir().join(DB_FILE)
}

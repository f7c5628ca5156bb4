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

/// The data folder, created owner-only if missing (0700 on Unix): it holds the book, its
/// backups and its settings, which are nobody else's business on a shared machine. The
/// platform default folder is made owner-only even if it exists; a folder named by
/// `FIELDBOOK_DATA_DIR` that already exists keeps its permissions (it may be shared on purpose).
pub fn ensure_data_dir() -> std::io::Result<PathBuf> {
    let dir = data_dir();
    let existed = dir.is_dir();
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(&dir)?;
    let overridden = std::env::var_os(DATA_DIR_ENV).is_some_and(|d| !d.is_empty());
    #[cfg(unix)]
    if !existed || !overridden {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
    }
    #[cfg(not(unix))]
    let _ = (existed, overridden);
    Ok(dir)
}

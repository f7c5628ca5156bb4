//! Opening the book from a terminal: the passphrase comes from `FIELDBOOK_PASSPHRASE`, or a
//! prompt (no echo) when stdin is a terminal and the book is encrypted; a damaged book's
//! error names the latest good backup.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;

use fieldbook_core::backup;
use fieldbook_core::clock::SystemClock;
use fieldbook_core::store::{unlock_delay, BookFile, Passphrase};
use fieldbook_core::{CoreError, Store};

/// The book's passphrase (never a command-line argument: other users can read those).
pub const PASSPHRASE_ENV: &str = "FIELDBOOK_PASSPHRASE";
/// The new passphrase for `passphrase set` / `passphrase change` without a prompt.
pub const NEW_PASSPHRASE_ENV: &str = "FIELDBOOK_NEW_PASSPHRASE";

/// Prompts at most this many times for a wrong passphrase (waiting `unlock_delay` between).
const ATTEMPTS: u32 = 5;

fn from_env(name: &str) -> anyhow::Result<Option<Passphrase>> {
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => Ok(Some(Passphrase::new(v)?)),
        _ => Ok(None),
    }
}

fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

fn prompt(label: &str) -> anyhow::Result<Passphrase> {
    Ok(Passphrase::new(rpassword::prompt_password(label)?)?)
}

/// Open the book at `db` (creating a new one if it is missing: encrypted when a passphrase
/// is set in the environment).
pub fn open(db: &Path) -> anyhow::Result<Store> {
    open_with_env(db).map_err(|e| with_backup_hint(e, db))
}

fn open_with_env(db: &Path) -> anyhow::Result<Store> {
    if let Some(key) = from_env(PASSPHRASE_ENV)? {
        return Ok(Store::open_with(db, Some(&key), clock())?);
    }
    if BookFile::of(db)? != BookFile::Opaque || !interactive() {
        return Ok(Store::open(db, clock())?);
    }
    let mut failures = 0;
    loop {
        let key = prompt(&format!("Passphrase for {}: ", db.display()))?;
        match Store::open_encrypted(db, &key, clock()) {
            Err(CoreError::PassphraseWrong) if failures + 1 < ATTEMPTS => {
                failures += 1;
                eprintln!("wrong passphrase");
                std::thread::sleep(unlock_delay(failures));
            }
            other => return Ok(other?),
        }
    }
}

/// The key the book is opened with, without opening it (for backups of a damaged book):
/// the environment's, else a prompt for an encrypted book on a terminal, else none.
pub fn current_key(db: &Path) -> anyhow::Result<Option<Passphrase>> {
    if let Some(key) = from_env(PASSPHRASE_ENV)? {
        return Ok(Some(key));
    }
    if BookFile::of(db)? == BookFile::Opaque && interactive() {
        return Ok(Some(prompt(&format!("Passphrase for {}: ", db.display()))?));
    }
    Ok(None)
}

/// The current passphrase, required (`passphrase_required` when none can be had).
pub fn required_key(db: &Path) -> anyhow::Result<Passphrase> {
    current_key(db)?.ok_or_else(|| CoreError::PassphraseRequired.into())
}

/// A new passphrase: `FIELDBOOK_NEW_PASSPHRASE`, else `fallback_env` (for `set`, the
/// passphrase the book will be opened with from now on), else typed twice at a prompt.
pub fn new_key(fallback_env: Option<&str>) -> anyhow::Result<Passphrase> {
    if let Some(key) = from_env(NEW_PASSPHRASE_ENV)? {
        return Ok(key);
    }
    if let Some(key) = fallback_env.map(from_env).transpose()?.flatten() {
        return Ok(key);
    }
    if !interactive() {
        return Err(CoreError::invalid(
            "passphrase",
            "passphrase_required",
            format!("set {NEW_PASSPHRASE_ENV} (no terminal to ask for the new passphrase)"),
        )
        .into());
    }
    let first = prompt("New passphrase: ")?;
    let again = prompt("New passphrase again: ")?;
    if first != again {
        return Err(CoreError::invalid("passphrase", "passphrase_mismatch", "the two passphrases differ").into());
    }
    Ok(first)
}

pub fn clock() -> Arc<dyn fieldbook_core::clock::Clock> {
    Arc::new(SystemClock)
}

/// A damaged book: say which backup to restore, keeping the `book_corrupt` code.
fn with_backup_hint(e: anyhow::Error, db: &Path) -> anyhow::Error {
    let Some(CoreError::BookCorrupt { path, message }) = e.downcast_ref::<CoreError>() else { return e };
    let hint = backup::load_settings(db)
        .ok()
        .and_then(|s| {
            let key = from_env(PASSPHRASE_ENV).ok().flatten();
            backup::latest_good(&s.folder_for(db), key.as_ref()).ok().flatten()
        })
        .map(|b| format!("; the latest good backup is {0} (fieldbook backup restore {0})", b.path))
        .unwrap_or_else(|| "; no good backup was found".into());
    CoreError::BookCorrupt { path: path.clone(), message: format!("{message}{hint}") }.into()
}

//! Encryption at rest (SQLCipher): the passphrase, opening a connection with it (the key is
//! applied before anything else and the first read proves it), and setting, changing or
//! removing a book's passphrase.
//!
//! Setting and removing write a converted copy beside the book, check that it opens, passes
//! `integrity_check` and holds the same number of rows in every table, and only then swap it
//! in with a rename; until that rename the original is untouched. Changing re-keys in place
//! (`PRAGMA rekey`, one transaction). All three need every other connection to the book
//! closed first (the app's readers, another window, the CLI): they reopen afterwards.

use std::fmt::{self, Write as _};
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Once};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use zeroize::Zeroizing;

use super::files::{self, BookFile};
use crate::error::{CoreError, Result};

/// SQLCipher 4's key derivation, which every book uses (its defaults): PBKDF2-HMAC-SHA512 with
/// 256,000 iterations, a 32-byte key, and the 16-byte salt SQLCipher keeps at the start of
/// the file.
const KDF_ITERATIONS: NonZeroU32 = NonZeroU32::new(256_000).expect("not zero");
const KEY_LEN: usize = 32;
pub(crate) const SALT_LEN: usize = 16;
/// Derived keys remembered per passphrase: the book's and its backups' (each file has its
/// own salt). More than enough for 7 daily + 4 weekly backups and a few kept by restores.
const KEYS_KEPT: usize = 32;

/// A book's passphrase. Its `Debug` never shows it, so it cannot end up in a log; its text
/// and the keys derived from it are zeroed when the last clone is dropped.
#[derive(Clone)]
pub struct Passphrase(Arc<Secret>);

/// A raw key derived for one file, with that file's salt.
type SaltedKey = ([u8; SALT_LEN], Zeroizing<[u8; KEY_LEN]>);

struct Secret {
    text: Zeroizing<String>,
    /// Raw keys already derived from this passphrase, by the salt of the file they open:
    /// the slow derivation (≈ 140 ms) runs once per file, not once per connection.
    derived: Mutex<Vec<SaltedKey>>,
}

impl PartialEq for Passphrase {
    fn eq(&self, other: &Self) -> bool {
        self.expose() == other.expose()
    }
}

impl Eq for Passphrase {}

impl Passphrase {
    /// Refuses an empty passphrase (`passphrase_empty`): to SQLCipher that means "no encryption".
    pub fn new(text: impl Into<String>) -> Result<Passphrase> {
        let text = Zeroizing::new(text.into());
        if text.is_empty() {
            return Err(CoreError::invalid("passphrase", "passphrase_empty", "the passphrase is empty"));
        }
        Ok(Passphrase(Arc::new(Secret { text, derived: Mutex::new(Vec::new()) })))
    }

    fn expose(&self) -> &str {
        &self.0.text
    }

    /// Key a connection opened outside the store (e.g. a benchmark's plain-SQL baseline)
    /// with this passphrase. Must come before its first statement.
    pub fn apply_to(&self, conn: &Connection) -> Result<()> {
        quiet_cipher_log(conn);
        conn.pragma_update(None, "key", self.expose())?;
        Ok(())
    }

    /// Key `conn` for the file whose salt is `salt`: with the raw key derived from this
    /// passphrase and that salt (SQLCipher's `x'key‖salt'`, so SQLCipher skips its own
    /// derivation), or, for a new empty file (no salt yet), with the passphrase itself.
    fn apply_for(&self, conn: &Connection, salt: Option<[u8; SALT_LEN]>) -> Result<()> {
        let Some(salt) = salt else { return self.apply_to(conn) };
        quiet_cipher_log(conn);
        let key = self.derived_key(&salt);
        let mut sql = Zeroizing::new(String::with_capacity(24 + 2 * (KEY_LEN + SALT_LEN)));
        sql.push_str("PRAGMA key = \"x'");
        for b in key.iter().chain(salt.iter()) {
            let _ = write!(sql, "{b:02X}");
        }
        sql.push_str("'\"");
        conn.execute_batch(&sql)?;
        Ok(())
    }

    /// The raw key for `salt`: derived once (this takes ≈ 140 ms on purpose), then remembered
    /// for every other connection to the same file.
    fn derived_key(&self, salt: &[u8; SALT_LEN]) -> Zeroizing<[u8; KEY_LEN]> {
        // Held while deriving: readers opening at once wait for the one derivation.
        let mut derived = self.0.derived.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, key)) = derived.iter().find(|(s, _)| s == salt) {
            return key.clone();
        }
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        ring::pbkdf2::derive(
            ring::pbkdf2::PBKDF2_HMAC_SHA512,
            KDF_ITERATIONS,
            salt,
            self.expose().as_bytes(),
            &mut key[..],
        );
        if derived.len() >= KEYS_KEPT {
            derived.remove(0);
        }
        derived.push((*salt, key.clone()));
        key
    }

    /// How many keys this passphrase has derived (tests: once per file, not per connection).
    #[cfg(test)]
    pub(crate) fn derivations(&self) -> usize {
        self.0.derived.lock().unwrap().len()
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(<hidden>)")
    }
}

/// How long the unlock screen (or a prompt) waits before accepting another attempt after
/// `failures` wrong passphrases in a row: none for the first three, then 1, 2, 4 … seconds,
/// at most 30.
pub fn unlock_delay(failures: u32) -> Duration {
    match failures {
        0..=2 => Duration::ZERO,
        n => Duration::from_secs((1u64 << (n - 3).min(5)).min(30)),
    }
}

/// SQLCipher prints its own errors (e.g. "hmac check failed" for a wrong key) on stderr by
/// default; users and `--json` consumers must see only our coded errors. The log level is
/// process-wide, so once is enough.
fn quiet_cipher_log(conn: &Connection) {
    static QUIET: Once = Once::new();
    QUIET.call_once(|| {
        // Best effort: a build without the pragma simply keeps logging.
        let _ = conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()));
    });
}

/// Open `path` with `key` (none = a plaintext book), proving the key with a first read
/// before anything can be written. A missing file is created owner-only (0600) when `flags`
/// allow creating. Errors: `passphrase_required`, `passphrase_wrong`, `book_not_encrypted`,
/// `book_corrupt`.
pub(crate) fn connect(path: &Path, key: Option<&Passphrase>, flags: OpenFlags) -> Result<Connection> {
    let kind = BookFile::of(path)?;
    if kind == BookFile::Missing && flags.contains(OpenFlags::SQLITE_OPEN_CREATE) && !path.exists() {
        if let Some(dir) = path.parent() {
            files::create_private_dir(dir)?;
        }
        files::create_private_file(path)?;
    }
    let conn = Connection::open_with_flags(path, flags)?;
    quiet_cipher_log(&conn);
    if let Some(key) = key {
        let salt = if kind == BookFile::Opaque { files::salt_of(path)? } else { None };
        key.apply_for(&conn, salt)?;
    }
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(conn),
        Err(e) => Err(classify_open_error(e, kind, key.is_some(), path)),
    }
}

/// What a failed first read means, given what the file looked like and whether a key was used.
fn classify_open_error(e: rusqlite::Error, kind: BookFile, keyed: bool, path: &Path) -> CoreError {
    match (e.sqlite_error_code(), kind, keyed) {
        (Some(ErrorCode::NotADatabase), BookFile::Plain, true) => CoreError::NotEncrypted,
        (Some(ErrorCode::NotADatabase), BookFile::Opaque, true) => CoreError::PassphraseWrong,
        (Some(ErrorCode::NotADatabase), BookFile::Opaque, false) => CoreError::PassphraseRequired,
        (Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt), _, _) => {
            CoreError::BookCorrupt { path: path.display().to_string(), message: e.to_string() }
        }
        _ => CoreError::Storage(e),
    }
}

/// A damaged book can pass the first read (page 1 is fine) and fail later while opening
/// (migrations, the device row): name it `book_corrupt` there too.
pub(crate) fn corrupt_as_book_error(e: CoreError, path: &Path) -> CoreError {
    let sqlite = match &e {
        CoreError::Storage(s) => s,
        CoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => err,
        _ => return e,
    };
    match sqlite.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
            CoreError::BookCorrupt { path: path.display().to_string(), message: sqlite.to_string() }
        }
        _ => e,
    }
}

/// Encrypt the plaintext book at `path` with `new` (copy, verify, swap). Fails with
/// `passphrase_already_set` if it is encrypted already.
pub fn set_passphrase(path: &Path, new: &Passphrase) -> Result<()> {
    match BookFile::of(path)? {
        BookFile::Opaque => {
            return Err(CoreError::invalid(
                "passphrase",
                "passphrase_already_set",
                "this book already has a passphrase: change or remove it",
            ))
        }
        BookFile::Missing => return Err(CoreError::not_found("book", path.display().to_string())),
        BookFile::Plain => {}
    }
    convert(path, None, Some(new))
}

/// Decrypt the book at `path` (opened with `old`) into a plaintext book (copy, verify, swap).
pub fn remove_passphrase(path: &Path, old: &Passphrase) -> Result<()> {
    convert(path, Some(old), None)
}

/// Re-key the encrypted book at `path` from `old` to `new` in place, in one transaction.
pub fn change_passphrase(path: &Path, old: &Passphrase, new: &Passphrase) -> Result<()> {
    let conn = connect(path, Some(old), OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    conn.busy_timeout(Duration::from_secs(30))?;
    // Re-keying rewrites every page: fold the log into the file first, so nothing keyed
    // with the old passphrase is left in the log.
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    conn.pragma_update(None, "rekey", new.expose())?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    drop(conn);
    let check = connect(path, Some(new), OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let ok: String = check.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(CoreError::BookCorrupt { path: path.display().to_string(), message: ok });
    }
    Ok(())
}

/// Copy the book at `path` (opened with `from`) into a new file keyed with `to`, verify the
/// copy, then swap it in.
fn convert(path: &Path, from: Option<&Passphrase>, to: Option<&Passphrase>) -> Result<()> {
    let tmp = sibling(path, ".converting");
    files::remove_leftover(&tmp)?;
    let counts = {
        let src = connect(path, from, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        src.busy_timeout(Duration::from_secs(30))?;
        files::create_private_file(&tmp)?;
        src.execute(
            "ATTACH DATABASE ?1 AS converted KEY ?2",
            (tmp.to_string_lossy(), to.map(Passphrase::expose).unwrap_or("")),
        )?;
        // Hold the write lock while copying, so no other writer commits into the original
        // after the copy was taken.
        src.execute_batch("BEGIN IMMEDIATE")?;
        let copied = (|| -> Result<_> {
            src.query_row("SELECT sqlcipher_export('converted')", [], |_| Ok(()))?;
            let version: i64 = src.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
            src.pragma_update(Some("converted"), "user_version", version)?;
            table_counts(&src, "main")
        })();
        src.execute_batch("COMMIT")?;
        src.execute("DETACH DATABASE converted", [])?;
        let counts = copied?;
        src.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        counts
    };
    let verified = verify_copy(&tmp, to, &counts);
    if let Err(e) = verified {
        files::remove_leftover(&tmp)?;
        return Err(e);
    }
    files::ensure_unused(path)?;
    files::replace(&tmp, path)?;
    // The old file's shared-memory index describes a log that no longer exists.
    let _ = std::fs::remove_file(files::side_file(path, "-shm"));
    Ok(())
}

/// The converted copy opens with its key, passes `integrity_check`, and has as many rows in
/// every table as the original.
fn verify_copy(tmp: &Path, key: Option<&Passphrase>, want: &[(String, i64)]) -> Result<()> {
    let conn = connect(tmp, key, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    let got = table_counts(&conn, "main")?;
    if ok != "ok" || got != want {
        return Err(CoreError::Corrupt {
            context: "converted copy".into(),
            message: format!("integrity_check: {ok}; row counts match: {}", got == want),
        });
    }
    Ok(())
}

/// Rows per table (name order) in schema `db`: what a copy must carry over.
pub(crate) fn table_counts(conn: &Connection, db: &str) -> Result<Vec<(String, i64)>> {
    let names: Vec<String> = conn
        .prepare(&format!(
            "SELECT name FROM {db}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .map(|t| {
            let n =
                conn.query_row(&format!("SELECT count(*) FROM {db}.\"{}\"", t.replace('"', "\"\"")), [], |r| r.get(0))?;
            Ok((t, n))
        })
        .collect()
}

/// `book.db` + `.converting` → `book.db.converting`, in the book's own folder (so the final
/// rename stays on one file system).
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    files::side_file(path, suffix)
}

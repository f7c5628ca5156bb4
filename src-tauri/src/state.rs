//! What every command can reach: the book (one writer connection and a small pool of readers
//! to the same file) while it is open and unlocked, and the clock. In WAL mode readers see
//! the last commit and never wait for the writer, so lists, search and the agenda keep
//! answering during a long import.
//!
//! The book may also be closed or refused: an encrypted book starts LOCKED with nothing open
//! until `unlock` is given its passphrase; an open book is locked again (idle, Ctrl+L, the
//! tray) by a flag that keeps the connections but refuses every command; a damaged book is
//! never opened. Commands go through `read`/`write`, which answer a coded error (`locked`,
//! `book_corrupt`) instead of running while the book is not theirs to use.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Local, NaiveDate, Utc};
use fieldbook_core::clock::Clock;
use fieldbook_core::store::{unlock_delay, BookFile, CommitListener, Passphrase};
use fieldbook_core::{CoreError, Store};

/// Readers in the pool: the window rarely has more than a couple of reads in flight (a list
/// page, a search, a badge count), and each keeps its own page cache.
const READERS: usize = 3;

/// Starts the change watcher on a reader of a freshly opened book (set once by the shell;
/// unit tests run without one).
pub type Watcher = Box<dyn Fn(Store) -> fieldbook_core::Result<(CommitListener, JoinHandle<()>)> + Send + Sync>;

/// The open book: its connections and the thread watching it for changes.
struct Book {
    writer: Mutex<Store>,
    readers: Vec<Mutex<Store>>,
    events: Option<JoinHandle<()>>,
}

/// A book that failed to open as damaged: shown on the damaged-book screen.
#[derive(Clone, Debug)]
pub struct Damage {
    pub path: String,
    pub message: String,
}

/// What a command may not do now, as the `read`/`write` closures' result type says it.
pub trait Refusable {
    fn refused(e: CoreError) -> Self;
}

impl<T, E: From<CoreError>> Refusable for Result<T, E> {
    fn refused(e: CoreError) -> Self {
        Err(e.into())
    }
}

pub struct AppState {
    book: RwLock<Option<Book>>,
    /// Locked by the user or by idleness while the book stays open: commands are refused.
    locked: AtomicBool,
    /// The passphrase that opened the book (none = plaintext), kept for this run only: the
    /// readers, backups, restore and re-opening after a passphrase change need it.
    key: Mutex<Option<Passphrase>>,
    /// Wrong passphrases in a row, and when the next attempt is accepted.
    failures: Mutex<(u32, Option<Instant>)>,
    damaged: Mutex<Option<Damage>>,
    /// The book did not exist when the app started: the UI may offer a passphrase.
    pub first_start: bool,
    next_reader: AtomicUsize,
    clock: Arc<dyn Clock>,
    watcher: OnceLock<Watcher>,
    pub data_dir: PathBuf,
    pub db_path: PathBuf,
    /// Wakes the reminder scheduler; `book_events` pokes it after every change to the book.
    pub scheduler_wake: Arc<tokio::sync::Notify>,
    /// The team passphrase and S3 secret once a sync accepted them: in memory for this run only.
    sync_secrets: Mutex<SyncSecrets>,
    /// Wakes the background sync when its interval changes.
    pub sync_wake: Arc<tokio::sync::Notify>,
}

/// What sync needs that is never written anywhere (commands/sync.rs says why).
#[derive(Clone, Default)]
pub struct SyncSecrets {
    pub passphrase: Option<String>,
    pub s3_secret: Option<String>,
}

/// A poisoned lock means an earlier command panicked; its transaction rolled back, so the
/// connection is still consistent: keep serving.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    /// Open the book at `db_path` if it can be opened without a passphrase; an encrypted
    /// book waits locked for `unlock`, a damaged one is remembered and left alone.
    pub fn start(db_path: &Path, data_dir: PathBuf, clock: Arc<dyn Clock>) -> fieldbook_core::Result<Self> {
        let kind = BookFile::of(db_path)?;
        let state = AppState {
            book: RwLock::new(None),
            locked: AtomicBool::new(false),
            key: Mutex::new(None),
            failures: Mutex::new((0, None)),
            damaged: Mutex::new(None),
            first_start: kind == BookFile::Missing,
            next_reader: AtomicUsize::new(0),
            clock,
            watcher: OnceLock::new(),
            data_dir,
            db_path: db_path.to_path_buf(),
            scheduler_wake: Arc::new(tokio::sync::Notify::new()),
            sync_secrets: Mutex::new(SyncSecrets::default()),
            sync_wake: Arc::new(tokio::sync::Notify::new()),
        };
        match state.open(None) {
            Ok(()) => {}
            Err(CoreError::PassphraseRequired) => tracing::info!("the book is encrypted: waiting for its passphrase"),
            Err(e @ CoreError::BookCorrupt { .. }) => state.mark_damaged(&e),
            Err(e) => return Err(e),
        }
        Ok(state)
    }

    /// Start the change watcher with every book opened from now on (and the open one).
    pub fn set_watcher(&self, watcher: Watcher) -> fieldbook_core::Result<()> {
        let _ = self.watcher.set(watcher);
        let mut book = self.book.write().unwrap_or_else(|p| p.into_inner());
        if let Some(b) = book.as_mut() {
            if b.events.is_none() {
                b.events = self.watch(&mut lock(&b.writer))?;
            }
        }
        Ok(())
    }

    fn watch(&self, writer: &mut Store) -> fieldbook_core::Result<Option<JoinHandle<()>>> {
        let Some(watcher) = self.watcher.get() else { return Ok(None) };
        let (listener, thread) = watcher(writer.reader()?)?;
        writer.set_commit_listener(listener);
        Ok(Some(thread))
    }

    /// Open the writer (which creates and migrates the book), the readers and the watcher.
    fn open(&self, key: Option<&Passphrase>) -> fieldbook_core::Result<()> {
        let mut writer = Store::open_with(&self.db_path, key, self.clock.clone())?;
        tracing::info!(device = writer.device_id(), encrypted = key.is_some(), "book opened");
        let readers = (0..READERS).map(|_| writer.reader().map(Mutex::new)).collect::<fieldbook_core::Result<_>>()?;
        let events = self.watch(&mut writer)?;
        *self.book.write().unwrap_or_else(|p| p.into_inner()) =
            Some(Book { writer: Mutex::new(writer), readers, events });
        *lock(&self.key) = key.cloned();
        *lock(&self.damaged) = None;
        self.locked.store(false, Ordering::SeqCst);
        Ok(())
    }

    /// Close every connection (waiting for commands in flight) and the watcher thread.
    fn close(&self) {
        let book = self.book.write().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(book) = book {
            let events = book.events;
            // Dropping the writer drops the listener, which ends the watcher's loop.
            drop(book.readers);
            drop(book.writer);
            if let Some(thread) = events {
                let _ = thread.join();
            }
        }
    }

    /// With every connection closed, run `op` on the book's file, then open it again with
    /// the key `op` leaves it under (the old key if `op` failed). The caller checks that the
    /// book may be used (or, to restore, that it is damaged).
    pub fn with_book_closed<T>(
        &self,
        op: impl FnOnce(&Path, Option<&Passphrase>) -> fieldbook_core::Result<(T, Option<Passphrase>)>,
    ) -> fieldbook_core::Result<T> {
        let old = self.key();
        self.close();
        let (result, key) = match op(&self.db_path, old.as_ref()) {
            Ok((value, key)) => (Ok(value), key),
            Err(e) => (Err(e), old),
        };
        match self.open(key.as_ref()) {
            Ok(()) => result,
            Err(e @ CoreError::BookCorrupt { .. }) => {
                *lock(&self.key) = key;
                self.mark_damaged(&e);
                result.and(Err(e))
            }
            Err(e) => result.and(Err(e)),
        }
    }

    fn mark_damaged(&self, e: &CoreError) {
        tracing::error!("the book is damaged: {e}");
        let message = match e {
            CoreError::BookCorrupt { message, .. } => message.clone(),
            other => other.to_string(),
        };
        *lock(&self.damaged) = Some(Damage { path: self.db_path.display().to_string(), message });
    }

    /// Unlock with `passphrase`: open the book if nothing is open yet, or check it against
    /// the key the open book was opened with. A wrong one counts towards the back-off
    /// (`unlock_delay`) and writes nothing.
    pub fn unlock(&self, passphrase: &str) -> fieldbook_core::Result<()> {
        if let Some(wait) = self.retry_after() {
            return Err(CoreError::invalid(
                "passphrase",
                "unlock_wait",
                format!("too many wrong passphrases: try again in {} s", wait.as_secs().max(1)),
            ));
        }
        let given = Passphrase::new(passphrase)?;
        let is_open = self.book.read().unwrap_or_else(|p| p.into_inner()).is_some();
        let outcome = if is_open {
            match (self.is_locked(), self.key()) {
                (false, _) => Ok(()),
                (true, Some(key)) if key == given => Ok(()),
                (true, _) => Err(CoreError::PassphraseWrong),
            }
        } else if lock(&self.damaged).is_some() && self.key().is_some() {
            Err(CoreError::BookCorrupt { path: self.db_path.display().to_string(), message: "damaged".into() })
        } else {
            match self.open(Some(&given)) {
                Err(e @ CoreError::BookCorrupt { .. }) => {
                    // The passphrase was accepted far enough to see the damage: keep it to
                    // read the backups that can replace the book.
                    *lock(&self.key) = Some(given);
                    self.mark_damaged(&e);
                    Err(e)
                }
                other => other,
            }
        };
        let mut failures = lock(&self.failures);
        match &outcome {
            Ok(()) => {
                *failures = (0, None);
                self.locked.store(false, Ordering::SeqCst);
            }
            Err(CoreError::PassphraseWrong) => {
                failures.0 += 1;
                failures.1 = Some(Instant::now() + unlock_delay(failures.0));
                tracing::warn!(failures = failures.0, "wrong passphrase");
            }
            Err(_) => {}
        }
        outcome
    }

    /// Lock an open encrypted book: the connections stay, commands are refused. A
    /// plaintext book has nothing to lock (its file is readable anyway).
    pub fn lock(&self) {
        if self.is_encrypted() {
            self.locked.store(true, Ordering::SeqCst);
        }
        // Team keys derived for sync this session go too: a locked laptop holds no key to the
        // team's files (the next sync derives it again from the passphrase).
        fieldbook_core::sync::team::forget_known_keys();
    }

    /// How long before another unlock attempt is accepted.
    pub fn retry_after(&self) -> Option<Duration> {
        let failures = lock(&self.failures);
        failures.1.and_then(|t| t.checked_duration_since(Instant::now())).filter(|d| !d.is_zero())
    }

    /// Locked by the user or idleness, or not opened yet for want of a passphrase.
    pub fn is_locked(&self) -> bool {
        self.locked.load(Ordering::SeqCst) || (self.is_closed() && self.damage().is_none())
    }

    fn is_closed(&self) -> bool {
        self.book.read().unwrap_or_else(|p| p.into_inner()).is_none()
    }

    pub fn is_encrypted(&self) -> bool {
        self.key().is_some()
    }

    pub fn key(&self) -> Option<Passphrase> {
        lock(&self.key).clone()
    }

    pub fn damage(&self) -> Option<Damage> {
        lock(&self.damaged).clone()
    }

    /// `locked` or `book_corrupt` when commands may not use the book now.
    pub fn check_usable(&self) -> fieldbook_core::Result<()> {
        if let Some(d) = self.damage() {
            return Err(CoreError::BookCorrupt { path: d.path, message: d.message });
        }
        if self.is_locked() {
            return Err(CoreError::Locked);
        }
        Ok(())
    }

    /// Run `f` on a free reader (the next one in turn if all are busy); refused while locked.
    pub fn read<T: Refusable>(&self, f: impl FnOnce(&Store) -> T) -> T {
        if let Err(e) = self.check_usable() {
            return T::refused(e);
        }
        self.read_anyway(f)
    }

    /// Run `f` on the one writer: writes are serialized here (and by SQLite across
    /// processes); refused while locked.
    pub fn write<T: Refusable>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        if let Err(e) = self.check_usable() {
            return T::refused(e);
        }
        self.write_anyway(f)
    }

    /// A read for the app itself even while the user has locked it (the reminder scheduler,
    /// automatic backups); refused only when no book is open.
    pub fn read_anyway<T: Refusable>(&self, f: impl FnOnce(&Store) -> T) -> T {
        let book = self.book.read().unwrap_or_else(|p| p.into_inner());
        let Some(book) = book.as_ref() else { return T::refused(CoreError::Locked) };
        let start = self.next_reader.fetch_add(1, Ordering::Relaxed);
        let n = book.readers.len();
        for i in 0..n {
            if let Ok(guard) = book.readers[(start + i) % n].try_lock() {
                return f(&guard);
            }
        }
        let out = f(&lock(&book.readers[start % n]));
        out
    }

    /// A write for the app itself even while locked (recording which reminders fired).
    pub fn write_anyway<T: Refusable>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        let book = self.book.read().unwrap_or_else(|p| p.into_inner());
        let Some(book) = book.as_ref() else { return T::refused(CoreError::Locked) };
        let out = f(&mut lock(&book.writer));
        out
    }

    pub fn sync_secrets(&self) -> SyncSecrets {
        lock(&self.sync_secrets).clone()
    }

    pub fn remember_sync_passphrase(&self, passphrase: String) {
        lock(&self.sync_secrets).passphrase = Some(passphrase);
    }

    pub fn remember_sync_secret(&self, secret: String) {
        lock(&self.sync_secrets).s3_secret = Some(secret);
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// Now, from the store's clock: the one place the shell reads time.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// This laptop's UTC offset now (the core is handed it; it never looks at the time zone).
    pub fn offset(&self) -> FixedOffset {
        *self.now().with_timezone(&Local).offset()
    }

    /// Today on this laptop's calendar.
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&Local).date_naive()
    }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;

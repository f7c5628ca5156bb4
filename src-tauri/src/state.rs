//! What every command can reach: one writer connection and a small pool of readers to the same
//! book, and the clock. In WAL mode readers see the last commit and never wait for the writer,
//! so lists, search and the agenda keep answering during a long import.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, FixedOffset, Local, NaiveDate, Utc};
use fieldbook_core::clock::Clock;
use fieldbook_core::Store;

/// Readers in the pool: the window rarely has more than a couple of reads in flight (a list
/// page, a search, a badge count), and each keeps its own page cache.
const READERS: usize = 3;

pub struct AppState {
    writer: Mutex<Store>,
    readers: Vec<Mutex<Store>>,
    next_reader: AtomicUsize,
    clock: Arc<dyn Clock>,
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
fn lock(m: &Mutex<Store>) -> MutexGuard<'_, Store> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    /// `writer` is the store `open` created and migrated; the readers open the same file.
    pub fn new(writer: Store, db_path: &Path, data_dir: PathBuf) -> fieldbook_core::Result<Self> {
        let clock = writer.clock().clone();
        let readers = (0..READERS)
            .map(|_| Store::open_reader(db_path, clock.clone()).map(Mutex::new))
            .collect::<fieldbook_core::Result<_>>()?;
        Ok(AppState {
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
            clock,
            data_dir,
            db_path: db_path.to_path_buf(),
            scheduler_wake: Arc::new(tokio::sync::Notify::new()),
            sync_secrets: Mutex::new(SyncSecrets::default()),
            sync_wake: Arc::new(tokio::sync::Notify::new()),
        })
    }

    /// Run `f` on a free reader (the next one in turn if all are busy).
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> T) -> T {
        let start = self.next_reader.fetch_add(1, Ordering::Relaxed);
        let n = self.readers.len();
        for i in 0..n {
            if let Ok(guard) = self.readers[(start + i) % n].try_lock() {
                return f(&guard);
            }
        }
        f(&lock(&self.readers[start % n]))
    }

    /// Run `f` on the one writer: writes are serialized here (and by SQLite across processes).
    pub fn write<T>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        f(&mut lock(&self.writer))
    }

    pub fn sync_secrets(&self) -> SyncSecrets {
        self.sync_secrets.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn remember_sync_passphrase(&self, passphrase: String) {
        self.sync_secrets.lock().unwrap_or_else(|p| p.into_inner()).passphrase = Some(passphrase);
    }

    pub fn remember_sync_secret(&self, secret: String) {
        self.sync_secrets.lock().unwrap_or_else(|p| p.into_inner()).s3_secret = Some(secret);
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

//! The local SQLite store: opening, pragmas, migrations, the device id, and transactions
//! whose every write is stamped and journaled (see `write`).

pub mod cipher;
#[cfg(test)]
mod cipher_tests;
pub mod files;
pub(crate) mod home;
mod journal;
#[cfg(test)]
mod migration_tests;
mod write;

pub use cipher::{change_passphrase, remove_passphrase, set_passphrase, unlock_delay, Passphrase};
pub use files::BookFile;
pub use journal::{ChangeEntry, JournalQuery};
pub(crate) use write::{to_json, to_json_value, PURGED_FIELD, ROW_FIELD};
pub use write::{Entity, Tx};

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use rusqlite_migration::{HookError, Migrations, M};

use crate::clock::{timestamp, Clock};
use crate::error::{CoreError, Result};
use crate::hlc::{Hlc, HlcGenerator};

/// Migrations in order. Never edit a shipped one: append.
static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("../../migrations/0001_foundation.sql")),
        M::up(include_str!("../../migrations/0002_records.sql")),
        M::up(include_str!("../../migrations/0003_reminders.sql")),
        M::up(include_str!("../../migrations/0004_revisit_anchor.sql")),
        M::up(include_str!("../../migrations/0005_segments.sql")),
        M::up(include_str!("../../migrations/0006_report_indexes.sql")),
        M::up(include_str!("../../migrations/0008_merges.sql")),
        M::up(include_str!("../../migrations/0009_revisit_cover.sql")),
        M::up(include_str!("../../migrations/0010_revisit_from_last_contact.sql")),
        M::up(include_str!("../../migrations/0011_sync.sql")),
        M::up(include_str!("../../migrations/0012_device_home.sql")),
        M::up(include_str!("../../migrations/0013_list_columns.sql")),
        M::up(include_str!("../../migrations/0014_search_delete_merge.sql")),
        M::up(include_str!("../../migrations/0015_journal_one_row_index.sql")),
        M::up(include_str!("../../migrations/0016_list_tails.sql")),
        M::up_with_hook(include_str!("../../migrations/0017_search_text_fts.sql"), |tx: &rusqlite::Transaction| {
            crate::search::index::refill_trigram_tables(tx).map_err(|e| HookError::Hook(e.to_string()))
        }),
    ])
});

/// How long a write waits for another connection's (or process's) write to finish before
/// giving up with `busy`: long enough for a 100k-row import in another process.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

pub struct Store {
    conn: Connection,
    /// The book's file (none for an in-memory store) and the key it was opened with: what
    /// readers and backups need to open it again.
    path: Option<PathBuf>,
    key: Option<Passphrase>,
    clock: Arc<dyn Clock>,
    hlc: HlcGenerator,
    /// Called after each committed write (the shell reads what changed from the journal).
    on_commit: Option<CommitListener>,
}

/// Told that a write committed; it reads what changed with `Store::changes_since`.
pub type CommitListener = Arc<dyn Fn() + Send + Sync>;

impl Store {
    /// Open (creating if needed) the plaintext book at `path`, migrate it, and load its device
    /// id. An encrypted book fails with `passphrase_required`.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        Self::open_with(path, None, clock)
    }

    /// Open (creating if needed, encrypted with `passphrase`) the book at `path`. A wrong
    /// passphrase fails with `passphrase_wrong` and a plaintext book with
    /// `book_not_encrypted`; either way nothing is written to the file.
    pub fn open_encrypted(path: &Path, passphrase: &Passphrase, clock: Arc<dyn Clock>) -> Result<Store> {
        Self::open_with(path, Some(passphrase), clock)
    }

    /// `open` or `open_encrypted`, as `key` says. A damaged or truncated book fails with
    /// `book_corrupt` and is left exactly as it was.
    pub fn open_with(path: &Path, key: Option<&Passphrase>, clock: Arc<dyn Clock>) -> Result<Store> {
        let opened = (|| {
            let flags =
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = cipher::connect(path, key, flags)?;
            files::make_private(path)?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            let now = clock.now();
            let mut store = Self::init(conn, clock)?;
            store.path = Some(path.to_path_buf());
            store.key = key.cloned();
            if let Some(device) = home::claim(&store.conn, path, now)? {
                tracing::info!(device, "the book was copied here: it syncs as a new device");
                store.hlc = HlcGenerator::new(device);
                store.observe_journal()?;
            }
            Ok(store)
        })();
        opened.map_err(|e| cipher::corrupt_as_book_error(e, path))
    }

    /// Another connection to the plaintext book at `path`, for reads only (see `open_reader_with`).
    pub fn open_reader(path: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        Self::open_reader_with(path, None, clock)
    }

    /// Another connection to the book at `path` (opened with the same `key` as the writer),
    /// for reads only, after `open` has created and migrated it. In WAL mode its reads see
    /// the last commit and never wait for a writer, so a long import does not stall lists
    /// and search. Writing through it fails (`query_only`): a reader has no say in this
    /// device's clocks.
    pub fn open_reader_with(path: &Path, key: Option<&Passphrase>, clock: Arc<dyn Clock>) -> Result<Store> {
        let opened = (|| {
            let conn = cipher::connect(path, key, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            conn.pragma_update(None, "cache_size", -32_768)?;
            conn.pragma_update(None, "query_only", "ON")?;
            crate::segments::register_sql_functions(&conn)?;
            let device: String = conn.query_row("SELECT id FROM device", [], |r| r.get(0))?;
            Ok(Store {
                conn,
                path: Some(path.to_path_buf()),
                key: key.cloned(),
                clock,
                hlc: HlcGenerator::new(device),
                on_commit: None,
            })
        })();
        opened.map_err(|e| cipher::corrupt_as_book_error(e, path))
    }

    /// A read-only connection to this store's book with the same key (see `open_reader_with`).
    pub fn reader(&self) -> Result<Store> {
        match &self.path {
            Some(path) => Self::open_reader_with(path, self.key.as_ref(), self.clock.clone()),
            None => Err(CoreError::invalid("path", "store_in_memory", "an in-memory store has no file to share")),
        }
    }

    /// The book's file; none for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Was the book opened with a passphrase?
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    pub(crate) fn key(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }

    /// A private in-memory database (tests, benchmarks).
    pub fn open_in_memory(clock: Arc<dyn Clock>) -> Result<Store> {
        Self::init(Connection::open_in_memory()?, clock)
    }

    fn init(mut conn: Connection, clock: Arc<dyn Clock>) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        // 32 MiB page cache: bulk imports and the search index stay in memory while they work.
        conn.pragma_update(None, "cache_size", -32_768)?;
        // Room for every statement a sync batch or an import cycles through (each table's
        // insert, each field's update, the search index's): with rusqlite's default of 16,
        // `prepare_cached` in such a loop compiles its SQL again on every row.
        conn.set_prepared_statement_cache_capacity(256);
        // Every transaction takes the write lock up front (see `write_with`); so do the
        // migrations. Two processes creating a book at once: the second finds it migrated.
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        if MIGRATIONS.to_latest(&mut conn).is_err() {
            MIGRATIONS.to_latest(&mut conn)?;
        }
        crate::segments::register_sql_functions(&conn)?;
        let tx = conn.transaction()?;
        let device = match tx.query_row("SELECT id FROM device", [], |r| r.get::<_, String>(0)).optional()? {
            Some(id) => id,
            None => {
                let id = uuid::Uuid::now_v7().simple().to_string();
                tx.execute("INSERT INTO device (id, created_at) VALUES (?1, ?2)", (&id, timestamp(clock.now())))?;
                id
            }
        };
        tx.commit()?;
        let mut hlc = HlcGenerator::new(device);
        // Stamps must keep increasing across restarts, even if the wall clock went back.
        let newest: Option<String> = conn.query_row("SELECT MAX(hlc) FROM change_journal", [], |r| r.get(0))?;
        if let Some(newest) = newest {
            hlc.observe(&newest.parse::<Hlc>()?);
        }
        Ok(Store { conn, path: None, key: None, clock, hlc, on_commit: None })
    }

    pub fn device_id(&self) -> &str {
        self.hlc.device()
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// Read time from another clock from now on: e.g. `fieldbook seed` dating the customers
    /// it adds before their history. Field clocks (HLC) still only move forward.
    pub fn set_clock(&mut self, clock: Arc<dyn Clock>) {
        self.clock = clock;
    }

    /// Read-only access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Run `f` in one transaction: all of its writes land, stamped and journaled, or none do.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.write_with(f)
    }

    /// `write` for callers with an error type of their own (e.g. one naming a batch record).
    pub fn write_with<T, E: From<rusqlite::Error>>(
        &mut self,
        f: impl FnOnce(&mut Tx<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let now = self.clock.now();
        // IMMEDIATE: take the write lock up front (waiting up to the busy timeout for another
        // process's write), so a transaction that reads before it writes is never refused
        // half-way with "database is locked".
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut w = Tx::new(&tx, &mut self.hlc, now);
        let out = f(&mut w)?;
        drop(w);
        tx.commit()?;
        if let Some(listener) = &self.on_commit {
            listener();
        }
        Ok(out)
    }

    /// Copy what the write-ahead log holds into the book file, as far as no reader still
    /// needs the older pages (PASSIVE: it waits for no one). Any connection to the book can
    /// run it, a reader too; the log is reused from its start once everything is copied.
    /// Returns how many pages the log holds and how many of them are now in the book.
    pub fn checkpoint(&self) -> Result<(i64, i64)> {
        Ok(self.conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| Ok((r.get(1)?, r.get(2)?)))?)
    }

    /// Have `listener` called after every committed write of this connection.
    pub fn set_commit_listener(&mut self, listener: CommitListener) {
        self.on_commit = Some(listener);
    }

    /// Let this device's clock see the newest stamp in the journal, so writes after a bulk
    /// load of history (a restored dump) are stamped later than everything in it.
    pub(crate) fn observe_journal(&mut self) -> Result<()> {
        let newest: Option<String> = self.conn.query_row("SELECT MAX(hlc) FROM change_journal", [], |r| r.get(0))?;
        if let Some(newest) = newest {
            self.hlc.observe(&newest.parse::<Hlc>()?);
        }
        Ok(())
    }

    /// Cheap integrity check for tests and diagnostics.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

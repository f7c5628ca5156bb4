//! The local SQLite store: opening, pragmas, migrations, the device id, and transactions
//! whose every write is stamped and journaled (see `write`).

mod journal;
mod write;

pub use journal::{ChangeEntry, JournalQuery};
pub(crate) use write::{to_json, PURGED_FIELD, ROW_FIELD};
pub use write::{Entity, Tx};

use std::path::Path;
use std::sync::{Arc, LazyLock};

use rusqlite::{Connection, OptionalExtension};
use rusqlite_migration::{Migrations, M};

use crate::clock::{timestamp, Clock};
use crate::error::Result;
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
    ])
});

pub struct Store {
    conn: Connection,
    clock: Arc<dyn Clock>,
    hlc: HlcGenerator,
    /// Called after each committed write (the shell reads what changed from the journal).
    on_commit: Option<CommitListener>,
}

/// Told that a write committed; it reads what changed with `Store::changes_since`.
pub type CommitListener = Arc<dyn Fn() + Send + Sync>;

impl Store {
    /// Open (creating if needed) the database at `path`, migrate it, and load its device id.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Self::init(conn, clock)
    }

    /// Another connection to the book at `path`, for reads only, after `open` has created and
    /// migrated it. In WAL mode its reads see the last commit and never wait for a writer, so
    /// a long import does not stall lists and search. Writing through it fails
    /// (`query_only`): a reader has no say in this device's clocks.
    pub fn open_reader(path: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "cache_size", -32_768)?;
        conn.pragma_update(None, "query_only", "ON")?;
        crate::segments::register_sql_functions(&conn)?;
        let device: String = conn.query_row("SELECT id FROM device", [], |r| r.get(0))?;
        Ok(Store { conn, clock, hlc: HlcGenerator::new(device), on_commit: None })
    }

    /// A private in-memory database (tests, benchmarks).
    pub fn open_in_memory(clock: Arc<dyn Clock>) -> Result<Store> {
        Self::init(Connection::open_in_memory()?, clock)
    }

    fn init(mut conn: Connection, clock: Arc<dyn Clock>) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        // 32 MiB page cache: bulk imports and the search index stay in memory while they work.
        conn.pragma_update(None, "cache_size", -32_768)?;
        MIGRATIONS.to_latest(&mut conn)?;
        crate::segments::register_sql_functions(&conn)?;
        let device = match conn.query_row("SELECT id FROM device", [], |r| r.get::<_, String>(0)).optional()? {
            Some(id) => id,
            None => {
                let id = uuid::Uuid::now_v7().simple().to_string();
                conn.execute("INSERT INTO device (id, created_at) VALUES (?1, ?2)", (&id, timestamp(clock.now())))?;
                id
            }
        };
        let mut hlc = HlcGenerator::new(device);
        // Stamps must keep increasing across restarts, even if the wall clock went back.
        let newest: Option<String> = conn.query_row("SELECT MAX(hlc) FROM change_journal", [], |r| r.get(0))?;
        if let Some(newest) = newest {
            hlc.observe(&newest.parse::<Hlc>()?);
        }
        Ok(Store { conn, clock, hlc, on_commit: None })
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
        let tx = self.conn.transaction()?;
        let mut w = Tx::new(&tx, &mut self.hlc, now);
        let out = f(&mut w)?;
        drop(w);
        tx.commit()?;
        if let Some(listener) = &self.on_commit {
            listener();
        }
        Ok(out)
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

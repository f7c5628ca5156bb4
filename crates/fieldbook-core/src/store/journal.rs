//! Reading the change journal: per-record history and "what changed since" for the UI.

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::Store;
use crate::error::Result;

/// One field change as recorded by the write path.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ChangeEntry {
    #[ts(type = "number")]
    pub seq: i64,
    pub hlc: String,
    pub entity: String,
    pub row_id: String,
    pub field: String,
    /// JSON text of the previous value; null when the field was empty or the row new.
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    /// The device that made the change.
    pub origin: String,
}

#[derive(Debug, Clone, Default)]
pub struct JournalQuery {
    pub entity: Option<String>,
    pub row_id: Option<String>,
    pub after_seq: i64,
    pub limit: usize,
}

impl ChangeEntry {
    /// A journal row selected as `seq, hlc, entity, row_id, field, old_value, new_value, origin`.
    pub(crate) fn from_row(r: &rusqlite::Row) -> rusqlite::Result<ChangeEntry> {
        Ok(ChangeEntry {
            seq: r.get(0)?,
            hlc: r.get(1)?,
            entity: r.get(2)?,
            row_id: r.get(3)?,
            field: r.get(4)?,
            old_value: r.get(5)?,
            new_value: r.get(6)?,
            origin: r.get(7)?,
        })
    }
}

impl Store {
    /// Journal entries, oldest first, optionally for one row.
    pub fn journal(&self, q: &JournalQuery) -> Result<Vec<ChangeEntry>> {
        let limit = if q.limit == 0 { 1000 } else { q.limit } as i64;
        let mut stmt = self.conn().prepare_cached(
            "SELECT seq, hlc, entity, row_id, field, old_value, new_value, origin FROM change_journal
             WHERE seq > ?1 AND (?2 IS NULL OR entity = ?2) AND (?3 IS NULL OR row_id = ?3)
             ORDER BY seq LIMIT ?4",
        )?;
        let rows = stmt.query_map(params![q.after_seq, q.entity, q.row_id, limit], ChangeEntry::from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest journal sequence number (0 for an empty journal).
    pub fn journal_head(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT COALESCE(MAX(seq), 0) FROM change_journal", [], |r| r.get(0))?)
    }
}

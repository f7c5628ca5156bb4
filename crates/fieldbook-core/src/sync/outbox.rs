//! What this laptop has to send: its own journal entries since the last segment it wrote
//! (changes applied from other laptops carry their origin and are not sent back; changes made
//! under this book's former device id, before it was copied, are its own), one record
//! per field — the last value with its clock, and the value the first edit overwrote, which
//! tells receivers whether the edit saw theirs.

use std::collections::BTreeMap;

use rusqlite::OptionalExtension;

use super::segment::Record;
use crate::error::Result;
use crate::settings::DEVICE_SETTINGS;
use crate::store::Store;
use crate::store::ROW_FIELD;

/// Records of this device's changes after journal position `after`, and the position reached.
pub(crate) fn collect(store: &Store, after: i64) -> Result<(Vec<Record>, i64)> {
    let mut stmt = store.conn().prepare(
        "SELECT seq, entity, row_id, field, old_value, new_value, hlc FROM change_journal
         WHERE seq > ?1 AND (origin = ?2 OR EXISTS (
           SELECT 1 FROM former_devices f WHERE f.id = change_journal.origin AND change_journal.seq <= f.through_seq))
         ORDER BY seq",
    )?;
    let mut rows = stmt.query(rusqlite::params![after, store.device_id()])?;
    let mut by_field: BTreeMap<(String, String, String), Record> = BTreeMap::new();
    // Past other laptops' changes too: the next sync does not scan them again.
    let head: Option<i64> = store.conn().query_row("SELECT MAX(seq) FROM change_journal", [], |r| r.get(0))?;
    let mut through = after.max(head.unwrap_or(0));
    while let Some(r) = rows.next()? {
        through = through.max(r.get(0)?);
        let (e, row, f): (String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
        if e == "settings" && DEVICE_SETTINGS.contains(&row.as_str()) {
            continue;
        }
        let (old, new, hlc): (Option<String>, Option<String>, String) = (r.get(4)?, r.get(5)?, r.get(6)?);
        by_field
            .entry((e.clone(), row.clone(), f.clone()))
            .and_modify(|rec| {
                rec.v = new.clone();
                rec.h = hlc.clone();
            })
            .or_insert(Record { e, r: row, f, v: new, o: old, h: hlc, c: None });
    }
    let mut records: Vec<Record> = by_field.into_values().collect();
    for r in records.iter_mut().filter(|r| r.f == ROW_FIELD) {
        let sql = format!("SELECT created_at FROM {} WHERE id = ?1", quote(&r.e));
        r.c = store.conn().query_row(&sql, [&r.r], |row| row.get(0)).optional()?;
    }
    Ok((records, through))
}

/// Table names come from the journal: only registered ones are interpolated.
fn quote(table: &str) -> String {
    match crate::entities::synced(table) {
        Some(s) => s.entity.table.to_string(),
        None => "\"unknown\"".to_string(),
    }
}

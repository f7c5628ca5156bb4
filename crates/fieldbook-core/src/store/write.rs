//! The one write path: every change to a synced row goes through `Tx`, which stamps each
//! changed field with a hybrid logical clock and appends it to the change journal.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Transaction};

use crate::clock::timestamp;
use crate::error::{CoreError, Result};
use crate::hlc::{Hlc, HlcGenerator};

/// A synced table and the columns that are stamped field by field.
/// `created_at`/`updated_at` are bookkeeping; `deleted_at` is a stamped field like any other.
#[derive(Debug, Clone, Copy)]
pub struct Entity {
    pub table: &'static str,
    pub fields: &'static [&'static str],
}

pub struct Tx<'a> {
    tx: &'a Transaction<'a>,
    hlc: &'a mut HlcGenerator,
    now: DateTime<Utc>,
    now_text: String,
}

impl<'a> Tx<'a> {
    pub(super) fn new(tx: &'a Transaction<'a>, hlc: &'a mut HlcGenerator, now: DateTime<Utc>) -> Self {
        Tx { tx, hlc, now, now_text: timestamp(now) }
    }

    pub fn conn(&self) -> &rusqlite::Connection {
        self.tx
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    pub fn now_text(&self) -> &str {
        &self.now_text
    }

    /// Insert a new row. The insert is stamped once for the whole row (field `*`) and journaled
    /// as one entry whose new value is the JSON object of all fields: a field without a
    /// clock of its own carries the row's insert clock. This keeps bulk imports cheap.
    pub fn insert(&mut self, entity: Entity, id: &str, fields: &[(&'static str, Value)]) -> Result<()> {
        let row = insert_row(self.tx, entity, id, &self.now_text, fields)?;
        // A new row (a fresh UUIDv7, or a key written for the first time) has no clock yet.
        let hlc = self.hlc.tick(self.now.timestamp_millis());
        self.record(entity, id, ROW_FIELD, hlc, None, Some(row))
    }

    /// Update the given fields of an existing row; only fields whose value really changes are
    /// written, stamped and journaled. Returns the names of the changed fields.
    pub fn update(&mut self, entity: Entity, id: &str, fields: &[(&'static str, Value)]) -> Result<Vec<&'static str>> {
        check_fields(entity, fields)?;
        let names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
        let sql = format!("SELECT {} FROM {} WHERE id = ?1", names.join(", "), entity.table);
        let current: Option<Vec<Value>> = self
            .tx
            .query_row(&sql, [id], |row| (0..names.len()).map(|i| row.get::<_, Value>(i)).collect())
            .optional()?;
        let current = current.ok_or_else(|| CoreError::not_found(entity.table, id))?;
        let mut changed = Vec::new();
        for ((field, new), old) in fields.iter().zip(current) {
            if *new == old {
                continue;
            }
            let hlc = self.stamp(entity, id, field, &old, new)?;
            set_field(self.tx, entity, id, field, new, &hlc)?;
            changed.push(*field);
        }
        Ok(changed)
    }

    /// Remove a row for good (from the Trash). A `*purged` journal entry records it so that
    /// sync can carry the removal to other laptops.
    pub fn purge(&mut self, entity: Entity, id: &str) -> Result<()> {
        let n = self.tx.execute(&format!("DELETE FROM {} WHERE id = ?1", entity.table), [id])?;
        if n == 0 {
            return Err(CoreError::not_found(entity.table, id));
        }
        self.tx.execute("DELETE FROM field_clocks WHERE entity = ?1 AND row_id = ?2", params![entity.table, id])?;
        self.stamp(entity, id, PURGED_FIELD, &Value::Null, &Value::Integer(1)).map(drop)
    }

    /// The clock a field carries here: its own, else its row's insert clock; None for a row
    /// this book has never had.
    pub(crate) fn field_clock(&self, entity: Entity, id: &str, field: &str) -> Result<Option<Hlc>> {
        let seen: Option<String> = self
            .tx
            // Two key lookups, the second only when the first finds nothing (no sort: this
            // runs for every field a sync applies).
            .prepare_cached(
                "SELECT COALESCE(
                   (SELECT hlc FROM field_clocks WHERE entity = ?1 AND row_id = ?2 AND field = ?3),
                   (SELECT hlc FROM field_clocks WHERE entity = ?1 AND row_id = ?2 AND field = '*'))",
            )?
            .query_row(params![entity.table, id, field], |r| r.get(0))?;
        seen.map(|s| s.parse()).transpose()
    }

    /// Another laptop's insert of a row this book does not have: the row as it was created
    /// there, with that laptop's clock; `created_at` is the clock's wall time.
    pub(crate) fn apply_remote_insert(
        &mut self,
        entity: Entity,
        id: &str,
        fields: &[(&'static str, Value)],
        created_at: Option<&str>,
        hlc: &Hlc,
    ) -> Result<()> {
        let at = created_at.map(str::to_string).unwrap_or_else(|| wall_text(hlc));
        let row = insert_row(self.tx, entity, id, &at, fields)?;
        self.hlc.observe(hlc);
        self.record(entity, id, ROW_FIELD, hlc.clone(), None, Some(row))
    }

    /// Another laptop's newer value of one field of a row this book has (`old` its value
    /// here, read by the caller), with its clock.
    pub(crate) fn apply_remote_field(
        &mut self,
        entity: Entity,
        id: &str,
        field: &'static str,
        old: &Value,
        value: &Value,
        hlc: &Hlc,
    ) -> Result<()> {
        check_fields(entity, &[(field, Value::Null)])?;
        set_field(self.tx, entity, id, field, value, hlc)?;
        self.hlc.observe(hlc);
        self.record(entity, id, field, hlc.clone(), to_json(old), to_json(value))
    }

    /// Another laptop removed a row for good (from its Trash).
    pub(crate) fn apply_remote_purge(&mut self, entity: Entity, id: &str, hlc: &Hlc) -> Result<()> {
        self.tx.execute(&format!("DELETE FROM {} WHERE id = ?1", entity.table), [id])?;
        self.tx.execute("DELETE FROM field_clocks WHERE entity = ?1 AND row_id = ?2", params![entity.table, id])?;
        self.hlc.observe(hlc);
        self.record(entity, id, PURGED_FIELD, hlc.clone(), None, Some("1".into()))
    }

    /// Stamp a changed field of an existing row: later than its current clock (its own, else
    /// the row's insert clock) and than anything this device issued.
    fn stamp(&mut self, entity: Entity, id: &str, field: &str, old: &Value, new: &Value) -> Result<Hlc> {
        let seen = self.field_clock(entity, id, field)?;
        let now_ms = self.now.timestamp_millis();
        let hlc = match seen {
            Some(seen) => self.hlc.tick_after(now_ms, &seen),
            None => self.hlc.tick(now_ms),
        };
        self.record(entity, id, field, hlc.clone(), to_json(old), to_json(new))?;
        Ok(hlc)
    }

    /// Keep `hlc` as the field's clock and append the change to the journal.
    fn record(
        &mut self,
        entity: Entity,
        id: &str,
        field: &str,
        hlc: Hlc,
        old: Option<String>,
        new: Option<String>,
    ) -> Result<()> {
        let hlc_text = hlc.to_string();
        if field != PURGED_FIELD {
            self.tx
                .prepare_cached(
                    "INSERT INTO field_clocks (entity, row_id, field, hlc) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (entity, row_id, field) DO UPDATE SET hlc = excluded.hlc",
                )?
                .execute(params![entity.table, id, field, hlc_text])?;
        }
        self.tx
            .prepare_cached(
                "INSERT INTO change_journal (hlc, entity, row_id, field, old_value, new_value, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![hlc_text, entity.table, id, field, old, new, hlc.device])?;
        Ok(())
    }
}

/// Insert a row created at `at`; returns the JSON object of its fields, as journaled.
fn insert_row(
    tx: &Transaction<'_>,
    entity: Entity,
    id: &str,
    at: &str,
    fields: &[(&'static str, Value)],
) -> Result<String> {
    check_fields(entity, fields)?;
    let names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
    let placeholders = (0..names.len() + 3).map(|i| format!("?{}", i + 1)).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "INSERT INTO {} (id, created_at, updated_at{}{}) VALUES ({placeholders})",
        entity.table,
        if names.is_empty() { "" } else { ", " },
        names.join(", ")
    );
    let mut values: Vec<Value> =
        vec![Value::Text(id.to_string()), Value::Text(at.to_string()), Value::Text(at.to_string())];
    values.extend(fields.iter().map(|(_, v)| v.clone()));
    tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
    let row: serde_json::Map<String, serde_json::Value> =
        fields.iter().map(|(n, v)| (n.to_string(), to_json_value(v))).collect();
    Ok(serde_json::Value::Object(row).to_string())
}

/// A clock's wall time as a stored timestamp.
fn wall_text(hlc: &Hlc) -> String {
    chrono::DateTime::from_timestamp_millis(hlc.wall_ms).map(timestamp).unwrap_or_default()
}

/// Write one field. `updated_at` becomes the latest wall time of the row's changes, not this
/// laptop's clock, so every laptop that applied the same changes shows the same time.
fn set_field(tx: &Transaction<'_>, entity: Entity, id: &str, field: &str, value: &Value, hlc: &Hlc) -> Result<()> {
    let sql = format!("UPDATE {} SET {field} = ?1, updated_at = MAX(updated_at, ?2) WHERE id = ?3", entity.table);
    tx.prepare_cached(&sql)?.execute(params![value, wall_text(hlc), id])?;
    Ok(())
}

/// Column names are interpolated into SQL, so only an entity's declared fields are allowed.
fn check_fields(entity: Entity, fields: &[(&'static str, Value)]) -> Result<()> {
    match fields.iter().find(|(name, _)| !entity.fields.contains(name)) {
        Some((name, _)) => Err(CoreError::Conflict(format!("{} has no synced field {name}", entity.table))),
        None => Ok(()),
    }
}

/// The journal's field name for a removal from the Trash.
pub const PURGED_FIELD: &str = "*purged";

/// The journal's field name for a whole-row insert.
pub const ROW_FIELD: &str = "*";

pub(crate) fn to_json_value(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => serde_json::Value::from(*i),
        Value::Real(f) => serde_json::Value::from(*f),
        Value::Text(s) => serde_json::Value::from(s.as_str()),
        Value::Blob(b) => serde_json::Value::from(b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
    }
}

pub(crate) fn to_json(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        v => Some(to_json_value(v).to_string()),
    }
}

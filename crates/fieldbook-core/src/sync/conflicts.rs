//! The conflicts list: every value that lost to a concurrent edit of the same field, per
//! customer, and bringing one back as a new edit (which then syncs like any other).

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::entities::synced;
use crate::error::{CoreError, Result};
use crate::hlc::Hlc;
use crate::store::Store;
use crate::transfer::dump::from_json;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Conflict {
    pub id: String,
    pub entity: String,
    pub row_id: String,
    pub field: String,
    pub customer_id: Option<String>,
    /// JSON of the losing value (null: the field was empty).
    pub value: Option<String>,
    /// JSON of the value that won.
    pub winner_value: Option<String>,
    /// The device that made the losing edit, and when (its clock's wall time, RFC 3339).
    pub device: String,
    pub edited_at: String,
    pub winner_device: String,
    pub detected_at: String,
    pub restored_at: Option<String>,
}

fn when(hlc: &Hlc) -> String {
    chrono::DateTime::from_timestamp_millis(hlc.wall_ms).map(crate::clock::timestamp).unwrap_or_default()
}

impl Store {
    /// Losing values, newest first; one customer's when `customer_id` is given.
    pub fn conflicts(&self, customer_id: Option<&str>, limit: usize) -> Result<Vec<Conflict>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, entity, row_id, field, customer_id, value, hlc, winner_value, winner_hlc, detected_at, restored_at
             FROM sync_conflicts WHERE ?1 IS NULL OR customer_id = ?1 ORDER BY detected_at DESC, id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![customer_id, limit as i64], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
                r.get::<_, Option<String>>(10)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                id,
                entity,
                row_id,
                field,
                customer_id,
                value,
                hlc,
                winner_value,
                winner_hlc,
                detected_at,
                restored_at,
            ) = row?;
            let (hlc, winner): (Hlc, Hlc) = (hlc.parse()?, winner_hlc.parse()?);
            out.push(Conflict {
                id,
                entity,
                row_id,
                field,
                customer_id,
                value,
                winner_value,
                device: hlc.device.clone(),
                edited_at: when(&hlc),
                winner_device: winner.device.clone(),
                detected_at,
                restored_at,
            });
        }
        Ok(out)
    }

    /// Bring a losing value back: written as a new edit of this laptop (so it wins now, and
    /// syncs), and the conflict marked restored.
    pub fn restore_conflict(&mut self, id: &str) -> Result<Conflict> {
        let row: Option<(String, String, String, Option<String>)> = self
            .conn()
            .query_row("SELECT entity, row_id, field, value FROM sync_conflicts WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        let (entity, row_id, field, value) = row.ok_or_else(|| CoreError::not_found("conflict", id))?;
        let s = synced(&entity).ok_or_else(|| CoreError::not_found("entity", entity.clone()))?;
        let field: &'static str = s
            .entity
            .fields
            .iter()
            .find(|f| **f == field)
            .ok_or_else(|| CoreError::not_found("field", field.clone()))?;
        let value = match &value {
            None => Value::Null,
            Some(text) => {
                serde_json::from_str::<serde_json::Value>(text).ok().and_then(|v| from_json(&v)).ok_or_else(|| {
                    CoreError::Corrupt { context: "conflict".into(), message: format!("bad value {text}") }
                })?
            }
        };
        self.write(|tx| {
            tx.update(s.entity, &row_id, &[(field, value)])?;
            let customers: Vec<String> = crate::sync::apply::customer_of(tx, &entity, &row_id)?.into_iter().collect();
            let orders: Vec<String> = if entity == "orders" { vec![row_id.clone()] } else { vec![] };
            crate::derived::recompute(tx, &customers, &orders)?;
            tx.conn()
                .execute("UPDATE sync_conflicts SET restored_at = ?1 WHERE id = ?2", params![tx.now_text(), id])?;
            Ok(())
        })?;
        let restored = self.conflicts(None, usize::MAX >> 1)?.into_iter().find(|c| c.id == id);
        restored.ok_or_else(|| CoreError::not_found("conflict", id))
    }
}

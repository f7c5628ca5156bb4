//! The conflicts list: every value that lost to a concurrent edit of the same field, per
//! customer, and bringing one back as a new edit (which then syncs like any other).

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::derived::Rebuild;
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

const COLUMNS: &str =
    "id, entity, row_id, field, customer_id, value, hlc, winner_value, winner_hlc, detected_at, restored_at";

/// A `sync_conflicts` row selected as COLUMNS.
fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Conflict> {
    let clock = |i: usize| -> rusqlite::Result<Hlc> {
        let text: String = r.get(i)?;
        text.parse()
            .map_err(|e: CoreError| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into()))
    };
    let (hlc, winner) = (clock(6)?, clock(8)?);
    Ok(Conflict {
        id: r.get(0)?,
        entity: r.get(1)?,
        row_id: r.get(2)?,
        field: r.get(3)?,
        customer_id: r.get(4)?,
        value: r.get(5)?,
        winner_value: r.get(7)?,
        device: hlc.device.clone(),
        edited_at: when(&hlc),
        winner_device: winner.device,
        detected_at: r.get(9)?,
        restored_at: r.get(10)?,
    })
}

impl Store {
    /// Losing values, newest first; one customer's when `customer_id` is given.
    pub fn conflicts(&self, customer_id: Option<&str>, limit: usize) -> Result<Vec<Conflict>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM sync_conflicts WHERE ?1 IS NULL OR customer_id = ?1
             ORDER BY detected_at DESC, id DESC LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![customer_id, limit as i64], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn conflict(&self, id: &str) -> Result<Conflict> {
        let sql = format!("SELECT {COLUMNS} FROM sync_conflicts WHERE id = ?1");
        self.conn().query_row(&sql, [id], from_row).optional()?.ok_or_else(|| CoreError::not_found("conflict", id))
    }

    /// Bring a losing value back: written as a new edit of this laptop (so it wins now, and
    /// syncs), and the conflict marked restored.
    pub fn restore_conflict(&mut self, id: &str) -> Result<Conflict> {
        let Conflict { entity, row_id, field, value, .. } = self.conflict(id)?;
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
            let mut customers = std::collections::BTreeMap::new();
            if let Some(c) = crate::sync::apply::customer_of(tx, &entity, &row_id)? {
                customers.insert(c, Rebuild::all());
            }
            if entity == "reminder_states" {
                // A restored follow-up state moves that customer's next follow-up.
                if let Some(c) = crate::records::follow_up_customer(tx.conn(), &row_id)? {
                    customers.insert(c, Rebuild::all());
                }
            }
            let orders: Vec<String> = if entity == "orders" { vec![row_id.clone()] } else { vec![] };
            crate::derived::recompute(tx, &customers, &orders)?;
            tx.conn()
                .execute("UPDATE sync_conflicts SET restored_at = ?1 WHERE id = ?2", params![tx.now_text(), id])?;
            Ok(())
        })?;
        self.conflict(id)
    }
}

//! Child rows of a customer (phones, emails, addresses, anniversaries): read them, and
//! reconcile them with a submitted form through the stamped write path.

use rusqlite::types::Value;
use rusqlite::{params, Connection};

use super::model::{Anniversary, ContactPoint};
use crate::dates::DateSpec;
use crate::error::{CoreError, Result};
use crate::store::{Entity, Tx};

pub const CONTACT_POINTS: Entity =
    Entity { table: "contact_points", fields: &["customer_id", "kind", "label", "value", "position", "deleted_at"] };

pub const ANNIVERSARIES: Entity =
    Entity { table: "anniversaries", fields: &["customer_id", "label", "date", "deleted_at"] };

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointKind {
    Phone,
    Email,
    Address,
}

impl PointKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PointKind::Phone => "phone",
            PointKind::Email => "email",
            PointKind::Address => "address",
        }
    }
}

pub fn load_points(conn: &Connection, customer_id: &str, kind: PointKind) -> Result<Vec<ContactPoint>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, label, value FROM contact_points
         WHERE customer_id = ?1 AND kind = ?2 AND deleted_at IS NULL ORDER BY position, id",
    )?;
    let rows = stmt.query_map(params![customer_id, kind.as_str()], |r| {
        Ok(ContactPoint { id: Some(r.get(0)?), label: r.get(1)?, value: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn load_anniversaries(conn: &Connection, customer_id: &str) -> Result<Vec<Anniversary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, label, date FROM anniversaries WHERE customer_id = ?1 AND deleted_at IS NULL ORDER BY created_at, id",
    )?;
    let rows = stmt
        .query_map([customer_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, label, date) = row?;
        let date: DateSpec = serde_json::from_str(&date)
            .map_err(|e| CoreError::Corrupt { context: format!("anniversary {id}"), message: e.to_string() })?;
        out.push(Anniversary { id: Some(id), label, date });
    }
    Ok(out)
}

/// Make the stored live points of one kind equal `wanted`: entries with a known id are
/// updated in place, new ones inserted, missing ones moved to the trash (soft delete).
/// `existing` is what is stored now (empty for a customer being created).
pub fn save_points(
    tx: &mut Tx<'_>,
    customer_id: &str,
    kind: PointKind,
    wanted: &[ContactPoint],
    existing: Vec<ContactPoint>,
) -> Result<()> {
    let mut kept = Vec::new();
    for (position, p) in wanted.iter().enumerate() {
        let fields = [
            ("label", Value::Text(p.label.clone())),
            ("value", Value::Text(p.value.clone())),
            ("position", Value::Integer(position as i64)),
        ];
        match p.id.as_deref().filter(|id| existing.iter().any(|e| e.id.as_deref() == Some(*id))) {
            Some(id) => {
                tx.update(CONTACT_POINTS, id, &fields)?;
                kept.push(id.to_string());
            }
            None => {
                let id = crate::new_id();
                let mut all = vec![
                    ("customer_id", Value::Text(customer_id.to_string())),
                    ("kind", Value::Text(kind.as_str().to_string())),
                ];
                all.extend(fields);
                tx.insert(CONTACT_POINTS, &id, &all)?;
            }
        }
    }
    for e in existing {
        let id = e.id.expect("loaded rows have ids");
        if !kept.contains(&id) {
            let now = tx.now_text().to_string();
            tx.update(CONTACT_POINTS, &id, &[("deleted_at", Value::Text(now))])?;
        }
    }
    Ok(())
}

pub fn save_anniversaries(
    tx: &mut Tx<'_>,
    customer_id: &str,
    wanted: &[Anniversary],
    existing: Vec<Anniversary>,
) -> Result<()> {
    let mut kept = Vec::new();
    for a in wanted {
        let date = serde_json::to_string(&a.date).expect("DateSpec serializes");
        let fields = [("label", Value::Text(a.label.clone())), ("date", Value::Text(date))];
        match a.id.as_deref().filter(|id| existing.iter().any(|e| e.id.as_deref() == Some(*id))) {
            Some(id) => {
                tx.update(ANNIVERSARIES, id, &fields)?;
                kept.push(id.to_string());
            }
            None => {
                let mut all = vec![("customer_id", Value::Text(customer_id.to_string()))];
                all.extend(fields);
                tx.insert(ANNIVERSARIES, &crate::new_id(), &all)?;
            }
        }
    }
    for e in existing {
        let id = e.id.expect("loaded rows have ids");
        if !kept.contains(&id) {
            let now = tx.now_text().to_string();
            tx.update(ANNIVERSARIES, &id, &[("deleted_at", Value::Text(now))])?;
        }
    }
    Ok(())
}

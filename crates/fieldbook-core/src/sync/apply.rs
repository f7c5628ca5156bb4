//! Applying another laptop's records: per-field last writer wins by (HLC, device). Applying is
//! idempotent and order-independent — the same record twice changes nothing, and a change to a
//! row whose insert has not arrived waits (parked) until it does. When two laptops changed the
//! same field without one seeing the other's value, the losing value goes to the conflicts
//! list, on every laptop that sees both.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};

use super::segment::Record;
use crate::derived::{fed_by, Rebuild};
use crate::entities::{synced, Owner};
use crate::error::{CoreError, Result};
use crate::hlc::Hlc;
use crate::store::{to_json, Entity, Tx, PURGED_FIELD, ROW_FIELD};
use crate::transfer::dump::from_json;

/// What applying a batch did.
#[derive(Debug, Default)]
pub(crate) struct Applied {
    pub records: usize,
    pub conflicts: usize,
    pub parked: usize,
    pub customers_added: BTreeSet<String>,
    pub customers_changed: BTreeSet<String>,
    pub customers_deleted: BTreeSet<String>,
    pub orders: BTreeSet<String>,
    /// The customers whose derived data must be recomputed, and what of it: only what the
    /// changed fields feed (a notes edit moves no sort key and no last contact). A customer
    /// whose follow-up was marked done elsewhere is here though the customer did not change.
    pub rebuild: BTreeMap<String, Rebuild>,
}

impl Applied {
    fn rebuild(&mut self, customer: &str, what: Rebuild) {
        if !what.is_empty() {
            *self.rebuild.entry(customer.to_string()).or_default() |= what;
        }
    }
}

fn row_exists(tx: &Tx<'_>, entity: Entity, id: &str) -> Result<bool> {
    let sql = format!("SELECT 1 FROM {} WHERE id = ?1", entity.table);
    Ok(tx.conn().prepare_cached(&sql)?.query_row([id], |_| Ok(())).optional()?.is_some())
}

fn purged(tx: &Tx<'_>, entity: &str, id: &str) -> Result<bool> {
    Ok(tx
        .conn()
        .prepare_cached("SELECT 1 FROM sync_purged WHERE entity = ?1 AND row_id = ?2")?
        .query_row([entity, id], |_| Ok(()))
        .optional()?
        .is_some())
}

fn park(tx: &Tx<'_>, r: &Record, reason: &str) -> Result<()> {
    tx.conn()
        .prepare_cached(
            "INSERT INTO sync_parked (entity, row_id, field, value, old, hlc, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![r.e, r.r, r.f, r.v, r.o, r.h, reason])?;
    Ok(())
}

fn bad(r: &Record, what: &str) -> CoreError {
    CoreError::Corrupt { context: format!("sync record {}.{}.{}", r.e, r.r, r.f), message: what.into() }
}

fn value_of(r: &Record, json: Option<&str>) -> Result<Value> {
    match json {
        None => Ok(Value::Null),
        Some(text) => {
            let v: serde_json::Value = serde_json::from_str(text).map_err(|_| bad(r, "value is not JSON"))?;
            from_json(&v).ok_or_else(|| bad(r, "value is not a column value"))
        }
    }
}

/// Apply records in the order that needs no waiting: inserts, then field changes, then purges.
pub(crate) fn apply_all(tx: &mut Tx<'_>, records: &[Record], out: &mut Applied) -> Result<()> {
    let rank = |r: &Record| match r.f.as_str() {
        ROW_FIELD => 0,
        PURGED_FIELD => 2,
        _ => 1,
    };
    let mut order: Vec<&Record> = records.iter().collect();
    order.sort_by_key(|r| rank(r));
    for r in order {
        apply(tx, r, out)?;
    }
    Ok(())
}

/// Apply one record.
pub(crate) fn apply(tx: &mut Tx<'_>, r: &Record, out: &mut Applied) -> Result<()> {
    let hlc: Hlc = r.h.parse().map_err(|_| bad(r, "bad clock"))?;
    let Some(s) = synced(&r.e) else {
        out.parked += 1;
        return park(tx, r, "unknown_entity");
    };
    let entity = s.entity;
    if purged(tx, &r.e, &r.r)? {
        return Ok(()); // removed for good here: a late change never brings it back
    }
    if r.e == "settings" && crate::settings::DEVICE_SETTINGS.contains(&r.r.as_str()) {
        return Ok(()); // another laptop's own preference
    }
    match r.f.as_str() {
        PURGED_FIELD => {
            let exists = row_exists(tx, entity, &r.r)?;
            let customer = customer_of(tx, &r.e, &r.r)?;
            note_order(tx, &r.e, &r.r, out)?;
            if exists {
                tx.apply_remote_purge(entity, &r.r, &hlc)?;
                out.records += 1;
            }
            tx.conn()
                .prepare_cached("INSERT OR REPLACE INTO sync_purged (entity, row_id, hlc) VALUES (?1, ?2, ?3)")?
                .execute(params![r.e, r.r, r.h])?;
            tx.conn()
                .prepare_cached("DELETE FROM sync_parked WHERE entity = ?1 AND row_id = ?2")?
                .execute(params![r.e, r.r])?;
            if let Some(c) = customer {
                out.rebuild(&c, fed_by(&r.e, PURGED_FIELD));
                // A child row removed for good (an interaction of a merged-away customer that
                // now belongs to the survivor) changes its customer; only the customer's own
                // removal deletes it.
                if r.e == "customers" {
                    out.customers_deleted.insert(c);
                } else {
                    out.customers_changed.insert(c);
                }
            }
        }
        ROW_FIELD => {
            let text = r.v.as_deref().ok_or_else(|| bad(r, "an insert without its row"))?;
            let row: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(text).map_err(|_| bad(r, "the row is not a JSON object"))?;
            if row_exists(tx, entity, &r.r)? {
                // Inserted here too (the same key, e.g. a setting): field by field.
                for (field, value) in &row {
                    let single = Record { f: field.clone(), v: json_text(value), o: None, ..r.clone() };
                    apply(tx, &single, out)?;
                }
                return Ok(());
            }
            let mut fields: Vec<(&'static str, Value)> = Vec::new();
            for (field, value) in &row {
                match entity.fields.iter().find(|f| **f == field) {
                    Some(known) => fields.push((known, from_json(value).ok_or_else(|| bad(r, "bad column value"))?)),
                    None => {
                        // A column of a newer version: kept until this laptop knows it.
                        park(
                            tx,
                            &Record { f: field.clone(), v: json_text(value), o: None, ..r.clone() },
                            "unknown_field",
                        )?;
                        out.parked += 1;
                    }
                }
            }
            tx.apply_remote_insert(entity, &r.r, &fields, r.c.as_deref(), &hlc)?;
            out.records += 1;
            note_order(tx, &r.e, &r.r, out)?;
            if let Some(c) = customer_of(tx, &r.e, &r.r)? {
                out.rebuild(&c, fed_by(&r.e, ROW_FIELD));
                if r.e == "customers" {
                    out.customers_added.insert(c);
                } else {
                    out.customers_changed.insert(c);
                }
            }
        }
        field => {
            let Some(field) = entity.fields.iter().find(|f| **f == field) else {
                out.parked += 1;
                return park(tx, r, "unknown_field");
            };
            // The field's value here, which also tells whether the row exists.
            let sql = format!("SELECT {field} FROM {} WHERE id = ?1", entity.table);
            let current: Option<Value> =
                tx.conn().prepare_cached(&sql)?.query_row([&r.r], |row| row.get(0)).optional()?;
            let Some(current) = current else {
                out.parked += 1;
                return park(tx, r, "missing_row");
            };
            apply_field(tx, entity, field, r, &hlc, current, out)?;
        }
    }
    Ok(())
}

fn json_text(v: &serde_json::Value) -> Option<String> {
    (!v.is_null()).then(|| v.to_string())
}

fn apply_field(
    tx: &mut Tx<'_>,
    entity: Entity,
    field: &'static str,
    r: &Record,
    hlc: &Hlc,
    current_value: Value,
    out: &mut Applied,
) -> Result<()> {
    let local = tx.field_clock(entity, &r.r, field)?;
    if local.as_ref() == Some(hlc) {
        return Ok(()); // applied before
    }
    let current = to_json(&current_value);
    let remote_wins = local.as_ref().is_none_or(|l| hlc > l);
    if remote_wins {
        // The remote edit started from another value than ours: ours is the loser.
        if current != r.v && current != r.o {
            if let Some(l) = &local {
                conflict(tx, r, field, current.clone(), l, r.v.clone(), hlc)?;
                out.conflicts += 1;
            }
        }
        let value = value_of(r, r.v.as_deref())?;
        tx.apply_remote_field(entity, &r.r, field, &current_value, &value, hlc)?;
        out.records += 1;
        note_order(tx, &r.e, &r.r, out)?;
        let feeds = fed_by(&r.e, field);
        if let Value::Text(before) = &current_value {
            if synced(&r.e).is_some_and(|s| s.owner == Owner::Customer(field)) {
                // Moved to another customer (a merge): the one it left changes too.
                out.rebuild(before, feeds);
            }
        }
        if let Some(c) = customer_of(tx, &r.e, &r.r)? {
            out.rebuild(&c, feeds);
            if r.e == "customers" && field == "deleted_at" && r.v.is_some() {
                out.customers_deleted.insert(c);
            } else {
                out.customers_changed.insert(c);
            }
        }
    } else if current != r.v {
        // Ours is newer. Unless our edit overwrote exactly this value, theirs is the loser.
        let our_old: Option<Option<String>> = tx
            .conn()
            .prepare_cached(
                "SELECT old_value FROM change_journal WHERE entity = ?1 AND row_id = ?2 AND field = ?3
                 ORDER BY seq DESC LIMIT 1",
            )?
            .query_row(params![r.e, r.r, field], |row| row.get(0))
            .optional()?;
        if our_old.flatten() != r.v {
            let l = local.expect("a newer local clock exists");
            conflict(tx, r, field, r.v.clone(), hlc, current, &l)?;
            out.conflicts += 1;
        }
    }
    Ok(())
}

/// Keep a losing value (once: the same pair seen again is not a new conflict).
fn conflict(
    tx: &Tx<'_>,
    r: &Record,
    field: &str,
    value: Option<String>,
    hlc: &Hlc,
    winner_value: Option<String>,
    winner: &Hlc,
) -> Result<()> {
    let known = tx
        .conn()
        .prepare_cached("SELECT 1 FROM sync_conflicts WHERE entity = ?1 AND row_id = ?2 AND field = ?3 AND hlc = ?4")?
        .query_row(params![r.e, r.r, field, hlc.to_string()], |_| Ok(()))
        .optional()?
        .is_some();
    if known {
        return Ok(());
    }
    let customer = customer_of(tx, &r.e, &r.r)?;
    tx.conn()
        .prepare_cached(
            "INSERT INTO sync_conflicts (id, entity, row_id, field, customer_id, value, hlc, winner_value, winner_hlc, detected_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            crate::new_id(),
            r.e,
            r.r,
            field,
            customer,
            value,
            hlc.to_string(),
            winner_value,
            winner.to_string(),
            tx.now_text()
        ])?;
    Ok(())
}

/// The customer a row belongs to, inside the applying transaction.
pub(crate) fn customer_of(tx: &Tx<'_>, entity: &str, id: &str) -> Result<Option<String>> {
    if entity == "customers" {
        return Ok(Some(id.to_string())); // the commonest case, without a query
    }
    crate::entities::customer_of(tx.conn(), entity, id)
}

/// Orders whose total must be recomputed (an order, or the order of a line), and customers
/// whose next follow-up a reminder state moved.
fn note_order(tx: &Tx<'_>, entity: &str, id: &str, out: &mut Applied) -> Result<()> {
    match entity {
        "reminder_states" => {
            if let Some(c) = crate::records::follow_up_customer(tx.conn(), id)? {
                out.rebuild(&c, Rebuild::CONTACT);
            }
        }
        "orders" => {
            out.orders.insert(id.to_string());
        }
        "order_lines" => {
            let order: Option<String> = tx
                .conn()
                .prepare_cached("SELECT order_id FROM order_lines WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            out.orders.extend(order);
        }
        _ => {}
    }
    Ok(())
}

/// Retry parked records: rows that have arrived since, columns this version now knows.
pub(crate) fn replay_parked(tx: &mut Tx<'_>, out: &mut Applied) -> Result<()> {
    let parked: Vec<(i64, Record)> = {
        let mut stmt =
            tx.conn().prepare("SELECT id, entity, row_id, field, value, old, hlc FROM sync_parked ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                Record { e: r.get(1)?, r: r.get(2)?, f: r.get(3)?, v: r.get(4)?, o: r.get(5)?, h: r.get(6)?, c: None },
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (id, record) in parked {
        let ready = match synced(&record.e) {
            None => false,
            Some(s) => {
                (record.f == ROW_FIELD || s.entity.fields.contains(&record.f.as_str()))
                    && row_exists(tx, s.entity, &record.r)?
            }
        };
        if ready || purged(tx, &record.e, &record.r)? {
            tx.conn().execute("DELETE FROM sync_parked WHERE id = ?1", [id])?;
            if ready {
                apply(tx, &record, out)?;
            }
        }
    }
    Ok(())
}

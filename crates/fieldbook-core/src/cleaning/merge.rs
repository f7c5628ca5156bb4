//! Merging duplicate customers into one survivor, and undoing it.
//!
//! A merge, in one transaction through the stamped write path:
//! - the survivor's empty fields are filled from the others (first one that has a value wins),
//!   tags are united, and notes kept both (the others' appended);
//! - every phone, email, address and anniversary the survivor lacks is moved to it (one it
//!   already has, by the matching keys, stays with its merged-away owner);
//! - every interaction, order, complaint and custom reminder of the others (in the Trash too)
//!   is re-pointed to the survivor, and so are an organization's people;
//! - the others go to the Trash, and a `merges` row records what moved and what the
//!   survivor's changed fields were before and after.
//!
//! Undo reverses exactly that, sparing later edits: a moved row goes back only if it still
//! belongs to the survivor, a survivor field only if it still holds what the merge set.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use ts_rs::TS;

use crate::complaints::COMPLAINTS;
use crate::customers::matching::{email_key, name_key, phone_key};
use crate::customers::{ANNIVERSARIES, CONTACT_POINTS, CUSTOMERS};
use crate::error::{CoreError, Result};
use crate::interactions::INTERACTIONS;
use crate::orders::ORDERS;
use crate::reminders::custom::CUSTOM_REMINDERS;
use crate::search::index;
use crate::store::{Entity, Store, Tx};

pub const MERGES: Entity = Entity {
    table: "merges",
    fields: &["survivor_id", "merged_ids", "moves", "survivor_before", "survivor_after", "undone_at", "deleted_at"],
};

/// Survivor fields filled from the others when empty.
const FILLED: &[&str] = &[
    "gender",
    "title",
    "company_id",
    "source",
    "owner",
    "tier",
    "customer_type",
    "region",
    "interests",
    "birthday",
    "risk_preference",
];

/// Records that follow their customer to the survivor, whole.
const RECORDS: &[Entity] = &[INTERACTIONS, ORDERS, COMPLAINTS, CUSTOM_REMINDERS];

/// A merge as history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MergeRecord {
    pub id: String,
    pub survivor_id: String,
    pub survivor_name: String,
    pub merged_ids: Vec<String>,
    pub merged_names: Vec<String>,
    /// How many rows (phones, interactions, orders …) moved to the survivor.
    #[ts(type = "number")]
    pub moved: u64,
    pub created_at: String,
    pub undone_at: Option<String>,
}

/// One row re-pointed by a merge: `field` of `entity` row `row_id` was `from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Move {
    entity: String,
    row_id: String,
    field: String,
    from: String,
}

fn entity(table: &str) -> Option<Entity> {
    [CONTACT_POINTS, ANNIVERSARIES, CUSTOMERS, INTERACTIONS, ORDERS, COMPLAINTS, CUSTOM_REMINDERS]
        .into_iter()
        .find(|e| e.table == table)
}

fn to_json(v: &Value) -> Json {
    match v {
        Value::Integer(i) => Json::from(*i),
        Value::Real(f) => Json::from(*f),
        Value::Text(s) => Json::from(s.as_str()),
        _ => Json::Null,
    }
}

fn from_json(v: &Json) -> Value {
    match v {
        Json::String(s) => Value::Text(s.clone()),
        Json::Number(n) => {
            n.as_i64().map(Value::Integer).or_else(|| n.as_f64().map(Value::Real)).unwrap_or(Value::Null)
        }
        _ => Value::Null,
    }
}

fn ids_where(tx: &Tx<'_>, sql: &str, arg: &str) -> Result<Vec<String>> {
    let mut stmt = tx.conn().prepare_cached(sql)?;
    let rows = stmt.query_map([arg], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Merge `others` into `survivor` (see the module docs). Returns the merge record.
    pub fn merge_customers(&mut self, survivor: &str, others: &[String]) -> Result<MergeRecord> {
        self.check_merge(survivor, others)?;
        let id = self.write(|tx| {
            let mut moves: Vec<Move> = Vec::new();
            let (before, after) = merge_fields(tx, survivor, others)?;
            for other in others {
                move_points(tx, survivor, other, &mut moves)?;
                for e in RECORDS {
                    let sql = format!("SELECT id FROM {} WHERE customer_id = ?1 ORDER BY id", e.table);
                    for row in ids_where(tx, &sql, other)? {
                        tx.update(*e, &row, &[("customer_id", Value::Text(survivor.to_string()))])?;
                        moves.push(Move {
                            entity: e.table.into(),
                            row_id: row,
                            field: "customer_id".into(),
                            from: other.clone(),
                        });
                    }
                }
                let members = ids_where(tx, "SELECT id FROM customers WHERE company_id = ?1 ORDER BY id", other)?;
                for m in members {
                    tx.update(CUSTOMERS, &m, &[("company_id", Value::Text(survivor.to_string()))])?;
                    index::reindex_customer(tx, &m)?;
                    moves.push(Move {
                        entity: "customers".into(),
                        row_id: m,
                        field: "company_id".into(),
                        from: other.clone(),
                    });
                }
                let now = tx.now_text().to_string();
                tx.update(CUSTOMERS, other, &[("deleted_at", Value::Text(now))])?;
                index::reindex_customer(tx, other)?;
                crate::records::refresh_after_interaction(tx, other)?;
            }
            index::reindex_customer(tx, survivor)?;
            crate::records::refresh_after_interaction(tx, survivor)?;
            let id = crate::new_id();
            tx.insert(
                MERGES,
                &id,
                &[
                    ("survivor_id", Value::Text(survivor.to_string())),
                    ("merged_ids", Value::Text(json(&others.to_vec()))),
                    ("moves", Value::Text(json(&moves))),
                    ("survivor_before", Value::Text(json(&before))),
                    ("survivor_after", Value::Text(json(&after))),
                ],
            )?;
            Ok(id)
        })?;
        self.merge(&id)
    }

    fn check_merge(&self, survivor: &str, others: &[String]) -> Result<()> {
        let kind_of = |id: &str, field: String| -> Result<String> {
            let row: Option<(String, bool)> = self
                .conn()
                .query_row("SELECT kind, deleted_at IS NULL FROM customers WHERE id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            match row {
                None => Err(CoreError::invalid(field, "customer_not_found", format!("no customer {id:?}"))),
                Some((_, false)) => {
                    Err(CoreError::invalid(field, "customer_in_trash", format!("customer {id} is in the Trash")))
                }
                Some((kind, true)) => Ok(kind),
            }
        };
        let kind = kind_of(survivor, "survivor_id".into())?;
        if others.is_empty() {
            return Err(CoreError::invalid("merged_ids", "merge_nothing", "choose at least one customer to merge in"));
        }
        let mut seen = HashSet::new();
        for (i, other) in others.iter().enumerate() {
            let field = format!("merged_ids[{i}]");
            if other == survivor {
                return Err(CoreError::invalid(field, "merge_self", "a customer cannot be merged into itself"));
            }
            if !seen.insert(other) {
                return Err(CoreError::invalid(field, "merge_repeated", format!("{other} is listed twice")));
            }
            if kind_of(other, field.clone())? != kind {
                return Err(CoreError::invalid(
                    field,
                    "merge_kind_mismatch",
                    "a person and an organization cannot be merged",
                ));
            }
        }
        Ok(())
    }

    /// Undo a merge: the merged customers come back from the Trash with their records.
    pub fn undo_merge(&mut self, merge_id: &str) -> Result<MergeRecord> {
        let (survivor, merged, moves, before, after, undone): (String, String, String, String, String, Option<String>) =
            self.conn()
                .query_row(
                    "SELECT survivor_id, merged_ids, moves, survivor_before, survivor_after, undone_at FROM merges
                 WHERE id = ?1 AND deleted_at IS NULL",
                    [merge_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
                )
                .optional()?
                .ok_or_else(|| CoreError::not_found("merge", merge_id))?;
        if undone.is_some() {
            return Err(CoreError::invalid("merge_id", "merge_already_undone", "this merge was already undone"));
        }
        let corrupt =
            |e: serde_json::Error| CoreError::Corrupt { context: format!("merge {merge_id}"), message: e.to_string() };
        let merged: Vec<String> = serde_json::from_str(&merged).map_err(corrupt)?;
        let moves: Vec<Move> = serde_json::from_str(&moves).map_err(corrupt)?;
        let before: BTreeMap<String, Json> = serde_json::from_str(&before).map_err(corrupt)?;
        let after: BTreeMap<String, Json> = serde_json::from_str(&after).map_err(corrupt)?;
        for id in std::iter::once(&survivor).chain(&merged) {
            let exists: bool =
                self.conn().query_row("SELECT EXISTS (SELECT 1 FROM customers WHERE id = ?1)", [id], |r| r.get(0))?;
            if !exists {
                return Err(CoreError::invalid(
                    "merge_id",
                    "merge_customer_purged",
                    format!("customer {id} was removed from the Trash for good; the merge cannot be undone"),
                ));
            }
        }
        self.write(|tx| {
            let mut touched: BTreeSet<String> = merged.iter().cloned().collect();
            touched.insert(survivor.clone());
            for id in &merged {
                tx.update(CUSTOMERS, id, &[("deleted_at", Value::Null)])?;
            }
            for m in &moves {
                let e = entity(&m.entity).ok_or_else(|| CoreError::Corrupt {
                    context: format!("merge {merge_id}"),
                    message: format!("unknown entity {}", m.entity),
                })?;
                let field = e.fields.iter().copied().find(|f| *f == m.field).ok_or_else(|| CoreError::Corrupt {
                    context: format!("merge {merge_id}"),
                    message: format!("unknown field {}", m.field),
                })?;
                let sql = format!("SELECT {field} FROM {} WHERE id = ?1", e.table);
                let current: Option<Option<String>> =
                    tx.conn().query_row(&sql, [&m.row_id], |r| r.get(0)).optional()?;
                // Rows purged since, or moved elsewhere by hand since, are left as they are.
                if current.flatten().as_deref() == Some(survivor.as_str()) {
                    tx.update(e, &m.row_id, &[(field, Value::Text(m.from.clone()))])?;
                    if e.table == "customers" {
                        touched.insert(m.row_id.clone());
                    }
                }
            }
            let mut restore = Vec::new();
            for (field, set) in &after {
                let Some(name) = CUSTOMERS.fields.iter().copied().find(|f| f == field) else { continue };
                let current: Value =
                    tx.conn()
                        .query_row(&format!("SELECT {name} FROM customers WHERE id = ?1"), [&survivor], |r| r.get(0))?;
                if to_json(&current) == *set {
                    restore.push((name, from_json(before.get(field).unwrap_or(&Json::Null))));
                }
            }
            if !restore.is_empty() {
                tx.update(CUSTOMERS, &survivor, &restore)?;
            }
            let now = tx.now_text().to_string();
            tx.update(MERGES, merge_id, &[("undone_at", Value::Text(now))])?;
            for id in &touched {
                index::reindex_customer(tx, id)?;
                crate::records::refresh_after_interaction(tx, id)?;
            }
            Ok(())
        })?;
        self.merge(merge_id)
    }

    /// One merge record.
    pub fn merge(&self, id: &str) -> Result<MergeRecord> {
        self.merges_where("m.id = ?1", params![id], 1)?.pop().ok_or_else(|| CoreError::not_found("merge", id))
    }

    /// Merges, newest first (the Data screen's history).
    pub fn list_merges(&self, limit: usize) -> Result<Vec<MergeRecord>> {
        self.merges_where("1", params![], limit)
    }

    /// The merge (not undone) that sent `customer_id` to the Trash, if any: the Trash offers
    /// to undo it instead of a plain restore, which would leave the records on the survivor.
    pub fn merge_of_customer(&self, customer_id: &str) -> Result<Option<MergeRecord>> {
        Ok(self
            .merges_where(
                "m.undone_at IS NULL AND EXISTS (SELECT 1 FROM json_each(m.merged_ids) j WHERE j.value = ?1)",
                params![customer_id],
                1,
            )?
            .pop())
    }

    fn merges_where(&self, filter: &str, args: impl rusqlite::Params, limit: usize) -> Result<Vec<MergeRecord>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT m.id, m.survivor_id, c.name, m.merged_ids, m.moves, m.created_at, m.undone_at
             FROM merges m LEFT JOIN customers c ON c.id = m.survivor_id
             WHERE m.deleted_at IS NULL AND {filter} ORDER BY m.created_at DESC, m.id DESC LIMIT {limit}"
        ))?;
        let rows = stmt.query_map(args, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, survivor_id, survivor_name, merged, moves, created_at, undone_at) = row?;
            let corrupt =
                |e: serde_json::Error| CoreError::Corrupt { context: format!("merge {id}"), message: e.to_string() };
            let merged_ids: Vec<String> = serde_json::from_str(&merged).map_err(corrupt)?;
            let moved = serde_json::from_str::<Vec<Json>>(&moves).map_err(corrupt)?.len() as u64;
            let mut merged_names = Vec::with_capacity(merged_ids.len());
            for m in &merged_ids {
                let name: Option<String> =
                    self.conn().query_row("SELECT name FROM customers WHERE id = ?1", [m], |r| r.get(0)).optional()?;
                merged_names.push(name.unwrap_or_default());
            }
            out.push(MergeRecord {
                id,
                survivor_id,
                survivor_name: survivor_name.unwrap_or_default(),
                merged_ids,
                merged_names,
                moved,
                created_at,
                undone_at,
            });
        }
        Ok(out)
    }
}

/// Fill, unite and append the survivor's fields; returns the changed fields' (before, after).
fn merge_fields(
    tx: &mut Tx<'_>,
    survivor: &str,
    others: &[String],
) -> Result<(BTreeMap<String, Json>, BTreeMap<String, Json>)> {
    let cols = [FILLED, &["tags", "notes"][..]].concat();
    let read = |tx: &Tx<'_>, id: &str| -> Result<Vec<Value>> {
        let sql = format!("SELECT {} FROM customers WHERE id = ?1", cols.join(", "));
        Ok(tx.conn().query_row(&sql, [id], |r| (0..cols.len()).map(|i| r.get::<_, Value>(i)).collect())?)
    };
    let old = read(tx, survivor)?;
    let mut new = old.clone();
    let (tags_at, notes_at) = (FILLED.len(), FILLED.len() + 1);
    let mut tags: BTreeSet<String> = tags_of(&old[tags_at]);
    for other in others {
        let theirs = read(tx, other)?;
        for i in 0..FILLED.len() {
            let own_company = FILLED[i] == "company_id"
                && matches!(&theirs[i], Value::Text(c) if c == survivor || others.contains(c));
            if new[i] == Value::Null && !own_company {
                new[i] = theirs[i].clone();
            }
        }
        tags.extend(tags_of(&theirs[tags_at]));
        if let Value::Text(n) = &theirs[notes_at] {
            let n = n.trim();
            new[notes_at] = match &new[notes_at] {
                Value::Text(mine) if mine.contains(n) => Value::Text(mine.clone()),
                Value::Text(mine) if !mine.trim().is_empty() => Value::Text(format!("{mine}\n\n{n}")),
                _ if !n.is_empty() => Value::Text(n.to_string()),
                v => v.clone(),
            };
        }
    }
    new[tags_at] = Value::Text(serde_json::to_string(&tags).expect("tags serialize"));
    let (mut before, mut after, mut changes) = (BTreeMap::new(), BTreeMap::new(), Vec::new());
    for (i, col) in cols.iter().enumerate() {
        if old[i] != new[i] {
            before.insert(col.to_string(), to_json(&old[i]));
            after.insert(col.to_string(), to_json(&new[i]));
            let name = CUSTOMERS.fields.iter().copied().find(|f| f == col).expect("merged fields are customer fields");
            changes.push((name, new[i].clone()));
        }
    }
    if !changes.is_empty() {
        tx.update(CUSTOMERS, survivor, &changes)?;
    }
    Ok((before, after))
}

fn tags_of(v: &Value) -> BTreeSet<String> {
    match v {
        Value::Text(t) => serde_json::from_str::<Vec<String>>(t).unwrap_or_default().into_iter().collect(),
        _ => BTreeSet::new(),
    }
}

/// Move the other's phones, emails, addresses and anniversaries the survivor lacks.
fn move_points(tx: &mut Tx<'_>, survivor: &str, other: &str, moves: &mut Vec<Move>) -> Result<()> {
    let key = |kind: &str, value: &str| match kind {
        "phone" => phone_key(value).unwrap_or_else(|| value.trim().to_string()),
        "email" => email_key(value).unwrap_or_default(),
        _ => name_key(value).unwrap_or_default(),
    };
    let points = |tx: &Tx<'_>, id: &str| -> Result<Vec<(String, String, String, i64)>> {
        let mut stmt = tx.conn().prepare_cached(
            "SELECT id, kind, value, position FROM contact_points WHERE customer_id = ?1 AND deleted_at IS NULL
             ORDER BY kind, position, id",
        )?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let mine = points(tx, survivor)?;
    let mut have: HashSet<(String, String)> = mine.iter().map(|(_, k, v, _)| (k.clone(), key(k, v))).collect();
    let mut next: BTreeMap<String, i64> = BTreeMap::new();
    for (_, k, _, p) in &mine {
        let n = next.entry(k.clone()).or_insert(0);
        *n = (*n).max(p + 1);
    }
    for (id, kind, value, _) in points(tx, other)? {
        if !have.insert((kind.clone(), key(&kind, &value))) {
            continue;
        }
        let pos = next.entry(kind).or_insert(0);
        tx.update(
            CONTACT_POINTS,
            &id,
            &[("customer_id", Value::Text(survivor.to_string())), ("position", Value::Integer(*pos))],
        )?;
        *pos += 1;
        moves.push(Move {
            entity: "contact_points".into(),
            row_id: id,
            field: "customer_id".into(),
            from: other.into(),
        });
    }
    let dates = |tx: &Tx<'_>, id: &str| -> Result<Vec<(String, String, String)>> {
        let mut stmt = tx.conn().prepare_cached(
            "SELECT id, label, date FROM anniversaries WHERE customer_id = ?1 AND deleted_at IS NULL ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let mut have: HashSet<(String, String)> = dates(tx, survivor)?.into_iter().map(|(_, l, d)| (l, d)).collect();
    for (id, label, date) in dates(tx, other)? {
        if have.insert((label, date)) {
            tx.update(ANNIVERSARIES, &id, &[("customer_id", Value::Text(survivor.to_string()))])?;
            moves.push(Move {
                entity: "anniversaries".into(),
                row_id: id,
                field: "customer_id".into(),
                from: other.into(),
            });
        }
    }
    Ok(())
}

/// JSON text of what a merge row keeps.
fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("merge records serialize")
}

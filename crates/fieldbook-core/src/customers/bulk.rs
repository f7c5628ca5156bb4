//! Bulk edits and handover (客户交接) on many customers at once: one transaction, each customer
//! changed through the same stamped, journaled update as a form save, so every customer's own
//! history shows the change (e.g. an `owner` edit "王经理 → 李经理" on the timeline).

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::Tier;
use super::repo::CUSTOMERS;
use crate::error::{CoreError, Result};
use crate::search::index;
use crate::store::{Store, Tx};

/// What to change on every selected customer. Unset parts are left alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(default)]
#[ts(export)]
pub struct BulkEdit {
    pub tier: Option<Tier>,
    /// A new owner; `Some("")` clears the owner.
    pub owner: Option<String>,
    pub add_tags: Vec<String>,
    pub remove_tags: Vec<String>,
}

/// Whose customers a handover moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum HandoverScope {
    /// These customers (one or a selection).
    Ids { ids: Vec<String> },
    /// Every customer a saved segment matches today.
    Segment { segment_id: String },
    /// Every live customer of the `from` owner.
    All,
}

/// A handover: from one owner (`""` = customers without one) to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Handover {
    pub from: String,
    pub to: String,
    pub scope: HandoverScope,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HandoverResult {
    /// Customers now owned by `to`.
    #[ts(type = "number")]
    pub moved: u64,
    /// Customers in scope that were not `from`'s (left as they were).
    #[ts(type = "number")]
    pub skipped: u64,
}

/// The most customers one bulk edit or handover may touch (the largest book we bench is 100k).
pub const MAX_BULK: usize = 200_000;
const MAX_OWNER_CHARS: usize = 200;

impl Store {
    /// Apply `edit` to every customer in `ids`, all or nothing. Returns how many customers
    /// really changed (a customer already as asked is not stamped). An unknown or trashed id
    /// fails the whole edit, naming the id's position.
    pub fn bulk_edit_customers(&mut self, ids: &[String], edit: &BulkEdit) -> Result<u64> {
        let edit = tidy_edit(edit)?;
        check_ids(ids)?;
        self.write(|tx| {
            let mut changed = 0;
            for (i, id) in ids.iter().enumerate() {
                let current = read_current(tx, i, id)?;
                let mut fields = Vec::new();
                if let Some(tier) = edit.tier {
                    fields.push(("tier", Value::Text(tier.as_str().into())));
                }
                if let Some(owner) = &edit.owner {
                    fields.push(("owner", if owner.is_empty() { Value::Null } else { Value::Text(owner.clone()) }));
                }
                if !edit.add_tags.is_empty() || !edit.remove_tags.is_empty() {
                    let mut tags: Vec<String> =
                        current.tags.into_iter().filter(|t| !edit.remove_tags.contains(t)).collect();
                    tags.extend(edit.add_tags.iter().cloned());
                    tags.sort();
                    tags.dedup();
                    fields.push(("tags", Value::Text(serde_json::to_string(&tags).expect("tags serialize"))));
                }
                if apply(tx, id, &fields)? {
                    changed += 1;
                }
            }
            Ok(changed)
        })
    }

    /// Move customers from one owner to another, all or nothing. Only customers whose owner
    /// is `from` change; the rest of the scope is counted as skipped. Their interactions,
    /// orders and complaints stay with them untouched.
    pub fn handover(&mut self, h: &Handover, today: NaiveDate) -> Result<HandoverResult> {
        let from = h.from.trim().to_string();
        let to = h.to.trim().to_string();
        if to.is_empty() {
            return Err(CoreError::invalid("to", "owner_empty", "hand over to whom?"));
        }
        if to.chars().count() > MAX_OWNER_CHARS {
            return Err(CoreError::invalid("to", "text_too_long", "the owner name is too long"));
        }
        if from.to_lowercase() == to.to_lowercase() {
            return Err(CoreError::invalid("to", "handover_same_owner", "the new owner is the current owner"));
        }
        let ids: Vec<String> = match &h.scope {
            HandoverScope::Ids { ids } => ids.clone(),
            HandoverScope::Segment { segment_id } => {
                let segment = self.segment(segment_id)?;
                self.segment_ids(&segment.filter, today)?
            }
            HandoverScope::All => {
                let mut stmt = self
                    .conn()
                    .prepare("SELECT id FROM customers WHERE deleted_at IS NULL AND coalesce(trim(owner), '') = ?1")?;
                let rows = stmt.query_map([&from], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            }
        };
        check_ids(&ids)?;
        self.write(|tx| {
            let (mut moved, mut skipped) = (0, 0);
            for (i, id) in ids.iter().enumerate() {
                let current = read_current(tx, i, id)?;
                if current.owner.as_deref().map(str::trim).unwrap_or("") != from {
                    skipped += 1;
                    continue;
                }
                apply(tx, id, &[("owner", Value::Text(to.clone()))])?;
                moved += 1;
            }
            Ok(HandoverResult { moved, skipped })
        })
    }

    /// The distinct owners of live customers, by name (for pickers).
    pub fn customer_owners(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT trim(owner) AS o FROM customers
             WHERE deleted_at IS NULL AND owner IS NOT NULL AND trim(owner) <> '' ORDER BY o",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

struct Current {
    owner: Option<String>,
    tags: Vec<String>,
}

fn read_current(tx: &Tx<'_>, i: usize, id: &str) -> Result<Current> {
    let row: Option<(Option<String>, String, Option<String>)> = tx
        .conn()
        .prepare_cached("SELECT owner, tags, deleted_at FROM customers WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    match row {
        Some((owner, tags, None)) => Ok(Current { owner, tags: serde_json::from_str(&tags).unwrap_or_default() }),
        _ => Err(CoreError::invalid(
            format!("ids[{i}]"),
            "customer_not_found",
            format!("no live customer {id} (item {})", i + 1),
        )),
    }
}

/// The customer update of the write path, then the search index (tags are searchable).
fn apply(tx: &mut Tx<'_>, id: &str, fields: &[(&'static str, Value)]) -> Result<bool> {
    let changed = tx.update(CUSTOMERS, id, fields)?;
    if !changed.is_empty() {
        index::reindex_customer(tx, id)?;
    }
    Ok(!changed.is_empty())
}

fn check_ids(ids: &[String]) -> Result<()> {
    if ids.len() > MAX_BULK {
        return Err(CoreError::invalid("ids", "too_many", format!("at most {MAX_BULK} customers at once")));
    }
    Ok(())
}

/// Trim everything; tags as a customer form stores them; reject an edit that changes nothing
/// or adds and removes the same tag.
fn tidy_edit(edit: &BulkEdit) -> Result<BulkEdit> {
    let tags = |v: &[String]| {
        let mut t: Vec<String> = v.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
        t.sort();
        t.dedup();
        t
    };
    let out = BulkEdit {
        tier: edit.tier,
        owner: edit.owner.as_ref().map(|o| o.trim().to_string()),
        add_tags: tags(&edit.add_tags),
        remove_tags: tags(&edit.remove_tags),
    };
    if out.owner.as_ref().is_some_and(|o| o.chars().count() > MAX_OWNER_CHARS) {
        return Err(CoreError::invalid("owner", "text_too_long", "the owner name is too long"));
    }
    if let Some(t) = out.add_tags.iter().find(|t| out.remove_tags.contains(t)) {
        return Err(CoreError::invalid(
            "add_tags",
            "tag_add_and_remove",
            format!("tag {t:?} is both added and removed"),
        ));
    }
    if out.tier.is_none() && out.owner.is_none() && out.add_tags.is_empty() && out.remove_tags.is_empty() {
        return Err(CoreError::invalid("edit", "nothing_to_change", "choose a tier, owner or tags to change"));
    }
    Ok(out)
}

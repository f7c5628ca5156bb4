//! One customer's whole story, newest first: interactions, orders, complaints, and the edits of
//! the customer's own fields from the change journal, merged into one list for the UI.
//!
//! Each entry has an `at` time (RFC 3339 UTC) it sorts by:
//! - an interaction: when it happened;
//! - an order or complaint (which carry a date, not a time): its creation time when it was
//!   entered on that date (so the order taken at this morning's visit sits at the right place
//!   among today's calls), else the start of that date;
//! - an edit: the wall-clock part of its hybrid logical clock.
//!
//! Ties break on the record's id (journal entries on their sequence number), so paging with
//! the opaque `next_before` cursor never skips or repeats an entry.

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::clock::timestamp;
use crate::complaints::Complaint;
use crate::error::{CoreError, Result};
use crate::hlc::Hlc;
use crate::interactions::Interaction;
use crate::orders::Order;
use crate::store::{ChangeEntry, Store};

/// One entry of the timeline, tagged by `type` for the UI.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum TimelineItem {
    Interaction {
        at: String,
        interaction: Interaction,
    },
    Order {
        at: String,
        order: Order,
    },
    Complaint {
        at: String,
        complaint: Complaint,
    },
    /// A change to one of the customer's fields (`field` "*" = the customer was created).
    Edit {
        at: String,
        change: ChangeEntry,
    },
}

impl TimelineItem {
    pub fn at(&self) -> &str {
        match self {
            TimelineItem::Interaction { at, .. }
            | TimelineItem::Order { at, .. }
            | TimelineItem::Complaint { at, .. }
            | TimelineItem::Edit { at, .. } => at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TimelinePage {
    pub items: Vec<TimelineItem>,
    /// Pass back as `before` for the next (older) page; none when this page is the last.
    pub next_before: Option<String>,
}

/// A customer's edits below a clock bound, newest first (see `customer_edits`).
const EDITS_SQL: &str = "SELECT seq, hlc, entity, row_id, field, old_value, new_value, origin
     FROM change_journal INDEXED BY change_journal_row_hlc
     WHERE entity = 'customers' AND row_id = ?1 AND hlc < ?2 ORDER BY hlc DESC";

/// Sorts after every real time: "no cursor".
const END: &str = "~";

const SOURCES: [(&str, &str); 3] = [
    ("interaction", "SELECT occurred_at AS at, id FROM interactions WHERE customer_id = ?1 AND deleted_at IS NULL"),
    (
        "order",
        "SELECT CASE WHEN substr(created_at, 1, 10) = ordered_on THEN created_at
                     ELSE ordered_on || 'T00:00:00.000Z' END AS at, id
         FROM orders WHERE customer_id = ?1 AND deleted_at IS NULL",
    ),
    (
        "complaint",
        "SELECT CASE WHEN substr(created_at, 1, 10) = opened_on THEN created_at
                     ELSE opened_on || 'T00:00:00.000Z' END AS at, id
         FROM complaints WHERE customer_id = ?1 AND deleted_at IS NULL",
    ),
];

impl Store {
    /// Up to `limit` entries older than the `before` cursor (none = from the newest).
    pub fn timeline(&self, customer_id: &str, limit: usize, before: Option<&str>) -> Result<TimelinePage> {
        self.customer(customer_id)?;
        let (cursor_at, cursor_key) = match before {
            Some(c) => c.split_once('|').ok_or_else(|| {
                CoreError::invalid("before", "cursor_invalid", "not a cursor returned by the timeline")
            })?,
            None => (END, ""),
        };
        let limit = limit.clamp(1, 500);
        let mut found: Vec<(String, String, &str)> = Vec::new();
        for (kind, select) in SOURCES {
            let sql =
                format!("SELECT at, id FROM ({select}) WHERE (at, id) < (?2, ?3) ORDER BY at DESC, id DESC LIMIT ?4");
            let mut stmt = self.conn().prepare_cached(&sql)?;
            let rows = stmt.query_map(params![customer_id, cursor_at, cursor_key, limit as i64], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (at, id) = row?;
                found.push((at, id, kind));
            }
        }
        let mut edits = self.customer_edits(customer_id, cursor_at, cursor_key, limit)?;
        for (key, at, _) in &edits {
            found.push((at.clone(), key.clone(), "edit"));
        }
        found.sort_by(|a, b| (&b.0, &b.1).cmp(&(&a.0, &a.1)));
        found.truncate(limit);
        let next_before = (found.len() == limit).then(|| {
            let (at, key, _) = found.last().expect("limit is at least 1");
            format!("{at}|{key}")
        });
        let mut items = Vec::with_capacity(found.len());
        for (at, key, kind) in found {
            items.push(match kind {
                "interaction" => TimelineItem::Interaction { at, interaction: self.interaction(&key)? },
                "order" => TimelineItem::Order { at, order: self.order(&key)? },
                "complaint" => TimelineItem::Complaint { at, complaint: self.complaint(&key)? },
                _ => {
                    let i = edits.iter().position(|(k, _, _)| *k == key).expect("edit was collected");
                    TimelineItem::Edit { at, change: edits.swap_remove(i).2 }
                }
            });
        }
        Ok(TimelinePage { items, next_before })
    }

    /// The customer's own field edits older than the cursor, newest first, at most `limit`
    /// (key, at, entry). One range of the `(entity, row_id, hlc)` index (migration 0006),
    /// read from the newest clock down and stopped as soon as the page is full: the cost
    /// does not grow with the journal. `at` is the clock's wall time, so clock order is `at`
    /// order; within one millisecond the key (sequence number) decides, hence the scan goes on
    /// while rows share the millisecond of the last kept one.
    fn customer_edits(
        &self,
        customer_id: &str,
        cursor_at: &str,
        cursor_key: &str,
        limit: usize,
    ) -> Result<Vec<(String, String, ChangeEntry)>> {
        // Every clock whose wall time is at or before the cursor's sorts below this bound.
        let bound = match chrono::DateTime::parse_from_rfc3339(cursor_at) {
            Ok(t) => format!("{:015}:~", t.timestamp_millis()),
            Err(_) => END.to_string(),
        };
        let mut stmt = self.conn().prepare_cached(EDITS_SQL)?;
        let mut rows = stmt.query(params![customer_id, bound])?;
        let mut out: Vec<(String, String, ChangeEntry)> = Vec::new();
        while let Some(r) = rows.next()? {
            let change = ChangeEntry::from_row(r)?;
            let at = timestamp(
                chrono::DateTime::from_timestamp_millis(change.hlc.parse::<Hlc>()?.wall_ms).unwrap_or_default(),
            );
            if out.len() >= limit && out.last().is_some_and(|(_, last_at, _)| at < *last_at) {
                break;
            }
            let key = format!("j{:019}", change.seq);
            if (at.as_str(), key.as_str()) < (cursor_at, cursor_key) {
                out.push((key, at, change));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customers_edits_are_one_range_of_the_journal_index_newest_first() {
        let store = Store::open_in_memory(std::sync::Arc::new(crate::clock::SystemClock)).unwrap();
        let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {EDITS_SQL}")).unwrap();
        let plan: Vec<String> =
            stmt.query_map(params!["c", "x"], |r| r.get::<_, String>(3)).unwrap().map(Result::unwrap).collect();
        let plan = plan.join("; ");
        assert!(
            plan.contains("USING INDEX change_journal_row_hlc (entity=? AND row_id=? AND hlc<?)"),
            "a timeline page must not read the whole journal (1M rows at 1M interactions): {plan}"
        );
        assert!(!plan.contains("TEMP B-TREE"), "the index gives the order; no sort of the customer's edits: {plan}");
    }
}

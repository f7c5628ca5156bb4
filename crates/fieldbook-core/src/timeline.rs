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
use crate::store::{ChangeEntry, JournalQuery, Store};

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
        let older = |at: &str, key: &str| (at, key) < (cursor_at, cursor_key);
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
        let mut edits = Vec::new();
        let q = JournalQuery {
            entity: Some("customers".into()),
            row_id: Some(customer_id.into()),
            after_seq: 0,
            limit: 1_000_000,
        };
        for change in self.journal(&q)? {
            let at = timestamp(
                chrono::DateTime::from_timestamp_millis(change.hlc.parse::<Hlc>()?.wall_ms).unwrap_or_default(),
            );
            let key = format!("j{:019}", change.seq);
            if older(&at, &key) {
                found.push((at.clone(), key.clone(), "edit"));
                edits.push((key, change));
            }
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
                    let i = edits.iter().position(|(k, _)| *k == key).expect("edit was collected");
                    TimelineItem::Edit { at, change: edits.swap_remove(i).1 }
                }
            });
        }
        Ok(TimelinePage { items, next_before })
    }
}

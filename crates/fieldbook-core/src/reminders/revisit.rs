//! Revisit cadence: a customer of a tier is due a visit or call `interval` days after the
//! last contact; a customer never contacted is due `interval` days after being added.
//!
//! ## The anchor
//! The last contact is the later of the last live interaction and the last live purchase
//! order (`OrderStatus::is_purchase`), kept in the derived, local column
//! `customers.last_contact_at` (migration 0004), which every interaction and order write
//! refreshes in its own transaction (`records::refresh_last_contact`). The pure rule is
//! [`revisit_due`]. In SQL the anchor is [`ANCHOR_SQL`], `max(created_at,
//! coalesce(last_contact_at, ''))` (also the generated column `revisit_anchor`), indexed per
//! tier by a covering index (`customers_tier_revisit_cover`, migration 0009), so a range of
//! due days is one index range scan per tier that never touches the table.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};

use super::model::{Occurrence, OccurrenceKind};
use super::settings::{ReminderSettings, MAX_INTERVAL_DAYS};
use crate::customers::Tier;
use crate::error::{CoreError, Result};
use crate::store::{Entity, Store};

pub const REVISIT_CADENCES: Entity = Entity { table: "revisit_cadences", fields: &["interval_days", "deleted_at"] };

/// What a revisit counts from (see the module docs), RFC 3339 UTC text. Written exactly as
/// in the index of migration 0009, which SQLite matches by expression.
pub const ANCHOR_SQL: &str = "max(created_at, coalesce(last_contact_at, ''))";

/// The day a customer is next due: `interval_days` after the last contact, or after being
/// added if never contacted (a contact before creation, e.g. imported history, still counts
/// from creation).
pub fn revisit_due(created: NaiveDate, last_contact: Option<NaiveDate>, interval_days: u32) -> NaiveDate {
    let anchor = last_contact.map_or(created, |c| c.max(created));
    anchor + chrono::Duration::days(interval_days.into())
}

/// The date (UTC) of a stored RFC 3339 timestamp.
fn date_of(ts: &str) -> Option<NaiveDate> {
    ts.get(..10).and_then(|d| d.parse().ok())
}

fn occurrence(id: &str, name: &str, due: NaiveDate, interval: u32, s: &ReminderSettings) -> Occurrence {
    Occurrence::new(OccurrenceKind::Revisit, id, due, s.lead_days.revisit)
        .for_customer(id, name)
        .titled(format!("Revisit {name} (every {interval} days)"), format!("回访 {name}（每 {interval} 天）"))
}

// INDEXED BY, as for birthdays: without statistics SQLite may prefer another index and
// compute the generated anchor for every live customer. The range is on the full text:
// '2026-11-15' <= '2026-11-15T…' < '2026-11-16'.
fn tier_sql() -> String {
    format!(
        "SELECT id, name, created_at, last_contact_at FROM customers INDEXED BY customers_tier_revisit_cover
         WHERE deleted_at IS NULL AND tier = ?1 AND {ANCHOR_SQL} >= ?2 AND {ANCHOR_SQL} < ?3
           AND id NOT IN (SELECT id FROM revisit_cadences WHERE deleted_at IS NULL AND interval_days IS NOT NULL)"
    )
}

/// Customers with their own interval (few), checked one by one against the same anchor.
const OVERRIDES_SQL: &str = "SELECT c.id, c.name, c.created_at, c.last_contact_at, r.interval_days
     FROM revisit_cadences r JOIN customers c ON c.id = r.id
     WHERE r.deleted_at IS NULL AND r.interval_days IS NOT NULL AND c.deleted_at IS NULL";

/// The revisit due date of a row of (created_at, last_contact_at).
fn due_of(created: &str, last_contact: Option<&str>, interval_days: u32) -> Option<NaiveDate> {
    Some(revisit_due(date_of(created)?, last_contact.and_then(date_of), interval_days))
}

/// Revisits due in `from..=to`.
pub(super) fn due_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    s: &ReminderSettings,
) -> Result<Vec<Occurrence>> {
    let mut out = Vec::new();
    let sql = tier_sql();
    for tier in [Tier::Vip, Tier::A, Tier::B, Tier::C] {
        let Some(n) = s.revisit.for_tier(tier) else { continue };
        let back = chrono::Duration::days(n.into());
        // due in [from, to] ⟺ anchor date in [from − n, to − n]: an index range on the text.
        let (lo, hi) = ((from - back).to_string(), (to - back + chrono::Duration::days(1)).to_string());
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![tier.as_str(), lo, hi])?;
        while let Some(r) = rows.next()? {
            let (id, name, created): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let last: Option<String> = r.get(3)?;
            let Some(due) = due_of(&created, last.as_deref(), n) else { continue };
            out.push(occurrence(&id, &name, due, n, s));
        }
    }
    let mut stmt = conn.prepare_cached(OVERRIDES_SQL)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, name, created, n): (String, String, String, u32) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(4)?);
        let last: Option<String> = r.get(3)?;
        let Some(due) = due_of(&created, last.as_deref(), n) else { continue };
        if (from..=to).contains(&due) {
            out.push(occurrence(&id, &name, due, n, s));
        }
    }
    Ok(out)
}

/// A customer past their cadence, for the overdue-revisit radar.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct OverdueRevisit {
    pub occurrence: Occurrence,
    pub tier: Option<Tier>,
    /// Days past the due date.
    #[ts(type = "number")]
    pub days_late: i64,
}

impl Store {
    /// Set (or with `None` clear) a customer's own revisit interval, overriding the tier's.
    pub fn set_revisit_interval(&mut self, customer_id: &str, days: Option<u32>) -> Result<()> {
        self.customer(customer_id)?;
        if days.is_some_and(|d| d == 0 || d > MAX_INTERVAL_DAYS) {
            return Err(CoreError::invalid(
                "interval_days",
                "interval_invalid",
                format!("revisit intervals are 1 to {MAX_INTERVAL_DAYS} days"),
            ));
        }
        let exists = self
            .conn()
            .query_row("SELECT 1 FROM revisit_cadences WHERE id = ?1", [customer_id], |_| Ok(()))
            .optional()?
            .is_some();
        let fields = [
            ("interval_days", days.map(|d| Value::Integer(d.into())).unwrap_or(Value::Null)),
            ("deleted_at", Value::Null),
        ];
        self.write(|tx| {
            if exists {
                tx.update(REVISIT_CADENCES, customer_id, &fields).map(drop)
            } else {
                tx.insert(REVISIT_CADENCES, customer_id, &fields)
            }
        })
    }

    /// A customer's own revisit interval, if set.
    pub fn revisit_interval(&self, customer_id: &str) -> Result<Option<u32>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT interval_days FROM revisit_cadences WHERE id = ?1 AND deleted_at IS NULL",
                [customer_id],
                |r| r.get::<_, Option<u32>>(0),
            )
            .optional()?
            .flatten())
    }

    /// Customers whose revisit was due before `today` and is not done or dismissed, latest
    /// first (most days late), at most `limit`.
    pub fn overdue_revisits(&self, today: NaiveDate, limit: usize, now: DateTime<Utc>) -> Result<Vec<OverdueRevisit>> {
        Ok(self.overdue_revisit_summary(today, limit, now)?.1)
    }

    /// How many customers are overdue (as `overdue_revisits` counts them), and the first
    /// `limit` of them, most days late first.
    pub fn overdue_revisit_summary(
        &self,
        today: NaiveDate,
        limit: usize,
        now: DateTime<Utc>,
    ) -> Result<(u64, Vec<OverdueRevisit>)> {
        let s = self.reminder_settings()?;
        let earliest = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
        let mut due = due_between(self.conn(), earliest, today.pred_opt().unwrap_or(today), &s)?;
        self.attach_states(&mut due)?;
        let mut out: Vec<OverdueRevisit> = due
            .into_iter()
            .filter(|o| super::state::is_open(o, now))
            .map(|o| {
                let days_late = (today - o.date).num_days();
                OverdueRevisit { occurrence: o, tier: None, days_late }
            })
            .collect();
        out.sort_by(|a, b| b.days_late.cmp(&a.days_late).then_with(|| a.occurrence.key.cmp(&b.occurrence.key)));
        let count = out.len() as u64;
        out.truncate(limit);
        for o in &mut out {
            let id = o.occurrence.customer_id.as_deref().unwrap_or_default();
            let tier: Option<String> = self
                .conn()
                .query_row("SELECT tier FROM customers WHERE id = ?1", [id], |r| r.get(0))
                .optional()?
                .flatten();
            o.tier = tier.and_then(|t| serde_json::from_value(serde_json::Value::String(t)).ok());
        }
        Ok((count, out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(sql: &str, params: usize) -> String {
        let store = crate::Store::open_in_memory(std::sync::Arc::new(crate::clock::SystemClock)).unwrap();
        let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let values = vec!["x"; params];
        let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| r.get::<_, String>(3)).unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
    }

    #[test]
    fn the_revisit_range_is_a_covering_index_range_scan_on_tier_and_anchor() {
        let p = plan(&tier_sql(), 3);
        assert!(
            p.contains("USING COVERING INDEX customers_tier_revisit_cover (tier=? AND <expr>>? AND <expr><?)"),
            "a day's due customers must come from a range of the (tier, anchor) index without table lookups: {p}"
        );
    }
}

//! Revisit cadence: a customer of a tier is due a visit or call `interval` days after the
//! last contact; a customer never contacted is due `interval` days after being added.
//!
//! ## The anchor
//! What a revisit counts from is `last_contact::anchor` (the last live interaction or purchase
//! order, else the day added), the rule the lifecycle stage uses too. The pure rule is
//! [`revisit_due`]. In SQL the anchor is [`ANCHOR_SQL`], indexed per tier by a covering index
//! (`customers_tier_contact_cover`, migration 0010), so
//! - revisits due in a range of days are one index range scan per tier ([`due_between`]);
//! - the overdue count is an index count per tier, and the most overdue customers are the
//!   first rows of the same index in order ([`Store::overdue_revisit_summary`]): neither
//!   builds an occurrence per overdue customer, of which a book moved in with its history can
//!   have tens of thousands.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};

use super::model::{Occurrence, OccurrenceKind};
use super::settings::{ReminderSettings, MAX_INTERVAL_DAYS};
use crate::customers::Tier;
use crate::error::{CoreError, Result};
use crate::records::read_enum;
use crate::store::{Entity, Store};

pub const REVISIT_CADENCES: Entity = Entity { table: "revisit_cadences", fields: &["interval_days", "deleted_at"] };

/// What a revisit counts from (see `last_contact`), RFC 3339 UTC text.
pub use crate::last_contact::ANCHOR_SQL;

/// The day a customer is next due: `interval_days` after the last contact, or after being
/// added if never contacted (`last_contact::anchor`). History logged with dates before the
/// customer was added counts: it is when they were last in touch.
pub fn revisit_due(created: NaiveDate, last_contact: Option<NaiveDate>, interval_days: u32) -> NaiveDate {
    crate::last_contact::anchor(created, last_contact) + chrono::Duration::days(interval_days.into())
}

/// The date (UTC) of a stored RFC 3339 timestamp.
pub(super) fn date_of(ts: &str) -> Option<NaiveDate> {
    ts.get(..10).and_then(|d| d.parse().ok())
}

pub(super) fn occurrence(id: &str, name: &str, due: NaiveDate, interval: u32, s: &ReminderSettings) -> Occurrence {
    Titles::new(interval).occurrence(id.to_string(), name.to_string(), due, &due.to_string(), s.lead_days.revisit)
}

/// The words of an interval's revisits, made once per tier: a window in which a whole tier
/// falls due (an imported book, 40,000 customers on one day) builds each occurrence from
/// plain string copies, with no formatting per customer.
struct Titles {
    every_en: String,
    every_zh: String,
}

impl Titles {
    fn new(interval: u32) -> Titles {
        Titles { every_en: format!(" (every {interval} days)"), every_zh: format!("（每 {interval} 天）") }
    }

    /// "Revisit 张三 (every 30 days)" / "回访 张三（每 30 天）", keyed `revisit:<id>:<day>`.
    fn occurrence(&self, id: String, name: String, due: NaiveDate, day: &str, lead_days: u32) -> Occurrence {
        let joined = |parts: &[&str]| {
            let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
            parts.iter().for_each(|p| out.push_str(p));
            out
        };
        Occurrence {
            key: joined(&[OccurrenceKind::Revisit.as_str(), ":", &id, ":", day]),
            date: due,
            remind_on: due - chrono::Duration::days(lead_days.into()),
            kind: OccurrenceKind::Revisit,
            title: joined(&["Revisit ", &name, &self.every_en]),
            title_zh: joined(&["回访 ", &name, &self.every_zh]),
            customer_id: Some(id),
            customer_name: Some(name),
            years: None,
            tag: None,
            status: None,
            snoozed_until: None,
            count: None,
        }
    }
}

/// Customers with their own interval are left to [`overrides`].
const NOT_OVERRIDDEN: &str =
    "id NOT IN (SELECT id FROM revisit_cadences WHERE deleted_at IS NULL AND interval_days IS NOT NULL)";

// INDEXED BY, as for birthdays: without statistics SQLite may prefer another index and
// compute the anchor for every live customer. The range is on the full text:
// '2026-11-15' <= '2026-11-15T…' < '2026-11-16'.
fn tier_sql() -> String {
    format!(
        "SELECT id, name, {ANCHOR_SQL} FROM customers INDEXED BY customers_tier_contact_cover
         WHERE deleted_at IS NULL AND tier = ?1 AND {ANCHOR_SQL} >= ?2 AND {ANCHOR_SQL} < ?3 AND {NOT_OVERRIDDEN}"
    )
}

/// A tier's customers whose anchor is before a day (due before `day + interval`): counted,
/// and listed most overdue first, straight from the index.
pub(super) fn tier_overdue_count_sql() -> String {
    format!(
        "SELECT count(*) FROM customers INDEXED BY customers_tier_contact_cover
         WHERE deleted_at IS NULL AND tier = ?1 AND {ANCHOR_SQL} < ?2 AND {NOT_OVERRIDDEN}"
    )
}

pub(super) fn tier_overdue_sql() -> String {
    format!(
        "SELECT id, name, {ANCHOR_SQL} FROM customers INDEXED BY customers_tier_contact_cover
         WHERE deleted_at IS NULL AND tier = ?1 AND {ANCHOR_SQL} < ?2 AND {NOT_OVERRIDDEN}
         ORDER BY {ANCHOR_SQL}"
    )
}

/// Customers with their own interval (few), checked one by one against the same anchor.
/// CROSS JOIN keeps the few overrides in the outer loop: SQLite would otherwise walk every
/// live customer and probe for an override (~15 ms per agenda at 100k customers).
fn overrides_sql() -> String {
    format!(
        "SELECT c.id, c.name, {}, r.interval_days, c.tier
         FROM revisit_cadences r CROSS JOIN customers c ON c.id = r.id
         WHERE r.deleted_at IS NULL AND r.interval_days IS NOT NULL AND c.deleted_at IS NULL",
        crate::last_contact::anchor_sql_of("c")
    )
}

/// A customer whose revisit may be due, with the day it is due.
pub(super) struct Candidate {
    pub id: String,
    pub name: String,
    /// The anchor as stored (RFC 3339 UTC text).
    pub anchor: String,
    pub due: NaiveDate,
    pub interval: u32,
    pub tier: Option<Tier>,
}

/// Every customer with their own interval, with their due day.
pub(super) fn overrides(conn: &Connection) -> Result<Vec<Candidate>> {
    let mut stmt = conn.prepare_cached(&overrides_sql())?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let anchor: String = r.get(2)?;
        let interval: u32 = r.get(3)?;
        let Some(day) = date_of(&anchor) else { continue };
        out.push(Candidate {
            id: r.get(0)?,
            name: r.get(1)?,
            due: day + chrono::Duration::days(interval.into()),
            anchor,
            interval,
            tier: read_enum(r.get(4)?),
        });
    }
    Ok(out)
}

/// How `due_between` lists a day's revisits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevisitListing {
    /// One occurrence per customer, however many fall due (the CLI's `--json`, notifications).
    Every,
    /// A day with more than this many becomes one `RevisitGroup` occurrence with their count
    /// (the app's agenda): a day on which a whole tier falls due holds tens of thousands.
    GroupOver(usize),
}

/// One due day's revisits while they are read: counted always, built only while the day
/// may still be listed one by one.
#[derive(Default)]
struct DueDay {
    count: usize,
    items: Vec<Occurrence>,
}

/// Revisits due in `from..=to`, added to `out`. Rows come from the index in anchor order;
/// under `GroupOver(n)` a row past a day's n-th is only counted: its id and name are never
/// read, and no occurrence is made for it.
pub(super) fn due_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    s: &ReminderSettings,
    listing: RevisitListing,
    out: &mut Vec<Occurrence>,
) -> Result<()> {
    let limit = match listing {
        RevisitListing::Every => usize::MAX,
        RevisitListing::GroupOver(n) => n,
    };
    let mut days: std::collections::BTreeMap<NaiveDate, DueDay> = std::collections::BTreeMap::new();
    let sql = tier_sql();
    for tier in [Tier::Vip, Tier::A, Tier::B, Tier::C] {
        let Some(n) = s.revisit.for_tier(tier) else { continue };
        let back = chrono::Duration::days(n.into());
        // due in [from, to] ⟺ anchor date in [from − n, to − n]: an index range on the text.
        let (lo, hi) = ((from - back).to_string(), (to - back + chrono::Duration::days(1)).to_string());
        let titles = Titles::new(n);
        // Rows come in anchor order, so runs of them share a day: parse and format it once.
        let mut last: Option<([u8; 10], NaiveDate, String)> = None;
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![tier.as_str(), lo, hi])?;
        while let Some(r) = rows.next()? {
            let anchor = r.get_ref(2)?;
            let Some(anchor_day) = anchor.as_str().ok().and_then(|t| t.as_bytes().first_chunk::<10>().copied()) else {
                continue;
            };
            if last.as_ref().is_none_or(|(d, _, _)| *d != anchor_day) {
                let Some(day) = std::str::from_utf8(&anchor_day).ok().and_then(date_of) else { continue };
                let due = day + back;
                last = Some((anchor_day, due, due.to_string()));
            }
            let (_, due, due_text) = last.as_ref().expect("set above");
            let day = days.entry(*due).or_default();
            day.count += 1;
            if day.count <= limit {
                day.items.push(titles.occurrence(r.get(0)?, r.get(1)?, *due, due_text, s.lead_days.revisit));
            }
        }
    }
    for c in overrides(conn)? {
        if (from..=to).contains(&c.due) {
            let day = days.entry(c.due).or_default();
            day.count += 1;
            if day.count <= limit {
                day.items.push(occurrence(&c.id, &c.name, c.due, c.interval, s));
            }
        }
    }
    for (due, day) in days {
        if day.count > limit {
            out.push(group(due, day.count, s));
        } else {
            out.extend(day.items);
        }
    }
    Ok(())
}

/// "1,240 customers due for a revisit" on one day, keyed `revisit_group:all:<day>`.
fn group(due: NaiveDate, count: usize, s: &ReminderSettings) -> Occurrence {
    let count = u32::try_from(count).unwrap_or(u32::MAX);
    let grouped = super::notices::grouped(count as usize);
    let mut o = Occurrence::new(OccurrenceKind::RevisitGroup, "all", due, s.lead_days.revisit)
        .titled(format!("{grouped} customers due for a revisit"), format!("{grouped} 位客户到期回访"));
    o.count = Some(count);
    o
}

/// One page of the revisits due on a day, by name, with their states: what a
/// `RevisitGroup` stands for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RevisitPage {
    /// Every revisit due that day.
    #[ts(type = "number")]
    pub total: usize,
    pub items: Vec<Occurrence>,
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
    /// The revisits due on `day`, sorted as the agenda sorts them (by name), `limit` from
    /// `offset`. Builds the whole day to sort it: tens of milliseconds for a day on which
    /// 40,000 fall due, paid only when the user opens that day.
    pub fn revisits_due_on(&self, day: NaiveDate, offset: usize, limit: usize) -> Result<RevisitPage> {
        let settings = self.reminder_settings()?;
        let mut items = Vec::new();
        due_between(self.conn(), day, day, &settings, RevisitListing::Every, &mut items)?;
        let total = items.len();
        super::occurrences::sort_agenda(&mut items);
        let mut items: Vec<Occurrence> = items.into_iter().skip(offset).take(limit).collect();
        self.attach_states(&mut items)?;
        Ok(RevisitPage { total, items })
    }

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
            p.contains("USING COVERING INDEX customers_tier_contact_cover (tier=? AND <expr>>? AND <expr><?)"),
            "a day's due customers must come from a range of the (tier, anchor) index without table lookups: {p}"
        );
    }

    #[test]
    fn a_revisit_built_from_its_parts_is_the_occurrence_spelled_out() {
        let due = NaiveDate::from_ymd_opt(2026, 12, 22).unwrap();
        let expected = Occurrence::new(OccurrenceKind::Revisit, "c-1", due, 2)
            .for_customer("c-1", "张三")
            .titled("Revisit 张三 (every 30 days)".into(), "回访 张三（每 30 天）".into());
        let built = Titles::new(30).occurrence("c-1".into(), "张三".into(), due, "2026-12-22", 2);
        assert_eq!(built, expected);
    }

    #[test]
    fn overrides_are_read_from_the_few_overrides_not_by_walking_every_customer() {
        let p = plan(&overrides_sql(), 0);
        assert!(p.starts_with("SCAN r"), "the overrides drive the join: {p}");
        assert!(p.contains("SEARCH c USING INDEX sqlite_autoindex_customers_1 (id=?)"), "{p}");
    }

    #[test]
    fn the_overdue_count_and_the_most_overdue_are_covering_index_scans_in_index_order() {
        let p = plan(&tier_overdue_count_sql(), 2);
        assert!(p.contains("USING COVERING INDEX customers_tier_contact_cover (tier=? AND <expr><?)"), "{p}");
        let p = plan(&tier_overdue_sql(), 2);
        assert!(p.contains("USING COVERING INDEX customers_tier_contact_cover (tier=? AND <expr><?)"), "{p}");
        assert!(
            !p.contains("TEMP B-TREE"),
            "most overdue first is the index order, not a sort of every overdue row: {p}"
        );
    }
}

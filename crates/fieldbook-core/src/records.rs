//! What a customer's records (interactions, orders, complaints) share: the Trash scope of a
//! list, the rule that a record belongs to a live customer, text tidying, and the conversion
//! of domain values to and from stored SQLite values.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};

/// Which of a customer's records a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RecordScope {
    #[default]
    Live,
    Trash,
}

impl RecordScope {
    pub(crate) fn filter(self) -> &'static str {
        match self {
            RecordScope::Live => "deleted_at IS NULL",
            RecordScope::Trash => "deleted_at IS NOT NULL",
        }
    }
}

/// Largest page a record list returns at once.
pub const MAX_RECORD_PAGE: u64 = 500;

pub(crate) const MAX_TEXT_CHARS: usize = 100_000;

/// A new record must name a customer that exists and is not in the Trash.
pub(crate) fn check_live_customer(conn: &Connection, customer_id: &str) -> Result<()> {
    let live = conn
        .query_row("SELECT deleted_at IS NULL FROM customers WHERE id = ?1", [customer_id], |r| r.get::<_, bool>(0))
        .optional()?;
    match live {
        Some(true) => Ok(()),
        Some(false) => Err(CoreError::invalid("customer_id", "customer_in_trash", "the customer is in the Trash")),
        None => Err(CoreError::invalid("customer_id", "customer_not_found", format!("no customer {customer_id:?}"))),
    }
}

/// Trimmed, non-empty, not absurdly long.
pub(crate) fn required_text(field: &str, reason: &'static str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(CoreError::invalid(field, reason, format!("{field} must not be empty")));
    }
    check_length(field, v)?;
    Ok(v.to_string())
}

/// Trimmed; blank becomes none.
pub(crate) fn optional_text(field: &str, value: &Option<String>) -> Result<Option<String>> {
    let v = value.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(v) = v {
        check_length(field, v)?;
    }
    Ok(v.map(str::to_string))
}

fn check_length(field: &str, v: &str) -> Result<()> {
    if v.chars().count() > MAX_TEXT_CHARS {
        return Err(CoreError::invalid(field, "text_too_long", format!("{field} is over {MAX_TEXT_CHARS} characters")));
    }
    Ok(())
}

/// Dates a record may carry: generous, but a typo like 0202 or 20266 is caught.
pub(crate) fn check_date(field: &str, d: NaiveDate) -> Result<()> {
    use chrono::Datelike;
    if !(1900..=2200).contains(&d.year()) {
        return Err(CoreError::invalid(field, "date_out_of_range", format!("{d} is outside 1900–2200")));
    }
    Ok(())
}

// --- stored values -------------------------------------------------------------------------

pub(crate) fn text(v: &Option<String>) -> Value {
    v.clone().map(Value::Text).unwrap_or(Value::Null)
}

/// A stored enum; a value this version does not know (from a newer app) reads as none.
pub(crate) fn read_enum<T: serde::de::DeserializeOwned>(s: Option<String>) -> Option<T> {
    s.and_then(|s| serde_json::from_value(serde_json::Value::String(s)).ok())
}

pub(crate) fn date_value(d: Option<NaiveDate>) -> Value {
    d.map(|d| Value::Text(d.format("%Y-%m-%d").to_string())).unwrap_or(Value::Null)
}

pub(crate) fn read_date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

pub(crate) fn decimal_value(d: Option<Decimal>) -> Value {
    d.map(|d| Value::Text(d.normalize().to_string())).unwrap_or(Value::Null)
}

/// A stored decimal; unreadable text (never written by us) reads as zero rather than failing.
pub(crate) fn read_decimal(s: Option<String>) -> Option<Decimal> {
    s.map(|s| s.parse().unwrap_or_default())
}

/// The value of a check that passed; a failed one joins `problems` (for
/// `CoreError::all_invalid`, so a form marks every invalid field at once).
pub(crate) fn keep<T>(checked: Result<T>, problems: &mut Vec<CoreError>) -> Option<T> {
    checked.map_err(|e| problems.push(e)).ok()
}

/// A customer's last contact (see `revisit` and migration 0004): the later of their last live
/// interaction and their last live purchase order, as RFC 3339 UTC text (an order's day as
/// midnight UTC), or NULL if none. Must match the backfill in `0004_revisit_anchor.sql`.
const LAST_CONTACT_SQL: &str = "UPDATE customers SET last_contact_at = (
  SELECT max(t) FROM (
    SELECT max(i.occurred_at) AS t FROM interactions i
     WHERE i.customer_id = ?1 AND i.deleted_at IS NULL
    UNION ALL
    SELECT max(o.ordered_on) || 'T00:00:00.000Z' FROM orders o
     WHERE o.customer_id = ?1 AND o.deleted_at IS NULL AND o.status IN ('confirmed', 'paid', 'shipped', 'completed')
  )
) WHERE id = ?1";

/// Recompute a customer's derived `last_contact_at` inside the writing transaction. Called by
/// every interaction and order write (create, update, delete, restore) for each customer the
/// write touches. A derived column like `sort_key`: a plain UPDATE, not stamped or journaled.
pub(crate) fn refresh_last_contact(tx: &crate::store::Tx<'_>, customer_id: &str) -> Result<()> {
    tx.conn().prepare_cached(LAST_CONTACT_SQL)?.execute([customer_id])?;
    Ok(())
}

/// The open follow-ups of customer `?1` (`i` = their interactions): the one rule behind the
/// list's next follow-up column and the overview's next step.
macro_rules! open_follow_ups_of_customer {
    () => {
        "FROM interactions i
   WHERE i.customer_id = ?1 AND i.deleted_at IS NULL AND i.follow_up_on IS NOT NULL
     AND NOT EXISTS (
       SELECT 1 FROM reminder_states s
        WHERE s.id = 'follow_up:' || i.id || ':' || i.follow_up_on
          AND s.deleted_at IS NULL AND s.status IN ('done', 'dismissed')
     )"
    };
}
pub(crate) use open_follow_ups_of_customer;

/// A customer's next follow-up (migration 0013): the earliest follow-up date among their live
/// interactions that was not marked done or dismissed (a snoozed one is still to do), or NULL.
/// Must match the backfill in `0013_list_columns.sql`.
const NEXT_FOLLOW_UP_SQL: &str = concat!(
    "UPDATE customers SET next_follow_up_on = (\n  SELECT min(i.follow_up_on) ",
    open_follow_ups_of_customer!(),
    "\n) WHERE id = ?1"
);

/// Recompute a customer's derived `next_follow_up_on` inside the writing transaction: on every
/// interaction write and every change of a follow-up's reminder state.
pub(crate) fn refresh_next_follow_up(tx: &crate::store::Tx<'_>, customer_id: &str) -> Result<()> {
    tx.conn().prepare_cached(NEXT_FOLLOW_UP_SQL)?.execute([customer_id])?;
    Ok(())
}

/// After an interaction write: both columns an interaction moves (last contact, next follow-up).
pub(crate) fn refresh_after_interaction(tx: &crate::store::Tx<'_>, customer_id: &str) -> Result<()> {
    refresh_last_contact(tx, customer_id)?;
    refresh_next_follow_up(tx, customer_id)
}

/// The customer whose follow-up an occurrence key (`follow_up:<interaction id>:<date>`) names,
/// if it is one: a follow-up marked done or reopened moves that customer's next follow-up.
pub(crate) fn follow_up_customer(conn: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    let Some(interaction) = key.strip_prefix("follow_up:").and_then(|rest| rest.split(':').next()) else {
        return Ok(None);
    };
    Ok(conn
        .prepare_cached("SELECT customer_id FROM interactions WHERE id = ?1")?
        .query_row([interaction], |r| r.get(0))
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_contact_counts_the_same_orders_as_purchases_in_the_helper_and_the_backfill() {
        let purchase = crate::orders::OrderStatus::PURCHASE_SQL;
        assert!(LAST_CONTACT_SQL.contains(purchase), "the helper must count exactly OrderStatus::is_purchase");
        let backfill = include_str!("../migrations/0004_revisit_anchor.sql");
        assert!(backfill.contains(purchase), "the backfill must count exactly OrderStatus::is_purchase");
    }

    #[test]
    fn next_follow_up_is_the_same_rule_in_the_helper_and_the_backfill() {
        let backfill = include_str!("../migrations/0013_list_columns.sql");
        let rule = |sql: &str| {
            let from = sql.find("SELECT min(").expect("the rule");
            let to = sql[from..].find("\n)").expect("its end") + from;
            sql[from..to].replace("customers.id", "?1").split_whitespace().collect::<Vec<_>>().join(" ")
        };
        assert_eq!(rule(NEXT_FOLLOW_UP_SQL), rule(backfill), "the helper and the backfill must agree");
    }
}

//! How long since we were last in touch with a customer: the one rule behind the revisit
//! cadence (agenda, overdue radar, the dashboard's overdue figure, notifications) and the
//! lifecycle stage (new, active, silent, lost), so they can never disagree.
//!
//! A customer's *anchor* is their last logged contact — the later of their last live
//! interaction and their last live purchase order — when there is one, and the day they were
//! added to the book only when there is none. History logged with its real dates counts even
//! when it is older than the customer's entry in this book: a customer moved in today from a
//! paper or Excel book whose last visit was 281 days ago was last contacted 281 days ago.
//!
//! The last contact is kept per customer in the derived column `customers.last_contact_at`
//! (migration 0004, refreshed on every interaction and order write by
//! `records::refresh_last_contact`). In SQL the anchor is [`ANCHOR_SQL`] (also the generated
//! column `revisit_anchor` and the covering index `customers_tier_contact_cover`, migration
//! 0010); in Rust it is [`anchor`].

use chrono::NaiveDate;

/// The anchor as RFC 3339 UTC text, over the `customers` table. Written exactly as in the
/// index of migration 0010, which SQLite matches by expression.
pub const ANCHOR_SQL: &str = "coalesce(last_contact_at, created_at)";

/// [`ANCHOR_SQL`] with the customers table under an alias (`c` → `coalesce(c.last_contact_at,
/// c.created_at)`), for queries that join other tables.
pub fn anchor_sql_of(alias: &str) -> String {
    format!("coalesce({alias}.last_contact_at, {alias}.created_at)")
}

/// The day a customer was last in touch: their last logged contact, else the day added.
pub fn anchor(added_on: NaiveDate, last_contact: Option<NaiveDate>) -> NaiveDate {
    last_contact.unwrap_or(added_on)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn history_older_than_the_customer_counts_and_only_a_customer_never_contacted_counts_from_creation() {
        assert_eq!(
            anchor(day("2026-11-22"), Some(day("2026-02-14"))),
            day("2026-02-14"),
            "a book moved in today with its last visit logged 281 days ago was last contacted then"
        );
        assert_eq!(anchor(day("2026-01-01"), Some(day("2026-03-01"))), day("2026-03-01"));
        assert_eq!(anchor(day("2026-11-22"), None), day("2026-11-22"), "never contacted: from the day added");
    }

    #[test]
    fn the_aliased_sql_is_the_same_expression() {
        assert_eq!(anchor_sql_of("c").replace("c.", ""), ANCHOR_SQL);
    }

    #[test]
    fn the_sql_anchor_is_the_expression_the_revisit_index_is_built_on() {
        let migration = include_str!("../migrations/0010_revisit_from_last_contact.sql");
        assert!(
            migration.contains(&format!("tier, {ANCHOR_SQL}, id")),
            "SQLite uses an index on an expression only for the identical expression"
        );
        assert!(migration.contains(&format!("AS (\n  {ANCHOR_SQL}\n)")), "the generated column says the same");
    }
}

//! Segments (客户分群): a filter over the customer book (`SegmentFilter`), evaluated as one
//! parameterized SQL query (`query`), and named, saved filters (`repo`).
//!
//! Every condition is optional and all set conditions are AND-ed. The meaning of each one:
//! - tiers, kinds, customer types, regions: any of the listed values (regions and owners
//!   compare trimmed text exactly, ASCII case-insensitively).
//! - owners: any of the listed owners, or (with `no_owner`) none at all.
//! - stages: the lifecycle stage `classify` would give, with the thresholds from the classify
//!   settings, computed in SQL from the same inputs (see `query::stage_sql`).
//! - tags: any or all of the listed tags (`tags_match`).
//! - birthday month: the Gregorian month the birthday falls in in `today`'s year, by the
//!   reminder date rules (so a lunar 八月十五 birthday is in September in 2026 and in October in
//!   2028, exactly as the reminders show it; a 腊月 birthday may fall in January).
//! - no contact for N days: the last contact (interaction or purchase, `last_contact_at`) is
//!   more than N days before `today`, by UTC calendar day; never contacted counts as older.
//! - spend: the sum of the customer's purchases (confirmed, paid, shipped or completed orders)
//!   in one currency, compared exactly in minor units; no purchases = 0.
//! - open complaints: has (or has not) a complaint that is open or in progress.
//! - stale data: no phone and no email at all; or a phone / an email that fails the checks in
//!   `customers::validate` (a phone also needs at least 5 digits, as `matching::phone_key`).
//!
//! Only live customers (not in the Trash) are ever matched.

mod model;
mod query;
mod repo;

pub use model::*;
pub use query::register_sql_functions;
pub use repo::SEGMENTS;

#[cfg(test)]
mod tests;

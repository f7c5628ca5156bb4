//! Segment filters and saved segments as the app, the CLI and the UI see them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::classify::Stage;
use crate::customers::{CustomerKind, CustomerSummary, CustomerType, Tier};

/// Whether a customer needs any or all of the filter's tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TagMatch {
    #[default]
    Any,
    All,
}

/// Which contact points must fail the format checks (the stale-data view).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InvalidContact {
    /// At least one phone is not a valid phone number.
    Phone,
    /// At least one email is not a valid address.
    Email,
    /// Either of the above.
    Either,
}

/// Total purchases in one currency between `min` and `max` (inclusive; either may be open).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SpendRange {
    /// ISO 4217, e.g. "CNY". Purchases in other currencies are not counted (no conversion).
    pub currency: String,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub min: Option<Decimal>,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub max: Option<Decimal>,
}

/// A customer filter. Every field is optional (empty list / false / null = no condition) and
/// all set conditions must hold. See the module docs for the exact meaning of each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(default)]
#[ts(export)]
pub struct SegmentFilter {
    pub tiers: Vec<Tier>,
    pub kinds: Vec<CustomerKind>,
    pub customer_types: Vec<CustomerType>,
    pub stages: Vec<Stage>,
    pub tags: Vec<String>,
    pub tags_match: TagMatch,
    pub regions: Vec<String>,
    pub owners: Vec<String>,
    /// Also (or, with no `owners`, only) customers without an owner.
    pub no_owner: bool,
    /// 1–12.
    pub birthday_month: Option<u8>,
    /// Last contact more than this many days ago (or never).
    pub no_contact_days: Option<u32>,
    pub spend: Option<SpendRange>,
    /// true: has an open or in-progress complaint; false: has none.
    pub open_complaints: Option<bool>,
    /// Neither a phone nor an email.
    pub missing_phone_and_email: bool,
    pub invalid_contact: Option<InvalidContact>,
    /// Created or last changed by the write stamped with this time (RFC 3339, as the store
    /// writes it): one transaction stamps all its rows alike, so an import's report time
    /// (`ImportReport::written_at`) lists the customers that import created, and those it
    /// merged into until they are changed again.
    pub written_at: Option<String>,
}

/// A saved, named filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Segment {
    pub id: String,
    pub name: String,
    pub filter: SegmentFilter,
    pub created_at: String,
    pub updated_at: String,
}

/// What a form or the CLI submits to create or change a saved segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SegmentInput {
    pub name: String,
    pub filter: SegmentFilter,
}

/// A page of the customers a filter matches, in list order (by name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SegmentPage {
    /// How many customers match in all.
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub offset: u64,
    pub items: Vec<CustomerSummary>,
}

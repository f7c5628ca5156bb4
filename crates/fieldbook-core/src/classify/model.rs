//! What classification reads (facts), its settings, and what it says about each customer.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::customers::Tier;

/// The dates and totals one customer is classified by (read in aggregate queries).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomerFacts {
    pub customer_id: String,
    /// The day the customer was added to the book.
    pub added_on: NaiveDate,
    pub first_interaction: Option<NaiveDate>,
    pub last_interaction: Option<NaiveDate>,
    /// Purchases are orders that are confirmed, paid, shipped or completed.
    pub first_purchase: Option<NaiveDate>,
    pub last_purchase: Option<NaiveDate>,
    pub purchase_count: u64,
    /// Revenue in the customer's main currency (see `rfm`), if the customer ever bought.
    pub revenue: Option<(String, Decimal)>,
}

/// Lifecycle thresholds in days. Defaults: new = first contact within 30 days, silent after 90
/// days without contact, lost after 180.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct LifecycleThresholds {
    pub new_days: u32,
    pub silent_days: u32,
    pub lost_days: u32,
}

impl Default for LifecycleThresholds {
    fn default() -> Self {
        LifecycleThresholds { new_days: 30, silent_days: 90, lost_days: 180 }
    }
}

/// ABC tier thresholds as cumulative shares of revenue, in percent. Defaults: the customers
/// making up the top 80% of revenue are A, the next 15% (to 95%) B, the rest C.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AbcThresholds {
    pub a_share_pct: u32,
    pub b_share_pct: u32,
}

impl Default for AbcThresholds {
    fn default() -> Self {
        AbcThresholds { a_share_pct: 80, b_share_pct: 95 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(default)]
#[ts(export)]
pub struct ClassifySettings {
    pub lifecycle: LifecycleThresholds,
    pub abc: AbcThresholds,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Stage {
    New,
    Active,
    Silent,
    Lost,
}

/// Why a customer got its stage; the UI translates `code` with `days` as the parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReasonCode {
    /// "first contact {days} days ago"
    FirstContactDays,
    /// "last purchase {days} days ago"
    LastPurchaseDays,
    /// "last interaction {days} days ago"
    LastInteractionDays,
    /// "no purchase or interaction yet; added {days} days ago"
    AddedDays,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StageReason {
    pub code: ReasonCode,
    #[ts(type = "number")]
    pub days: i64,
    /// The same in English, for logs and the CLI.
    pub text: String,
}

/// Recency, frequency and monetary value with their quintile scores (5 = best fifth).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Rfm {
    #[ts(type = "number")]
    pub recency_days: i64,
    #[ts(type = "number")]
    pub frequency: u64,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub monetary: Decimal,
    /// The currency `monetary` is in (the customer's main currency).
    pub currency: String,
    pub r: u8,
    pub f: u8,
    pub m: u8,
}

/// Everything computed about one customer, shown next to the manual tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Classification {
    pub customer_id: String,
    pub stage: Stage,
    pub reason: StageReason,
    /// None for a customer who never bought.
    pub rfm: Option<Rfm>,
    /// A, B or C by cumulative revenue (never VIP: that stays a manual call).
    pub suggested_tier: Tier,
}

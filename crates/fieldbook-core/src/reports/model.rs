//! The dashboard's figures as the app, the CLI and the UI see them. Money is an exact decimal
//! carried as a string ("50.97"), per currency: amounts in different currencies are never added.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use crate::classify::Stage;
use crate::customers::Tier;
use crate::reminders::OverdueRevisit;

/// Every figure of the reports dashboard, computed for one day (`as_of`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Report {
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    /// Live customers (not in the Trash).
    #[ts(type = "number")]
    pub total_customers: u64,
    /// Live customers per manual tier, VIP, A, B, C, then no tier (`tier` null); every row present.
    pub by_tier: Vec<TierCount>,
    /// Live customers per lifecycle stage, by the same rule as the customer page (`classify`);
    /// every stage present, in the order new, active, silent, lost.
    pub by_stage: Vec<StageCount>,
    /// Purchase revenue per calendar month over the 12 months ending with `as_of`'s month.
    pub revenue: Revenue,
    /// The customers with the most purchase revenue in the main currency over the same 12 months.
    pub top_customers: TopCustomers,
    /// Customers past their revisit cadence (tier interval or their own), not done or dismissed.
    pub overdue: OverdueFigures,
    pub complaints: ComplaintFigures,
    pub retention: Retention,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TierCount {
    /// Null: customers without a tier.
    pub tier: Option<Tier>,
    #[ts(type = "number")]
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StageCount {
    pub stage: Stage,
    #[ts(type = "number")]
    pub count: u64,
}

/// Revenue counts orders that are purchases (confirmed, paid, shipped, completed), by their
/// order date, at their total (line totals rounded to the currency's minor unit, summed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Revenue {
    /// Every currency with revenue in the window, the main one (most purchase orders) first.
    pub currencies: Vec<String>,
    /// The 12 months, oldest first, each with an amount for every currency (zero if none).
    pub months: Vec<MonthRevenue>,
    /// The sum of the 12 months per currency, in `currencies` order.
    pub totals: Vec<Amount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MonthRevenue {
    /// `YYYY-MM`.
    pub month: String,
    pub amounts: Vec<Amount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Amount {
    pub currency: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TopCustomers {
    /// The currency the ranking is in (none when nothing was bought in the window).
    pub currency: Option<String>,
    pub items: Vec<TopCustomer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TopCustomer {
    pub customer_id: String,
    pub name: String,
    pub tier: Option<Tier>,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub revenue: Decimal,
    #[ts(type = "number")]
    pub orders: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OverdueFigures {
    #[ts(type = "number")]
    pub count: u64,
    /// The most days late first.
    pub top: Vec<OverdueRevisit>,
}

/// Live complaints of live customers, whenever opened, by their current status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ComplaintFigures {
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub open: u64,
    #[ts(type = "number")]
    pub in_progress: u64,
    #[ts(type = "number")]
    pub resolved: u64,
    /// Complaints whose return visit has a satisfaction score (1–5).
    #[ts(type = "number")]
    pub rated: u64,
    /// The mean score over `rated`, to two decimals (half away from zero); none if none rated.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub average_satisfaction: Option<Decimal>,
}

/// Of the customers active in the previous period, the share still active in the current one.
/// A customer is active in a period with at least one live interaction or purchase order dated
/// in it (interactions by their UTC day). Current = the `period_days` days ending on `as_of`;
/// previous = the `period_days` days before that.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Retention {
    pub period_days: u32,
    #[ts(type = "string")]
    pub previous_from: NaiveDate,
    #[ts(type = "string")]
    pub previous_to: NaiveDate,
    #[ts(type = "string")]
    pub current_from: NaiveDate,
    #[ts(type = "string")]
    pub current_to: NaiveDate,
    /// Customers active in the previous period.
    #[ts(type = "number")]
    pub previous_active: u64,
    /// Customers active in the current period.
    #[ts(type = "number")]
    pub current_active: u64,
    /// Customers active in both.
    #[ts(type = "number")]
    pub retained: u64,
    /// `retained / previous_active` in percent, one decimal; none if nobody was active before.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub rate_pct: Option<Decimal>,
}

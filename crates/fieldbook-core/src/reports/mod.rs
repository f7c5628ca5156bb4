//! The reports dashboard (数据分析): every figure recomputed from the store for an `as_of` day.
//!
//! Each figure is one aggregate query (GROUP BY in SQLite over an index), never a Rust loop
//! over interactions or orders. The lifecycle stages restate `classify`'s rule in SQL
//! (`stages`), tested to agree with it, so they are exactly the ones the customer page shows.
//! See `model` for what each figure counts.

mod model;
mod stages;

pub use model::*;

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::params;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::customers::Tier;
use crate::error::Result;
use crate::orders::{money, OrderStatus};
use crate::records::read_enum;
use crate::store::Store;

/// How many top customers and overdue customers the dashboard lists.
pub const TOP_N: usize = 10;
/// The length of each retention period, in days.
pub const RETENTION_DAYS: u32 = 90;
/// Months of revenue shown.
pub const MONTHS: u32 = 12;

/// A record of a customer not in the Trash. Phrased over the Trash (a handful of rows), not
/// over the 100k live customers, so SQLite never builds a set of every live id.
const LIVE_CUSTOMER: &str = "customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)";

impl Store {
    /// The dashboard's figures for `as_of` (the caller's today). Snoozes are judged against
    /// the store's clock, as the agenda does.
    pub fn report(&self, as_of: NaiveDate) -> Result<Report> {
        let by_tier = self.tier_counts()?;
        let total_customers = by_tier.iter().map(|t| t.count).sum();
        let (first_month, _) = month_window(as_of);
        let revenue = self.revenue_by_month(first_month, as_of)?;
        let top_customers = self.top_customers(first_month, as_of, revenue.currencies.first().cloned())?;
        let (count, top) = self.overdue_revisit_summary(as_of, TOP_N, self.clock().now())?;
        Ok(Report {
            as_of,
            total_customers,
            by_tier,
            by_stage: self.stage_counts(as_of, &self.classify_settings()?.lifecycle)?,
            revenue,
            top_customers,
            overdue: OverdueFigures { count, top },
            complaints: self.complaint_figures()?,
            retention: self.retention(as_of)?,
        })
    }

    fn tier_counts(&self) -> Result<Vec<TierCount>> {
        let tiers = [Some(Tier::Vip), Some(Tier::A), Some(Tier::B), Some(Tier::C), None];
        let mut counts = [0u64; 5];
        // The revisit index of live customers leads with the tier and is far smaller than the table.
        let mut stmt = self.conn().prepare_cached(
            "SELECT tier, COUNT(*) FROM customers INDEXED BY customers_tier_contact_cover WHERE deleted_at IS NULL GROUP BY tier",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            // A tier this version does not know (from a newer app) counts as no tier.
            let tier: Option<Tier> = read_enum(r.get(0)?);
            counts[tiers.iter().position(|t| *t == tier).expect("no tier is listed")] += r.get::<_, i64>(1)? as u64;
        }
        Ok(tiers.into_iter().zip(counts).map(|(tier, count)| TierCount { tier, count }).collect())
    }

    fn revenue_by_month(&self, first_month: NaiveDate, as_of: NaiveDate) -> Result<Revenue> {
        let sql = format!(
            "SELECT substr(ordered_on, 1, 7), currency, SUM(total_minor), COUNT(*) FROM orders INDEXED BY orders_report
             WHERE deleted_at IS NULL AND {} AND ordered_on >= ?1 AND ordered_on <= ?2 AND {LIVE_CUSTOMER}
             GROUP BY 1, 2",
            OrderStatus::PURCHASE_SQL
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query(params![first_month.to_string(), as_of.to_string()])?;
        let mut sums: BTreeMap<(String, String), Decimal> = BTreeMap::new();
        let mut orders_per_currency: BTreeMap<String, i64> = BTreeMap::new();
        while let Some(r) = rows.next()? {
            let (month, currency): (String, String) = (r.get(0)?, r.get(1)?);
            sums.insert((month, currency.clone()), money::from_minor(r.get(2)?, &currency));
            *orders_per_currency.entry(currency).or_default() += r.get::<_, i64>(3)?;
        }
        let mut currencies: Vec<(String, i64)> = orders_per_currency.into_iter().collect();
        // Most orders first; ties alphabetical (the map iterates in name order, the sort is stable).
        currencies.sort_by_key(|c| std::cmp::Reverse(c.1));
        let currencies: Vec<String> = currencies.into_iter().map(|(c, _)| c).collect();
        let totals = currencies
            .iter()
            .map(|c| {
                let mut amount: Decimal = sums.iter().filter(|((_, cur), _)| cur == c).map(|(_, a)| *a).sum();
                amount.rescale(money::minor_units(c));
                Amount { currency: c.clone(), amount }
            })
            .collect();
        let months = (0..MONTHS)
            .map(|i| {
                let month = add_months(first_month, i).format("%Y-%m").to_string();
                let amounts = currencies
                    .iter()
                    .map(|c| {
                        let zero = money::from_minor(0, c);
                        let amount = sums.get(&(month.clone(), c.clone())).copied().unwrap_or(zero);
                        Amount { currency: c.clone(), amount }
                    })
                    .collect();
                MonthRevenue { month, amounts }
            })
            .collect();
        Ok(Revenue { currencies, months, totals })
    }

    fn top_customers(&self, from: NaiveDate, as_of: NaiveDate, currency: Option<String>) -> Result<TopCustomers> {
        let Some(currency) = currency else {
            return Ok(TopCustomers { currency: None, items: vec![] });
        };
        // Rank first (one pass over the covering index), then read the ten names.
        let sql = format!(
            "SELECT t.customer_id, c.name, c.tier, t.revenue, t.orders
             FROM (SELECT customer_id, SUM(total_minor) AS revenue, COUNT(*) AS orders
                     FROM orders INDEXED BY orders_report
                    WHERE deleted_at IS NULL AND {} AND currency = ?1 AND ordered_on >= ?2 AND ordered_on <= ?3
                      AND {LIVE_CUSTOMER}
                    GROUP BY customer_id ORDER BY revenue DESC, customer_id LIMIT ?4) t
             JOIN customers c ON c.id = t.customer_id
             ORDER BY t.revenue DESC, t.customer_id",
            OrderStatus::PURCHASE_SQL
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![currency, from.to_string(), as_of.to_string(), TOP_N as i64], |r| {
            Ok(TopCustomer {
                customer_id: r.get(0)?,
                name: r.get(1)?,
                tier: read_enum(r.get(2)?),
                revenue: money::from_minor(r.get(3)?, &currency),
                orders: r.get::<_, i64>(4)? as u64,
            })
        })?;
        let items = rows.collect::<rusqlite::Result<_>>()?;
        Ok(TopCustomers { currency: Some(currency), items })
    }

    fn complaint_figures(&self) -> Result<ComplaintFigures> {
        let sql = format!(
            "SELECT COUNT(*), COALESCE(SUM(status = 'open'), 0), COALESCE(SUM(status = 'in_progress'), 0),
                    COALESCE(SUM(status = 'resolved'), 0), COUNT(satisfaction), COALESCE(SUM(satisfaction), 0)
             FROM complaints WHERE deleted_at IS NULL AND {LIVE_CUSTOMER}"
        );
        let (total, open, in_progress, resolved, rated, score_sum): (i64, i64, i64, i64, i64, i64) = self
            .conn()
            .query_row(&sql, [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
        let average_satisfaction = (rated > 0).then(|| ratio(score_sum, rated, 1, 2));
        Ok(ComplaintFigures {
            total: total as u64,
            open: open as u64,
            in_progress: in_progress as u64,
            resolved: resolved as u64,
            rated: rated as u64,
            average_satisfaction,
        })
    }

    fn retention(&self, as_of: NaiveDate) -> Result<Retention> {
        let period = Duration::days(RETENTION_DAYS.into());
        let current_from = as_of - period + Duration::days(1);
        let previous_from = current_from - period;
        let next_day = (as_of + Duration::days(1)).to_string();
        // Interactions compare as text: '2026-08-25' <= '2026-08-25T…' < '2026-08-26'.
        let sql = format!(
            "WITH act AS (
               SELECT customer_id, occurred_at AS d FROM interactions INDEXED BY interactions_occurred
                WHERE deleted_at IS NULL AND occurred_at >= ?1 AND occurred_at < ?3
               UNION ALL
               SELECT customer_id, ordered_on FROM orders INDEXED BY orders_report
                WHERE deleted_at IS NULL AND {} AND ordered_on >= ?1 AND ordered_on < ?3
             ), per AS (
               SELECT customer_id, MAX(d < ?2) AS prev, MAX(d >= ?2) AS cur FROM act GROUP BY customer_id
             )
             SELECT COALESCE(SUM(prev), 0), COALESCE(SUM(cur), 0), COALESCE(SUM(prev AND cur), 0)
             FROM per WHERE {LIVE_CUSTOMER}",
            OrderStatus::PURCHASE_SQL
        );
        let (previous_active, current_active, retained): (i64, i64, i64) = self.conn().query_row(
            &sql,
            params![previous_from.to_string(), current_from.to_string(), next_day],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(Retention {
            period_days: RETENTION_DAYS,
            previous_from,
            previous_to: current_from - Duration::days(1),
            current_from,
            current_to: as_of,
            previous_active: previous_active as u64,
            current_active: current_active as u64,
            retained: retained as u64,
            rate_pct: (previous_active > 0).then(|| ratio(retained, previous_active, 100, 1)),
        })
    }
}

/// `num × scale / den`, rounded half away from zero to `dp` places, exactly.
fn ratio(num: i64, den: i64, scale: i64, dp: u32) -> Decimal {
    let exact = Decimal::from(num) * Decimal::from(scale) / Decimal::from(den);
    let mut r = exact.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r
}

/// The first day of the oldest of the `MONTHS` months ending with `as_of`'s month, and `as_of`.
fn month_window(as_of: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first_of_month = as_of.with_day(1).expect("day 1 exists");
    (first_of_month - chrono::Months::new(MONTHS - 1), as_of)
}

fn add_months(first_of_month: NaiveDate, n: u32) -> NaiveDate {
    first_of_month + chrono::Months::new(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_revenue_window_is_twelve_whole_months_ending_with_the_as_of_month() {
        assert_eq!(month_window(day("2026-11-22")).0, day("2025-12-01"));
        assert_eq!(month_window(day("2026-01-31")).0, day("2025-02-01"));
    }

    #[test]
    fn ratios_are_exact_decimals_rounded_half_away_from_zero() {
        assert_eq!(ratio(11, 3, 1, 2).to_string(), "3.67");
        assert_eq!(ratio(1, 8, 100, 1).to_string(), "12.5");
        assert_eq!(ratio(1, 16, 100, 1).to_string(), "6.3", "6.25 rounds up, not to even");
        assert_eq!(ratio(2, 2, 100, 1).to_string(), "100.0");
    }

    fn plan(sql: &str, params: usize) -> String {
        let store = Store::open_in_memory(std::sync::Arc::new(crate::clock::SystemClock)).unwrap();
        let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let values = vec!["x"; params];
        let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| r.get::<_, String>(3)).unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
    }

    #[test]
    fn the_retention_window_reads_a_range_of_the_interaction_date_index() {
        let plan = plan(
            "SELECT customer_id FROM interactions INDEXED BY interactions_occurred
             WHERE deleted_at IS NULL AND occurred_at >= ?1 AND occurred_at < ?2",
            2,
        );
        assert!(
            plan.contains("COVERING INDEX interactions_occurred (occurred_at>? AND occurred_at<?)"),
            "the two retention periods must be one covered index range, not a scan of 1M interactions: {plan}"
        );
    }

    #[test]
    fn first_and_last_interactions_per_customer_come_from_an_index_alone() {
        // The query `classify::customer_facts` runs for the stage counts.
        let plan = plan(
            "SELECT customer_id, substr(MIN(occurred_at), 1, 10), substr(MAX(occurred_at), 1, 10)
             FROM interactions WHERE deleted_at IS NULL GROUP BY customer_id",
            0,
        );
        assert!(
            plan.contains("COVERING INDEX interactions_customer_live") && !plan.contains("TEMP B-TREE"),
            "1M interactions are read in customer order from the index, not the table: {plan}"
        );
    }
}

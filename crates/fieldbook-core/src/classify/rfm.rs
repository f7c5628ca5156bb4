//! RFM quintile scores and the suggested ABC tier, over all customers at once.
//!
//! - Only customers who bought (a confirmed, paid, shipped or completed order) get RFM scores.
//! - Recency = days from the last purchase to `today`; frequency = number of purchases;
//!   monetary = revenue in the customer's **main currency** (the one most of their purchases
//!   are in; ties → alphabetical). Currencies are **not converted**: purchases in other
//!   currencies are left out of monetary, and monetary values in different currencies are
//!   compared as plain numbers. A book that mixes currencies should read M and ABC with that
//!   in mind; a single-currency book (the usual case) is exact.
//! - Quintile score: `ceil(5 × (n − b) / n)`, where `n` is the number of buyers and `b` the
//!   number of buyers with a strictly better value (for recency, fewer days is better). The
//!   best fifth scores 5, the worst fifth 1; equal values always get equal scores, the higher
//!   one their group reaches (if everyone bought yesterday, everyone's recency is 5).
//! - ABC: buyers sorted by monetary, largest first (ties by id). A customer is A while the
//!   revenue of the customers before it is under `a_share_pct` of all revenue (so the customers
//!   making up the top 80% are A, including the one that crosses the line), B while under
//!   `b_share_pct`, else C. Customers who never bought, or a book without revenue, are C.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;

use super::model::{AbcThresholds, CustomerFacts, Rfm};
use crate::customers::Tier;

/// RFM (for buyers) and the suggested tier of every customer in `facts`, keyed by id.
pub fn score(facts: &[CustomerFacts], today: NaiveDate, abc: &AbcThresholds) -> HashMap<String, (Option<Rfm>, Tier)> {
    let buyers: Vec<(&CustomerFacts, i64, &str, Decimal)> = facts
        .iter()
        .filter_map(|f| {
            let last = f.last_purchase?;
            let (currency, revenue) = f.revenue.as_ref()?;
            (f.purchase_count > 0).then(|| (f, (today - last).num_days().max(0), currency.as_str(), *revenue))
        })
        .collect();
    let mut recency: Vec<i64> = buyers.iter().map(|b| b.1).collect();
    let mut frequency: Vec<u64> = buyers.iter().map(|b| b.0.purchase_count).collect();
    let mut monetary: Vec<Decimal> = buyers.iter().map(|b| b.3).collect();
    recency.sort_unstable();
    frequency.sort_unstable();
    monetary.sort_unstable();
    let n = buyers.len();
    let quintile = |better: usize| (5 * (n - better)).div_ceil(n) as u8;

    let tiers = abc_tiers(&buyers.iter().map(|b| (b.0.customer_id.as_str(), b.3)).collect::<Vec<_>>(), abc);
    let mut out: HashMap<String, (Option<Rfm>, Tier)> =
        facts.iter().map(|f| (f.customer_id.clone(), (None, Tier::C))).collect();
    for (f, days, currency, revenue) in &buyers {
        let rfm = Rfm {
            recency_days: *days,
            frequency: f.purchase_count,
            monetary: *revenue,
            currency: currency.to_string(),
            // Fewer days is better: count the buyers who bought more recently than this one.
            r: quintile(recency.partition_point(|d| d < days)),
            f: quintile(n - frequency.partition_point(|x| *x <= f.purchase_count)),
            m: quintile(n - monetary.partition_point(|x| x <= revenue)),
        };
        out.insert(f.customer_id.clone(), (Some(rfm), tiers[f.customer_id.as_str()]));
    }
    out
}

fn abc_tiers<'a>(buyers: &[(&'a str, Decimal)], t: &AbcThresholds) -> HashMap<&'a str, Tier> {
    let mut sorted = buyers.to_vec();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let total: Decimal = sorted.iter().map(|b| b.1.max(Decimal::ZERO)).sum();
    let mut before = Decimal::ZERO;
    let mut out = HashMap::with_capacity(sorted.len());
    for (id, revenue) in sorted {
        let tier = if total <= Decimal::ZERO || revenue <= Decimal::ZERO {
            Tier::C
        } else {
            let share_before = before * Decimal::ONE_HUNDRED / total;
            if share_before < Decimal::from(t.a_share_pct) {
                Tier::A
            } else if share_before < Decimal::from(t.b_share_pct) {
                Tier::B
            } else {
                Tier::C
            }
        };
        before += revenue.max(Decimal::ZERO);
        out.insert(id, tier);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn buyer(id: &str, last: &str, count: u64, revenue: i64) -> CustomerFacts {
        CustomerFacts {
            customer_id: id.into(),
            added_on: day("2020-01-01"),
            first_purchase: Some(day("2020-01-01")),
            last_purchase: Some(day(last)),
            purchase_count: count,
            revenue: Some(("CNY".into(), Decimal::from(revenue))),
            ..Default::default()
        }
    }

    fn scores(out: &HashMap<String, (Option<Rfm>, Tier)>, id: &str) -> (u8, u8, u8, Tier) {
        let (rfm, tier) = &out[id];
        let r = rfm.as_ref().unwrap();
        (r.r, r.f, r.m, *tier)
    }

    #[test]
    fn five_distinct_buyers_score_one_to_five_each() {
        // e is the best on every measure, a the worst.
        let facts = vec![
            buyer("a", "2026-01-01", 1, 100),
            buyer("b", "2026-05-01", 2, 200),
            buyer("c", "2026-08-01", 3, 300),
            buyer("d", "2026-10-01", 4, 400),
            buyer("e", "2026-11-20", 5, 500),
        ];
        let out = score(&facts, day("2026-11-22"), &AbcThresholds::default());
        assert_eq!(scores(&out, "a").0, 1);
        assert_eq!(scores(&out, "e"), (5, 5, 5, Tier::A));
        // Revenue before c is 500 + 400 = 60% of 1500: still inside the top 80% → A.
        assert_eq!(scores(&out, "c"), (3, 3, 3, Tier::A));
        assert_eq!(scores(&out, "b").3, Tier::B, "80% comes before b: the next 15%");
        assert_eq!(out["e"].0.as_ref().unwrap().recency_days, 2);
    }

    #[test]
    fn ten_buyers_fall_two_to_a_quintile_and_ties_share_a_score() {
        let mut facts: Vec<_> =
            (0..10).map(|i| buyer(&format!("c{i}"), "2026-11-01", i as u64 + 1, (i + 1) * 10)).collect();
        facts[9].purchase_count = 9; // c8 and c9 tie on frequency
        let out = score(&facts, day("2026-11-22"), &AbcThresholds::default());
        let m: Vec<u8> = (0..10).map(|i| scores(&out, &format!("c{i}")).2).collect();
        assert_eq!(m, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        assert_eq!(scores(&out, "c8").1, scores(&out, "c9").1, "equal frequency, equal score");
        assert_eq!(scores(&out, "c8").1, 5);
        assert!((0..10).all(|i| scores(&out, &format!("c{i}")).0 == 5), "all bought the same day: all best");
    }

    #[test]
    fn abc_follows_cumulative_revenue_shares() {
        // Revenue 500, 300, 100, 60, 40 (total 1000). Cumulative before each: 0, 50%, 80%,
        // 90%, 96% → A, A, B, B, C.
        let facts = vec![
            buyer("v", "2026-11-01", 1, 500),
            buyer("w", "2026-11-01", 1, 300),
            buyer("x", "2026-11-01", 1, 100),
            buyer("y", "2026-11-01", 1, 60),
            buyer("z", "2026-11-01", 1, 40),
            CustomerFacts { customer_id: "never".into(), ..Default::default() },
        ];
        let out = score(&facts, day("2026-11-22"), &AbcThresholds::default());
        let tiers: Vec<Tier> = ["v", "w", "x", "y", "z", "never"].iter().map(|id| out[*id].1).collect();
        assert_eq!(tiers, [Tier::A, Tier::A, Tier::B, Tier::B, Tier::C, Tier::C]);
        assert!(out["never"].0.is_none(), "no purchases, no RFM");
        let strict = AbcThresholds { a_share_pct: 50, b_share_pct: 90 };
        let out = score(&facts, day("2026-11-22"), &strict);
        let tiers: Vec<Tier> = ["v", "w", "x", "y", "z"].iter().map(|id| out[*id].1).collect();
        assert_eq!(tiers, [Tier::A, Tier::B, Tier::B, Tier::C, Tier::C]);
    }
}

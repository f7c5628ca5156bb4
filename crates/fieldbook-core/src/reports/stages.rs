//! Lifecycle stage counts in one aggregate query, by exactly the rule of `classify::stage`
//! (see `classify/lifecycle.rs`), restated over stored columns so no per-customer facts are
//! read into Rust:
//!
//! - the last contact is `customers.last_contact_at` (the later of the last live interaction
//!   and the last live purchase, maintained on every write; migration 0004), else the day added:
//!   `last_contact::ANCHOR_SQL`, the anchor revisits count from too;
//! - more than `lost_days` (`silent_days`) since its day → lost (silent): the day is before
//!   `as_of − lost_days` (`as_of − silent_days`);
//! - otherwise new when the first contact is at most `new_days` ago, i.e. nothing — no live
//!   interaction, no live purchase — is dated before `as_of − new_days` (one index probe per
//!   customer, only for those not silent or lost); never contacted: the day added decides.
//!
//! `classify_customers` applies the rule in Rust; the tests check both agree on seeded books.

use chrono::{Duration, NaiveDate};
use rusqlite::params;

use super::StageCount;
use crate::classify::{LifecycleThresholds, Stage};
use crate::error::Result;
use crate::last_contact::ANCHOR_SQL;
use crate::orders::OrderStatus;
use crate::store::Store;

fn stage_sql() -> String {
    format!(
        "SELECT stage, COUNT(*) FROM (
           SELECT CASE
             WHEN last_day < ?1 THEN 'lost'
             WHEN last_day < ?2 THEN 'silent'
             WHEN last_contact_at IS NULL THEN CASE WHEN added_day >= ?3 THEN 'new' ELSE 'active' END
             WHEN NOT EXISTS (SELECT 1 FROM interactions i
                               WHERE i.customer_id = c.id AND i.deleted_at IS NULL AND i.occurred_at < ?3)
              AND NOT EXISTS (SELECT 1 FROM orders o
                               WHERE o.customer_id = c.id AND o.deleted_at IS NULL AND o.{}
                                 AND o.ordered_on < ?3)
             THEN 'new' ELSE 'active' END AS stage
           FROM (SELECT id, last_contact_at, substr({ANCHOR_SQL}, 1, 10) AS last_day,
                        substr(created_at, 1, 10) AS added_day
                   FROM customers INDEXED BY customers_contact WHERE deleted_at IS NULL) c
         ) GROUP BY stage",
        OrderStatus::PURCHASE_SQL
    )
}

impl Store {
    pub(super) fn stage_counts(&self, as_of: NaiveDate, t: &LifecycleThresholds) -> Result<Vec<StageCount>> {
        let before = |days: u32| (as_of - Duration::days(days.into())).to_string();
        let mut stmt = self.conn().prepare_cached(&stage_sql())?;
        let mut rows = stmt.query(params![before(t.lost_days), before(t.silent_days), before(t.new_days)])?;
        let all = [Stage::New, Stage::Active, Stage::Silent, Stage::Lost];
        let mut counts = [0u64; 4];
        while let Some(r) = rows.next()? {
            let stage: String = r.get(0)?;
            let i = match stage.as_str() {
                "new" => 0,
                "active" => 1,
                "silent" => 2,
                _ => 3,
            };
            counts[i] = r.get::<_, i64>(1)? as u64;
        }
        Ok(all.into_iter().zip(counts).map(|(stage, count)| StageCount { stage, count }).collect())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::clock::ManualClock;
    use crate::seed_history::HistorySeeder;

    /// The SQL restatement and `classify::stage` agree, customer by customer in total, on a
    /// seeded book with two years of history (customers added over time, some never
    /// contacted, future-dated records), for several days and thresholds.
    #[test]
    fn stage_counts_agree_with_the_classification_rule_on_a_seeded_book() {
        let clock = Arc::new(ManualClock::new(Utc.with_ymd_and_hms(2025, 1, 1, 9, 0, 0).unwrap()));
        let mut store = Store::open_in_memory(clock.clone()).unwrap();
        let mut seeder = crate::seed::Seeder::new(5);
        let mut ids = Vec::new();
        for i in 0..120 {
            clock.advance(Duration::days(i % 7));
            let c = store.create_customer(seeder.person(None)).unwrap();
            ids.push(c.id);
        }
        let mut history = HistorySeeder::new(5, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        let contacted = &ids[..100]; // the last 20 are never contacted
        store.create_interactions((0..600).map(|_| history.interaction(contacted)).collect()).unwrap();
        store.create_orders((0..150).map(|_| history.order(contacted)).collect()).unwrap();
        let strict = LifecycleThresholds { new_days: 7, silent_days: 20, lost_days: 45 };
        let mut seen = [0u64; 4];
        for as_of in ["2025-03-01", "2025-09-15", "2026-06-30", "2026-11-22", "2027-08-01"] {
            let as_of: NaiveDate = as_of.parse().unwrap();
            for t in [LifecycleThresholds::default(), strict] {
                let facts = store.customer_facts().unwrap();
                let mut want = [0u64; 4];
                for f in &facts {
                    let s = crate::classify::stage(f, as_of, &t).0;
                    want[[Stage::New, Stage::Active, Stage::Silent, Stage::Lost]
                        .iter()
                        .position(|x| *x == s)
                        .unwrap()] += 1;
                }
                let got: Vec<u64> = store.stage_counts(as_of, &t).unwrap().iter().map(|s| s.count).collect();
                assert_eq!(got, want.to_vec(), "as of {as_of}, thresholds {t:?}");
                seen.iter_mut().zip(want).for_each(|(s, n)| *s += n);
            }
        }
        assert!(seen.iter().all(|n| *n > 0), "the cases reach every stage: {seen:?}");
    }
}

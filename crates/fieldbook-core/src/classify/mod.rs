//! Computed, explainable customer classification: lifecycle stage (`lifecycle`), RFM scores
//! and a suggested ABC tier (`rfm`). The rules are pure functions over `CustomerFacts`, which
//! are read here in a few aggregate queries; `today` is always passed in.

mod lifecycle;
mod model;
mod rank_cache;
mod rfm;

pub use lifecycle::stage;
pub use model::*;
pub use rfm::score;

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::{CoreError, Result};
use crate::orders::{money, OrderStatus};
use crate::records;
use crate::store::Store;

const SETTINGS_KEY: &str = "classify";

impl Store {
    pub fn classify_settings(&self) -> Result<ClassifySettings> {
        Ok(match self.setting(SETTINGS_KEY)? {
            Some(v) => serde_json::from_value(v).unwrap_or_default(),
            None => ClassifySettings::default(),
        })
    }

    pub fn set_classify_settings(&mut self, s: &ClassifySettings) -> Result<ClassifySettings> {
        let l = &s.lifecycle;
        if l.new_days == 0 || l.silent_days == 0 || l.silent_days >= l.lost_days {
            return Err(CoreError::invalid(
                "lifecycle",
                "thresholds_invalid",
                "new and silent must be at least one day, and silent shorter than lost",
            ));
        }
        if s.abc.a_share_pct == 0 || s.abc.a_share_pct > s.abc.b_share_pct || s.abc.b_share_pct > 100 {
            return Err(CoreError::invalid("abc", "thresholds_invalid", "need 0 < A share ≤ B share ≤ 100"));
        }
        self.set_setting(SETTINGS_KEY, serde_json::to_value(s).expect("settings serialize"))?;
        self.classify_settings()
    }

    /// Stage, RFM and suggested tier of every live customer, in no particular order.
    pub fn classify_customers(&self, today: NaiveDate) -> Result<Vec<Classification>> {
        let settings = self.classify_settings()?;
        let facts = self.customer_facts()?;
        let mut scores = score(&facts, today, &settings.abc);
        Ok(facts
            .iter()
            .map(|f| {
                let (stage, reason) = stage(f, today, &settings.lifecycle);
                let (rfm, suggested_tier) = scores.remove(&f.customer_id).unwrap_or((None, crate::customers::Tier::C));
                Classification { customer_id: f.customer_id.clone(), stage, reason, rfm, suggested_tier }
            })
            .collect())
    }

    /// One customer's classification. RFM and ABC rank the customer among every buyer, so
    /// the whole book's purchases are read — once per state of the book: the facts and the
    /// ranking are kept until the next write (the journal head moves) or the next day, so
    /// opening customer after customer costs one customer's queries. Interactions (by far
    /// the largest table) are read for this customer only.
    pub fn classify_customer(&self, customer_id: &str, today: NaiveDate) -> Result<Classification> {
        let settings = self.classify_settings()?;
        let key = rank_cache::Key { device: self.device_id().to_string(), head: self.journal_head()?, today };
        let cache = rank_cache::get_or_build(key, || {
            let mut facts = self.live_customer_facts()?;
            self.add_purchase_facts(&mut facts)?;
            let all: Vec<CustomerFacts> = facts.values().cloned().collect();
            let scores = score(&all, today, &settings.abc);
            Ok((facts, scores))
        })?;
        let mut f =
            cache.facts.get(customer_id).cloned().ok_or_else(|| CoreError::not_found("customer", customer_id))?;
        let (first, last): (Option<String>, Option<String>) = self.conn().query_row(
            "SELECT substr(MIN(occurred_at), 1, 10), substr(MAX(occurred_at), 1, 10)
             FROM interactions WHERE customer_id = ?1 AND deleted_at IS NULL",
            [customer_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        f.first_interaction = records::read_date(first);
        f.last_interaction = records::read_date(last);
        let (stage, reason) = stage(&f, today, &settings.lifecycle);
        let (rfm, suggested_tier) = cache.scores.get(customer_id).cloned().unwrap_or((None, crate::customers::Tier::C));
        Ok(Classification { customer_id: customer_id.to_string(), stage, reason, rfm, suggested_tier })
    }

    /// The facts of every live customer: three grouped queries, no per-customer reads.
    pub fn customer_facts(&self) -> Result<Vec<CustomerFacts>> {
        let mut by_id = self.live_customer_facts()?;
        {
            let mut stmt = self.conn().prepare(
                "SELECT customer_id, substr(MIN(occurred_at), 1, 10), substr(MAX(occurred_at), 1, 10)
                 FROM interactions WHERE deleted_at IS NULL GROUP BY customer_id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?))
            })?;
            for row in rows {
                let (id, first, last) = row?;
                if let Some(f) = by_id.get_mut(&id) {
                    f.first_interaction = records::read_date(first);
                    f.last_interaction = records::read_date(last);
                }
            }
        }
        self.add_purchase_facts(&mut by_id)?;
        let mut facts: Vec<CustomerFacts> = by_id.into_values().collect();
        facts.sort_by(|a, b| a.customer_id.cmp(&b.customer_id));
        Ok(facts)
    }

    /// Every live customer with the day they were added and nothing else yet, by id.
    fn live_customer_facts(&self) -> Result<HashMap<String, CustomerFacts>> {
        let mut stmt =
            self.conn().prepare("SELECT id, substr(created_at, 1, 10) FROM customers WHERE deleted_at IS NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)))?;
        let mut by_id = HashMap::new();
        for row in rows {
            let (id, added) = row?;
            let added_on = records::read_date(added).unwrap_or_default();
            by_id.insert(id.clone(), CustomerFacts { customer_id: id, added_on, ..Default::default() });
        }
        Ok(by_id)
    }

    /// Purchase count, first and last purchase, and main-currency revenue of every buyer.
    fn add_purchase_facts(&self, by_id: &mut HashMap<String, CustomerFacts>) -> Result<()> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT customer_id, currency, COUNT(*), MIN(ordered_on), MAX(ordered_on), SUM(total_minor)
             FROM orders WHERE deleted_at IS NULL AND {} GROUP BY customer_id, currency",
            OrderStatus::PURCHASE_SQL
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })?;
        // Per customer: (currency, purchase count, revenue) of the main currency so far.
        let mut main: HashMap<String, (String, i64, Decimal)> = HashMap::new();
        for row in rows {
            let (id, currency, count, first, last, minor) = row?;
            let Some(f) = by_id.get_mut(&id) else { continue };
            f.purchase_count += count as u64;
            f.first_purchase = [f.first_purchase, records::read_date(first)].into_iter().flatten().min();
            f.last_purchase = [f.last_purchase, records::read_date(last)].into_iter().flatten().max();
            let revenue = money::from_minor(minor, &currency);
            let better = match main.get(&id) {
                None => true,
                Some((c, n, _)) => count > *n || (count == *n && currency < *c),
            };
            if better {
                main.insert(id, (currency, count, revenue));
            }
        }
        for (id, (currency, _, revenue)) in main {
            if let Some(f) = by_id.get_mut(&id) {
                f.revenue = Some((currency, revenue));
            }
        }
        Ok(())
    }
}

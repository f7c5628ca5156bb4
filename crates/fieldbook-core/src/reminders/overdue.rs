//! The overdue-revisit radar and the dashboard's overdue figure: how many customers are past
//! their revisit cadence and still open (not done, not dismissed, not snoozed until later),
//! and the most overdue of them.
//!
//! Both come from the revisit index (`revisit::tier_overdue_*`) rather than from one
//! occurrence per overdue customer, of which a book moved in with its history has tens of
//! thousands: per tier, an index count of the customers due before today, and the first rows
//! in anchor order (most days late first) until enough open ones are found. What the user
//! closed is subtracted from the count: each closed revisit state is checked against its
//! customer's current due day (a state for an older due day no longer applies).

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};

use super::model::{Occurrence, OccurrenceKind, ReminderStatus};
use super::revisit::{self, Candidate, OverdueRevisit};
use super::settings::ReminderSettings;
use super::state::state_is_open;
use crate::customers::Tier;
use crate::error::Result;
use crate::records::read_enum;
use crate::store::Store;

const TIERS: [Tier; 4] = [Tier::Vip, Tier::A, Tier::B, Tier::C];

/// One customer's tier, anchor and own interval, if live.
fn customer_sql() -> String {
    format!(
        "SELECT c.tier, {}, (SELECT r.interval_days FROM revisit_cadences r
                              WHERE r.id = c.id AND r.deleted_at IS NULL)
         FROM customers c WHERE c.id = ?1 AND c.deleted_at IS NULL",
        crate::last_contact::anchor_sql_of("c")
    )
}

/// The (customer, due day) of a revisit occurrence key `revisit:<customer id>:<YYYY-MM-DD>`.
fn parse_key(key: &str) -> Option<(&str, NaiveDate)> {
    let rest = key.strip_prefix(OccurrenceKind::Revisit.as_str())?.strip_prefix(':')?;
    let (id, day) = rest.rsplit_once(':')?;
    Some((id, day.parse().ok()?))
}

impl Store {
    /// Customers whose revisit was due before `today` and is still open at `now`, most days
    /// late first, at most `limit`.
    pub fn overdue_revisits(&self, today: NaiveDate, limit: usize, now: DateTime<Utc>) -> Result<Vec<OverdueRevisit>> {
        Ok(self.overdue_revisit_summary(today, limit, now)?.1)
    }

    /// How many customers are overdue (as `overdue_revisits` counts them), and the first
    /// `limit` of them: most days late first; equally late, the earlier last contact (or
    /// creation) first, then by customer id.
    pub fn overdue_revisit_summary(
        &self,
        today: NaiveDate,
        limit: usize,
        now: DateTime<Utc>,
    ) -> Result<(u64, Vec<OverdueRevisit>)> {
        let s = self.reminder_settings()?;
        let closed = self.closed_overdue_revisits(today, now, &s)?;
        let conn = self.conn();
        let mut count = 0u64;
        let mut top: Vec<Candidate> = Vec::new();
        for tier in TIERS {
            let Some(n) = s.revisit.for_tier(tier) else { continue };
            let back = Duration::days(n.into());
            // due before today ⟺ anchor day before today − n: the text before that day.
            let cut = (today - back).to_string();
            let mut stmt = conn.prepare_cached(&revisit::tier_overdue_count_sql())?;
            count += stmt.query_row(params![tier.as_str(), cut], |r| r.get::<_, i64>(0))? as u64;
            let mut stmt = conn.prepare_cached(&revisit::tier_overdue_sql())?;
            let mut rows = stmt.query(params![tier.as_str(), cut])?;
            let mut taken = 0;
            while taken < limit {
                let Some(r) = rows.next()? else { break };
                let (id, anchor): (String, String) = (r.get(0)?, r.get(2)?);
                let Some(day) = revisit::date_of(&anchor) else { continue };
                let due = day + back;
                if closed.contains(&(id.clone(), due)) {
                    continue;
                }
                top.push(Candidate { id, name: r.get(1)?, anchor, due, interval: n, tier: Some(tier) });
                taken += 1;
            }
        }
        for c in revisit::overrides(conn)? {
            if c.due < today {
                count += 1;
                if !closed.contains(&(c.id.clone(), c.due)) {
                    top.push(c);
                }
            }
        }
        // Every closed state counted here is a currently overdue customer counted above.
        count = count.saturating_sub(closed.len() as u64);
        top.sort_by(|a, b| (a.due, &a.anchor, &a.id).cmp(&(b.due, &b.anchor, &b.id)));
        top.truncate(limit);
        let mut occurrences: Vec<Occurrence> =
            top.iter().map(|c| revisit::occurrence(&c.id, &c.name, c.due, c.interval, &s)).collect();
        // Open ones may still carry a state: a snooze that has ended.
        self.attach_states(&mut occurrences)?;
        Ok((
            count,
            occurrences
                .into_iter()
                .zip(top)
                .map(|(occurrence, c)| OverdueRevisit {
                    days_late: (today - c.due).num_days(),
                    tier: c.tier,
                    occurrence,
                })
                .collect(),
        ))
    }

    /// The (customer, due day) of every revisit that is overdue today and closed at `now`:
    /// a state whose day is the customer's current due day.
    fn closed_overdue_revisits(
        &self,
        today: NaiveDate,
        now: DateTime<Utc>,
        s: &ReminderSettings,
    ) -> Result<HashSet<(String, NaiveDate)>> {
        // Revisit keys are a range of the primary key (';' follows ':').
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, status, snoozed_until FROM reminder_states
             WHERE deleted_at IS NULL AND id >= 'revisit:' AND id < 'revisit;'",
        )?;
        let states: Vec<(String, String, Option<String>)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut customer = self.conn().prepare_cached(&customer_sql())?;
        let mut closed = HashSet::new();
        for (key, status, until) in states {
            if state_is_open(ReminderStatus::parse(&status), until.as_deref(), now) {
                continue;
            }
            let Some((id, day)) = parse_key(&key) else { continue };
            if day >= today {
                continue;
            }
            let row: Option<(Option<String>, String, Option<u32>)> =
                customer.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
            let Some((tier, anchor, own)) = row else { continue };
            let interval = own.or_else(|| read_enum::<Tier>(tier).and_then(|t| s.revisit.for_tier(t)));
            let due = interval.zip(revisit::date_of(&anchor)).map(|(n, d)| d + Duration::days(n.into()));
            if due == Some(day) {
                closed.insert((id.to_string(), day));
            }
        }
        Ok(closed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revisit_key_gives_back_its_customer_and_day() {
        let key = Occurrence::new(OccurrenceKind::Revisit, "0193-ab:c", "2026-11-22".parse().unwrap(), 0).key;
        assert_eq!(parse_key(&key), Some(("0193-ab:c", "2026-11-22".parse().unwrap())), "ids may hold a colon");
        assert_eq!(parse_key("birthday:x:2026-11-22"), None, "another kind's key is not a revisit");
        assert_eq!(parse_key("revisit:x:someday"), None);
    }
}

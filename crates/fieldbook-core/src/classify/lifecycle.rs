//! Lifecycle stage: new, active, silent or lost, with the reason in words and as a code.
//!
//! The rule, with `today` passed in:
//! 1. The last contact is the later of the last purchase and the last interaction (a purchase
//!    wins a tie: it is the stronger sign); without either, the day the customer was added —
//!    the anchor of `last_contact`, which the revisit cadence counts from too.
//! 2. More than `lost_days` since the last contact → lost; more than `silent_days` → silent.
//! 3. Otherwise, first contact (the earlier of first purchase and first interaction, else the
//!    day added) at most `new_days` ago → new; else active.

use chrono::NaiveDate;

use crate::last_contact::anchor;

use super::model::{CustomerFacts, LifecycleThresholds, ReasonCode, Stage, StageReason};

pub fn stage(f: &CustomerFacts, today: NaiveDate, t: &LifecycleThresholds) -> (Stage, StageReason) {
    let days = |d: NaiveDate| (today - d).num_days().max(0);
    let contact = match (f.last_purchase, f.last_interaction) {
        (Some(p), Some(i)) if i > p => Some((i, ReasonCode::LastInteractionDays)),
        (Some(p), _) => Some((p, ReasonCode::LastPurchaseDays)),
        (None, Some(i)) => Some((i, ReasonCode::LastInteractionDays)),
        (None, None) => None,
    };
    let last = (anchor(f.added_on, contact.map(|c| c.0)), contact.map_or(ReasonCode::AddedDays, |c| c.1));
    let since_last = days(last.0);
    if since_last > i64::from(t.lost_days) {
        return (Stage::Lost, reason(last.1, since_last));
    }
    if since_last > i64::from(t.silent_days) {
        return (Stage::Silent, reason(last.1, since_last));
    }
    let first = [f.first_purchase, f.first_interaction].into_iter().flatten().min();
    let (first_day, first_code) = match first {
        Some(d) => (d, ReasonCode::FirstContactDays),
        None => (f.added_on, ReasonCode::AddedDays),
    };
    if days(first_day) <= i64::from(t.new_days) {
        return (Stage::New, reason(first_code, days(first_day)));
    }
    (Stage::Active, reason(last.1, since_last))
}

fn reason(code: ReasonCode, days: i64) -> StageReason {
    let text = match code {
        ReasonCode::FirstContactDays => format!("first contact {days} days ago"),
        ReasonCode::LastPurchaseDays => format!("last purchase {days} days ago"),
        ReasonCode::LastInteractionDays => format!("last interaction {days} days ago"),
        ReasonCode::AddedDays => format!("no purchase or interaction yet; added {days} days ago"),
    };
    StageReason { code, days, text }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const TODAY: &str = "2026-11-22";

    fn facts(added: &str) -> CustomerFacts {
        CustomerFacts { customer_id: "c".into(), added_on: day(added), ..Default::default() }
    }

    fn classify(f: &CustomerFacts) -> (Stage, ReasonCode, i64) {
        let (s, r) = stage(f, day(TODAY), &LifecycleThresholds::default());
        (s, r.code, r.days)
    }

    #[test]
    fn a_last_purchase_212_days_ago_is_lost_and_says_so() {
        let mut f = facts("2024-01-01");
        f.first_purchase = Some(day("2024-02-01"));
        f.last_purchase = Some(day("2026-04-24"));
        let (s, r) = stage(&f, day(TODAY), &LifecycleThresholds::default());
        assert_eq!((s, r.code, r.days), (Stage::Lost, ReasonCode::LastPurchaseDays, 212));
        assert_eq!(r.text, "last purchase 212 days ago");
    }

    #[test]
    fn thresholds_are_exclusive_boundaries() {
        // 90 days without contact is still active; 91 is silent; 180 silent; 181 lost.
        for (last, want) in [
            ("2026-08-24", Stage::Active),
            ("2026-08-23", Stage::Silent),
            ("2026-05-26", Stage::Silent),
            ("2026-05-25", Stage::Lost),
        ] {
            let mut f = facts("2020-01-01");
            f.first_interaction = Some(day("2020-01-01"));
            f.last_interaction = Some(day(last));
            assert_eq!(classify(&f).0, want, "last contact {last}");
        }
    }

    #[test]
    fn a_recent_first_contact_is_new_an_old_one_active() {
        let mut f = facts("2026-01-01");
        f.first_interaction = Some(day("2026-10-23")); // 30 days ago
        f.last_interaction = Some(day("2026-11-20"));
        assert_eq!(classify(&f), (Stage::New, ReasonCode::FirstContactDays, 30));
        f.first_interaction = Some(day("2026-10-22")); // 31 days ago
        assert_eq!(classify(&f), (Stage::Active, ReasonCode::LastInteractionDays, 2));
    }

    #[test]
    fn the_later_of_purchase_and_interaction_counts_and_a_purchase_wins_a_tie() {
        let mut f = facts("2020-01-01");
        f.first_purchase = Some(day("2020-01-01"));
        f.last_purchase = Some(day("2026-01-01"));
        f.first_interaction = Some(day("2020-01-01"));
        f.last_interaction = Some(day("2026-11-01"));
        assert_eq!(classify(&f), (Stage::Active, ReasonCode::LastInteractionDays, 21));
        f.last_interaction = Some(day("2026-01-01"));
        assert_eq!(classify(&f), (Stage::Lost, ReasonCode::LastPurchaseDays, 325));
    }

    #[test]
    fn without_any_contact_the_day_added_decides() {
        assert_eq!(classify(&facts("2026-11-12")), (Stage::New, ReasonCode::AddedDays, 10));
        assert_eq!(classify(&facts("2026-07-01")), (Stage::Silent, ReasonCode::AddedDays, 144));
        assert_eq!(classify(&facts("2025-01-01")), (Stage::Lost, ReasonCode::AddedDays, 690));
    }

    #[test]
    fn history_logged_before_the_customer_was_added_counts_as_the_last_contact() {
        // Moved in today from an Excel book; the last visit logged was 281 days ago.
        let mut f = facts(TODAY);
        f.first_interaction = Some(day("2025-06-01"));
        f.last_interaction = Some(day("2026-02-14"));
        assert_eq!(classify(&f), (Stage::Lost, ReasonCode::LastInteractionDays, 281));
    }

    #[test]
    fn custom_thresholds_apply_and_future_dates_count_as_today() {
        let mut f = facts("2020-01-01");
        f.first_interaction = Some(day("2020-01-01"));
        f.last_interaction = Some(day("2026-10-01"));
        let strict = LifecycleThresholds { new_days: 7, silent_days: 30, lost_days: 60 };
        assert_eq!(stage(&f, day(TODAY), &strict).0, Stage::Silent);
        f.last_interaction = Some(day("2026-12-01"));
        assert_eq!(classify(&f), (Stage::Active, ReasonCode::LastInteractionDays, 0));
    }
}

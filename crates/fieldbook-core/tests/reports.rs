//! The reports dashboard on a hand-made book whose every figure is worked out by hand.

mod common;

use chrono::{TimeZone, Utc};
use common::*;
use fieldbook_core::classify::Stage;
use fieldbook_core::complaints::{ComplaintInput, ComplaintStatus};
use fieldbook_core::customers::{CustomerInput, Tier};
use fieldbook_core::orders::OrderStatus;
use fieldbook_core::reports::Report;
use fieldbook_core::Store;

fn tiered(name: &str, tier: Option<Tier>) -> CustomerInput {
    CustomerInput { tier, ..person(name) }
}

fn complain(s: &mut Store, customer_id: &str, status: ComplaintStatus, satisfaction: Option<u8>) -> String {
    s.create_complaint(ComplaintInput {
        customer_id: customer_id.into(),
        opened_on: day("2026-10-01"),
        subject: "late delivery".into(),
        details: None,
        status,
        resolution: None,
        satisfaction,
        return_visit_on: None,
    })
    .unwrap()
    .id
}

struct Book {
    store: Store,
    alpha: String,
    beta: String,
    gamma: String,
    epsilon: String,
    hotel: String,
}

/// Seven live customers added 2024-01-01 (Golf today) and one in the Trash, as_of 2026-11-22.
/// Retention periods: current 2026-08-25..=2026-11-22, previous 2026-05-27..=2026-08-24.
fn book() -> Book {
    let (mut s, clock) = store();
    clock.set(Utc.with_ymd_and_hms(2024, 1, 1, 9, 0, 0).unwrap());
    let alpha = s.create_customer(tiered("Alpha", Some(Tier::Vip))).unwrap().id;
    let beta = s.create_customer(tiered("Beta", Some(Tier::A))).unwrap().id;
    let gamma = s.create_customer(tiered("Gamma", Some(Tier::C))).unwrap().id;
    let delta = s.create_customer(tiered("Delta", Some(Tier::Vip))).unwrap().id;
    let epsilon = s.create_customer(tiered("Epsilon", Some(Tier::B))).unwrap().id;
    let foxtrot = s.create_customer(tiered("Foxtrot", None)).unwrap().id;
    let hotel = s.create_customer(tiered("Hotel", Some(Tier::C))).unwrap().id;
    clock.set(Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap());
    s.create_customer(tiered("Golf", Some(Tier::A))).unwrap();

    buy(&mut s, &alpha, "2026-11-01", "1000", OrderStatus::Completed, "CNY");
    buy(&mut s, &alpha, "2026-10-15", "500.50", OrderStatus::Paid, "CNY");
    buy(&mut s, &alpha, "2025-11-30", "9999", OrderStatus::Completed, "CNY"); // before the 12 months
    buy(&mut s, &alpha, "2026-11-05", "300", OrderStatus::Draft, "CNY"); // never bought
    buy(&mut s, &alpha, "2026-06-01", "100", OrderStatus::Completed, "USD");
    buy(&mut s, &beta, "2026-11-10", "2000", OrderStatus::Shipped, "CNY");
    buy(&mut s, &beta, "2026-11-11", "5000", OrderStatus::Cancelled, "CNY"); // undone
    let gone = buy(&mut s, &beta, "2026-11-12", "777", OrderStatus::Completed, "CNY");
    s.delete_order(&gone).unwrap(); // in the Trash
    meet(&mut s, &beta, "2026-07-01T10:00:00Z");
    meet(&mut s, &gamma, "2026-06-15T10:00:00Z");
    meet(&mut s, &epsilon, "2026-08-24T23:30:00Z"); // the last moment of the previous period
    meet(&mut s, &foxtrot, "2026-08-25T00:00:00Z"); // the first moment of the current one
    meet(&mut s, &hotel, "2025-01-01T10:00:00Z");
    buy(&mut s, &delta, "2026-11-01", "50000", OrderStatus::Completed, "CNY");
    meet(&mut s, &delta, "2026-07-01T10:00:00Z");

    complain(&mut s, &alpha, ComplaintStatus::Open, None);
    complain(&mut s, &beta, ComplaintStatus::Resolved, Some(5));
    complain(&mut s, &gamma, ComplaintStatus::Resolved, Some(4));
    complain(&mut s, &epsilon, ComplaintStatus::InProgress, None);
    complain(&mut s, &hotel, ComplaintStatus::Resolved, Some(4));
    let deleted = complain(&mut s, &beta, ComplaintStatus::Resolved, Some(1));
    s.delete_complaint(&deleted).unwrap();
    complain(&mut s, &delta, ComplaintStatus::Resolved, Some(1));
    s.delete_customer(&delta).unwrap(); // Delta and all its records leave every figure
    Book { store: s, alpha, beta, gamma, epsilon, hotel }
}

fn report() -> (Book, Report) {
    let b = book();
    let r = b.store.report(day("2026-11-22")).unwrap();
    (b, r)
}

#[test]
fn customers_are_counted_per_tier_with_an_untiered_row_and_the_trash_left_out() {
    let (_, r) = report();
    assert_eq!(r.total_customers, 7, "Delta is in the Trash");
    let tiers: Vec<(Option<Tier>, u64)> = r.by_tier.iter().map(|t| (t.tier, t.count)).collect();
    assert_eq!(
        tiers,
        vec![(Some(Tier::Vip), 1), (Some(Tier::A), 2), (Some(Tier::B), 1), (Some(Tier::C), 2), (None, 1)]
    );
}

#[test]
fn stages_follow_the_lifecycle_rule_of_the_customer_page() {
    let (b, r) = report();
    let stages: Vec<(Stage, u64)> = r.by_stage.iter().map(|s| (s.stage, s.count)).collect();
    // New: Golf (added today). Active: Alpha, Beta, Foxtrot, and Epsilon (exactly 90 days).
    // Silent: Gamma (160 days). Lost: Hotel (690 days).
    assert_eq!(stages, vec![(Stage::New, 1), (Stage::Active, 4), (Stage::Silent, 1), (Stage::Lost, 1)]);
    let classified = b.store.classify_customers(day("2026-11-22")).unwrap();
    for (stage, count) in stages {
        assert_eq!(classified.iter().filter(|c| c.stage == stage).count() as u64, count, "{stage:?}");
    }
}

#[test]
fn revenue_is_per_month_and_currency_over_twelve_months_counting_only_live_purchases() {
    let (_, r) = report();
    assert_eq!(r.revenue.currencies, vec!["CNY", "USD"], "CNY has the most purchase orders");
    let months: Vec<&str> = r.revenue.months.iter().map(|m| m.month.as_str()).collect();
    assert_eq!(months.len(), 12);
    assert_eq!((months[0], months[11]), ("2025-12", "2026-11"));
    let amount = |month: &str, currency: &str| {
        let m = r.revenue.months.iter().find(|m| m.month == month).unwrap();
        m.amounts.iter().find(|a| a.currency == currency).unwrap().amount.to_string()
    };
    // November: Alpha 1000 + Beta 2000; the draft, the cancelled, the trashed order and
    // Delta (in the Trash) do not count.
    assert_eq!(amount("2026-11", "CNY"), "3000.00");
    assert_eq!(amount("2026-10", "CNY"), "500.50");
    assert_eq!(amount("2026-06", "USD"), "100.00");
    assert_eq!(amount("2026-06", "CNY"), "0.00", "every month has every currency, zero when nothing was bought");
    assert_eq!(amount("2025-12", "CNY"), "0.00", "the 2025-11-30 order is before the window");
    let totals: Vec<(&str, String)> =
        r.revenue.totals.iter().map(|a| (a.currency.as_str(), a.amount.to_string())).collect();
    assert_eq!(totals, vec![("CNY", "3500.50".into()), ("USD", "100.00".into())]);
}

#[test]
fn top_customers_rank_by_revenue_in_the_main_currency() {
    let (b, r) = report();
    assert_eq!(r.top_customers.currency.as_deref(), Some("CNY"));
    let top: Vec<(&str, String, u64)> =
        r.top_customers.items.iter().map(|t| (t.customer_id.as_str(), t.revenue.to_string(), t.orders)).collect();
    assert_eq!(top, vec![(b.beta.as_str(), "2000.00".into(), 1), (b.alpha.as_str(), "1500.50".into(), 2)]);
    assert_eq!(r.top_customers.items[0].name, "Beta");
    assert_eq!(r.top_customers.items[0].tier, Some(Tier::A));
}

#[test]
fn overdue_customers_are_those_past_their_tier_cadence_most_days_late_first() {
    let (b, r) = report();
    // Hotel (C, 90 days from 2025-01-01), Gamma (C, from 2026-06-15), Epsilon (B, 30 days
    // from 2026-08-24), Alpha (VIP, 7 days from the 2026-11-01 purchase). Beta (A, 14 days
    // from 2026-11-10) and Golf (added today) are not due; Foxtrot has no tier.
    assert_eq!(r.overdue.count, 4);
    let late: Vec<(&str, i64)> =
        r.overdue.top.iter().map(|o| (o.occurrence.customer_id.as_deref().unwrap(), o.days_late)).collect();
    assert_eq!(
        late,
        vec![(b.hotel.as_str(), 600), (b.gamma.as_str(), 70), (b.epsilon.as_str(), 60), (b.alpha.as_str(), 14)]
    );
}

#[test]
fn a_revisit_marked_done_leaves_the_overdue_figure() {
    let (mut b, r) = report();
    let key = r.overdue.top[0].occurrence.key.clone();
    b.store.mark_done(&key).unwrap();
    let after = b.store.report(day("2026-11-22")).unwrap();
    assert_eq!(after.overdue.count, 3);
    assert!(after.overdue.top.iter().all(|o| o.occurrence.key != key));
}

#[test]
fn complaints_count_by_status_and_average_the_rated_return_visits() {
    let (_, r) = report();
    let c = &r.complaints;
    assert_eq!((c.total, c.open, c.in_progress, c.resolved), (5, 1, 1, 3), "the trashed complaint and Delta's are out");
    assert_eq!(c.rated, 3);
    assert_eq!(c.average_satisfaction.unwrap().to_string(), "4.33", "(5 + 4 + 4) / 3");
}

#[test]
fn retention_is_the_share_of_the_previous_periods_active_customers_active_again() {
    let (_, r) = report();
    let t = &r.retention;
    assert_eq!((t.previous_from, t.previous_to), (day("2026-05-27"), day("2026-08-24")));
    assert_eq!((t.current_from, t.current_to), (day("2026-08-25"), day("2026-11-22")));
    // Previous: Alpha (USD order 06-01), Beta (07-01), Gamma (06-15), Epsilon (08-24 23:30).
    // Current: Alpha, Beta (November orders), Foxtrot (08-25 00:00). Delta is in the Trash.
    assert_eq!((t.previous_active, t.current_active, t.retained), (4, 3, 2));
    assert_eq!(t.rate_pct.unwrap().to_string(), "50.0");
}

#[test]
fn an_empty_book_reports_zeros_and_no_rates_rather_than_failing() {
    let (s, _) = store();
    let r = s.report(day("2026-11-22")).unwrap();
    assert_eq!(r.total_customers, 0);
    assert!(r.by_tier.iter().all(|t| t.count == 0) && r.by_tier.len() == 5);
    assert!(r.by_stage.iter().all(|t| t.count == 0) && r.by_stage.len() == 4);
    assert!(r.revenue.currencies.is_empty());
    assert_eq!(r.revenue.months.len(), 12);
    assert_eq!(r.top_customers.currency, None);
    assert_eq!(r.complaints.average_satisfaction, None);
    assert_eq!(r.retention.rate_pct, None);
    assert_eq!(r.overdue.count, 0);
}

#[test]
fn the_report_serializes_money_and_rates_as_exact_strings() {
    let (_, r) = report();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["complaints"]["average_satisfaction"], "4.33");
    assert_eq!(v["retention"]["rate_pct"], "50.0");
    assert_eq!(v["top_customers"]["items"][0]["revenue"], "2000.00");
    assert_eq!(v["by_tier"][0]["tier"], "VIP");
}

//! Classification on a real store: the facts come from interactions and orders as stored.

mod common;

use common::*;
use fieldbook_core::classify::{ClassifySettings, LifecycleThresholds, ReasonCode, Stage};
use fieldbook_core::customers::Tier;
use fieldbook_core::orders::OrderStatus;

const TODAY: &str = "2026-11-22";

#[test]
fn stages_rfm_and_tiers_come_from_the_stored_records() {
    let (mut s, _) = store(); // customers are added on 2026-11-22
    let big = s.create_customer(person("Big")).unwrap().id;
    let old = s.create_customer(person("Old")).unwrap().id;
    let fresh = s.create_customer(person("Fresh")).unwrap().id;
    buy(&mut s, &big, "2025-06-01", "9000", OrderStatus::Completed, "CNY");
    buy(&mut s, &big, "2026-11-01", "1000", OrderStatus::Paid, "CNY");
    buy(&mut s, &big, "2026-11-20", "50000", OrderStatus::Draft, "CNY"); // never bought
    let refunded = buy(&mut s, &old, "2026-10-01", "7000", OrderStatus::Refunded, "CNY");
    buy(&mut s, &old, "2026-04-24", "1000", OrderStatus::Completed, "CNY");
    meet(&mut s, &old, "2025-01-10T09:00:00Z");
    meet(&mut s, &fresh, "2026-11-15T09:00:00Z");

    let all = s.classify_customers(day(TODAY)).unwrap();
    assert_eq!(all.len(), 3);
    let of = |id: &str| all.iter().find(|c| c.customer_id == id).unwrap().clone();

    let b = of(&big);
    assert_eq!(b.stage, Stage::Active);
    assert_eq!((b.reason.code, b.reason.days), (ReasonCode::LastPurchaseDays, 21));
    let rfm = b.rfm.unwrap();
    assert_eq!((rfm.frequency, rfm.monetary.to_string(), rfm.currency.as_str()), (2, "10000.00".into(), "CNY"));
    assert_eq!((rfm.r, rfm.f, rfm.m), (5, 5, 5));
    assert_eq!(b.suggested_tier, Tier::A);

    let o = of(&old);
    assert_eq!(o.stage, Stage::Lost, "the refunded order does not count as a purchase");
    assert_eq!(o.reason.text, "last purchase 212 days ago");
    let rfm = o.rfm.unwrap();
    assert_eq!((rfm.r, rfm.f, rfm.m), (3, 3, 3), "two buyers: the lesser scores ceil(5 × 1/2) = 3");
    assert_eq!(o.suggested_tier, Tier::B, "Big alone is 10000 of 11000 = 91% of revenue");

    let f = of(&fresh);
    assert_eq!((f.stage, f.reason.code, f.reason.days), (Stage::New, ReasonCode::FirstContactDays, 7));
    assert!(f.rfm.is_none());
    assert_eq!(f.suggested_tier, Tier::C);

    // Deleting the refunded order changes nothing: it never counted.
    s.delete_order(&refunded).unwrap();
    assert_eq!(s.classify_customer(&old, day(TODAY)).unwrap().stage, Stage::Lost);
}

#[test]
fn monetary_uses_the_main_currency_and_thresholds_come_from_settings() {
    let (mut s, _) = store();
    let c = s.create_customer(person("Traveller")).unwrap().id;
    buy(&mut s, &c, "2026-11-01", "100", OrderStatus::Paid, "USD");
    buy(&mut s, &c, "2026-11-02", "200", OrderStatus::Paid, "USD");
    buy(&mut s, &c, "2026-11-03", "99999", OrderStatus::Paid, "JPY");
    let k = s.classify_customer(&c, day(TODAY)).unwrap();
    let rfm = k.rfm.unwrap();
    assert_eq!(rfm.frequency, 3, "frequency counts every purchase");
    assert_eq!((rfm.currency.as_str(), rfm.monetary.to_string()), ("USD", "300.00".into()), "yen are not converted");

    assert_eq!(s.classify_settings().unwrap(), ClassifySettings::default());
    let strict = ClassifySettings {
        lifecycle: LifecycleThresholds { new_days: 5, silent_days: 10, lost_days: 15 },
        ..Default::default()
    };
    s.set_classify_settings(&strict).unwrap();
    assert_eq!(s.classify_customer(&c, day(TODAY)).unwrap().stage, Stage::Lost, "19 days > 15");
    let bad = ClassifySettings {
        lifecycle: LifecycleThresholds { new_days: 5, silent_days: 20, lost_days: 15 },
        ..Default::default()
    };
    assert_eq!(s.set_classify_settings(&bad).unwrap_err().code(), "thresholds_invalid");
    assert_eq!(s.classify_customer("ghost", day(TODAY)).unwrap_err().code(), "not_found");
}

#[test]
fn one_customers_classification_is_the_same_as_in_the_whole_book() {
    use fieldbook_core::seed::Seeder;
    use fieldbook_core::seed_history::HistorySeeder;
    let (mut s, _) = store();
    let mut seeder = Seeder::new(3);
    let people: Vec<_> = (0..120).map(|_| seeder.person(None)).collect();
    let ids = s.create_customers(people).unwrap();
    let mut h = HistorySeeder::new(3, day("2026-11-01"));
    s.create_interactions((0..600).map(|_| h.interaction(&ids)).collect()).unwrap();
    s.create_orders((0..200).map(|_| h.order(&ids)).collect()).unwrap();
    let today = day("2026-11-22");
    let book = s.classify_customers(today).unwrap();
    assert_eq!(book.len(), 120);
    assert!(book.iter().any(|c| c.rfm.is_some()) && book.iter().any(|c| c.rfm.is_none()), "buyers and non-buyers");
    for expected in book {
        // The single-customer path reads only this customer's interactions.
        assert_eq!(s.classify_customer(&expected.customer_id, today).unwrap(), expected);
    }
    assert_eq!(s.classify_customer("nope", today).unwrap_err().code(), "not_found");
}

#[test]
fn a_cached_ranking_is_never_used_after_a_write_or_on_another_day() {
    let (mut s, _) = store();
    let a = s.create_customer(person("甲")).unwrap().id;
    let b = s.create_customer(person("乙")).unwrap().id;
    buy(&mut s, &a, "2026-11-01", "100", OrderStatus::Paid, "CNY");
    let today = day("2026-11-22");
    assert_eq!(s.classify_customer(&b, today).unwrap().rfm, None, "乙 has not bought");
    assert_eq!(s.classify_customer(&a, today).unwrap().suggested_tier, Tier::A);

    // A purchase by 乙 (a write) is seen at once, and re-ranks 甲.
    buy(&mut s, &b, "2026-11-20", "10000", OrderStatus::Paid, "CNY");
    let rb = s.classify_customer(&b, today).unwrap();
    assert_eq!(rb.rfm.as_ref().map(|r| r.frequency), Some(1));
    assert_eq!(rb.suggested_tier, Tier::A);
    assert_eq!(s.classify_customer(&a, today).unwrap().suggested_tier, Tier::C, "甲 is now the small buyer");

    // The next day, recency counts one more day.
    let tomorrow = day("2026-11-23");
    assert_eq!(s.classify_customer(&b, tomorrow).unwrap().rfm.unwrap().recency_days, 3);
    // A first meeting with 乙's colleague 丙, never contacted before, changes 丙's stage reason.
    let c = s.create_customer(person("丙")).unwrap().id;
    assert_eq!(s.classify_customer(&c, tomorrow).unwrap().reason.code, ReasonCode::AddedDays);
    meet(&mut s, &c, "2026-11-23T09:00:00.000Z");
    let rc = s.classify_customer(&c, tomorrow).unwrap();
    assert_eq!((rc.reason.code, rc.reason.days), (ReasonCode::FirstContactDays, 0));
}

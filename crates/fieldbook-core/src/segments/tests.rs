//! Unit tests of the filter → SQL step: values are bound, never spliced; bad filters are refused.

use chrono::NaiveDate;

use super::model::*;
use super::query::build_where;
use crate::reminders::DateRules;

fn today() -> NaiveDate {
    "2026-11-22".parse().unwrap()
}

#[test]
fn user_values_travel_as_parameters_never_inside_the_sql_text() {
    let evil = "x'); DROP TABLE customers; --";
    let f = SegmentFilter {
        tags: vec![evil.into()],
        regions: vec![evil.into()],
        owners: vec![evil.into()],
        spend: Some(SpendRange { currency: "cny".into(), min: Some("1".parse().unwrap()), max: None }),
        ..Default::default()
    };
    let w = build_where(&f, today(), None, DateRules::default()).unwrap();
    assert!(!w.sql.contains("DROP"), "the SQL must only hold placeholders: {}", w.sql);
    assert!(w.params.iter().any(|p| matches!(p, rusqlite::types::Value::Text(t) if t.contains("DROP"))));
}

#[test]
fn an_empty_filter_is_just_the_live_customers() {
    let w = build_where(&SegmentFilter::default(), today(), None, DateRules::default()).unwrap();
    assert_eq!(w.sql, "c.deleted_at IS NULL");
    assert!(w.params.is_empty());
}

#[test]
fn bad_filters_are_refused_with_the_field_named() {
    let cases = [
        (SegmentFilter { birthday_month: Some(13), ..Default::default() }, "month_invalid", "birthday_month"),
        (SegmentFilter { no_contact_days: Some(40_000), ..Default::default() }, "days_invalid", "no_contact_days"),
        (
            SegmentFilter {
                spend: Some(SpendRange {
                    currency: "CNY".into(),
                    min: Some("10".parse().unwrap()),
                    max: Some("5".parse().unwrap()),
                }),
                ..Default::default()
            },
            "spend_range_invalid",
            "spend",
        ),
        (
            SegmentFilter {
                spend: Some(SpendRange { currency: "yuan".into(), min: None, max: None }),
                ..Default::default()
            },
            "currency_invalid",
            "spend.currency",
        ),
    ];
    for (f, code, field) in cases {
        let err = build_where(&f, today(), None, DateRules::default()).err().expect("must be refused");
        assert_eq!((err.code(), err.to_payload().field.as_deref()), (code, Some(field)));
    }
}

#[test]
fn a_filter_round_trips_through_json_and_missing_fields_mean_no_condition() {
    let f: SegmentFilter = serde_json::from_str(r#"{"tiers":["VIP","A"],"no_contact_days":90}"#).unwrap();
    assert_eq!(f.tiers.len(), 2);
    assert_eq!(f.no_contact_days, Some(90));
    assert!(f.stages.is_empty() && f.spend.is_none() && !f.no_owner);
    let back: SegmentFilter = serde_json::from_str(&serde_json::to_string(&f).unwrap()).unwrap();
    assert_eq!(back, f);
}

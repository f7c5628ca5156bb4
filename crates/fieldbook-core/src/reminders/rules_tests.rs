use super::*;
use proptest::prelude::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn year_of(y: i32) -> (NaiveDate, NaiveDate) {
    (ymd(y, 1, 1), ymd(y, 12, 31))
}

fn in_year(spec: DateSpec, y: i32, rules: DateRules) -> Vec<NaiveDate> {
    let (from, to) = year_of(y);
    dates_between(&spec, from, to, rules)
}

const MAR1: DateRules = DateRules { feb29: Feb29Rule::Mar1, leap_month: LeapMonthRule::Leap };
const REGULAR: DateRules = DateRules { feb29: Feb29Rule::Feb28, leap_month: LeapMonthRule::Regular };

fn lunar(month: u8, leap: bool, day: u8) -> DateSpec {
    DateSpec::Lunar { year: None, month, leap, day }
}

#[test]
fn gregorian_dates_fall_on_the_same_day_every_year() {
    let spec = DateSpec::Gregorian { year: Some(1980), month: 10, day: 15 };
    assert_eq!(in_year(spec, 2026, DateRules::default()), [ymd(2026, 10, 15)]);
}

#[test]
fn february_29_falls_on_february_28_in_common_years_by_default() {
    let spec = DateSpec::Gregorian { year: None, month: 2, day: 29 };
    assert_eq!(in_year(spec, 2024, DateRules::default()), [ymd(2024, 2, 29)], "leap years keep the real day");
    assert_eq!(in_year(spec, 2025, DateRules::default()), [ymd(2025, 2, 28)]);
    assert_eq!(in_year(spec, 2025, MAR1), [ymd(2025, 3, 1)], "the setting moves it to Mar 1");
    assert_eq!(in_year(spec, 2100, DateRules::default()), [ymd(2100, 2, 28)], "2100 is not a leap year");
}

#[test]
fn no_occurrence_before_the_year_of_the_date() {
    let spec = DateSpec::Gregorian { year: Some(2025), month: 6, day: 1 };
    assert!(in_year(spec, 2024, DateRules::default()).is_empty(), "nobody has a birthday before birth");
    assert_eq!(in_year(spec, 2025, DateRules::default()), [ymd(2025, 6, 1)]);
    let l = DateSpec::Lunar { year: Some(2025), month: 1, leap: false, day: 1 };
    assert_eq!(in_year(l, 2025, DateRules::default()), [ymd(2025, 1, 29)]);
    assert!(in_year(l, 2024, DateRules::default()).is_empty());
}

#[test]
fn lunar_day_thirty_in_a_29_day_month_falls_on_the_29th() {
    // 腊月 of lunar year 2025 has 29 days: 除夕 is 廿九, 2026-02-16.
    assert_eq!(lunar::month_len(2025, 12, false), Ok(29));
    assert_eq!(in_year(lunar(12, false, 30), 2026, DateRules::default()), [ymd(2026, 2, 16)]);
    // 腊月 of lunar year 2023 has 30 days: 三十 is 2024-02-09.
    assert_eq!(in_year(lunar(12, false, 30), 2024, DateRules::default()), [ymd(2024, 2, 9)]);
}

#[test]
fn leap_month_dates_use_the_leap_month_when_the_year_has_it() {
    // 2023 has 闰二月, starting 2023-03-22: 闰二月十五 is 2023-04-05.
    assert_eq!(lunar::leap_month(2023), Ok(Some(2)));
    assert_eq!(in_year(lunar(2, true, 15), 2023, DateRules::default()), [ymd(2023, 4, 5)]);
    // …or the regular 二月 (二月初一 2023-02-20, so 十五 is 2023-03-06) if the user says so.
    assert_eq!(in_year(lunar(2, true, 15), 2023, REGULAR), [ymd(2023, 3, 6)]);
}

#[test]
fn leap_month_dates_use_the_regular_month_in_years_without_that_leap_month() {
    // 2024 has no leap month: 闰二月十五 falls on 二月十五.
    assert_eq!(lunar::leap_month(2024), Ok(None));
    let expected = lunar::lunar_to_gregorian(LunarDate::new(2024, 2, false, 15)).unwrap();
    assert_eq!(in_year(lunar(2, true, 15), 2024, DateRules::default()), [expected]);
    assert_eq!(expected, ymd(2024, 3, 24));
    // 2025 has 闰六月, not 闰二月: still the regular 二月.
    let expected = lunar::lunar_to_gregorian(LunarDate::new(2025, 2, false, 15)).unwrap();
    assert_eq!(in_year(lunar(2, true, 15), 2025, DateRules::default()), [expected]);
}

#[test]
fn regular_month_dates_stay_in_the_regular_month_in_a_year_with_that_leap_month() {
    assert_eq!(in_year(lunar(2, false, 15), 2023, DateRules::default()), [ymd(2023, 3, 6)]);
}

#[test]
fn leap_day_thirty_falls_back_twice() {
    // 闰二月 2023 has 29 days (闰二月初一 03-22, 三月初一 04-20): 闰二月三十 → 闰二月廿九.
    assert_eq!(lunar::month_len(2023, 2, true), Ok(29));
    assert_eq!(in_year(lunar(2, true, 30), 2023, DateRules::default()), [ymd(2023, 4, 19)]);
}

#[test]
fn a_twelfth_month_date_belongs_to_the_next_gregorian_year() {
    // 腊月初八 (腊八) of lunar year 2024 is 2025-01-07; that of lunar 2025 is 2026-01-26.
    assert_eq!(in_year(lunar(12, false, 8), 2025, DateRules::default()), [ymd(2025, 1, 7)]);
    assert_eq!(in_year(lunar(12, false, 8), 2026, DateRules::default()), [ymd(2026, 1, 26)]);
    // 春节 2023 was early (Jan 22), so 腊月 of lunar 2022 began 2022-12-23: Gregorian 2022
    // holds two 腊月初二, one from each lunar year, and neither is dropped.
    assert_eq!(in_year(lunar(12, false, 2), 2022, DateRules::default()), [ymd(2022, 1, 4), ymd(2022, 12, 24)]);
}

#[test]
fn keys_are_what_the_sql_columns_compute() {
    assert_eq!(spec_key(&DateSpec::Gregorian { year: Some(1990), month: 2, day: 9 }), "g0209");
    assert_eq!(spec_key(&lunar(4, true, 15)), "lL0415");
    assert_eq!(spec_key(&lunar(12, false, 30)), "l1230");
}

#[test]
fn keys_between_finds_the_fallback_days() {
    let keys = keys_between(ymd(2026, 2, 16), ymd(2026, 2, 16), DateRules::default());
    // 2026-02-16 is 腊月廿九 of lunar 2025, the last day: 三十 falls back to it.
    assert_eq!(keys.get("l1229"), Some(&vec![ymd(2026, 2, 16)]));
    assert_eq!(keys.get("l1230"), Some(&vec![ymd(2026, 2, 16)]));
    assert_eq!(keys.get("g0216"), Some(&vec![ymd(2026, 2, 16)]));
    // Lunar 2025 has 闰六月, not 闰腊月: a 闰腊月 date falls on the regular 腊月.
    assert_eq!(keys.get("lL1229"), Some(&vec![ymd(2026, 2, 16)]));
    assert_eq!(keys.get("lL1230"), Some(&vec![ymd(2026, 2, 16)]));
    assert_eq!(keys.len(), 5, "{keys:?}");
    let feb28 = keys_between(ymd(2025, 2, 28), ymd(2025, 2, 28), DateRules::default());
    assert!(feb28.contains_key("g0229") && feb28.contains_key("g0228"));
}

fn any_lunar() -> impl Strategy<Value = DateSpec> {
    (1u8..=12, any::<bool>(), 1u8..=30).prop_map(|(m, l, d)| lunar(m, l, d))
}

fn any_rules() -> impl Strategy<Value = DateRules> {
    (any::<bool>(), any::<bool>()).prop_map(|(a, b)| DateRules {
        feb29: if a { Feb29Rule::Feb28 } else { Feb29Rule::Mar1 },
        leap_month: if b { LeapMonthRule::Leap } else { LeapMonthRule::Regular },
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Over whole lunar years a..b, a lunar date falls exactly once in each, in order.
    #[test]
    fn each_lunar_year_yields_exactly_one_occurrence(spec in any_lunar(), rules in any_rules(), a in 1902i32..2090, n in 1i32..8) {
        let from = lunar::new_year(a).unwrap();
        let to = lunar::new_year(a + n).unwrap().pred_opt().unwrap();
        let dates = dates_between(&spec, from, to, rules);
        let years: Vec<i32> = dates.iter().map(|d| lunar::gregorian_to_lunar(*d).unwrap().year).collect();
        prop_assert_eq!(years, (a..a + n).collect::<Vec<_>>());
        prop_assert!(dates.windows(2).all(|w| w[0] < w[1]));
    }

    /// Any Gregorian range: exactly the days a day-by-day walk finds, strictly increasing.
    #[test]
    fn occurrences_match_a_day_by_day_walk(spec in any_lunar(), rules in any_rules(), start in 0i64..70_000, len in 0i64..800) {
        let from = ymd(1902, 1, 1) + chrono::Duration::days(start);
        let to = from + chrono::Duration::days(len);
        let DateSpec::Lunar { month, leap, day, .. } = spec else { unreachable!() };
        let walk: Vec<NaiveDate> = from
            .iter_days()
            .take_while(|d| *d <= to)
            .filter(|d| {
                let l = lunar::gregorian_to_lunar(*d).unwrap();
                lunar_in_year(l.year, month, leap, day, rules) == Some(l)
            })
            .collect();
        let dates = dates_between(&spec, from, to, rules);
        prop_assert!(dates.windows(2).all(|w| w[0] < w[1]));
        prop_assert_eq!(dates, walk);
    }

    /// The key lookup finds the same days as converting the date itself.
    #[test]
    fn keys_between_agrees_with_dates_between(spec in any_lunar(), rules in any_rules(), start in 0i64..60_000, len in 0i64..60) {
        let from = ymd(1910, 1, 1) + chrono::Duration::days(start);
        let to = from + chrono::Duration::days(len);
        let keys = keys_between(from, to, rules);
        let dates = dates_between(&spec, from, to, rules);
        prop_assert_eq!(keys.get(&spec_key(&spec)).cloned().unwrap_or_default(), dates);
    }
}

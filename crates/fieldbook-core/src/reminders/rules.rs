//! On which days a birthday or anniversary falls, on either calendar (DESIGN.md §5).
//!
//! Pure functions: a [`DateSpec`] and a range of Gregorian dates in, the dates out.
//!
//! - Gregorian Feb 29 in a common year → Feb 28 ([`Feb29Rule::Feb28`], the default) or Mar 1.
//! - Lunar 三十 in a 29-day month → 廿九.
//! - Born in 闰M: in a year with 闰M → 闰M ([`LeapMonthRule::Leap`], the default) or the regular
//!   M; in a year without 闰M → the regular M.
//! - Born in the regular M → always the regular M, even in a year that also has 闰M.
//! - A 腊月 date of lunar year y falls in January/February of Gregorian year y+1, so a Gregorian
//!   range is covered by the lunar years y−1 ..= y+1 of its end points: each lunar year yields
//!   exactly one date, and no year is skipped or counted twice.
//!
//! A spec with a year (a birth year, a wedding year) has no occurrence before that year.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::lunar::{self, LunarDate, MAX_YEAR, MIN_YEAR};
use crate::dates::DateSpec;

/// Where a Feb 29 date goes in a common year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Feb29Rule {
    /// The last day of February (the common choice).
    #[default]
    Feb28,
    /// The day after Feb 28.
    Mar1,
}

/// Which month a date born in a leap month (闰M) uses in a year that has that leap month too.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LeapMonthRule {
    /// The leap month 闰M.
    #[default]
    Leap,
    /// The regular month M.
    Regular,
}

/// The user's choices for dates that do not exist every year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct DateRules {
    pub feb29: Feb29Rule,
    pub leap_month: LeapMonthRule,
}

/// The day a Gregorian month/day falls on in `year`.
pub fn gregorian_in_year(year: i32, month: u8, day: u8, rules: DateRules) -> Option<NaiveDate> {
    if let Some(d) = NaiveDate::from_ymd_opt(year, month.into(), day.into()) {
        return Some(d);
    }
    if (month, day) == (2, 29) {
        return match rules.feb29 {
            Feb29Rule::Feb28 => NaiveDate::from_ymd_opt(year, 2, 28),
            Feb29Rule::Mar1 => NaiveDate::from_ymd_opt(year, 3, 1),
        };
    }
    None // not a real date in any year (validated specs never get here)
}

/// The lunar date a lunar month/day is kept on in lunar year `year`, by the rules above.
/// `None` outside the supported years or for an impossible month/day.
pub fn lunar_in_year(year: i32, month: u8, leap: bool, day: u8, rules: DateRules) -> Option<LunarDate> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let year_has_leap = lunar::leap_month(year).ok()? == Some(month);
    let use_leap = leap && year_has_leap && rules.leap_month == LeapMonthRule::Leap;
    let len = lunar::month_len(year, month, use_leap).ok()?;
    Some(LunarDate { year, month, leap: use_leap, day: day.min(len) })
}

/// The Gregorian date of a lunar month/day in lunar year `year`.
pub fn lunar_date_in_year(year: i32, month: u8, leap: bool, day: u8, rules: DateRules) -> Option<NaiveDate> {
    lunar::lunar_to_gregorian(lunar_in_year(year, month, leap, day, rules)?).ok()
}

/// Every date in `from..=to` on which `spec` falls, in increasing order.
pub fn dates_between(spec: &DateSpec, from: NaiveDate, to: NaiveDate, rules: DateRules) -> Vec<NaiveDate> {
    if from > to {
        return vec![];
    }
    match *spec {
        DateSpec::Gregorian { year, month, day } => (from.year()..=to.year())
            .filter(|y| year.is_none_or(|born| *y >= born))
            .filter_map(|y| gregorian_in_year(y, month, day, rules))
            .filter(|d| (from..=to).contains(d))
            .collect(),
        DateSpec::Lunar { year, month, leap, day } => {
            let first = (from.year() - 1).max(MIN_YEAR).max(year.unwrap_or(MIN_YEAR));
            let last = (to.year() + 1).min(MAX_YEAR);
            (first..=last)
                .filter_map(|y| lunar_date_in_year(y, month, leap, day, rules))
                .filter(|d| (from..=to).contains(d))
                .collect()
        }
    }
}

/// The year-less key of a date spec, as the `birthday_key` / `date_key` columns compute it
/// in SQL (migration 0003): `g0229`, `l0815`, `lL0415` (leap). Two specs with the same key
/// fall on the same days (apart from the first-year limit).
pub fn spec_key(spec: &DateSpec) -> String {
    match *spec {
        DateSpec::Gregorian { month, day, .. } => format!("g{month:02}{day:02}"),
        DateSpec::Lunar { month, leap, day, .. } => format!("l{}{month:02}{day:02}", if leap { "L" } else { "" }),
    }
}

/// For a date range, every year-less key that falls in it, with the days it falls on.
///
/// This turns "whose birthday is in the next 30 days" into an indexed lookup: about 1,100
/// candidate month/days (366 Gregorian, 720 lunar) are resolved once for the range, instead
/// of converting every customer's date.
pub fn keys_between(from: NaiveDate, to: NaiveDate, rules: DateRules) -> HashMap<String, Vec<NaiveDate>> {
    let mut out = HashMap::new();
    let mut add = |spec: DateSpec| {
        let dates = dates_between(&spec, from, to, rules);
        if !dates.is_empty() {
            out.insert(spec_key(&spec), dates);
        }
    };
    for month in 1..=12u8 {
        for day in 1..=31u8 {
            if NaiveDate::from_ymd_opt(2000, month.into(), day.into()).is_some() {
                add(DateSpec::Gregorian { year: None, month, day });
            }
        }
        for day in 1..=30u8 {
            add(DateSpec::Lunar { year: None, month, leap: false, day });
            add(DateSpec::Lunar { year: None, month, leap: true, day });
        }
    }
    out
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;

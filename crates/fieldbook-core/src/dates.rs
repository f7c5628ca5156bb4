//! Dates on either calendar, as birthdays and anniversaries are kept: the year is optional
//! (people often tell the day but not the year), and lunar dates carry a leap-month flag.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::lunar::{self, LunarDate};
use crate::error::{CoreError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "calendar", rename_all = "snake_case")]
#[ts(export)]
pub enum DateSpec {
    Gregorian { year: Option<i32>, month: u8, day: u8 },
    Lunar { year: Option<i32>, month: u8, leap: bool, day: u8 },
}

impl DateSpec {
    /// Check that the date can exist. `field` names the input for the error message.
    pub fn validate(&self, field: &str) -> Result<()> {
        match *self {
            DateSpec::Gregorian { year, month, day } => {
                // Without a year, Feb 29 is a real birthday: check against a leap year.
                let y = year.unwrap_or(2000);
                if !(1..=9999).contains(&y) || NaiveDate::from_ymd_opt(y, month.into(), day.into()).is_none() {
                    return Err(CoreError::invalid(
                        field,
                        "date_impossible",
                        format!("{} is not a real date", self.display()),
                    ));
                }
            }
            DateSpec::Lunar { year, month, leap, day } => {
                if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
                    return Err(CoreError::invalid(
                        field,
                        "lunar_date_impossible",
                        format!("{} is not a real lunar date", self.display()),
                    ));
                }
                if let Some(year) = year {
                    lunar::validate(LunarDate { year, month, leap, day }).map_err(|e| {
                        CoreError::invalid(field, "lunar_date_impossible", format!("{}: {e}", self.display()))
                    })?;
                }
            }
        }
        Ok(())
    }

    /// The CLI's form: `YYYY-MM-DD`, `MM-DD`, and for lunar `YYYY-L10-15` (L = leap month).
    pub fn display(&self) -> String {
        match *self {
            DateSpec::Gregorian { year, month, day } => match year {
                Some(y) => format!("{y:04}-{month:02}-{day:02}"),
                None => format!("--{month:02}-{day:02}"),
            },
            DateSpec::Lunar { year, month, leap, day } => {
                let m = if leap { format!("L{month:02}") } else { format!("{month:02}") };
                match year {
                    Some(y) => format!("lunar {y:04}-{m}-{day:02}"),
                    None => format!("lunar {m}-{day:02}"),
                }
            }
        }
    }

    /// Parse `YYYY-MM-DD` or `MM-DD` (also `--MM-DD`, vCard's year-less form) as Gregorian.
    pub fn parse_gregorian(s: &str) -> Result<DateSpec> {
        let (year, month, day) = parse_parts(s, false)?;
        let spec = DateSpec::Gregorian { year, month, day: day.0 };
        spec.validate("birthday")?;
        Ok(spec)
    }

    /// Parse `[YYYY-]MM-DD` or `[YYYY-]LMM-DD` (L marks a leap month) as lunar.
    pub fn parse_lunar(s: &str) -> Result<DateSpec> {
        let (year, month, (day, leap)) = parse_parts(s, true)?;
        let spec = DateSpec::Lunar { year, month, leap, day };
        spec.validate("lunar_birthday")?;
        Ok(spec)
    }
}

type Parts = (Option<i32>, u8, (u8, bool));

fn parse_parts(s: &str, lunar: bool) -> Result<Parts> {
    let bad = || {
        let form = if lunar { "[YYYY-]MM-DD or [YYYY-]LMM-DD" } else { "YYYY-MM-DD or MM-DD" };
        CoreError::invalid("birthday", "date_format", format!("{s:?} is not a date of the form {form}"))
    };
    let trimmed = s.trim().trim_start_matches("--");
    let parts: Vec<&str> = trimmed.split('-').collect();
    let (year, month, day) = match parts.as_slice() {
        [y, m, d] => (Some(y.parse::<i32>().map_err(|_| bad())?), *m, *d),
        [m, d] => (None, *m, *d),
        _ => return Err(bad()),
    };
    let (leap, month) = match month.strip_prefix(['L', 'l']) {
        Some(rest) if lunar => (true, rest),
        Some(_) => return Err(bad()),
        None => (false, month),
    };
    let month: u8 = month.parse().map_err(|_| bad())?;
    let day: u8 = day.parse().map_err(|_| bad())?;
    Ok((year, month, (day, leap)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn february_29_exists_only_in_leap_years_or_without_a_year() {
        assert!(DateSpec::parse_gregorian("2024-02-29").is_ok());
        assert!(DateSpec::parse_gregorian("02-29").is_ok(), "a year-less Feb 29 is a real birthday");
        let err = DateSpec::parse_gregorian("2023-02-29").unwrap_err();
        assert_eq!(err.code(), "date_impossible");
        assert!(err.to_string().contains("2023-02-29"), "the message names the date: {err}");
    }

    #[test]
    fn impossible_gregorian_dates_are_rejected() {
        for s in ["2024-13-01", "2024-04-31", "2024-00-10", "2024-01-00"] {
            assert!(DateSpec::parse_gregorian(s).is_err(), "{s} must be rejected");
        }
    }

    #[test]
    fn lunar_leap_month_must_exist_in_that_year() {
        // 2023 has 闰二月; 2024 has no leap month 2.
        assert!(DateSpec::parse_lunar("2023-L02-15").is_ok());
        let err = DateSpec::parse_lunar("2024-L02-15").unwrap_err();
        assert_eq!(err.code(), "lunar_date_impossible");
        // Without a year any leap month is accepted: the rule picks the month each year.
        assert!(DateSpec::parse_lunar("L02-15").is_ok());
    }

    #[test]
    fn lunar_day_thirty_must_exist_in_a_29_day_month() {
        // 腊月 of lunar year 2025 has 29 days (除夕 2026-02-16 is 廿九).
        assert!(DateSpec::parse_lunar("2025-12-30").is_err());
        assert!(DateSpec::parse_lunar("2025-12-29").is_ok());
        assert!(DateSpec::parse_lunar("12-30").is_ok(), "year-less 三十 is kept; the rule maps it to 廿九");
        assert!(DateSpec::parse_lunar("13-01").is_err());
        assert!(DateSpec::parse_lunar("01-31").is_err());
    }

    #[test]
    fn malformed_dates_say_which_form_is_expected() {
        let err = DateSpec::parse_gregorian("1984/10/15").unwrap_err();
        assert_eq!(err.code(), "date_format");
        assert!(err.to_string().contains("YYYY-MM-DD"));
        assert!(DateSpec::parse_gregorian("L10-15").is_err(), "L is only for lunar dates");
    }

    #[test]
    fn serializes_with_a_calendar_tag() {
        let d = DateSpec::Lunar { year: Some(1984), month: 10, leap: true, day: 15 };
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, r#"{"calendar":"lunar","year":1984,"month":10,"leap":true,"day":15}"#);
        assert_eq!(serde_json::from_str::<DateSpec>(&json).unwrap(), d);
    }
}

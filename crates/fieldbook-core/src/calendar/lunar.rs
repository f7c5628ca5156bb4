//! The Chinese lunisolar calendar (农历): conversion to and from Gregorian dates, validation,
//! and Chinese display.
//!
//! `icu_calendar`'s [`ChineseTraditional`] is the conversion engine. Because the app converts
//! dates for many customers at once, each lunar year of the supported range (its new-year day,
//! month lengths and leap month) is read from `icu_calendar` once, on first use, into a table;
//! every conversion afterwards is arithmetic on that table (about 20 ns in a release build).
//! `crosscheck_tests` checks the table against `icu_calendar` day by day, and `icu_calendar`
//! against `tyme4rs`.
//!
//! Nothing here reads the clock: every function takes its dates as parameters.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use icu_calendar::cal::ChineseTraditional;
use icu_calendar::Date;
use serde::{Deserialize, Serialize};

/// The first lunar year supported (its 正月初一 is 1901-02-19).
pub const MIN_YEAR: i32 = 1901;
/// The last lunar year supported (its last day is 2101-01-28).
pub const MAX_YEAR: i32 = 2100;

/// A date in the Chinese lunisolar calendar. `year` is the Gregorian year in which that lunar
/// year's 正月初一 falls.
///
/// The derived ordering (year, month, leap, day) is chronological: 闰M月 sorts after M月.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LunarDate {
    pub year: i32,
    /// 1..=12; 11 is 冬月 and 12 is 腊月.
    pub month: u8,
    /// The intercalary month (闰月) that follows the ordinary month of the same number.
    pub leap: bool,
    /// 1..=30.
    pub day: u8,
}

impl LunarDate {
    pub const fn new(year: i32, month: u8, leap: bool, day: u8) -> Self {
        LunarDate { year, month, leap, day }
    }
}

/// Why a lunar date, year or month does not exist (or is outside the supported range).
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum LunarError {
    /// A lunar (or, for solar terms, Gregorian) year outside `MIN_YEAR..=MAX_YEAR`.
    #[error("lunar year {year} is outside the supported range {min}..={max}")]
    YearOutOfRange { year: i32, min: i32, max: i32 },
    /// A Gregorian date outside [`supported_dates`].
    #[error("date {date} is outside the supported range {min}..={max} (lunar years {}..={})", MIN_YEAR, MAX_YEAR)]
    DateOutOfRange { date: NaiveDate, min: NaiveDate, max: NaiveDate },
    /// A month number outside 1..=12.
    #[error("lunar month {month} is invalid: months are numbered 1 to 12")]
    InvalidMonth { month: u8 },
    /// A day number outside 1..=30.
    #[error("lunar day {day} is invalid: days are numbered 1 to 30")]
    InvalidDay { day: u8 },
    /// `leap` was set, but that year has no leap month of that number.
    #[error("lunar year {year} has no leap month {month}")]
    NoSuchLeapMonth { year: i32, month: u8 },
    /// Day 30 of a 29-day month.
    #[error(
        "{} of lunar year {year} has only {month_len} days, so day {day} does not exist",
        month_label(*.month, *.leap)
    )]
    DayOutOfMonth { year: i32, month: u8, leap: bool, day: u8, month_len: u8 },
}

fn month_label(month: u8, leap: bool) -> String {
    if leap {
        format!("leap month {month}")
    } else {
        format!("month {month}")
    }
}

/// One lunar year, as read from `icu_calendar`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct YearData {
    /// 正月初一, in days since the common era (chrono's `num_days_from_ce`, ICU's `RataDie`).
    pub(crate) new_year: i32,
    /// The number `M` of the leap month 闰M月, or 0 if the year has none.
    pub(crate) leap_month: u8,
    /// 12, or 13 in a year with a leap month.
    pub(crate) months: u8,
    /// Days from `new_year` to the first day of each month in order (闰M月 right after M月);
    /// `month_starts[months]` is the length of the year.
    pub(crate) month_starts: [u16; 14],
}

impl YearData {
    /// The position (0-based) of a month in the year, if that month exists.
    fn index_of(&self, month: u8, leap: bool) -> Option<usize> {
        let m = usize::from(month);
        if leap {
            (self.leap_month != 0 && month == self.leap_month).then_some(m)
        } else if self.leap_month != 0 && month > self.leap_month {
            Some(m)
        } else {
            Some(m - 1)
        }
    }

    /// The month number and leap flag of the month at `index`.
    fn month_at(&self, index: usize) -> (u8, bool) {
        let i = index as u8;
        match self.leap_month {
            0 => (i + 1, false),
            l if i == l => (l, true),
            l if i > l => (i, false),
            _ => (i + 1, false),
        }
    }

    fn month_len(&self, index: usize) -> u8 {
        (self.month_starts[index + 1] - self.month_starts[index]) as u8
    }

    fn len(&self) -> i32 {
        i32::from(self.month_starts[usize::from(self.months)])
    }
}

/// Reads one lunar year from `icu_calendar`, walking it month by month.
pub(crate) fn year_data_from_icu(year: i32) -> YearData {
    let cal = ChineseTraditional::new();
    let first = Date::try_new_chinese_traditional(year, icu_calendar::types::Month::new(1), 1)
        .expect("icu_calendar covers every supported year");
    let new_year = first.to_rata_die();
    let mut data =
        YearData { new_year: new_year.to_i64_date() as i32, leap_month: 0, months: 0, month_starts: [0; 14] };
    let mut month_start = first;
    while month_start.cyclic_year().related_iso == year {
        let i = usize::from(data.months);
        let month = month_start.month().to_input();
        if month.is_leap() {
            data.leap_month = month.number();
        }
        let len = month_start.days_in_month();
        data.month_starts[i + 1] = data.month_starts[i] + u16::from(len);
        data.months += 1;
        month_start = Date::from_rata_die(month_start.to_rata_die() + i64::from(len), cal);
    }
    debug_assert_eq!(month_start.to_rata_die(), new_year + i64::from(data.len()));
    data
}

/// The years `MIN_YEAR..=MAX_YEAR`, built once from `icu_calendar` on first use.
pub(crate) fn table() -> &'static [YearData] {
    static TABLE: OnceLock<Vec<YearData>> = OnceLock::new();
    TABLE.get_or_init(|| (MIN_YEAR..=MAX_YEAR).map(year_data_from_icu).collect())
}

fn year_data(year: i32) -> Result<&'static YearData, LunarError> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(LunarError::YearOutOfRange { year, min: MIN_YEAR, max: MAX_YEAR });
    }
    Ok(&table()[(year - MIN_YEAR) as usize])
}

fn date_from_days(days: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(days).expect("supported dates are valid chrono dates")
}

/// The first and last Gregorian dates that can be converted: 1901-02-19 (正月初一 of 1901) and
/// 2101-01-28 (the last day of lunar year 2100).
pub fn supported_dates() -> (NaiveDate, NaiveDate) {
    let t = table();
    let last = t[t.len() - 1];
    (date_from_days(t[0].new_year), date_from_days(last.new_year + last.len() - 1))
}

/// The lunar date of a Gregorian date.
pub fn gregorian_to_lunar(date: NaiveDate) -> Result<LunarDate, LunarError> {
    let t = table();
    let days = date.num_days_from_ce();
    let last = t[t.len() - 1];
    if days < t[0].new_year || days >= last.new_year + last.len() {
        let (min, max) = supported_dates();
        return Err(LunarError::DateOutOfRange { date, min, max });
    }
    // The year: the last whose new year is on or before `date` (never 0: checked above).
    let year_index = t.partition_point(|y| y.new_year <= days) - 1;
    let y = &t[year_index];
    let offset = (days - y.new_year) as u16;
    let starts = &y.month_starts[..=usize::from(y.months)];
    let index = starts.partition_point(|&s| s <= offset) - 1;
    let (month, leap) = y.month_at(index);
    let day = (offset - starts[index] + 1) as u8;
    Ok(LunarDate { year: MIN_YEAR + year_index as i32, month, leap, day })
}

/// The Gregorian date of a lunar date. Strict: a leap month the year does not have, or a day
/// past the end of the month (e.g. 三十 in a 29-day month), is an error.
pub fn lunar_to_gregorian(d: LunarDate) -> Result<NaiveDate, LunarError> {
    let (y, index) = locate(d)?;
    Ok(date_from_days(y.new_year + i32::from(y.month_starts[index]) + i32::from(d.day) - 1))
}

/// Checks that the lunar date exists; returns its year's data and the month's position.
fn locate(d: LunarDate) -> Result<(&'static YearData, usize), LunarError> {
    let (y, index) = locate_month(d.year, d.month, d.leap)?;
    if !(1..=30).contains(&d.day) {
        return Err(LunarError::InvalidDay { day: d.day });
    }
    let month_len = y.month_len(index);
    if d.day > month_len {
        let LunarDate { year, month, leap, day } = d;
        return Err(LunarError::DayOutOfMonth { year, month, leap, day, month_len });
    }
    Ok((y, index))
}

fn locate_month(year: i32, month: u8, leap: bool) -> Result<(&'static YearData, usize), LunarError> {
    let y = year_data(year)?;
    if !(1..=12).contains(&month) {
        return Err(LunarError::InvalidMonth { month });
    }
    let index = y.index_of(month, leap).ok_or(LunarError::NoSuchLeapMonth { year, month })?;
    Ok((y, index))
}

/// Does this lunar date exist?
pub fn validate(d: LunarDate) -> Result<(), LunarError> {
    locate(d).map(|_| ())
}

/// Which month is doubled by a leap month (闰M月) in this lunar year, if any.
pub fn leap_month(year: i32) -> Result<Option<u8>, LunarError> {
    let y = year_data(year)?;
    Ok((y.leap_month != 0).then_some(y.leap_month))
}

/// The length of a lunar month, 29 or 30 days. Errors if the (leap) month doesn't exist.
pub fn month_len(year: i32, month: u8, leap: bool) -> Result<u8, LunarError> {
    let (y, index) = locate_month(year, month, leap)?;
    Ok(y.month_len(index))
}

/// 正月初一 of the lunar year.
pub fn new_year(year: i32) -> Result<NaiveDate, LunarError> {
    Ok(date_from_days(year_data(year)?.new_year))
}

const MONTH_NAMES: [&str; 12] = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"];
const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// Chinese display: "正月初一", "闰二月十五", "腊月三十"; with the year, "2023年闰二月初一".
///
/// This only formats; it does not check that the date exists (see [`validate`]). A month
/// outside 1..=12 or a day outside 1..=30 is shown as its number ("13月", "31日").
pub fn format_zh(d: LunarDate, with_year: bool) -> String {
    let mut s = String::new();
    if with_year {
        s.push_str(&format!("{}年", d.year));
    }
    if d.leap {
        s.push('闰');
    }
    match d.month {
        1..=12 => s.push_str(MONTH_NAMES[usize::from(d.month) - 1]),
        m => s.push_str(&m.to_string()),
    }
    s.push('月');
    let (tens, ones) = (usize::from(d.day / 10), usize::from(d.day % 10));
    match d.day {
        1..=10 => s.push_str(&format!("初{}", if ones == 0 { "十" } else { DIGITS[ones] })),
        11..=19 => s.push_str(&format!("十{}", DIGITS[ones])),
        20 | 30 => s.push_str(&format!("{}十", DIGITS[tens])),
        21..=29 => s.push_str(&format!("廿{}", DIGITS[ones])),
        day => s.push_str(&format!("{day}日")),
    }
    s
}

const STEMS: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
const BRANCHES: [&str; 12] = ["子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"];
const ZODIAC: [&str; 12] = ["鼠", "牛", "虎", "兔", "龙", "蛇", "马", "羊", "猴", "鸡", "狗", "猪"];

/// The sexagenary (干支) name of a lunar year, e.g. "癸卯年" for 2023, "甲子年" for 1984.
/// The year changes at 正月初一 (not at 立春, as in 八字).
pub fn ganzhi_year(year: i32) -> String {
    let i = (year - 4).rem_euclid(60) as usize;
    format!("{}{}年", STEMS[i % 10], BRANCHES[i % 12])
}

/// The zodiac animal (生肖) of a lunar year, e.g. "兔" for 2023.
pub fn zodiac(year: i32) -> &'static str {
    ZODIAC[(year - 4).rem_euclid(12) as usize]
}

#[cfg(test)]
pub(crate) fn icu_from_days(days: i32) -> LunarDate {
    let rd = icu_calendar::types::RataDie::new(days.into());
    let date = Date::from_rata_die(rd, ChineseTraditional::new());
    let month = date.month().to_input();
    LunarDate {
        year: date.cyclic_year().related_iso,
        month: month.number(),
        leap: month.is_leap(),
        day: date.day_of_month().0,
    }
}

#[cfg(test)]
#[path = "lunar_tests.rs"]
mod tests;

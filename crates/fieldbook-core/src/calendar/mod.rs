//! Calendars: the Chinese lunisolar calendar (农历), the 24 solar terms, traditional
//! festivals, and public holidays.

pub mod festivals;
pub mod holidays;
pub mod lunar;
pub mod solar_term;

#[cfg(test)]
mod crosscheck_tests;

pub use festivals::{festivals_between, Festival};
pub use lunar::{
    format_zh, ganzhi_year, gregorian_to_lunar, leap_month, lunar_to_gregorian, month_len, new_year, supported_dates,
    validate, zodiac, LunarDate, LunarError, MAX_YEAR, MIN_YEAR,
};
pub use solar_term::{solar_term_date, SolarTerm};

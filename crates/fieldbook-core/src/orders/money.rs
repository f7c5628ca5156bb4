//! Money arithmetic: `rust_decimal::Decimal` end to end, never floating point.
//!
//! # The rounding rule
//! A line's total is
//! `quantity × unit_price × (100 − discount_pct) / 100`,
//! computed exactly, then **rounded half away from zero to the currency's minor units**
//! (2 decimal places unless the currency has another number: 0 for JPY/KRW/…, 3 for KWD/BHD/…).
//! Rounding happens **once per line**; an order's total is the plain **sum of its rounded line
//! totals**, so the lines printed on a receipt always add up to the printed total.
//! Half away from zero is what shop tills and invoices do (0.125 → 0.13, −0.125 → −0.13);
//! banker's rounding would surprise a customer checking the sum by hand.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{CoreError, Result};

/// Decimal places of a currency's minor unit (ISO 4217); 2 for any currency not listed.
pub fn minor_units(currency: &str) -> u32 {
    match currency {
        "JPY" | "KRW" | "VND" | "CLP" | "ISK" | "PYG" | "UGX" | "XAF" | "XOF" | "XPF" | "RWF" | "KMF" | "GNF"
        | "DJF" | "BIF" | "VUV" => 0,
        "KWD" | "BHD" | "OMR" | "JOD" | "TND" | "LYD" | "IQD" => 3,
        _ => 2,
    }
}

/// Round to the currency's minor units, half away from zero.
/// The result always carries exactly that many places ("0.30", "1001").
pub fn round_money(amount: Decimal, currency: &str) -> Decimal {
    let dp = minor_units(currency);
    let mut r = amount.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r
}

/// A line's total by the rule above. Fails (never wraps or panics) if the amount is too large.
pub fn line_total(quantity: Decimal, unit_price: Decimal, discount_pct: Decimal, currency: &str) -> Result<Decimal> {
    let hundred = Decimal::ONE_HUNDRED;
    let exact = quantity
        .checked_mul(unit_price)
        .and_then(|gross| gross.checked_mul(hundred - discount_pct))
        .and_then(|x| x.checked_div(hundred))
        .ok_or_else(too_large)?;
    Ok(round_money(exact, currency))
}

/// The sum of already rounded line totals.
pub fn sum(totals: impl IntoIterator<Item = Decimal>) -> Result<Decimal> {
    totals.into_iter().try_fold(Decimal::ZERO, |acc, t| acc.checked_add(t).ok_or_else(too_large))
}

/// A rounded amount as an integer count of minor units (e.g. fen, cents), for exact SQL sums.
pub fn to_minor(amount: Decimal, currency: &str) -> Result<i64> {
    let scaled = round_money(amount, currency)
        .checked_mul(Decimal::from(10i64.pow(minor_units(currency))))
        .ok_or_else(too_large)?;
    scaled.to_i64().ok_or_else(too_large)
}

/// The inverse of `to_minor`.
pub fn from_minor(minor: i64, currency: &str) -> Decimal {
    Decimal::new(minor, minor_units(currency))
}

/// ISO 4217 form: three letters, upper-cased.
pub fn normalize_currency(field: &str, s: &str) -> Result<String> {
    let c = s.trim().to_ascii_uppercase();
    if c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()) {
        Ok(c)
    } else {
        Err(CoreError::invalid(
            field,
            "currency_invalid",
            format!("{s:?} is not a three-letter currency code like CNY"),
        ))
    }
}

fn too_large() -> CoreError {
    CoreError::invalid("lines", "amount_too_large", "the amount is too large to compute exactly")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn three_at_19_99_with_15_percent_off_is_50_97() {
        // 3 × 19.99 = 59.97; × 0.85 = 50.9745 → 50.97.
        assert_eq!(line_total(d("3"), d("19.99"), d("15"), "CNY").unwrap(), d("50.97"));
    }

    #[test]
    fn halves_round_away_from_zero_not_to_even() {
        // 1 × 0.125 is exactly half a fen: away from zero gives 0.13 (banker's would give 0.12).
        assert_eq!(line_total(d("1"), d("0.125"), d("0"), "CNY").unwrap(), d("0.13"));
        assert_eq!(line_total(d("1"), d("0.135"), d("0"), "CNY").unwrap(), d("0.14"));
        assert_eq!(round_money(d("-0.125"), "CNY"), d("-0.13"));
        // 2.50 at 5% off = 2.375 → 2.38.
        assert_eq!(line_total(d("1"), d("2.50"), d("5"), "USD").unwrap(), d("2.38"));
    }

    #[test]
    fn decimal_sums_are_exact_where_floats_are_not() {
        let total = sum([
            line_total(d("1"), d("0.1"), d("0"), "CNY").unwrap(),
            line_total(d("1"), d("0.2"), d("0"), "CNY").unwrap(),
        ])
        .unwrap();
        assert_eq!(total, d("0.3"), "0.1 + 0.2 is 0.3, not 0.30000000000000004");
        // Ten lines of 0.10 add to exactly 1.00.
        assert_eq!(sum(std::iter::repeat_n(d("0.10"), 10)).unwrap(), d("1.00"));
    }

    #[test]
    fn rounding_is_per_line_then_summed() {
        // Each line 1 × 0.005 → 0.01; the order is 0.03, not round(0.015) = 0.02.
        let lines: Vec<_> = (0..3).map(|_| line_total(d("1"), d("0.005"), d("0"), "CNY").unwrap()).collect();
        assert_eq!(sum(lines).unwrap(), d("0.03"));
    }

    #[test]
    fn minor_units_follow_the_currency() {
        assert_eq!(line_total(d("3"), d("333.5"), d("0"), "JPY").unwrap(), d("1001"), "1000.5 yen → 1001");
        assert_eq!(line_total(d("1"), d("1.2345"), d("0"), "KWD").unwrap(), d("1.235"));
        assert_eq!(to_minor(d("50.97"), "CNY").unwrap(), 5097);
        assert_eq!(to_minor(d("1001"), "JPY").unwrap(), 1001);
        assert_eq!(from_minor(5097, "CNY"), d("50.97"));
        assert_eq!(from_minor(1235, "KWD"), d("1.235"));
    }

    #[test]
    fn large_values_stay_exact_and_overflow_is_an_error_not_a_panic() {
        // 1,000,000 units at 99,999,999.99 with 12.5% off = 87,499,999,991,250.00 exactly.
        assert_eq!(line_total(d("1000000"), d("99999999.99"), d("12.5"), "CNY").unwrap(), d("87499999991250.00"));
        let huge = d("79228162514264337593543950335"); // Decimal::MAX
        assert_eq!(line_total(huge, d("2"), d("0"), "CNY").unwrap_err().code(), "amount_too_large");
        assert_eq!(to_minor(d("100000000000000000"), "CNY").unwrap_err().code(), "amount_too_large");
    }

    #[test]
    fn a_full_discount_is_zero_and_fractional_quantities_work() {
        assert_eq!(line_total(d("2"), d("10"), d("100"), "CNY").unwrap(), d("0"));
        // 1.5 kg at 12.99 = 19.485 → 19.49.
        assert_eq!(line_total(d("1.5"), d("12.99"), d("0"), "CNY").unwrap(), d("19.49"));
    }

    #[test]
    fn currencies_are_three_letters_upper_cased() {
        assert_eq!(normalize_currency("currency", " cny ").unwrap(), "CNY");
        for bad in ["", "RMB1", "¥", "US"] {
            assert_eq!(normalize_currency("currency", bad).unwrap_err().code(), "currency_invalid", "{bad}");
        }
    }
}

//! Apple's form of a Chinese-calendar birthday, `X-ALTBDAY;CALSCALE=chinese:CCCCYYYYMM[L]DD`,
//! which Apple Contacts (iOS, macOS) writes and reads.
//!
//! What the form is, from Apple's Contacts framework as seen in public decompilations of it
//! (`CNVCardDateComponentsFormatter -altBDAYStringFromDateComponents:` and
//! `-dateComponentsFromALTBDAYString:`, `CNVCardDateScanner`; the older AddressBook framework's
//! `ABVCardDateScanner` reads it the same way):
//! - the value is the date components of the contact's `nonGregorianBirthday` in order: era
//!   (`%04li`), year (`%04li`), month (`%02li`), then the letter `L` when `isLeapMonth`, then
//!   day (`%02li`). No separators.
//! - a component the date does not have is written as a single `-` (the scanner reads `-` as
//!   "undefined" and moves one character on). So a birthday without a year is `--MMDD`
//!   (era and year both `-`), and there is no X-APPLE-OMIT-YEAR placeholder for X-ALTBDAY.
//! - a leap month (闰月) is the `L` between month and day — `0078004002L10` is 闰二月初十 of the
//!   40th year of cycle 78 — not a parameter. (X-IS-LEAP-MONTH=true, which some other writers
//!   use, is still read by the vCard importer.)
//!
//! In Apple's (ICU's) Chinese calendar the era is the 60-year cycle, counted from 2637 BCE
//! (cycle 1, year 1 = the Gregorian-numbered lunar year −2636), and the year is 1–60 within it
//! (1 = 甲子). So the lunar year that starts in Gregorian year `y` is
//! `60 × (cycle − 1) + year − 2637`: `007800021101` is cycle 78, year 2 = 1985 (乙丑), 十一月初一.

/// The year of a cycle (1–60) as the Gregorian-numbered lunar year we keep.
pub fn lunar_year(cycle: i32, year_of_cycle: i32) -> i32 {
    60 * (cycle - 1) + year_of_cycle - 2637
}

/// A Gregorian-numbered lunar year as (cycle, year of the cycle 1–60).
pub fn cycle_year(lunar_year: i32) -> (i32, i32) {
    let n = lunar_year + 2636; // years since the start of cycle 1
    (n.div_euclid(60) + 1, n.rem_euclid(60) + 1)
}

/// A lunar date in Apple's form: `CCCCYYYYMM[L]DD`, or `--MM[L]DD` without a year.
pub fn format(year: Option<i32>, month: u8, leap: bool, day: u8) -> String {
    let head = match year {
        Some(y) => {
            let (cycle, y) = cycle_year(y);
            format!("{cycle:04}{y:04}")
        }
        None => "--".to_string(),
    };
    let l = if leap { "L" } else { "" };
    format!("{head}{month:02}{l}{day:02}")
}

/// A lunar date read from Apple's form: (Gregorian-numbered year if both era and year are
/// given, month, leap, day). `None` when the text is not in this form, e.g. our older
/// `1990-08-15` or `19900815`, which the caller reads its own way.
pub fn parse(text: &str) -> Option<(Option<i32>, u8, bool, u8)> {
    let mut rest = text.trim();
    let cycle = component(&mut rest, 4)?;
    let year = component(&mut rest, 4)?;
    let month = component(&mut rest, 2)??;
    let leap = match rest.strip_prefix('L') {
        Some(r) => {
            rest = r;
            true
        }
        None => false,
    };
    let day = component(&mut rest, 2)??;
    if !rest.is_empty() {
        return None;
    }
    let year = match (cycle, year) {
        (Some(c), Some(y)) if c >= 1 && (1..=60).contains(&y) => Some(lunar_year(c as i32, y as i32)),
        (Some(_), Some(_)) => return None,
        _ => None,
    };
    Some((year, u8::try_from(month).ok()?, leap, u8::try_from(day).ok()?))
}

/// One component: `-` (undefined: `Some(None)`) or exactly `len` ASCII digits. `None` when
/// neither is there.
fn component(rest: &mut &str, len: usize) -> Option<Option<u32>> {
    if let Some(r) = rest.strip_prefix('-') {
        *rest = r;
        return Some(None);
    }
    let digits = rest.get(..len).filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    *rest = &rest[len..];
    Some(Some(digits.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::lunar;

    #[test]
    fn the_cycle_arithmetic_matches_known_dates() {
        // Apple's own example: 007800021101 is lunar 1985 (乙丑), month 11, day 1.
        assert_eq!(parse("007800021101"), Some((Some(1985), 11, false, 1)));
        // Cycle 78 starts with 1984, a 甲子 year; 1983 (癸亥) closes cycle 77.
        assert_eq!(cycle_year(1984), (78, 1));
        assert_eq!(cycle_year(1983), (77, 60));
        assert_eq!(cycle_year(2044), (79, 1), "the next 甲子 year, 60 years on");
        assert_eq!(lunar_year(78, 31), 2014, "007800310318 = lunar 2014-03-18");
        assert_eq!(lunar_year(44, 58), 1, "004400580101 = lunar AD 1, a 辛酉 year");
        // The year of the cycle is the year's place in the sexagenary (干支) cycle.
        for y in [1900, 1949, 1984, 1985, 1990, 2000, 2023, 2024, 2043, 2044] {
            let (cycle, n) = cycle_year(y);
            assert_eq!(lunar_year(cycle, n), y, "{y} round-trips");
            let first_of_cycle = lunar_year(cycle, 1);
            assert_eq!(lunar::ganzhi_year(first_of_cycle), "甲子年", "{y}: year 1 of cycle {cycle} is 甲子");
            assert_eq!(lunar::ganzhi_year(y), lunar::ganzhi_year(1984 + n - 1), "{y} is year {n} of its cycle");
        }
        assert_eq!(lunar::ganzhi_year(1985), "乙丑年");
    }

    #[test]
    fn dates_are_written_as_apple_writes_them() {
        assert_eq!(format(Some(1985), 11, false, 1), "007800021101");
        assert_eq!(format(Some(2014), 3, false, 18), "007800310318");
        assert_eq!(format(Some(1983), 1, false, 1), "007700600101");
        assert_eq!(format(Some(2023), 2, true, 10), "0078004002L10", "闰二月: L between month and day");
        assert_eq!(format(None, 8, false, 15), "--0815", "no era and no year: one '-' each");
        assert_eq!(format(None, 4, true, 8), "--04L08");
    }

    #[test]
    fn written_dates_read_back() {
        for (y, m, leap, d) in [
            (Some(1985), 11, false, 1),
            (Some(2023), 2, true, 10),
            (Some(1984), 10, true, 15),
            (Some(1900), 1, false, 1),
            (None, 12, false, 30),
            (None, 6, true, 1),
        ] {
            assert_eq!(parse(&format(y, m, leap, d)), Some((y, m, leap, d)));
        }
    }

    #[test]
    fn other_forms_are_not_taken_for_apples() {
        assert_eq!(parse("1990-08-15"), None, "our older form, read elsewhere");
        assert_eq!(parse("19900815"), None, "8 digits: no day after the month");
        assert_eq!(parse("--08-15"), None);
        assert_eq!(parse("007800021101x"), None);
        assert_eq!(parse("007800611101"), None, "there is no 61st year in a cycle");
        assert_eq!(parse(""), None);
        assert_eq!(parse("0078-1101"), Some((None, 11, false, 1)), "no year: year-less");
    }
}

use super::*;
use icu_calendar::types::Month;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn lunar(year: i32, month: u8, leap: bool, day: u8) -> LunarDate {
    LunarDate { year, month, leap, day }
}

/// Checks both directions.
fn assert_same_day(gregorian: NaiveDate, l: LunarDate) {
    assert_eq!(gregorian_to_lunar(gregorian), Ok(l), "{gregorian}");
    assert_eq!(lunar_to_gregorian(l), Ok(gregorian), "{l:?}");
}

#[test]
fn new_year_2025_is_january_29() {
    assert_same_day(ymd(2025, 1, 29), lunar(2025, 1, false, 1));
    assert_eq!(new_year(2025), Ok(ymd(2025, 1, 29)));
    assert_eq!(gregorian_to_lunar(ymd(2025, 1, 28)), Ok(lunar(2024, 12, false, 29)), "除夕 2025");
}

#[test]
fn leap_second_month_of_2023_starts_march_22() {
    assert_eq!(leap_month(2023), Ok(Some(2)));
    assert_same_day(ymd(2023, 3, 22), lunar(2023, 2, true, 1));
    assert_eq!(gregorian_to_lunar(ymd(2023, 3, 21)), Ok(lunar(2023, 2, false, 30)));
    assert_eq!(format_zh(lunar(2023, 2, true, 1), true), "2023年闰二月初一");
}

#[test]
fn leap_eleventh_month_of_2033_starts_december_22() {
    assert_eq!(leap_month(2033), Ok(Some(11)));
    assert_same_day(ymd(2033, 12, 22), lunar(2033, 11, true, 1));
    assert_eq!(format_zh(lunar(2033, 11, true, 1), false), "闰冬月初一");
}

#[test]
fn mid_autumn_2024_is_september_17() {
    assert_same_day(ymd(2024, 9, 17), lunar(2024, 8, false, 15));
}

#[test]
fn new_years_eve_2026_is_the_29th_of_a_29_day_twelfth_month() {
    assert_eq!(month_len(2025, 12, false), Ok(29));
    assert_same_day(ymd(2026, 2, 16), lunar(2025, 12, false, 29));
    assert_eq!(format_zh(lunar(2025, 12, false, 29), false), "腊月廿九");
    assert_eq!(new_year(2026), Ok(ymd(2026, 2, 17)));
}

#[test]
fn a_leap_month_the_year_lacks_is_an_error() {
    assert_eq!(leap_month(2024), Ok(None));
    let err = lunar_to_gregorian(lunar(2024, 2, true, 15)).unwrap_err();
    assert_eq!(err, LunarError::NoSuchLeapMonth { year: 2024, month: 2 });
    assert_eq!(err.to_string(), "lunar year 2024 has no leap month 2");
    assert_eq!(validate(lunar(2024, 2, true, 15)), Err(err.clone()));
    assert_eq!(month_len(2024, 2, true), Err(err));
    // 2023's leap month is 2, not 3.
    assert_eq!(validate(lunar(2023, 3, true, 1)), Err(LunarError::NoSuchLeapMonth { year: 2023, month: 3 }));
}

#[test]
fn the_30th_of_a_29_day_month_is_an_error() {
    let d = lunar(2025, 12, false, 30);
    let err = LunarError::DayOutOfMonth { year: 2025, month: 12, leap: false, day: 30, month_len: 29 };
    assert_eq!(lunar_to_gregorian(d), Err(err.clone()));
    assert_eq!(validate(d), Err(err.clone()));
    assert_eq!(err.to_string(), "month 12 of lunar year 2025 has only 29 days, so day 30 does not exist");
    // 闰二月 2023 has 29 days.
    assert_eq!(month_len(2023, 2, true), Ok(29));
    let leap_err = validate(lunar(2023, 2, true, 30)).unwrap_err();
    assert_eq!(leap_err.to_string(), "leap month 2 of lunar year 2023 has only 29 days, so day 30 does not exist");
}

#[test]
fn months_and_days_out_of_bounds_are_errors() {
    assert_eq!(validate(lunar(2024, 0, false, 1)), Err(LunarError::InvalidMonth { month: 0 }));
    assert_eq!(validate(lunar(2024, 13, false, 1)), Err(LunarError::InvalidMonth { month: 13 }));
    assert_eq!(validate(lunar(2024, 1, false, 0)), Err(LunarError::InvalidDay { day: 0 }));
    assert_eq!(validate(lunar(2024, 1, false, 31)), Err(LunarError::InvalidDay { day: 31 }));
    assert_eq!(month_len(2024, 13, false), Err(LunarError::InvalidMonth { month: 13 }));
    assert_eq!(
        LunarError::InvalidMonth { month: 13 }.to_string(),
        "lunar month 13 is invalid: months are numbered 1 to 12"
    );
    assert_eq!(LunarError::InvalidDay { day: 31 }.to_string(), "lunar day 31 is invalid: days are numbered 1 to 30");
}

#[test]
fn the_supported_range_is_lunar_years_1901_to_2100() {
    assert_eq!(supported_dates(), (ymd(1901, 2, 19), ymd(2101, 1, 28)));
    assert_same_day(ymd(1901, 2, 19), lunar(1901, 1, false, 1));
    let last = gregorian_to_lunar(ymd(2101, 1, 28)).unwrap();
    assert_eq!((last.year, last.month, last.leap), (2100, 12, false));
    assert_eq!(last.day, month_len(2100, 12, false).unwrap());

    for date in [ymd(1901, 2, 18), ymd(2101, 1, 29), ymd(1, 1, 1), NaiveDate::MAX] {
        let err = gregorian_to_lunar(date).unwrap_err();
        assert_eq!(err, LunarError::DateOutOfRange { date, min: ymd(1901, 2, 19), max: ymd(2101, 1, 28) });
    }
    assert_eq!(
        gregorian_to_lunar(ymd(1901, 2, 18)).unwrap_err().to_string(),
        "date 1901-02-18 is outside the supported range 1901-02-19..=2101-01-28 (lunar years 1901..=2100)"
    );
    for year in [1900, 2101, i32::MIN, i32::MAX] {
        let err = LunarError::YearOutOfRange { year, min: 1901, max: 2100 };
        assert_eq!(new_year(year), Err(err.clone()));
        assert_eq!(leap_month(year), Err(err.clone()));
        assert_eq!(month_len(year, 1, false), Err(err.clone()));
        assert_eq!(lunar_to_gregorian(lunar(year, 1, false, 1)), Err(err));
    }
    assert_eq!(new_year(1900).unwrap_err().to_string(), "lunar year 1900 is outside the supported range 1901..=2100");
}

#[test]
fn format_zh_names_every_month_and_day() {
    assert_eq!(format_zh(lunar(2024, 1, false, 1), false), "正月初一");
    assert_eq!(format_zh(lunar(2023, 2, true, 15), false), "闰二月十五");
    assert_eq!(format_zh(lunar(2024, 12, false, 30), false), "腊月三十");
    assert_eq!(format_zh(lunar(2024, 11, false, 20), true), "2024年冬月二十");
    let months: Vec<String> = (1..=12).map(|m| format_zh(lunar(2024, m, false, 1), false)).collect();
    let expected = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"];
    assert_eq!(months, expected.map(|m| format!("{m}月初一")));
    let days: Vec<String> = (1..=30).map(|d| format_zh(lunar(2024, 1, false, d), false)).collect();
    let expected_days = "初一 初二 初三 初四 初五 初六 初七 初八 初九 初十 \
        十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 \
        廿一 廿二 廿三 廿四 廿五 廿六 廿七 廿八 廿九 三十";
    let expected_days: Vec<String> = expected_days.split_whitespace().map(|d| format!("正月{d}")).collect();
    assert_eq!(days, expected_days);
    // Out-of-range fields are shown as numbers rather than panicking.
    assert_eq!(format_zh(lunar(2024, 13, false, 31), false), "13月31日");
}

#[test]
fn ganzhi_and_zodiac_of_known_years() {
    assert_eq!(ganzhi_year(1984), "甲子年");
    assert_eq!(ganzhi_year(2023), "癸卯年");
    assert_eq!(ganzhi_year(2024), "甲辰年");
    assert_eq!(ganzhi_year(2025), "乙巳年");
    assert_eq!(ganzhi_year(1901), "辛丑年");
    assert_eq!(ganzhi_year(3), "癸亥年");
    assert_eq!(zodiac(2023), "兔");
    assert_eq!(zodiac(2024), "龙");
    assert_eq!(zodiac(2025), "蛇");
    assert_eq!(zodiac(1984), "鼠");
    assert_eq!(zodiac(3), "猪");
}

/// The table is read from ICU by walking each year month by month; check it against ICU's
/// constructor for every month of every year (including leap months ICU must reject).
#[test]
fn year_table_matches_icu_calendar_month_by_month() {
    let t = table();
    assert_eq!(t.len(), (MAX_YEAR - MIN_YEAR + 1) as usize);
    for (i, y) in t.iter().enumerate() {
        let year = MIN_YEAR + i as i32;
        assert_eq!(*y, year_data_from_icu(year));
        let first = Date::try_new_chinese_traditional(year, Month::new(1), 1).unwrap();
        assert_eq!(y.new_year as i64, first.to_rata_die().to_i64_date(), "{year}");
        assert_eq!(y.months, first.months_in_year(), "{year}");
        assert_eq!(i32::from(first.days_in_year()), y.len(), "{year}");
        let mut expected_leap = None;
        for m in 1..=12u8 {
            for leap in [false, true] {
                let month = if leap { Month::leap(m) } else { Month::new(m) };
                let Ok(icu) = Date::try_new_chinese_traditional(year, month, 1) else {
                    assert!(leap, "{year} M{m} must exist");
                    assert_eq!(month_len(year, m, leap), Err(LunarError::NoSuchLeapMonth { year, month: m }));
                    continue;
                };
                if leap {
                    assert_eq!(expected_leap, None, "{year} has one leap month");
                    expected_leap = Some(m);
                }
                assert_eq!(month_len(year, m, leap), Ok(icu.days_in_month()), "{year} {m} {leap}");
                let start = lunar_to_gregorian(lunar(year, m, leap, 1)).unwrap();
                assert_eq!(i64::from(start.num_days_from_ce()), icu.to_rata_die().to_i64_date());
            }
        }
        assert_eq!(leap_month(year), Ok(expected_leap), "{year}");
    }
}

#[test]
fn chrono_day_numbers_equal_icu_rata_die() {
    for date in [ymd(1, 1, 1), ymd(1901, 2, 19), ymd(2024, 2, 29), ymd(2101, 1, 28)] {
        let iso = Date::try_new_iso(date.year(), date.month() as u8, date.day() as u8).unwrap();
        assert_eq!(iso.to_rata_die().to_i64_date(), i64::from(date.num_days_from_ce()));
    }
}

//! The 24 solar terms (二十四节气), computed by `tyme4rs`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::lunar::{LunarError, MAX_YEAR, MIN_YEAR};

/// A solar term, in the order they fall in a Gregorian year (小寒 in early January through
/// 冬至 in late December). Even positions are 节 (jie), odd ones 中气 (zhongqi).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SolarTerm {
    /// 小寒
    MinorCold,
    /// 大寒
    MajorCold,
    /// 立春
    StartOfSpring,
    /// 雨水
    RainWater,
    /// 惊蛰
    AwakeningOfInsects,
    /// 春分
    SpringEquinox,
    /// 清明
    Qingming,
    /// 谷雨
    GrainRain,
    /// 立夏
    StartOfSummer,
    /// 小满
    GrainBuds,
    /// 芒种
    GrainInEar,
    /// 夏至
    SummerSolstice,
    /// 小暑
    MinorHeat,
    /// 大暑
    MajorHeat,
    /// 立秋
    StartOfAutumn,
    /// 处暑
    EndOfHeat,
    /// 白露
    WhiteDew,
    /// 秋分
    AutumnEquinox,
    /// 寒露
    ColdDew,
    /// 霜降
    FrostsDescent,
    /// 立冬
    StartOfWinter,
    /// 小雪
    MinorSnow,
    /// 大雪
    MajorSnow,
    /// 冬至
    WinterSolstice,
}

impl SolarTerm {
    /// All 24 terms in the order they fall in a Gregorian year.
    pub const ALL: [SolarTerm; 24] = {
        use SolarTerm::*;
        [
            MinorCold,
            MajorCold,
            StartOfSpring,
            RainWater,
            AwakeningOfInsects,
            SpringEquinox,
            Qingming,
            GrainRain,
            StartOfSummer,
            GrainBuds,
            GrainInEar,
            SummerSolstice,
            MinorHeat,
            MajorHeat,
            StartOfAutumn,
            EndOfHeat,
            WhiteDew,
            AutumnEquinox,
            ColdDew,
            FrostsDescent,
            StartOfWinter,
            MinorSnow,
            MajorSnow,
            WinterSolstice,
        ]
    };

    const NAMES_ZH: [&'static str; 24] = [
        "小寒", "大寒", "立春", "雨水", "惊蛰", "春分", "清明", "谷雨", "立夏", "小满", "芒种", "夏至", "小暑", "大暑",
        "立秋", "处暑", "白露", "秋分", "寒露", "霜降", "立冬", "小雪", "大雪", "冬至",
    ];

    /// The position in [`SolarTerm::ALL`], 0 (小寒) to 23 (冬至).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The Chinese name, e.g. "清明".
    pub fn name_zh(self) -> &'static str {
        Self::NAMES_ZH[self.index()]
    }

    /// For a 中气 (雨水, 春分, …, 冬至, 大寒), the lunar month it defines: a lunar month
    /// is numbered by the 中气 it contains (冬至 is always in 冬月, month 11).
    pub fn zhongqi_month(self) -> Option<u8> {
        let i = self.index();
        // 大寒 (index 1) → 12, 雨水 (3) → 1, 春分 (5) → 2, …, 冬至 (23) → 11.
        (i % 2 == 1).then(|| ((i / 2 + 11) % 12 + 1) as u8)
    }
}

/// The date (China Standard Time, UTC+8) on which `term` falls in Gregorian year `year`.
/// Supported for the years 1901..=2100, like the lunar conversions.
pub fn solar_term_date(year: i32, term: SolarTerm) -> Result<NaiveDate, LunarError> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(LunarError::YearOutOfRange { year, min: MIN_YEAR, max: MAX_YEAR });
    }
    // tyme4rs numbers a year's terms from the 冬至 that *precedes* it (index 0 = 冬至 of
    // December `year - 1`, 1 = 小寒 of January `year`, …, 23 = 大雪); index 24 wraps to the
    // 冬至 of December `year`. So 小寒..冬至 of `year` are tyme indices 1..=24.
    let tyme_term = tyme4rs::tyme::solar::SolarTerm::from_index(year as isize, term.index() as isize + 1);
    let day = tyme_term.get_solar_day();
    let date = NaiveDate::from_ymd_opt(day.get_year() as i32, day.get_month() as u32, day.get_day() as u32);
    Ok(date.expect("tyme4rs returns valid Gregorian dates"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tyme4rs::tyme::Culture;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn qingming_and_winter_solstice_fall_on_known_dates() {
        assert_eq!(solar_term_date(2025, SolarTerm::Qingming), Ok(ymd(2025, 4, 4)));
        assert_eq!(solar_term_date(2025, SolarTerm::WinterSolstice), Ok(ymd(2025, 12, 21)));
        assert_eq!(solar_term_date(2024, SolarTerm::Qingming), Ok(ymd(2024, 4, 4)));
        assert_eq!(solar_term_date(2024, SolarTerm::WinterSolstice), Ok(ymd(2024, 12, 21)));
    }

    #[test]
    fn other_terms_fall_on_known_dates() {
        // Published dates (Beijing time) of the 2024 and 2025 terms.
        assert_eq!(solar_term_date(2025, SolarTerm::MinorCold), Ok(ymd(2025, 1, 5)));
        assert_eq!(solar_term_date(2025, SolarTerm::StartOfSpring), Ok(ymd(2025, 2, 3)));
        assert_eq!(solar_term_date(2024, SolarTerm::StartOfSpring), Ok(ymd(2024, 2, 4)));
        assert_eq!(solar_term_date(2024, SolarTerm::SpringEquinox), Ok(ymd(2024, 3, 20)));
        assert_eq!(solar_term_date(2025, SolarTerm::SummerSolstice), Ok(ymd(2025, 6, 21)));
        assert_eq!(solar_term_date(2024, SolarTerm::AutumnEquinox), Ok(ymd(2024, 9, 22)));
        assert_eq!(solar_term_date(2025, SolarTerm::AutumnEquinox), Ok(ymd(2025, 9, 23)));
    }

    #[test]
    fn every_year_has_all_24_terms_in_order_within_that_year() {
        for year in MIN_YEAR..=MAX_YEAR {
            let dates: Vec<NaiveDate> = SolarTerm::ALL.iter().map(|&t| solar_term_date(year, t).unwrap()).collect();
            assert!(dates[0] >= ymd(year, 1, 4) && dates[0] <= ymd(year, 1, 7), "小寒 {year}: {}", dates[0]);
            assert!(dates.windows(2).all(|w| (14..=17).contains(&(w[1] - w[0]).num_days())), "{year}: {dates:?}");
            assert!(dates[23] >= ymd(year, 12, 20) && dates[23] <= ymd(year, 12, 23), "冬至 {year}");
            let qingming = dates[SolarTerm::Qingming.index()];
            assert!(qingming >= ymd(year, 4, 4) && qingming <= ymd(year, 4, 6), "清明 {year}: {qingming}");
        }
    }

    #[test]
    fn names_match_tyme4rs() {
        for term in SolarTerm::ALL {
            let tyme_term = tyme4rs::tyme::solar::SolarTerm::from_index(2025, term.index() as isize + 1);
            assert_eq!(tyme_term.get_name(), term.name_zh());
        }
    }

    #[test]
    fn years_outside_the_supported_range_are_errors() {
        for year in [1900, 2101] {
            assert_eq!(
                solar_term_date(year, SolarTerm::Qingming),
                Err(LunarError::YearOutOfRange { year, min: 1901, max: 2100 })
            );
        }
    }

    #[test]
    fn zhongqi_months() {
        assert_eq!(SolarTerm::WinterSolstice.zhongqi_month(), Some(11));
        assert_eq!(SolarTerm::MajorCold.zhongqi_month(), Some(12));
        assert_eq!(SolarTerm::RainWater.zhongqi_month(), Some(1));
        assert_eq!(SolarTerm::AutumnEquinox.zhongqi_month(), Some(8));
        assert_eq!(SolarTerm::Qingming.zhongqi_month(), None);
        let months: Vec<u8> = SolarTerm::ALL.iter().filter_map(|t| t.zhongqi_month()).collect();
        assert_eq!(months, [12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    }
}

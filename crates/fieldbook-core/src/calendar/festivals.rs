//! Chinese traditional festivals (传统节日): eight on fixed lunar dates, 除夕 on the last day of
//! 腊月 (廿九 or 三十), and 清明 and 冬至 on their solar terms.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lunar::{self, LunarDate, MAX_YEAR, MIN_YEAR};
use super::solar_term::{solar_term_date, SolarTerm};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Festival {
    /// 春节, 正月初一.
    SpringFestival,
    /// 元宵节, 正月十五.
    Lantern,
    /// 清明节, the solar term.
    Qingming,
    /// 端午节, 五月初五.
    DragonBoat,
    /// 七夕, 七月初七.
    Qixi,
    /// 中秋节, 八月十五.
    MidAutumn,
    /// 重阳节, 九月初九.
    DoubleNinth,
    /// 冬至, the solar term.
    WinterSolstice,
    /// 腊八节, 腊月初八.
    Laba,
    /// 除夕, the last day of 腊月.
    NewYearsEve,
}

impl Festival {
    pub const ALL: [Festival; 10] = [
        Festival::SpringFestival,
        Festival::Lantern,
        Festival::Qingming,
        Festival::DragonBoat,
        Festival::Qixi,
        Festival::MidAutumn,
        Festival::DoubleNinth,
        Festival::WinterSolstice,
        Festival::Laba,
        Festival::NewYearsEve,
    ];

    /// The stable code (the serde name), e.g. `mid_autumn`.
    pub fn code(self) -> &'static str {
        match self {
            Festival::SpringFestival => "spring_festival",
            Festival::Lantern => "lantern",
            Festival::Qingming => "qingming",
            Festival::DragonBoat => "dragon_boat",
            Festival::Qixi => "qixi",
            Festival::MidAutumn => "mid_autumn",
            Festival::DoubleNinth => "double_ninth",
            Festival::WinterSolstice => "winter_solstice",
            Festival::Laba => "laba",
            Festival::NewYearsEve => "new_years_eve",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Festival::SpringFestival => "春节",
            Festival::Lantern => "元宵节",
            Festival::Qingming => "清明节",
            Festival::DragonBoat => "端午节",
            Festival::Qixi => "七夕",
            Festival::MidAutumn => "中秋节",
            Festival::DoubleNinth => "重阳节",
            Festival::WinterSolstice => "冬至",
            Festival::Laba => "腊八节",
            Festival::NewYearsEve => "除夕",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Festival::SpringFestival => "Spring Festival (Chinese New Year)",
            Festival::Lantern => "Lantern Festival",
            Festival::Qingming => "Qingming Festival",
            Festival::DragonBoat => "Dragon Boat Festival",
            Festival::Qixi => "Qixi Festival",
            Festival::MidAutumn => "Mid-Autumn Festival",
            Festival::DoubleNinth => "Double Ninth Festival",
            Festival::WinterSolstice => "Winter Solstice",
            Festival::Laba => "Laba Festival",
            Festival::NewYearsEve => "Chinese New Year's Eve",
        }
    }

    /// The fixed lunar month and day, for the festivals that have one.
    fn lunar_day(self) -> Option<(u8, u8)> {
        match self {
            Festival::SpringFestival => Some((1, 1)),
            Festival::Lantern => Some((1, 15)),
            Festival::DragonBoat => Some((5, 5)),
            Festival::Qixi => Some((7, 7)),
            Festival::MidAutumn => Some((8, 15)),
            Festival::DoubleNinth => Some((9, 9)),
            Festival::Laba => Some((12, 8)),
            _ => None,
        }
    }

    /// The date of the festival in lunar year `year` (for 清明 and 冬至: Gregorian year `year`).
    /// Note that 腊八 and 除夕 of lunar year y fall in January/February of y+1.
    pub fn date_in(self, year: i32) -> Option<NaiveDate> {
        match self {
            Festival::Qingming => solar_term_date(year, SolarTerm::Qingming).ok(),
            Festival::WinterSolstice => solar_term_date(year, SolarTerm::WinterSolstice).ok(),
            Festival::NewYearsEve => {
                let len = lunar::month_len(year, 12, false).ok()?;
                lunar::lunar_to_gregorian(LunarDate::new(year, 12, false, len)).ok()
            }
            f => {
                let (month, day) = f.lunar_day()?;
                lunar::lunar_to_gregorian(LunarDate::new(year, month, false, day)).ok()
            }
        }
    }
}

/// Every festival in `from..=to`, sorted by date.
pub fn festivals_between(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, Festival)> {
    let mut out = Vec::new();
    if from > to {
        return out;
    }
    let first = (from.year() - 1).max(MIN_YEAR);
    let last = (to.year() + 1).min(MAX_YEAR);
    for year in first..=last {
        for f in Festival::ALL {
            if let Some(d) = f.date_in(year).filter(|d| (from..=to).contains(d)) {
                out.push((d, f));
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn on(f: Festival, y: i32) -> Vec<NaiveDate> {
        festivals_between(ymd(y, 1, 1), ymd(y, 12, 31)).into_iter().filter(|(_, g)| *g == f).map(|(d, _)| d).collect()
    }

    #[test]
    fn festivals_fall_on_their_published_dates() {
        assert_eq!(on(Festival::MidAutumn, 2024), [ymd(2024, 9, 17)]);
        assert_eq!(on(Festival::NewYearsEve, 2026), [ymd(2026, 2, 16)], "腊月 of lunar 2025 has 29 days: 除夕 is 廿九");
        assert_eq!(on(Festival::NewYearsEve, 2025), [ymd(2025, 1, 28)]);
        assert_eq!(on(Festival::SpringFestival, 2025), [ymd(2025, 1, 29)]);
        assert_eq!(on(Festival::SpringFestival, 2026), [ymd(2026, 2, 17)]);
        assert_eq!(on(Festival::Qingming, 2025), [ymd(2025, 4, 4)]);
        assert_eq!(on(Festival::WinterSolstice, 2025), [ymd(2025, 12, 21)]);
        assert_eq!(on(Festival::DragonBoat, 2025), [ymd(2025, 5, 31)]);
        assert_eq!(on(Festival::MidAutumn, 2025), [ymd(2025, 10, 6)]);
        assert_eq!(on(Festival::Lantern, 2025), [ymd(2025, 2, 12)]);
        assert_eq!(on(Festival::Qixi, 2025), [ymd(2025, 8, 29)]);
        assert_eq!(on(Festival::DoubleNinth, 2025), [ymd(2025, 10, 29)]);
        assert_eq!(on(Festival::Laba, 2025), [ymd(2025, 1, 7)]);
    }

    #[test]
    fn new_years_eve_is_the_day_before_spring_festival_every_year() {
        for y in 1902..=2100 {
            assert_eq!(on(Festival::NewYearsEve, y).len(), 1, "{y}");
            assert_eq!(on(Festival::NewYearsEve, y)[0].succ_opt().unwrap(), on(Festival::SpringFestival, y)[0]);
        }
    }

    #[test]
    fn a_year_has_each_festival_once_in_date_order() {
        let all = festivals_between(ymd(2025, 1, 1), ymd(2025, 12, 31));
        assert_eq!(all.len(), 10, "{all:?}");
        assert_eq!(all.first().unwrap().1, Festival::Laba);
        assert_eq!(all.last().unwrap().1, Festival::WinterSolstice);
        assert!(all.windows(2).all(|w| w[0].0 <= w[1].0));
    }

    #[test]
    fn names_and_codes() {
        assert_eq!(Festival::MidAutumn.name_zh(), "中秋节");
        assert_eq!(Festival::MidAutumn.name_en(), "Mid-Autumn Festival");
        for f in Festival::ALL {
            assert_eq!(serde_json::to_value(f).unwrap(), f.code(), "code is the serde name");
        }
    }
}

//! Reading one cell as a customer field: dates in the many ways people and programs write
//! them (ISO, US, Chinese 年月日, Excel serials, lunar 八月十五), tiers, genders, kinds, and
//! lists of phones, emails, addresses and tags in one cell. Errors are plain messages; the
//! caller names the row and column.

use chrono::Datelike;

use super::xlsx::excel_serial_date;
use crate::customers::{CustomerKind, CustomerType, Gender, Tier};
use crate::dates::DateSpec;
use crate::error::CoreError;

pub type CellResult<T> = std::result::Result<T, (&'static str, String)>;

/// A Gregorian birthday; a cell that says 农历/阴历 is read as lunar.
pub fn date(text: &str, spreadsheet: bool) -> CellResult<Option<DateSpec>> {
    let v = text.trim();
    if v.is_empty() || matches!(v, "0/0/00" | "0/0/0000" | "00/00/0000" | "0000-00-00") {
        return Ok(None);
    }
    for prefix in ["农历", "阴历", "lunar"] {
        if let Some(rest) = v.strip_prefix(prefix) {
            return lunar(rest);
        }
    }
    let bad = || ("date_format", format!("{v:?} is not a date"));
    let v = v.split(['T', ' ']).next().unwrap_or(v);
    if v.chars().all(|c| c.is_ascii_digit()) {
        return match v.len() {
            8 => checked(v[..4].parse().ok(), &v[4..6], &v[6..]).map(Some),
            1..=5 if spreadsheet => {
                let d = excel_serial_date(v.parse::<f64>().map_err(|_| bad())?, false)
                    .ok_or(("date_impossible", format!("{v} is not a date in Excel's calendar")))?;
                Ok(Some(DateSpec::Gregorian { year: Some(d.year()), month: d.month() as u8, day: d.day() as u8 }))
            }
            _ => Err(bad()),
        };
    }
    let unified: String = v
        .trim_start_matches("--")
        .replace(['年', '月', '/', '.'], "-")
        .replace(['日', '号'], "")
        .trim_end_matches('-')
        .to_string();
    let parts: Vec<&str> = unified.split('-').map(str::trim).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => checked(y.parse().ok(), m, d).map(Some),
        [a, b, y] if y.len() == 4 || y.len() == 2 => {
            let year = y.parse::<i32>().map_err(|_| bad())?;
            let year = if y.len() == 2 {
                if year > 30 {
                    1900 + year
                } else {
                    2000 + year
                }
            } else {
                year
            };
            // Month first (US, Outlook) unless the first number cannot be a month.
            let first: u32 = a.parse().map_err(|_| bad())?;
            if first > 12 {
                checked(Some(year), b, a).map(Some)
            } else {
                checked(Some(year), a, b).map(Some)
            }
        }
        [m, d] => checked(None, m, d).map(Some),
        _ => Err(bad()),
    }
}

fn checked(year: Option<i32>, month: &str, day: &str) -> CellResult<DateSpec> {
    let bad = || ("date_format", format!("{month}-{day} is not a month and day"));
    let spec =
        DateSpec::Gregorian { year, month: month.parse().map_err(|_| bad())?, day: day.parse().map_err(|_| bad())? };
    spec.validate("birthday").map_err(reason)?;
    Ok(spec)
}

/// A lunar date: `[YYYY-][L]MM-DD` or Chinese (`1990年闰四月初八`, `八月十五`, `腊月廿三`).
pub fn lunar(text: &str) -> CellResult<Option<DateSpec>> {
    let v = text.trim().trim_start_matches("农历").trim_start_matches("阴历").trim();
    if v.is_empty() {
        return Ok(None);
    }
    let ascii = v.replace(['/', '.'], "-");
    if ascii.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | 'L' | 'l')) {
        return DateSpec::parse_lunar(&ascii).map(Some).map_err(reason);
    }
    let bad = || ("date_format", format!("{v:?} is not a lunar date"));
    let (year, rest) = match v.split_once('年') {
        Some((y, rest)) => (Some(y.trim().parse::<i32>().map_err(|_| bad())?), rest),
        None => (None, v),
    };
    let (leap, rest) = match rest.strip_prefix('闰') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let (month, day) = rest.split_once('月').ok_or_else(bad)?;
    let month = lunar_month(month.trim()).ok_or_else(bad)?;
    let day = lunar_day(day.trim().trim_end_matches(['日', '号'])).ok_or_else(bad)?;
    let spec = DateSpec::Lunar { year, month, leap, day };
    spec.validate("lunar_birthday").map_err(reason)?;
    Ok(Some(spec))
}

/// A core validation error as a cell's reason: its code and message, without the field name
/// (the caller names the row and column instead).
fn reason(e: CoreError) -> (&'static str, String) {
    match e {
        CoreError::Invalid { reason, message, .. } => (reason, message),
        other => (other.code(), other.to_string()),
    }
}

fn digit(c: char) -> Option<u8> {
    "〇一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u8).or_else(|| c.to_digit(10).map(|d| d as u8))
}

fn lunar_month(s: &str) -> Option<u8> {
    match s {
        "正" | "端" => Some(1),
        "冬" => Some(11),
        "腊" | "臘" => Some(12),
        _ => small_number(s).filter(|m| (1..=12).contains(m)),
    }
}

fn lunar_day(s: &str) -> Option<u8> {
    let s = s.strip_prefix('初').unwrap_or(s);
    let n = if let Some(rest) = s.strip_prefix('廿') {
        if rest.is_empty() {
            Some(20)
        } else {
            digit(rest.chars().next()?).map(|d| 20 + d)
        }
    } else if let Some(rest) = s.strip_prefix('卅') {
        rest.is_empty().then_some(30)
    } else {
        small_number(s)
    };
    n.filter(|d| (1..=30).contains(d))
}

/// 1–39 written in Chinese numerals (十, 十五, 二十, 三十) or ASCII digits.
fn small_number(s: &str) -> Option<u8> {
    if let Ok(n) = s.parse::<u8>() {
        return Some(n);
    }
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] if *d != '十' => digit(*d),
        ['十'] => Some(10),
        ['十', d] => digit(*d).map(|d| 10 + d),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        _ => None,
    }
}

pub fn tier(text: &str) -> CellResult<Option<Tier>> {
    let v = text.trim().to_uppercase();
    let v = v.trim_end_matches(['级', '类']).trim_end_matches("客户").trim();
    Ok(match v {
        "" => None,
        "VIP" | "V" | "重要" | "核心" => Some(Tier::Vip),
        "A" => Some(Tier::A),
        "B" => Some(Tier::B),
        "C" => Some(Tier::C),
        _ => return Err(("tier_invalid", format!("{text:?} is not a tier (VIP, A, B or C)"))),
    })
}

pub fn gender(text: &str) -> CellResult<Option<Gender>> {
    Ok(match text.trim().to_lowercase().as_str() {
        "" | "未知" | "保密" | "unknown" | "unspecified" => None,
        "男" | "m" | "male" | "man" | "先生" => Some(Gender::Male),
        "女" | "f" | "female" | "woman" | "女士" => Some(Gender::Female),
        "其他" | "o" | "other" | "non-binary" => Some(Gender::Other),
        _ => return Err(("gender_invalid", format!("{text:?} is not a gender (男/女, male/female)"))),
    })
}

pub fn kind(text: &str) -> CellResult<Option<CustomerKind>> {
    Ok(match text.trim().to_lowercase().as_str() {
        "" => None,
        "个人" | "person" | "individual" | "personal" => Some(CustomerKind::Person),
        "企业" | "公司" | "机构" | "单位" | "组织" | "organization" | "organisation" | "org" | "company"
        | "business" => Some(CustomerKind::Organization),
        _ => return Err(("kind_invalid", format!("{text:?} is neither a person (个人) nor an organization (企业)"))),
    })
}

pub fn customer_type(text: &str) -> CellResult<Option<CustomerType>> {
    use CustomerType::*;
    let v = text.trim().to_lowercase();
    let v = v.trim_end_matches("客户");
    Ok(match v {
        "" => None,
        "潜在" | "potential" | "prospect" | "lead" => Some(Potential),
        "现有" | "成交" | "已成交" | "existing" | "current" | "customer" => Some(Existing),
        "回头" | "复购" | "repeat" => Some(Repeat),
        "忠诚" | "loyal" => Some(Loyal),
        "负面" | "negative" => Some(Negative),
        "流失" | "已流失" | "lost" | "churned" => Some(Lost),
        "合作伙伴" | "伙伴" | "partner" => Some(Partner),
        _ => return Err(("customer_type_invalid", format!("{text:?} is not a customer type"))),
    })
}

/// Several values in one cell: Google's " ::: ", newlines, and the list separators people type.
pub fn split(text: &str, separators: &[char]) -> Vec<String> {
    text.split(":::")
        .flat_map(|part| part.split(|c: char| c == '\n' || separators.contains(&c)))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

pub const PHONE_SEPARATORS: &[char] = &[';', '；', ',', '，', '、', '|'];
pub const EMAIL_SEPARATORS: &[char] = &[';', '；', ',', '，', '、', '|', ' '];
pub const TAG_SEPARATORS: &[char] = &[';', '；', ',', '，', '、', '|'];

/// Tags, without Google's system groups ("* myContacts", "* starred").
pub fn tags(text: &str) -> Vec<String> {
    split(text, TAG_SEPARATORS).into_iter().filter(|t| !t.starts_with('*')).collect()
}

/// Addresses: one per " ::: " part; line breaks inside an address become ", ".
pub fn addresses(text: &str) -> Vec<String> {
    text.split(":::")
        .map(|a| a.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", "))
        .filter(|a| !a.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(year: Option<i32>, month: u8, day: u8) -> Option<DateSpec> {
        Some(DateSpec::Gregorian { year, month, day })
    }

    #[test]
    fn birthdays_in_the_forms_spreadsheets_and_people_write() {
        assert_eq!(date("1990-08-15", false).unwrap(), g(Some(1990), 8, 15));
        assert_eq!(date("1990/8/15", false).unwrap(), g(Some(1990), 8, 15));
        assert_eq!(date("1990年8月15日", false).unwrap(), g(Some(1990), 8, 15));
        assert_eq!(date("8/15/1990", false).unwrap(), g(Some(1990), 8, 15), "Outlook writes month first");
        assert_eq!(date("15/08/1990", false).unwrap(), g(Some(1990), 8, 15), "a first number over 12 is the day");
        assert_eq!(date("19900815", false).unwrap(), g(Some(1990), 8, 15));
        assert_eq!(date("--08-15", false).unwrap(), g(None, 8, 15));
        assert_eq!(date("8月15日", false).unwrap(), g(None, 8, 15));
        assert_eq!(date("1990-08-15 00:00:00", false).unwrap(), g(Some(1990), 8, 15));
        assert_eq!(date("0/0/00", false).unwrap(), None, "Outlook's empty birthday");
        assert_eq!(date("", false).unwrap(), None);
    }

    #[test]
    fn a_bare_number_is_an_excel_serial_only_in_spreadsheets() {
        assert_eq!(date("33100", true).unwrap(), g(Some(1990), 8, 15));
        assert_eq!(date("33100", false).unwrap_err().0, "date_format");
        assert_eq!(date("60", true).unwrap_err().0, "date_impossible");
    }

    #[test]
    fn impossible_or_garbled_birthdays_are_errors_with_a_reason() {
        assert_eq!(date("2023-02-29", false).unwrap_err().0, "date_impossible");
        assert_eq!(date("1990-13-01", false).unwrap_err().0, "date_impossible");
        assert_eq!(date("next tuesday", false).unwrap_err().0, "date_format");
        assert_eq!(date("1990-08", false).unwrap_err().0, "date_format");
    }

    #[test]
    fn lunar_birthdays_in_chinese_and_numeric_forms() {
        let l = |year, month, leap, day| Some(DateSpec::Lunar { year, month, leap, day });
        assert_eq!(lunar("八月十五").unwrap(), l(None, 8, false, 15));
        assert_eq!(lunar("农历腊月廿三").unwrap(), l(None, 12, false, 23));
        assert_eq!(lunar("正月初一").unwrap(), l(None, 1, false, 1));
        assert_eq!(lunar("2023年闰二月初十").unwrap(), l(Some(2023), 2, true, 10));
        assert_eq!(lunar("十一月三十").unwrap(), l(None, 11, false, 30));
        assert_eq!(lunar("1990-08-15").unwrap(), l(Some(1990), 8, false, 15));
        assert_eq!(lunar("L04-08").unwrap(), l(None, 4, true, 8));
        assert_eq!(date("农历八月十五", false).unwrap(), l(None, 8, false, 15), "a birthday cell may say 农历");
        assert!(lunar("十三月初一").is_err());
        assert!(lunar("八月卅一").is_err());
        assert_eq!(lunar("2024-L02-15").unwrap_err().0, "lunar_date_impossible");
    }

    #[test]
    fn tiers_genders_kinds_and_types_accept_both_languages() {
        assert_eq!(tier("A级").unwrap(), Some(Tier::A));
        assert_eq!(tier("vip").unwrap(), Some(Tier::Vip));
        assert_eq!(tier("Z").unwrap_err().0, "tier_invalid");
        assert_eq!(gender("女").unwrap(), Some(Gender::Female));
        assert_eq!(gender("保密").unwrap(), None);
        assert_eq!(gender("x7").unwrap_err().0, "gender_invalid");
        assert_eq!(kind("企业").unwrap(), Some(CustomerKind::Organization));
        assert_eq!(customer_type("潜在客户").unwrap(), Some(CustomerType::Potential));
    }

    #[test]
    fn several_values_in_one_cell_are_split() {
        assert_eq!(split("138 0013 8000 ::: 010-6552", PHONE_SEPARATORS), ["138 0013 8000", "010-6552"]);
        assert_eq!(split("a@x.cn; b@y.cn", EMAIL_SEPARATORS), ["a@x.cn", "b@y.cn"]);
        assert_eq!(tags("* myContacts ::: 朋友 ::: VIP、高尔夫"), ["朋友", "VIP", "高尔夫"]);
        assert_eq!(
            addresses("1600 Amphitheatre Pkwy\nMountain View ::: 北京市朝阳区"),
            ["1600 Amphitheatre Pkwy, Mountain View", "北京市朝阳区"]
        );
    }
}

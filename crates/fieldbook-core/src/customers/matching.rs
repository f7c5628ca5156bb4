//! What makes two customer records "the same person": the keys that import's duplicate policy
//! and the duplicate finder both match on, so they can never disagree.

use super::validate::phone_digits;

/// A phone as a comparable key: digits only, with China's country prefix (+86 / 0086) and a
/// trunk 0 on a mainland mobile dropped, so "+86 138-0013-8000", "0086 13800138000" and
/// "138 0013 8000" match. Other international numbers keep their country code. Numbers of
/// fewer than 5 digits (extensions, typos) are not keys: `None`.
pub fn phone_key(value: &str) -> Option<String> {
    let had_plus = value.trim_start().starts_with('+');
    let mut digits = phone_digits(value);
    if let Some(rest) = digits.strip_prefix("0086") {
        digits = rest.to_string();
    } else if had_plus {
        if let Some(rest) = digits.strip_prefix("86") {
            digits = rest.to_string();
        }
    } else if digits.len() == 13 && digits.starts_with("86") && digits.as_bytes()[2] == b'1' {
        // "8613800138000" written without the plus: a mainland mobile with its country code.
        digits = digits[2..].to_string();
    }
    if digits.len() == 12 && digits.starts_with("01") {
        // A mobile dialled with a trunk 0 ("013800138000").
        digits = digits[1..].to_string();
    }
    (digits.len() >= 5).then_some(digits)
}

/// An email as a comparable key: trimmed and lower-cased. Empty → `None`.
pub fn email_key(value: &str) -> Option<String> {
    let v = value.trim().to_lowercase();
    (!v.is_empty()).then_some(v)
}

/// A name (or company) as a comparable key: lower-cased with all whitespace and common
/// punctuation removed, so "Zhang San", "zhangsan" and "张 三" vs "张三" compare equal.
pub fn name_key(value: &str) -> Option<String> {
    let v: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | ',' | '·' | '•' | '-' | '_' | '\u{3000}'))
        .flat_map(char::to_lowercase)
        .collect();
    (!v.is_empty()).then_some(v)
}

/// Name and company together; both must be present to be a key ("王伟" alone is too common).
pub fn name_company_key(name: &str, company: &str) -> Option<String> {
    Some(format!("{}\u{1f}{}", name_key(name)?, name_key(company)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_mobile_written_every_common_way_gives_one_key() {
        let forms = [
            "+86 138-0013-8000",
            "0086 13800138000",
            "138 0013 8000",
            "(138)0013-8000",
            "8613800138000",
            "013800138000",
        ];
        for f in forms {
            assert_eq!(phone_key(f).as_deref(), Some("13800138000"), "{f}");
        }
    }

    #[test]
    fn foreign_numbers_keep_their_country_code_and_short_numbers_are_not_keys() {
        assert_eq!(phone_key("+1 (415) 555-0100").as_deref(), Some("14155550100"));
        assert_eq!(phone_key("+44 20 7946 0958").as_deref(), Some("442079460958"));
        assert_eq!(phone_key("ext 12"), None);
        assert_eq!(phone_key(""), None);
    }

    #[test]
    fn email_matching_ignores_case_and_surrounding_space() {
        assert_eq!(email_key("  Zhang.San@QQ.com "), email_key("zhang.san@qq.com"));
        assert_eq!(email_key("   "), None);
    }

    #[test]
    fn names_match_across_spacing_and_case_and_need_a_company_for_the_pair_key() {
        assert_eq!(name_key("Zhang San"), name_key("zhangsan"));
        assert_eq!(name_key("张 三"), name_key("张三"));
        assert_eq!(name_company_key("王伟", "华为"), name_company_key("王 伟", "华为 "));
        assert_eq!(name_company_key("王伟", ""), None);
    }
}

//! Search behaviour the issue names: pinyin (with surname readings), initials, phone digits,
//! short CJK substrings, email, tags, notes, ranking.

mod common;

use common::*;
use fieldbook_core::Store;

fn names(s: &Store, q: &str) -> Vec<String> {
    s.search(q, 20).unwrap().into_iter().map(|h| h.customer.name).collect()
}

fn book() -> Store {
    let (mut s, _) = store();
    let acme = s.create_customer(org("华信科技有限公司")).unwrap();
    let mut zhang = person("张三");
    zhang.phones = vec![point("+86 138-0013-8000")];
    zhang.emails = vec![point("Zhang.San@Example.com")];
    zhang.tags = vec!["高净值".into()];
    zhang.notes = Some("喜欢打高尔夫, prefers WeChat".into());
    zhang.company_id = Some(acme.id.clone());
    s.create_customer(zhang).unwrap();
    for n in [
        "曾国藩",
        "单雄信",
        "解缙",
        "区志明",
        "仇英",
        "朴志勇",
        "查良镛",
        "覃小明",
        "翟欣",
        "缪斯",
        "欧阳修",
        "张三丰",
        "John Smith",
    ] {
        s.create_customer(person(n)).unwrap();
    }
    s
}

#[test]
fn full_pinyin_and_initials_find_chinese_names() {
    let s = book();
    assert_eq!(names(&s, "zs")[0], "张三");
    assert_eq!(names(&s, "zhangsan")[0], "张三");
    assert_eq!(names(&s, "Zhang San")[0], "张三", "spaces and case are ignored");
}

#[test]
fn polyphonic_surnames_use_the_surname_reading() {
    let s = book();
    for (q, want) in [
        ("zgf", "曾国藩"),
        ("zengguofan", "曾国藩"),
        ("shanxiongxin", "单雄信"),
        ("xiejin", "解缙"),
        ("ouzhiming", "区志明"),
        ("qiuying", "仇英"),
        ("piaozhiyong", "朴志勇"),
        ("zhaliangyong", "查良镛"),
        ("qinxiaoming", "覃小明"),
        ("zhaixin", "翟欣"),
        ("miaosi", "缪斯"),
        ("ouyangxiu", "欧阳修"),
        ("oyx", "欧阳修"),
    ] {
        assert_eq!(names(&s, q).first().map(String::as_str), Some(want), "{q} must find {want}");
    }
    assert!(names(&s, "cengguofan").is_empty(), "曾 as a surname is zeng, not ceng");
    assert!(!names(&s, "danxiongxin").contains(&"单雄信".to_string()), "单 as a surname is shan");
}

#[test]
fn one_or_two_chinese_characters_find_names_containing_them() {
    let s = book();
    let one = names(&s, "三");
    assert!(one.contains(&"张三".to_string()) && one.contains(&"张三丰".to_string()), "{one:?}");
    assert!(names(&s, "国藩").contains(&"曾国藩".to_string()));
    assert!(names(&s, "信").contains(&"单雄信".to_string()));
}

#[test]
fn exact_matches_rank_before_prefix_matches() {
    let s = book();
    assert_eq!(names(&s, "张三")[..2], ["张三".to_string(), "张三丰".to_string()]);
    assert_eq!(names(&s, "zhangsan")[..2], ["张三".to_string(), "张三丰".to_string()]);
}

#[test]
fn phone_digits_match_anywhere_including_the_last_four() {
    let s = book();
    assert_eq!(names(&s, "8000"), ["张三"], "last four digits");
    assert_eq!(names(&s, "0013"), ["张三"], "digits in the middle");
    assert_eq!(names(&s, "138 0013 8000"), ["张三"], "typed with spaces");
    assert_eq!(names(&s, "+86 13800138000"), ["张三"], "with the country code");
}

#[test]
fn email_company_tags_and_notes_are_searchable() {
    let s = book();
    assert_eq!(names(&s, "zhang.san@example")[0], "张三", "email, case-insensitive");
    assert!(names(&s, "华信").contains(&"张三".to_string()), "a person is found by the company name");
    assert!(names(&s, "hxkj").contains(&"华信科技有限公司".to_string()), "organizations by initials");
    assert!(names(&s, "高净值").contains(&"张三".to_string()), "tags");
    assert!(names(&s, "高尔夫").contains(&"张三".to_string()), "notes");
    assert!(names(&s, "wechat").contains(&"张三".to_string()), "notes, case-insensitive");
    assert_eq!(names(&s, "john")[0], "John Smith");
    assert_eq!(names(&s, "smith")[0], "John Smith");
}

#[test]
fn an_edit_updates_the_index_and_nonsense_finds_nothing() {
    let (mut s, _) = store();
    let c = s.create_customer(person("张三")).unwrap();
    let mut edit = c.fields.clone();
    edit.name = "李四".into();
    s.update_customer(&c.id, edit).unwrap();
    assert!(names(&s, "zhangsan").is_empty(), "old keys are gone");
    assert_eq!(names(&s, "ls"), ["李四"]);
    assert!(names(&s, "qqqqxyz").is_empty());
    assert!(names(&s, "").is_empty());
    assert!(names(&s, "\"").is_empty(), "FTS syntax characters are escaped, not errors");
}

#[test]
fn renaming_a_company_refreshes_its_people_in_search() {
    let (mut s, _) = store();
    let o = s.create_customer(org("Globex")).unwrap();
    let mut p = person("Ann Lee");
    p.company_id = Some(o.id.clone());
    s.create_customer(p).unwrap();
    let mut edit = o.fields.clone();
    edit.name = "Initech".into();
    s.update_customer(&o.id, edit).unwrap();
    assert!(names(&s, "initech").contains(&"Ann Lee".to_string()));
    assert!(!names(&s, "globex").contains(&"Ann Lee".to_string()));
}

#[test]
fn name_pinyin_and_initials_matches_rank_above_matches_inside_emails() {
    // Issue 14: "zgf" must find the people whose names read z-g-f before 30 companies whose
    // email happens to contain the letters, and before an email that merely starts with them.
    let (mut s, _) = store();
    for i in 0..30 {
        let mut o = org(&format!("瑞丰电子{i}号股份有限公司"));
        o.emails = vec![point(&format!("info{i}@rfdzgf.com"))];
        s.create_customer(o).unwrap();
    }
    let mut prefix_email = person("Mail Only");
    prefix_email.emails = vec![point("zgf.sales@example.com")];
    s.create_customer(prefix_email).unwrap();
    for n in ["曾国藩", "张国锋", "周国福明"] {
        s.create_customer(person(n)).unwrap();
    }
    let found = names(&s, "zgf");
    let at = |n: &str| found.iter().position(|f| f == n).unwrap_or_else(|| panic!("{n} not found in {found:?}"));
    for person in ["曾国藩", "张国锋", "周国福明"] {
        assert!(at(person) < at("Mail Only"), "{person} reads zgf: above an email prefix ({found:?})");
        assert!(at(person) < at("瑞丰电子0号股份有限公司"), "{person}: above a substring inside an email ({found:?})");
    }
    assert!(at("Mail Only") < at("瑞丰电子0号股份有限公司"), "a prefix of an email still beats text inside one");
    assert!(at("曾国藩") < at("周国福明"), "exact initials before longer initials");
}

//! vCards as real address books write them (Apple Contacts on iOS and macOS, Google Contacts,
//! Outlook, Android), from tests/fixtures/import (written by make_fixtures.py): what each
//! contact becomes — names, phones with their labels, emails, birthdays (lunar too), company.

use std::sync::atomic::AtomicBool;

use super::tests::{by_name, decoded, fingerprint, import, store};
use super::*;
use crate::customers::{Customer, CustomerKind};
use crate::dates::DateSpec;

/// (value, label) of each phone, in the order stored.
fn phones(c: &Customer) -> Vec<(&str, &str)> {
    c.fields.phones.iter().map(|p| (p.value.as_str(), p.label.as_str())).collect()
}

fn emails(c: &Customer) -> Vec<(&str, &str)> {
    c.fields.emails.iter().map(|p| (p.value.as_str(), p.label.as_str())).collect()
}

fn lunar(year: Option<i32>, month: u8, leap: bool, day: u8) -> Option<DateSpec> {
    Some(DateSpec::Lunar { year, month, leap, day })
}

fn gregorian(year: Option<i32>, month: u8, day: u8) -> DateSpec {
    DateSpec::Gregorian { year, month, day }
}

#[test]
fn apple_contacts_with_grouped_labels_photos_and_lunar_birthdays() {
    let mut s = store();
    let r = import(&mut s, "apple_contacts.vcf", DuplicatePolicy::Skip).unwrap();
    assert_eq!((r.created, r.rejected, r.warnings.len()), (4, 0, 0), "{r:?}");
    assert_eq!(r.organizations_created, 1, "华夏银行 is new; 星河传媒 is a card of the same file");

    let wang = by_name(&s, "王小明");
    assert_eq!(wang.company_name.as_deref(), Some("华夏银行"), "ORG's first part is the company");
    assert_eq!(wang.fields.title.as_deref(), Some("客户经理"));
    assert_eq!(
        phones(&wang),
        [
            ("139 1234 5678", "mobile"),
            ("+86 186 0000 1111", "mobile"),
            ("138 0000 2222", "微信"),
            ("010-6552 1234", "work")
        ],
        "item2.X-ABLabel:微信 labels the number of the same group"
    );
    assert_eq!(
        emails(&wang),
        [("xiaoming.wang@example.cn", ""), ("wangxm@huaxia.example.cn", "work")],
        "Apple's _$!<Other>!$_ is no label"
    );
    assert_eq!(wang.fields.addresses[0].value, "中国北京市朝阳区建国路88号 100022");
    assert_eq!(wang.fields.birthday, lunar(Some(1985), 11, false, 1), "007800021101: cycle 78, year 2 = 1985");
    assert_eq!(
        wang.fields.anniversaries[0].date,
        gregorian(Some(1985), 12, 12),
        "the Gregorian BDAY is kept beside it"
    );
    assert_eq!(wang.fields.notes, None, "the base64 photo is not text anywhere");

    let chen = by_name(&s, "陈静");
    assert_eq!(phones(&chen), [("+86 137 1234 5678", "mobile"), ("021-5555 0101", "fax")]);
    assert_eq!(chen.fields.birthday, lunar(Some(1990), 5, true, 3), "0078000705L03 is 闰五月初三 1990");
    assert_eq!(chen.fields.anniversaries[0].date, gregorian(None, 6, 25), "X-APPLE-OMIT-YEAR: no year");
    assert_eq!(chen.fields.notes.as_deref(), Some("大学同学\n喜欢普洱"));

    let olivia = by_name(&s, "Olivia Smith");
    assert_eq!(olivia.fields.birthday, lunar(None, 8, false, 15), "--0815: a lunar birthday without a year");
    assert_eq!(phones(&olivia), [("+1 (415) 555-0142", "main")]);
    assert_eq!(olivia.company_name.as_deref(), Some("星河传媒"));
    let org = by_name(&s, "星河传媒");
    assert_eq!(org.fields.kind, CustomerKind::Organization, "X-ABShowAs:COMPANY");
    assert_eq!(org.members.len(), 1, "Olivia is linked to the company card, not to a second 星河传媒");
}

#[test]
fn google_contacts_vcard_with_custom_labels_and_system_groups() {
    let mut s = store();
    let r = import(&mut s, "google_contacts.vcf", DuplicatePolicy::Skip).unwrap();
    assert_eq!((r.created, r.rejected, r.warnings.len()), (2, 0, 0), "{r:?}");
    let ann = by_name(&s, "Ann Lee");
    assert_eq!(ann.company_name.as_deref(), Some("Acme Corp"));
    assert_eq!(ann.fields.title.as_deref(), Some("Buyer"));
    assert_eq!(
        phones(&ann),
        [("+1 415-555-0100", "mobile"), ("+1 415-555-0199", "work"), ("+86 138 0013 8000", "WeChat")]
    );
    assert_eq!(emails(&ann), [("ann@example.com", "home"), ("ann.lee@acme.example", "work")]);
    assert_eq!(ann.fields.addresses[0].value, "1 Market St, San Francisco, CA, 94105, US");
    assert_eq!(ann.fields.birthday, Some(gregorian(Some(1985), 3, 2)));
    assert_eq!(ann.fields.tags, ["Clients"], "myContacts and starred are Google's system groups, not tags");
    assert_eq!(
        ann.fields.notes.as_deref(),
        Some("Met at the 2023 Canton Fair, booth 12.3\nPrefers email to calls; follow up after Chinese New Year."),
        "a folded NOTE is joined whole"
    );
    let zhang = by_name(&s, "张三");
    assert_eq!(phones(&zhang), [("138-0013-8001", "mobile")]);
    assert_eq!(zhang.fields.birthday, Some(gregorian(None, 8, 15)), "--0815 has no year");
    assert!(zhang.fields.tags.is_empty());
}

#[test]
fn outlook_vcard_21_with_a_base64_photo_and_quoted_printable_label() {
    let mut s = store();
    let r = import(&mut s, "outlook.vcf", DuplicatePolicy::Skip).unwrap();
    assert_eq!((r.created, r.rejected, r.warnings.len()), (1, 0, 0), "{r:?}");
    let li = by_name(&s, "李娜");
    assert_eq!(li.company_name.as_deref(), Some("星辰科技"));
    assert_eq!(li.fields.title.as_deref(), Some("财务总监"));
    assert_eq!(phones(&li), [("010-6552 1234", "work"), ("139 0123 4567", "mobile"), ("010-6552 1299", "fax")]);
    assert_eq!(emails(&li), [("lina@example.cn", "")]);
    assert_eq!(li.fields.addresses.iter().map(|a| a.value.as_str()).collect::<Vec<_>>(), ["中国北京建国路88号 100022"]);
    assert_eq!(li.fields.birthday, Some(gregorian(Some(1990), 8, 15)));
}

#[test]
fn android_vcard_21_quoted_printable_across_soft_breaks() {
    let mut s = store();
    let r = import(&mut s, "android_contacts.vcf", DuplicatePolicy::Skip).unwrap();
    assert_eq!((r.created, r.rejected, r.warnings.len()), (2, 0, 0), "{r:?}");
    let zhao = by_name(&s, "赵敏");
    assert_eq!(zhao.company_name.as_deref(), Some("上海明远贸易有限公司"), "a QP value over a soft line break");
    assert_eq!(zhao.fields.title.as_deref(), Some("采购经理"));
    assert_eq!(phones(&zhao), [("137-1234-5678", "mobile"), ("021-1234 5678", "home")]);
    assert_eq!(emails(&zhao), [("zhaomin@example.cn", "home")]);
    assert_eq!(zhao.fields.birthday, Some(gregorian(Some(1990), 12, 1)));
    assert_eq!(
        zhao.fields.notes.as_deref(),
        Some("喜欢喝茶，周三上午方便见面。上次拜访时提到明年要扩大采购规模，需要跟进报价单和样品寄送的安排。"),
        "seven QP lines make one note"
    );
    let sun = by_name(&s, "孙芳");
    assert_eq!(phones(&sun), [("+8613900002222", "mobile"), ("139 0000 3333", "微信")], "TEL;X-微信 is a custom label");
    assert_eq!(sun.fields.birthday, Some(gregorian(None, 12, 1)));
}

#[test]
fn an_unreadable_birthday_imports_the_contact_with_a_warning() {
    let mut s = store();
    let r = import(&mut s, "bad_dates.vcf", DuplicatePolicy::Skip).unwrap();
    assert_eq!((r.created, r.rejected), (1, 0), "the contact is not lost over its birthday");
    let w: Vec<_> = r.warnings.iter().map(|w| (w.row, w.column.as_deref(), w.value.as_deref())).collect();
    assert_eq!(w, [(1, Some("Birthday"), Some("sometime in may"))], "the warning names row, column and value");
    assert_eq!(by_name(&s, "Ann").fields.birthday, None);
}

#[test]
fn strict_mode_rejects_an_unreadable_birthday_and_writes_nothing() {
    let mut s = store();
    let before = fingerprint(&s);
    let p = prepare_with(&s, decoded("bad_dates.vcf"), None, DuplicatePolicy::Skip, OptionalCells::Reject).unwrap();
    assert_eq!((p.report.rejected, p.report.warnings.len()), (1, 0));
    assert_eq!(p.report.errors[0].value.as_deref(), Some("sometime in may"));
    let err = p.run(&mut s, false, &mut |_| {}, &AtomicBool::new(false)).unwrap_err();
    assert_eq!(err.code(), "import_rejected");
    assert_eq!(fingerprint(&s), before);
}

#[test]
fn a_lunar_birthday_exported_reads_back_through_apples_form() {
    let mut s = store();
    import(&mut s, "apple_contacts.vcf", DuplicatePolicy::Skip).unwrap();
    let chen = by_name(&s, "陈静");
    let card = crate::transfer::export::vcard::card(&chen, false);
    assert!(card.contains("X-ALTBDAY;CALSCALE=chinese:0078000705L03\r\n"), "{card}");
    // Without our own property, Apple's form alone keeps the leap month.
    let apple_only: String = card.lines().filter(|l| !l.starts_with("X-FIELDBOOK")).collect::<Vec<_>>().join("\r\n");
    let mut other = store();
    let d = read("back.vcf", apple_only.as_bytes(), &ReadOptions::default()).unwrap();
    prepare(&other, d, None, DuplicatePolicy::Skip)
        .unwrap()
        .run(&mut other, false, &mut |_| {}, &AtomicBool::new(false))
        .unwrap();
    assert_eq!(by_name(&other, "陈静").fields.birthday, lunar(Some(1990), 5, true, 3));
    let olivia = by_name(&s, "Olivia Smith");
    let card = crate::transfer::export::vcard::card(&olivia, true);
    assert!(card.contains("X-ALTBDAY;CALSCALE=chinese:--0815\r\n"), "a year-less lunar birthday: {card}");
}

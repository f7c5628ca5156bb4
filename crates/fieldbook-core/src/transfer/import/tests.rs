//! Whole imports of the fixture files in tests/fixtures/import against a real (in-memory)
//! store: what lands, what is merged or skipped, and that bad input writes nothing.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::*;
use crate::customers::{CustomerKind, ListScope, Tier};
use crate::dates::DateSpec;

pub(super) fn store() -> Store {
    Store::open_in_memory(Arc::new(crate::clock::SystemClock)).unwrap()
}

pub(super) fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub(super) fn decoded(name: &str) -> Decoded {
    read(name, &fixture(name), &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub(super) fn import(
    store: &mut Store,
    name: &str,
    policy: DuplicatePolicy,
) -> std::result::Result<ImportReport, ImportError> {
    let prepared = prepare(store, decoded(name), None, policy)?;
    prepared.run(store, false, &mut |_| {}, &AtomicBool::new(false))
}

/// Everything a rejected import must leave untouched.
pub(super) fn fingerprint(store: &Store) -> (i64, i64, i64, i64) {
    let count = |table: &str| -> i64 {
        store.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    };
    (store.journal_head().unwrap(), count("customers"), count("contact_points"), count("field_clocks"))
}

pub(super) fn by_name(store: &Store, name: &str) -> crate::customers::Customer {
    let page = store.list_customers(ListScope::Live, 0, 500).unwrap();
    let s = page.items.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no customer {name}"));
    store.customer(&s.id).unwrap()
}

fn live_count(store: &Store) -> u64 {
    store.list_customers(ListScope::Live, 0, 1).unwrap().total
}

#[test]
fn google_contacts_csv_imports_people_with_labels_and_groups() {
    let mut s = store();
    let r = import(&mut s, "google_contacts.csv", DuplicatePolicy::Skip).unwrap();
    assert_eq!((r.created, r.rejected, r.organizations_created), (3, 0, 2), "{r:?}");
    let ann = by_name(&s, "Ann Lee");
    assert_eq!(ann.company_name.as_deref(), Some("Acme Corp"));
    assert_eq!(ann.fields.title.as_deref(), Some("Buyer"));
    assert_eq!(ann.fields.emails.len(), 2);
    assert_eq!(ann.fields.phones.len(), 3, "the ' ::: ' list in Phone 2 holds two numbers");
    assert_eq!(ann.fields.tags, ["Clients"], "Google's system group * myContacts is not a tag");
    assert_eq!(ann.fields.addresses[0].value, "1 Market St, San Francisco, CA 94105, US");
    assert_eq!(ann.fields.birthday, Some(DateSpec::Gregorian { year: Some(1985), month: 3, day: 2 }));
    let zhang = by_name(&s, "张三");
    assert_eq!(zhang.fields.birthday, Some(DateSpec::Gregorian { year: None, month: 8, day: 15 }));
    assert_eq!(zhang.company_name.as_deref(), Some("华为技术"));
}

#[test]
fn outlook_csv_uses_job_title_not_the_honorific_and_skips_the_empty_birthday() {
    let mut s = store();
    let r = import(&mut s, "outlook.csv", DuplicatePolicy::Skip).unwrap();
    assert_eq!((r.created, r.rejected), (2, 0), "{r:?}");
    let david = by_name(&s, "David Miller");
    assert_eq!(david.fields.title.as_deref(), Some("Account Manager"));
    assert_eq!(david.fields.birthday, Some(DateSpec::Gregorian { year: Some(1979), month: 4, day: 1 }));
    assert_eq!(david.fields.tags, ["Golf", "VIP"]);
    let labels: Vec<&str> = david.fields.phones.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["work", "mobile"]);
    assert_eq!(david.fields.emails.len(), 1, "the display name column is not an email");
    let wang = by_name(&s, "Li Wang");
    assert_eq!(wang.fields.birthday, None, "Outlook writes 0/0/00 for no birthday");
    assert_eq!(wang.fields.emails.len(), 2);
}

#[test]
fn gbk_csv_with_chinese_headers_is_detected_and_people_share_one_new_company() {
    let d = decoded("gbk_chinese.csv");
    assert_eq!(d.detected.encoding.as_deref(), Some("gb18030"));
    let mut s = store();
    let r = import(&mut s, "gbk_chinese.csv", DuplicatePolicy::Skip).unwrap();
    assert_eq!((r.created, r.organizations_created), (3, 2), "{r:?}");
    let wang = by_name(&s, "王伟");
    assert_eq!(wang.fields.tier, Some(Tier::Vip));
    assert_eq!(wang.fields.tags, ["重要", "高尔夫"]);
    assert_eq!(wang.fields.phones[1].label, "work", "办公电话 labels its number");
    let li = by_name(&s, "李娜");
    assert_eq!(li.fields.birthday, Some(DateSpec::Lunar { year: None, month: 8, leap: false, day: 15 }));
    assert_eq!(li.fields.company_id, wang.fields.company_id, "both name the same company: one organization");
    let zhao = by_name(&s, "赵敏");
    assert_eq!(
        zhao.fields.birthday,
        Some(DateSpec::Lunar { year: None, month: 12, leap: false, day: 23 }),
        "with both columns filled, the lunar birthday is the one celebrated"
    );
    assert_eq!(zhao.fields.anniversaries[0].label, "公历生日");
    assert_eq!(
        zhao.fields.anniversaries[0].date,
        DateSpec::Gregorian { year: Some(1990), month: 12, day: 1 },
        "the Gregorian birthday is kept, not dropped"
    );
}

#[test]
fn xlsx_with_a_title_row_merged_group_headers_and_serial_dates() {
    let d = decoded("crm_merged_headers.xlsx");
    assert_eq!(d.detected.sheets, ["客户", "供应商"]);
    assert_eq!(d.detected.header_row, 3, "the sub-header row under the merged 联系方式");
    assert_eq!(d.table.headers, ["姓名", "手机", "邮箱", "公司", "生日", "等级", "备注"]);
    let mut s = store();
    let r = import(&mut s, "crm_merged_headers.xlsx", DuplicatePolicy::Skip).unwrap();
    assert_eq!((r.created, r.rejected, r.organizations_created), (3, 0, 1), "{r:?}");
    let qian = by_name(&s, "钱伟");
    assert_eq!(qian.fields.birthday, Some(DateSpec::Gregorian { year: Some(1990), month: 8, day: 15 }));
    assert_eq!(qian.fields.phones[0].value, "13800001111", "a phone stored as a number keeps all digits");
    let sun = by_name(&s, "孙芳");
    assert_eq!(
        sun.fields.birthday,
        Some(DateSpec::Gregorian { year: Some(1980), month: 1, day: 1 }),
        "a date typed as a bare serial number"
    );
}

#[test]
fn a_chosen_sheet_is_read_instead_of_the_first() {
    let d = read(
        "crm_merged_headers.xlsx",
        &fixture("crm_merged_headers.xlsx"),
        &ReadOptions { sheet: Some("供应商".into()), ..Default::default() },
    )
    .unwrap();
    assert_eq!(d.table.headers, ["名称", "电话"]);
    assert_eq!(d.table.rows[0].cells, ["远方供应链", "021-1234567"]);
    let err = read(
        "x.xlsx",
        &fixture("crm_merged_headers.xlsx"),
        &ReadOptions { sheet: Some("nope".into()), ..Default::default() },
    )
    .unwrap_err();
    assert_eq!(err.code(), "sheet_not_found");
}

#[test]
fn vcards_of_every_version_import() {
    let mut s = store();
    for f in ["contacts_v21.vcf", "contacts_v30.vcf", "contacts_v40.vcf", "contacts_apple.vcf"] {
        let r = import(&mut s, f, DuplicatePolicy::Skip).unwrap();
        assert_eq!(r.rejected, 0, "{f}: {r:?}");
    }
    let liu = by_name(&s, "刘洋");
    assert_eq!(liu.fields.notes.as_deref(), Some("第一行\r\n第二行"), "2.1 quoted-printable across a soft break");
    assert_eq!(liu.company_name.as_deref(), Some("明远贸易"));
    assert_eq!(liu.fields.birthday, Some(DateSpec::Gregorian { year: Some(1987), month: 7, day: 4 }));
    assert_eq!(by_name(&s, "John Smith").fields.phones[0].label, "home");
    let sun = by_name(&s, "孙丽");
    assert_eq!(sun.fields.addresses[0].value, "中国北京市朝阳区建国路88号 100022");
    assert_eq!(sun.fields.tags, ["VIP", "投资人"]);
    assert_eq!(sun.fields.notes.as_deref(), Some("约在周三\n上午"));
    let maria = by_name(&s, "Maria Garcia");
    assert_eq!(maria.fields.phones[0].value, "+34-600-123-456");
    assert_eq!(maria.fields.gender, Some(crate::customers::Gender::Female));
    assert_eq!(maria.fields.birthday, Some(DateSpec::Gregorian { year: None, month: 6, day: 12 }));
    assert_eq!(by_name(&s, "Globex Corporation").fields.kind, CustomerKind::Organization);
    let zhou = by_name(&s, "周婷");
    assert_eq!(zhou.fields.birthday, Some(DateSpec::Lunar { year: Some(1991), month: 2, leap: false, day: 10 }));
    assert_eq!(
        zhou.fields.anniversaries[0].date,
        DateSpec::Gregorian { year: None, month: 3, day: 8 },
        "Apple's 1604 means no year"
    );
}

#[test]
fn malformed_files_are_refused_naming_the_row_and_write_nothing() {
    let mut s = store();
    import(&mut s, "outlook.csv", DuplicatePolicy::Skip).unwrap();
    let before = fingerprint(&s);
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("truncated.csv", "csv_unclosed_quote", Some("row 3")),
        ("truncated.vcf", "vcard_unterminated", Some("card 2")),
        ("truncated.xlsx", "spreadsheet_unreadable", None),
        ("not_really.xlsx", "spreadsheet_unreadable", None),
        ("empty.csv", "import_empty", None),
        ("bad_dates.csv", "import_rejected", None),
    ];
    for (file, code, names) in cases {
        let result = read(file, &fixture(file), &ReadOptions::default())
            .map_err(ImportError::from)
            .and_then(|d| prepare(&s, d, None, DuplicatePolicy::Skip).map_err(ImportError::from))
            .and_then(|p| p.run(&mut s, false, &mut |_| {}, &AtomicBool::new(false)));
        let err = result.expect_err(file);
        assert_eq!(err.code(), *code, "{file}: {err}");
        if let Some(n) = names {
            assert!(err.to_string().contains(n), "{file}: the error names {n}: {err}");
        }
        assert_eq!(fingerprint(&s), before, "{file}: a refused import writes nothing");
    }
}

#[test]
fn bad_dates_name_each_row_and_column() {
    let s = store();
    let p = prepare(&s, decoded("bad_dates.csv"), None, DuplicatePolicy::Skip).unwrap();
    let errs: Vec<(usize, Option<&str>, &str)> =
        p.report.errors.iter().map(|e| (e.row, e.column.as_deref(), e.code.as_str())).collect();
    assert_eq!(errs, [(3, Some("等级"), "tier_invalid")], "a bad tier rejects its row");
    let warnings: Vec<(usize, Option<&str>, Option<&str>, &str)> =
        p.report.warnings.iter().map(|e| (e.row, e.column.as_deref(), e.value.as_deref(), e.code.as_str())).collect();
    assert_eq!(
        warnings,
        [(2, Some("生日"), Some("1985-02-30"), "date_impossible")],
        "an impossible birthday is a warning: the row is imported without it"
    );
    let p = prepare(&s, decoded("bad_dates.xlsx"), None, DuplicatePolicy::Skip).unwrap();
    let rows: Vec<usize> = p.report.warnings.iter().map(|e| e.row).collect();
    assert_eq!(rows, [3, 4], "1900-02-29 (serial 60) and 1990-02-30 never existed");
    assert_eq!((p.report.created, p.report.rejected), (3, 0));
    let strict =
        prepare_with(&s, decoded("bad_dates.xlsx"), None, DuplicatePolicy::Skip, OptionalCells::Reject).unwrap();
    assert_eq!(strict.report.errors.iter().map(|e| e.row).collect::<Vec<_>>(), [3, 4], "strict mode rejects them");
}

#[test]
fn forcing_the_wrong_encoding_is_refused_naming_the_row() {
    let err = read(
        "gbk_chinese.csv",
        &fixture("gbk_chinese.csv"),
        &ReadOptions { encoding: Some("utf-8".into()), ..Default::default() },
    )
    .unwrap_err();
    assert_eq!(err.code(), "encoding_mismatch");
    assert!(err.to_string().contains("row 1"), "{err}");
}

#[test]
fn a_ten_megabyte_field_is_a_row_error_not_a_crash() {
    let mut s = store();
    let before = fingerprint(&s);
    let csv = format!("姓名,备注\n张三,\"{}\"\n李四,ok\n", "长".repeat(10 * 1024 * 1024 / 3));
    let d = read("big.csv", csv.as_bytes(), &ReadOptions::default()).unwrap();
    let p = prepare(&s, d, None, DuplicatePolicy::Skip).unwrap();
    assert_eq!(p.report.errors[0].row, 2);
    assert_eq!(p.report.errors[0].code, "text_too_long");
    let err = p.run(&mut s, false, &mut |_| {}, &AtomicBool::new(false)).unwrap_err();
    assert_eq!(err.code(), "import_rejected");
    assert_eq!(fingerprint(&s), before);
}

#[test]
fn skip_invalid_imports_only_the_good_rows() {
    let mut s = store();
    let p = prepare(&s, decoded("bad_dates.csv"), None, DuplicatePolicy::Skip).unwrap();
    let r = p.run(&mut s, true, &mut |_| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!((r.created, r.rejected, r.dry_run), (2, 1, false));
    assert_eq!(live_count(&s), 2, "the row with the impossible birthday is imported without it");
}

#[test]
fn a_dry_run_reports_without_writing() {
    let s = store();
    let before = fingerprint(&s);
    let p = prepare(&s, decoded("gbk_chinese.csv"), None, DuplicatePolicy::Skip).unwrap();
    assert!(p.report.dry_run);
    assert_eq!(p.report.created, 3);
    let preview = p.preview();
    assert_eq!(preview.rows.len(), 3);
    assert_eq!(preview.rows[0].action, RowAction::Create);
    assert_eq!(preview.rows[0].customer.as_ref().unwrap().name, "王伟");
    assert_eq!(preview.rows[0].company.as_deref(), Some("北京华信科技有限公司"));
    assert_eq!(fingerprint(&s), before);
}

fn csv_import(s: &mut Store, text: &str, policy: DuplicatePolicy) -> ImportReport {
    let d = read("t.csv", text.as_bytes(), &ReadOptions::default()).unwrap();
    let p = prepare(s, d, None, policy).unwrap();
    p.run(s, false, &mut |_| {}, &AtomicBool::new(false)).unwrap()
}

const BOOK: &str = "姓名,手机,邮箱,公司,备注\n张三,+86 138-0013-8000,zs@qq.com,华为,老客户\n";

#[test]
fn duplicates_by_phone_email_or_name_and_company_are_skipped() {
    let mut s = store();
    csv_import(&mut s, BOOK, DuplicatePolicy::Skip);
    let before = fingerprint(&s);
    let again = "姓名,手机,邮箱,公司\n张三丰,13800138000,,\n某人,,ZS@QQ.COM,\n张 三,,,华为\n";
    let r = csv_import(&mut s, again, DuplicatePolicy::Skip);
    assert_eq!((r.created, r.skipped), (0, 3), "{r:?}");
    let by: Vec<MatchedBy> = r.duplicates.iter().map(|d| d.matched_by).collect();
    assert_eq!(by, [MatchedBy::Phone, MatchedBy::Email, MatchedBy::NameCompany]);
    assert_eq!(fingerprint(&s), before, "skipping everything changes nothing");
}

#[test]
fn the_report_time_lists_exactly_the_customers_the_import_created_or_merged_into() {
    use crate::clock::ManualClock;
    use crate::segments::SegmentFilter;
    let clock = Arc::new(ManualClock::new("2026-03-01T09:00:00Z".parse().unwrap()));
    let mut s = Store::open_in_memory(clock.clone()).unwrap();
    let first = csv_import(&mut s, "姓名,手机\n张三,13800138000\n王五,13700137000\n", DuplicatePolicy::Skip);
    clock.advance(chrono::Duration::minutes(5));
    let more = "姓名,手机,职位\n张三,13800138000,经理\n李四,13900139000,\n";
    let second = csv_import(&mut s, more, DuplicatePolicy::Merge);
    assert!(first.written_at.is_some() && second.written_at != first.written_at, "each import has its own time");
    let today = "2026-03-01".parse().unwrap();
    let names = |at: &Option<String>| {
        let filter = SegmentFilter { written_at: at.clone(), ..Default::default() };
        let page = s.segment_customers(&filter, today, 0, 100).unwrap();
        let mut names: Vec<String> = page.items.into_iter().map(|c| c.name).collect();
        names.sort();
        names
    };
    // 张三 merged, 李四 created; 王五 belongs to the first import only.
    assert_eq!(names(&second.written_at), ["张三", "李四"]);
    assert_eq!(names(&first.written_at), ["张三", "王五"], "what the first import created, changed since or not");
    let dry =
        prepare(&s, read("t.csv", more.as_bytes(), &ReadOptions::default()).unwrap(), None, DuplicatePolicy::Merge);
    assert_eq!(dry.unwrap().report.written_at, None, "a dry run writes nothing, so it has no time");
    let bad = SegmentFilter { written_at: Some("yesterday".into()), ..Default::default() };
    let err = s.segment_count(&bad, today).unwrap_err();
    assert_eq!(err.code(), "time_invalid", "a time that is not RFC 3339 is refused, naming the field");
}

#[test]
fn merge_fills_empty_fields_adds_contacts_and_keeps_both_notes() {
    let mut s = store();
    csv_import(&mut s, BOOK, DuplicatePolicy::Skip);
    let more = "姓名,手机,电话,职位,备注\n张三,13800138000,010-65521234,经理,喜欢茶\n";
    let r = csv_import(&mut s, more, DuplicatePolicy::Merge);
    assert_eq!((r.created, r.merged, r.updated_customers), (0, 1, 1), "{r:?}");
    let z = by_name(&s, "张三");
    assert_eq!(z.fields.phones.len(), 2, "the same mobile is not added twice; the landline is");
    assert_eq!(z.fields.title.as_deref(), Some("经理"));
    assert_eq!(z.fields.notes.as_deref(), Some("老客户\n\n喜欢茶"));
    assert_eq!(live_count(&s), 2, "张三 and 华为");
}

#[test]
fn a_merge_is_a_journaled_update_of_the_stored_customer() {
    let mut s = store();
    csv_import(&mut s, BOOK, DuplicatePolicy::Skip);
    let before = by_name(&s, "张三");
    let head = s.journal_head().unwrap();
    csv_import(&mut s, "姓名,手机,地区\n张三,13800138000,北京\n", DuplicatePolicy::Merge);
    let after = by_name(&s, "张三");
    assert_eq!(after.id, before.id, "merged into, not replaced");
    assert_eq!(after.created_at, before.created_at);
    assert_eq!(
        after.fields.phones[0].id, before.fields.phones[0].id,
        "the existing phone keeps its identity and history"
    );
    assert_eq!(after.fields.region.as_deref(), Some("北京"));
    let query = crate::store::JournalQuery { entity: None, row_id: Some(before.id.clone()), after_seq: head, limit: 0 };
    let changes = s.journal(&query).unwrap();
    assert!(
        changes.iter().any(|c| c.seq > head && c.row_id == before.id && c.field == "region"),
        "the filled field is stamped and journaled like any edit"
    );
}

#[test]
fn create_anyway_makes_a_second_customer() {
    let mut s = store();
    csv_import(&mut s, BOOK, DuplicatePolicy::Skip);
    let r = csv_import(&mut s, "姓名,手机\n张三,13800138000\n", DuplicatePolicy::Create);
    assert_eq!(r.created, 1);
    assert_eq!(live_count(&s), 3);
}

#[test]
fn duplicates_inside_one_file_merge_into_the_first_row() {
    let mut s = store();
    let text = "姓名,手机,邮箱\n王五,13900001111,\n王五,139 0000 1111,ww@163.com\n";
    let r = csv_import(&mut s, text, DuplicatePolicy::Merge);
    assert_eq!((r.created, r.merged, r.total_rows), (1, 1, 2));
    assert_eq!(r.duplicates[0].earlier_row, Some(2));
    assert_eq!(by_name(&s, "王五").fields.emails[0].value, "ww@163.com");
}

#[test]
fn cancelling_rolls_everything_back() {
    let mut s = store();
    let before = fingerprint(&s);
    let mut text = String::from("Name,Phone\n");
    for i in 0..500 {
        text.push_str(&format!("Person {i},1380000{i:04}\n"));
    }
    let d = read("t.csv", text.as_bytes(), &ReadOptions::default()).unwrap();
    let p = prepare(&s, d, None, DuplicatePolicy::Skip).unwrap();
    let cancel = AtomicBool::new(false);
    let mut seen = Vec::new();
    let err = p
        .run(
            &mut s,
            false,
            &mut |pr| {
                seen.push(pr);
                if pr.done >= 250 {
                    cancel.store(true, Ordering::Relaxed);
                }
            },
            &cancel,
        )
        .unwrap_err();
    assert_eq!(err.code(), "import_cancelled");
    assert!(seen.iter().any(|p| p.done >= 250 && p.total == 500), "progress counts up to the cancel");
    assert_eq!(fingerprint(&s), before, "a cancelled import leaves the store as it was");
}

#[test]
fn progress_reaches_the_total() {
    let mut s = store();
    let d = decoded("gbk_chinese.csv");
    let p = prepare(&s, d, None, DuplicatePolicy::Skip).unwrap();
    let mut last = None;
    p.run(&mut s, false, &mut |pr| last = Some(pr), &AtomicBool::new(false)).unwrap();
    assert_eq!(last, Some(ImportProgress { done: 5, total: 5 }), "3 people + 2 new organizations");
}

#[test]
fn mapping_templates_are_saved_replaced_and_deleted() {
    let mut s = store();
    let t = MappingTemplate {
        name: "CRM".into(),
        columns: vec![ColumnMapping { header: "备用".into(), target: Target::Phone, label: "home".into() }],
    };
    s.save_mapping_template(t.clone()).unwrap();
    let mut t2 = t.clone();
    t2.columns[0].target = Target::Email;
    let all = s.save_mapping_template(t2).unwrap();
    assert_eq!(all.len(), 1, "saving under the same name replaces");
    assert_eq!(s.mapping_templates().unwrap()[0].columns[0].target, Target::Email);
    assert!(s.delete_mapping_template("CRM").unwrap().is_empty());
    assert_eq!(
        s.save_mapping_template(MappingTemplate { name: " ".into(), columns: vec![] }).unwrap_err().code(),
        "name_empty"
    );
}

#[test]
fn a_user_mapping_overrides_the_guess() {
    let mut s = store();
    let d = read("t.csv", "姓名,备用\n张三,13800138000\n".as_bytes(), &ReadOptions::default()).unwrap();
    let mut mapping = mapping::guess_mapping(&d.table.headers);
    assert_eq!(mapping[1].target, Target::Ignore);
    mapping[1].target = Target::Phone;
    let p = prepare(&s, d, Some(mapping), DuplicatePolicy::Skip).unwrap();
    p.run(&mut s, false, &mut |_| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(by_name(&s, "张三").fields.phones[0].value, "13800138000");
}

#[test]
fn json_dumps_are_left_to_the_dump_feature() {
    assert_eq!(Format::detect("x.json", b"{}"), Format::Json);
    assert_eq!(read("x.json", b"{}", &ReadOptions::default()).unwrap_err().code(), "import_json_unsupported");
}

#[test]
fn typed_and_pasted_paths_are_understood() {
    use std::path::{Path, PathBuf};
    let home = Some(Path::new("/home/wang"));
    assert_eq!(typed_path("  '/tmp/a b.csv' ", home), PathBuf::from("/tmp/a b.csv"));
    assert_eq!(typed_path("~/下载/客户.csv", home), PathBuf::from("/home/wang/下载/客户.csv"));
    assert_eq!(
        typed_path("file:///home/wang/%E5%AE%A2%E6%88%B7%20list.csv", home),
        PathBuf::from("/home/wang/客户 list.csv")
    );
    assert_eq!(typed_path("file:///x%2", home), PathBuf::from("/x%2"), "a cut-off escape is kept as typed");
}

#[test]
fn formats_are_detected_from_the_name_or_the_bytes() {
    assert_eq!(Format::detect("a.VCF", b""), Format::Vcard);
    assert_eq!(Format::detect("export", b"\xef\xbb\xbfBEGIN:VCARD\r\n"), Format::Vcard);
    assert_eq!(Format::detect("export", b"PK\x03\x04"), Format::Xlsx);
    assert_eq!(Format::detect("export", b"Name,Phone"), Format::Csv);
}

mod every_row_is_accounted_for {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(60))]
        #[test]
        fn created_merged_skipped_and_rejected_add_up_to_the_rows(
            rows in proptest::collection::vec(("[张李王 ]{0,3}", "(138001380[0-3]|x|)", "[ab]?", "(1990-0[1-2]-[23][09]|)"), 0..25),
            policy in prop_oneof![Just(DuplicatePolicy::Skip), Just(DuplicatePolicy::Merge), Just(DuplicatePolicy::Create)],
        ) {
            let mut text = String::from("姓名,手机,公司,生日\n");
            for (name, phone, company, birthday) in &rows {
                text.push_str(&format!("{name},{phone},{company},{birthday}\n"));
            }
            let mut s = store();
            let d = read("p.csv", text.as_bytes(), &ReadOptions::default()).unwrap();
            let total = d.table.rows.len();
            let p = prepare(&s, d, None, policy).unwrap();
            let r = p.report.clone();
            prop_assert_eq!(r.created + r.merged + r.skipped + r.rejected, total);
            let before = fingerprint(&s);
            match p.run(&mut s, false, &mut |_| {}, &AtomicBool::new(false)) {
                Ok(done) => prop_assert_eq!(live_count(&s) as usize, done.created + done.organizations_created),
                Err(e) => {
                    prop_assert_eq!(e.code(), "import_rejected");
                    prop_assert_eq!(fingerprint(&s), before);
                }
            }
        }
    }
}

mod never_panic {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn parsers_survive_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = csv::decode(&bytes, None);
            let _ = vcard::decode(&bytes);
            let _ = xlsx::decode(&bytes, None);
        }

        #[test]
        fn vcard_like_text_never_panics(body in "(BEGIN:VCARD\n|END:VCARD\n|FN:[a-z=]{0,5}\n|N;ENCODING=QUOTED-PRINTABLE:=E5=[0-9A-F]{0,2}=?\n| [a-z]{0,3}\n|BDAY:[0-9-]{0,10}\n){0,12}") {
            if let Ok(t) = vcard::decode(body.as_bytes()) {
                let s = store();
                let d = Decoded { file: "x.vcf".into(), format: Format::Vcard, table: t, detected: Detected::default() };
                let _ = prepare(&s, d, None, DuplicatePolicy::Merge);
            }
        }
    }
}

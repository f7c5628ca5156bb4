//! One table row through the mapping into a customer as it will be stored, or a row error
//! naming the row, the column and why.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::cells;
use super::mapping::{ColumnMapping, Target};
use super::table::{Row, Table};
use crate::customers::validate::normalize;
use crate::customers::{Anniversary, ContactPoint, CustomerInput, CustomerKind};
use crate::dates::DateSpec;

/// The anniversary label a Gregorian birthday is kept under when a lunar one is the birthday.
pub const GREGORIAN_BIRTHDAY: &str = "公历生日";
use crate::error::CoreError;

/// Why a row cannot be imported — or, as a warning, why one of its optional fields was left
/// out: its 1-based row in the file, the column (header) at fault when one is, the customer
/// field, the cell's value when one is at fault, a stable code and an English message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RowError {
    #[ts(type = "number")]
    pub row: usize,
    pub column: Option<String>,
    pub field: Option<String>,
    /// The cell as the file wrote it (cut to 200 characters). Boxed to keep the error small.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub value: Option<Box<str>>,
    pub code: String,
    pub message: String,
}

/// A cell's value as a row error quotes it: the first 200 characters.
pub fn quoted_value(text: &str) -> Box<str> {
    text.chars().take(200).collect::<String>().into_boxed_str()
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {}", self.row)?;
        if let Some(c) = &self.column {
            write!(f, ", column {c:?}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A row read through the mapping, already validated and tidied.
#[derive(Debug, Clone, PartialEq)]
pub struct MappedRow {
    pub row: usize,
    pub input: CustomerInput,
    /// The company named in the row (resolved to an organization when written).
    pub company: Option<String>,
    /// Optional fields left out because their cells could not be read.
    pub warnings: Vec<RowError>,
}

/// What an unreadable optional cell (a birthday, a lunar birthday, a gender) does to its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OptionalCells {
    /// The row is imported without that field, and the cell is listed as a warning: a
    /// contact is not lost over a birthday an address book wrote oddly.
    #[default]
    Warn,
    /// The row is rejected, as for any other bad cell (strict mode).
    Reject,
}

/// Customer fields (as `normalize` names them) → the column index they came from.
#[derive(Default)]
struct Sources(Vec<(String, usize)>);

impl Sources {
    fn note(&mut self, field: impl Into<String>, column: usize) {
        let field = field.into();
        if !self.0.iter().any(|(f, _)| *f == field) {
            self.0.push((field, column));
        }
    }
    fn column(&self, field: &str) -> Option<usize> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, c)| *c)
    }
}

pub fn map_row(
    table: &Table,
    row: &Row,
    mapping: &[ColumnMapping],
    optional: OptionalCells,
) -> Result<MappedRow, RowError> {
    let fail = |column: usize, field: &str, (code, message): (&'static str, String)| RowError {
        row: row.row,
        column: table.headers.get(column).cloned(),
        field: Some(field.to_string()),
        value: Some(quoted_value(row.cell(column).trim())),
        code: code.to_string(),
        message,
    };
    let mut warnings: Vec<RowError> = Vec::new();
    let mut input = CustomerInput::default();
    let mut sources = Sources::default();
    let (mut name, mut family, mut given, mut notes) = (Vec::new(), String::new(), String::new(), Vec::new());
    let mut company: Option<String> = None;
    let (mut gregorian, mut lunar): (Option<DateSpec>, Option<DateSpec>) = (None, None);
    for (i, m) in mapping.iter().enumerate() {
        let text = row.cell(i).trim();
        if text.is_empty() || m.target == Target::Ignore {
            continue;
        }
        macro_rules! one {
            ($cell:expr, $field:expr) => {
                $cell.map_err(|e| fail(i, $field, e))
            };
        }
        // An optional cell: unreadable, it is a warning and the field stays empty (or a row
        // error in strict mode).
        macro_rules! soft {
            ($cell:expr, $field:expr) => {
                match $cell {
                    Ok(v) => v,
                    Err(e) if optional == OptionalCells::Warn => {
                        warnings.push(fail(i, $field, e));
                        None
                    }
                    Err(e) => return Err(fail(i, $field, e)),
                }
            };
        }
        let set_text = |slot: &mut Option<String>| {
            match slot {
                Some(s) => {
                    s.push(' ');
                    s.push_str(text);
                }
                None => *slot = Some(text.to_string()),
            };
        };
        match m.target {
            Target::Ignore => {}
            Target::Name => {
                sources.note("name", i);
                name.push(text.to_string());
            }
            Target::FamilyName => {
                sources.note("name", i);
                family.push_str(text);
            }
            Target::GivenName => {
                sources.note("name", i);
                given.push_str(text);
            }
            Target::Kind => input.kind = one!(cells::kind(text), "kind")?.unwrap_or(input.kind),
            Target::Gender => input.gender = soft!(cells::gender(text), "gender").or(input.gender),
            Target::Tier => input.tier = one!(cells::tier(text), "tier")?.or(input.tier),
            Target::CustomerType => {
                input.customer_type = one!(cells::customer_type(text), "customer_type")?.or(input.customer_type)
            }
            Target::Birthday | Target::LunarBirthday => {
                sources.note("birthday", i);
                let date = if m.target == Target::Birthday {
                    soft!(cells::date(text, table.spreadsheet_numbers), "birthday")
                } else {
                    soft!(cells::lunar(text), "birthday")
                };
                match date {
                    Some(d @ DateSpec::Lunar { .. }) => lunar = lunar.or(Some(d)),
                    Some(d) => gregorian = gregorian.or(Some(d)),
                    None => {}
                }
            }
            Target::Title => {
                sources.note("title", i);
                set_text(&mut input.title)
            }
            Target::Company => {
                sources.note("company", i);
                set_text(&mut company)
            }
            Target::Source => {
                sources.note("source", i);
                set_text(&mut input.source)
            }
            Target::Owner => {
                sources.note("owner", i);
                set_text(&mut input.owner)
            }
            Target::Region => {
                sources.note("region", i);
                set_text(&mut input.region)
            }
            Target::Interests => {
                sources.note("interests", i);
                set_text(&mut input.interests)
            }
            Target::Notes => {
                sources.note("notes", i);
                notes.push(text.to_string())
            }
            Target::Tags => input.tags.extend(cells::tags(text)),
            Target::Phone => push_points(
                &mut input.phones,
                cells::split(text, cells::PHONE_SEPARATORS),
                m,
                "phones",
                i,
                &mut sources,
            ),
            Target::Email => push_points(
                &mut input.emails,
                cells::split(text, cells::EMAIL_SEPARATORS),
                m,
                "emails",
                i,
                &mut sources,
            ),
            Target::Address => {
                push_points(&mut input.addresses, cells::addresses(text), m, "addresses", i, &mut sources)
            }
        }
    }
    input.name = if !name.is_empty() { name.join(" ") } else { join_name(&family, &given) };
    // One birthday field: a lunar birthday is the one celebrated (and reminded of); a
    // Gregorian one given beside it is kept as an anniversary, not dropped.
    input.birthday = lunar.or(gregorian);
    if let (Some(_), Some(g)) = (lunar, gregorian) {
        input.anniversaries.push(Anniversary { id: None, label: GREGORIAN_BIRTHDAY.into(), date: g });
    }
    if !notes.is_empty() {
        input.notes = Some(notes.join("\n"));
    }
    // A row with only a company is that company.
    if input.name.trim().is_empty() {
        if let Some(c) = company.take() {
            input.name = c;
            input.kind = CustomerKind::Organization;
            if let Some(col) = sources.column("company") {
                sources.note("name", col);
            }
        }
    }
    if input.kind == CustomerKind::Organization {
        company = None;
    }
    let input = normalize(input).map_err(|e| {
        let field = match &e {
            CoreError::Invalid { field, .. } => Some(field.clone()),
            _ => None,
        };
        let column = field.as_deref().and_then(|f| sources.column(f).or_else(|| sources.column(f.split('[').next()?)));
        let column =
            column.or_else(|| (field.as_deref() == Some("name")).then(|| first_name_column(mapping)).flatten());
        RowError {
            row: row.row,
            column: column.and_then(|c| table.headers.get(c).cloned()),
            field,
            value: column.map(|c| quoted_value(row.cell(c).trim())),
            code: e.code().to_string(),
            message: match &e {
                CoreError::Invalid { message, .. } => message.clone(),
                other => other.to_string(),
            },
        }
    })?;
    let company = company.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
    Ok(MappedRow { row: row.row, input, company, warnings })
}

fn first_name_column(mapping: &[ColumnMapping]) -> Option<usize> {
    mapping.iter().position(|m| matches!(m.target, Target::Name | Target::FamilyName | Target::GivenName))
}

fn push_points(
    points: &mut Vec<ContactPoint>,
    values: Vec<String>,
    m: &ColumnMapping,
    field: &str,
    column: usize,
    sources: &mut Sources,
) {
    for value in values {
        sources.note(format!("{field}[{}]", points.len()), column);
        points.push(ContactPoint { id: None, label: m.label.clone(), value });
    }
}

/// Family and given name as the culture writes them: 张 + 三 = 张三; Ann + Lee = "Ann Lee".
fn join_name(family: &str, given: &str) -> String {
    let cjk = family.chars().chain(given.chars()).any(crate::search::index::is_cjk);
    if cjk {
        format!("{family}{given}")
    } else {
        format!("{given} {family}").trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transfer::import::mapping::guess_mapping;

    fn table(headers: &[&str], cells: &[&str]) -> Table {
        Table {
            headers: headers.iter().map(|s| s.to_string()).collect(),
            rows: vec![Row { row: 7, cells: cells.iter().map(|s| s.to_string()).collect() }],
            spreadsheet_numbers: false,
        }
    }

    fn map(t: &Table) -> Result<MappedRow, RowError> {
        map_row(t, &t.rows[0], &guess_mapping(&t.headers), OptionalCells::Reject)
    }

    fn lenient(t: &Table) -> Result<MappedRow, RowError> {
        map_row(t, &t.rows[0], &guess_mapping(&t.headers), OptionalCells::Warn)
    }

    #[test]
    fn a_chinese_row_becomes_a_tidy_customer() {
        let t = table(
            &["姓名", "手机", "邮箱", "公司", "生日", "等级", "标签", "备注"],
            &[
                " 张三 ",
                "138 0013 8000；139-1111-2222",
                "ZS@qq.com",
                "华为",
                "1990/8/15",
                "A级",
                "朋友、高尔夫",
                "老客户",
            ],
        );
        let m = map(&t).unwrap();
        assert_eq!(m.input.name, "张三");
        assert_eq!(
            m.input.phones.iter().map(|p| p.value.as_str()).collect::<Vec<_>>(),
            ["138 0013 8000", "139-1111-2222"]
        );
        assert_eq!(m.input.phones[0].label, "mobile", "the 手机 header labels its numbers");
        assert_eq!(m.input.emails[0].value, "ZS@qq.com");
        assert_eq!(m.company.as_deref(), Some("华为"));
        assert_eq!(m.input.tags, ["朋友", "高尔夫"]);
        assert_eq!(m.input.notes.as_deref(), Some("老客户"));
        assert_eq!(m.input.tier, Some(crate::customers::Tier::A));
    }

    #[test]
    fn family_and_given_names_join_by_script() {
        assert_eq!(join_name("张", "三"), "张三");
        assert_eq!(join_name("Lee", "Ann"), "Ann Lee");
        let t = table(&["First Name", "Last Name"], &["Ann", "Lee"]);
        assert_eq!(map(&t).unwrap().input.name, "Ann Lee");
    }

    #[test]
    fn a_row_with_only_a_company_becomes_that_organization() {
        let t = table(&["姓名", "公司"], &["", "腾讯"]);
        let m = map(&t).unwrap();
        assert_eq!((m.input.name.as_str(), m.input.kind), ("腾讯", CustomerKind::Organization));
        assert_eq!(m.company, None);
    }

    #[test]
    fn errors_name_the_row_the_column_and_the_reason() {
        let t = table(&["姓名", "生日"], &["张三", "1990-02-30"]);
        let e = map(&t).unwrap_err();
        assert_eq!((e.row, e.column.as_deref(), e.code.as_str()), (7, Some("生日"), "date_impossible"));
        let t = table(&["姓名", "手机", "电话"], &["张三", "13800138000", "call me"]);
        let e = map(&t).unwrap_err();
        assert_eq!((e.column.as_deref(), e.code.as_str()), (Some("电话"), "phone_invalid"), "{e}");
        let t = table(&["姓名", "邮箱"], &["", "a@b.cn"]);
        let e = map(&t).unwrap_err();
        assert_eq!((e.column.as_deref(), e.code.as_str()), (Some("姓名"), "name_empty"));
        assert_eq!(e.to_string(), "row 7, column \"姓名\": name must not be empty");
    }

    #[test]
    fn an_unreadable_birthday_is_a_warning_and_the_contact_is_kept() {
        let t = table(
            &["姓名", "手机", "生日", "农历生日", "性别"],
            &["张三", "13800138000", "1990-02-30", "八月十五", "x7"],
        );
        let m = lenient(&t).unwrap();
        assert_eq!(m.input.name, "张三");
        assert_eq!(m.input.phones.len(), 1, "the rest of the row is imported");
        assert_eq!(
            m.input.birthday,
            Some(DateSpec::Lunar { year: None, month: 8, leap: false, day: 15 }),
            "the readable lunar birthday stays; the impossible Gregorian one is left out"
        );
        assert!(m.input.anniversaries.is_empty(), "no Gregorian birthday is kept beside it");
        assert_eq!(m.input.gender, None);
        let w: Vec<_> =
            m.warnings.iter().map(|w| (w.row, w.column.as_deref(), w.value.as_deref(), w.code.as_str())).collect();
        assert_eq!(
            w,
            [(7, Some("生日"), Some("1990-02-30"), "date_impossible"), (7, Some("性别"), Some("x7"), "gender_invalid")],
            "each warning names the row, the column and the value"
        );
        let e = map(&t).unwrap_err();
        assert_eq!((e.column.as_deref(), e.value.as_deref()), (Some("生日"), Some("1990-02-30")), "strict rejects");
    }

    #[test]
    fn a_bad_cell_of_a_required_kind_still_rejects_the_row() {
        let t = table(&["姓名", "等级", "生日"], &["张三", "Z级", "1990-02-30"]);
        let e = lenient(&t).unwrap_err();
        assert_eq!((e.column.as_deref(), e.code.as_str()), (Some("等级"), "tier_invalid"));
    }

    #[test]
    fn a_ten_megabyte_note_is_rejected_not_stored() {
        let big = "x".repeat(10 * 1024 * 1024);
        let t = table(&["姓名", "备注"], &["张三", &big]);
        let e = map(&t).unwrap_err();
        assert_eq!((e.column.as_deref(), e.code.as_str()), (Some("备注"), "text_too_long"));
    }
}

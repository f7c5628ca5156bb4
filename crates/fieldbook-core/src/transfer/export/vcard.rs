//! vCard 3.0 (RFC 2426) and 4.0 (RFC 6350): CRLF lines folded at 75 octets (never inside a
//! UTF-8 character), text escaped (`\\ \, \; \n`).
//!
//! A lunar birthday has no standard property: we write Apple's
//! `X-ALTBDAY;CALSCALE=chinese:CCCCYYYYMM[L]DD` (cycle, year of the cycle, month, `L` for a leap
//! month, day; see `transfer::altbday`), which Apple Contacts shows as the lunar birthday, plus
//! `X-FIELDBOOK-LUNAR-BIRTHDAY` in our `[YYYY-]MM-DD` / `L`-for-leap form, which other readers
//! of X-ALTBDAY may not understand.
//! A Gregorian birthday without a year is `--MMDD` in 4.0; 3.0 has no such form, so it is
//! written Apple's way, a placeholder year 1604 flagged by `X-APPLE-OMIT-YEAR`.

use super::lunar_text;
use crate::customers::{ContactPoint, Customer, CustomerKind, Gender};
use crate::dates::DateSpec;
use crate::transfer::altbday;

/// The longest line, in octets, before folding (RFC 6350 §3.2, RFC 2425 §5.8.1).
const FOLD_AT: usize = 75;

/// One customer as a vCard (3.0, or 4.0 if `v4`), CRLF-terminated.
pub fn card(c: &Customer, v4: bool) -> String {
    let f = &c.fields;
    let mut out = String::new();
    let mut line = |name: &str, params: &str, value: &str| fold(&format!("{name}{params}:{value}"), &mut out);
    line("BEGIN", "", "VCARD");
    line("VERSION", "", if v4 { "4.0" } else { "3.0" });
    let org = f.kind == CustomerKind::Organization;
    if v4 {
        line("KIND", "", if org { "org" } else { "individual" });
    }
    line("FN", "", &escape(&f.name));
    if org {
        if !v4 {
            line("N", "", ";;;;");
        }
        line("ORG", "", &escape(&f.name));
        if !v4 {
            // vCard 3 has no KIND: Apple's mark for a company card, which readers (ours
            // included) take as an organization rather than a person named like the company.
            line("X-ABSHOWAS", "", "COMPANY");
        }
    } else {
        let (family, given) = split_name(&f.name);
        line("N", "", &format!("{};{};;;", escape(family), escape(given)));
        if let Some(company) = &c.company_name {
            line("ORG", "", &escape(company));
        }
    }
    if let Some(t) = &f.title {
        line("TITLE", "", &escape(t));
    }
    if let Some(g) = f.gender {
        let code = match g {
            Gender::Male => "M",
            Gender::Female => "F",
            Gender::Other => "O",
        };
        if v4 {
            line("GENDER", "", code);
        } else {
            line("X-GENDER", "", code);
        }
    }
    for p in &f.phones {
        line("TEL", &type_param(p, v4, "voice"), &escape(p.value.trim()));
    }
    for p in &f.emails {
        let base = if v4 { "" } else { "internet" };
        line("EMAIL", &type_param(p, v4, base), &escape(p.value.trim()));
    }
    for p in &f.addresses {
        // The whole address in the street component: we keep it as one line of text.
        line("ADR", &type_param(p, v4, ""), &format!(";;{};;;;", escape(&p.value)));
    }
    match &f.birthday {
        Some(DateSpec::Gregorian { year, month, day }) => match (year, v4) {
            (Some(y), true) => line("BDAY", "", &format!("{y:04}{month:02}{day:02}")),
            (Some(y), false) => line("BDAY", "", &format!("{y:04}-{month:02}-{day:02}")),
            (None, true) => line("BDAY", "", &format!("--{month:02}{day:02}")),
            (None, false) => line("BDAY", ";X-APPLE-OMIT-YEAR=1604", &format!("1604-{month:02}-{day:02}")),
        },
        Some(d @ DateSpec::Lunar { year, month, leap, day }) => {
            // Apple's form, so an iPhone or Mac shows the lunar birthday after import.
            line("X-ALTBDAY", ";CALSCALE=chinese", &altbday::format(*year, *month, *leap, *day));
            line("X-FIELDBOOK-LUNAR-BIRTHDAY", "", &lunar_text(d).unwrap_or_default());
        }
        None => {}
    }
    if !f.tags.is_empty() {
        line("CATEGORIES", "", &f.tags.iter().map(|t| escape(t)).collect::<Vec<_>>().join(","));
    }
    if let Some(n) = &f.notes {
        line("NOTE", "", &escape(n));
    }
    for (name, value) in [
        ("X-FIELDBOOK-TIER", f.tier.map(|t| t.as_str().to_string())),
        ("X-FIELDBOOK-REGION", f.region.clone()),
        ("X-FIELDBOOK-SOURCE", f.source.clone()),
        ("X-FIELDBOOK-OWNER", f.owner.clone()),
    ] {
        if let Some(v) = value {
            line(name, "", &escape(&v));
        }
    }
    if v4 {
        line("UID", "", &format!("urn:uuid:{}", c.id));
    } else {
        line("UID", "", &c.id);
    }
    line("END", "", "VCARD");
    out
}

/// A person's family and given name: the last word is the family name in a Latin name
/// ("John Smith"), the first character (two for a compound surname) in a Chinese one.
fn split_name(name: &str) -> (&str, &str) {
    let name = name.trim();
    if let Some((given, family)) = name.rsplit_once(char::is_whitespace) {
        if !name.chars().any(is_han) {
            return (family.trim(), given.trim());
        }
    }
    if name.chars().next().is_some_and(is_han) {
        let compound = crate::search::keys::compound_surname_len(name);
        let at = name.char_indices().nth(compound.max(1)).map(|(i, _)| i).unwrap_or(name.len());
        return (name[..at].trim(), name[at..].trim());
    }
    ("", name)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// `;TYPE=…` from a label: common labels in English or Chinese become the standard types.
fn type_param(p: &ContactPoint, v4: bool, base: &str) -> String {
    let label = p.label.trim().to_lowercase();
    let standard = match label.as_str() {
        "mobile" | "cell" | "手机" | "移动电话" => Some("cell"),
        "work" | "office" | "工作" | "公司" | "单位" | "办公" => Some("work"),
        // A personal address or number is the vCard "home" one.
        "home" | "personal" | "家" | "家庭" | "住宅" | "家里" | "私人" | "个人" => Some("home"),
        "fax" | "传真" => Some("fax"),
        _ => None,
    };
    let mut types: Vec<String> = Vec::new();
    if !base.is_empty() && !v4 {
        types.push(base.to_string());
    }
    match standard {
        Some(t) => types.push(t.to_string()),
        // Another label travels as it is, quoted (a quoted-string may hold any text but ").
        None if !label.is_empty() => types.push(format!("\"{}\"", p.label.trim().replace(['"', '\r', '\n'], ""))),
        None => {}
    }
    if types.is_empty() {
        return String::new();
    }
    // vCard 3 spells the standard types in capitals; a quoted label keeps its own spelling.
    let types: Vec<String> =
        types.into_iter().map(|t| if v4 || t.starts_with('"') { t } else { t.to_uppercase() }).collect();
    format!(";TYPE={}", types.join(","))
}

/// Escape a text value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Append `line` folded at 75 octets, each continuation starting with one space.
pub fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        let len = ch.len_utf8();
        if width + len > FOLD_AT {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += len;
    }
    out.push_str("\r\n");
}

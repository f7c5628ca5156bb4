//! vCard 2.1, 3.0 and 4.0, as phones, Google, Outlook and Apple Contacts write them: folded
//! lines, 2.1's quoted-printable with soft line breaks and CHARSET, bare 2.1 type params,
//! Apple's year-less BDAY (year 1604 / X-APPLE-OMIT-YEAR) and X-ALTBDAY;CALSCALE=chinese lunar
//! birthdays. Each card becomes one row; repeated properties are joined with newlines.

use super::table::{Row, Table};
use super::vcard_lines::{components, logical_lines, unescape, Property};
use crate::error::{CoreError, Result};

pub const NAME: &str = "Name";
pub const FAMILY: &str = "Family name";
pub const GIVEN: &str = "Given name";
pub const KIND: &str = "Kind";
pub const ORG: &str = "Organization";
pub const TITLE: &str = "Title";
pub const GENDER: &str = "Gender";
pub const BIRTHDAY: &str = "Birthday";
pub const LUNAR: &str = "Lunar birthday";
pub const NOTES: &str = "Notes";
pub const CATEGORIES: &str = "Categories";

/// Fixed columns first, in this order; phone/email/address columns per label follow.
const FIXED: [&str; 9] = [NAME, FAMILY, GIVEN, KIND, ORG, TITLE, GENDER, BIRTHDAY, LUNAR];

#[derive(Default)]
struct Card {
    number: usize,
    cells: Vec<(String, String)>,
}

impl Card {
    fn has(&self, header: &str) -> bool {
        self.cells.iter().any(|(h, _)| h == header)
    }

    /// Replace a cell's value (a more precise property wins over a lossy one).
    fn set(&mut self, header: &str, value: String) {
        self.cells.retain(|(h, _)| h != header);
        self.add(header, value, "");
    }

    fn add(&mut self, header: impl Into<String>, value: String, joiner: &str) {
        let header = header.into();
        let value = value.trim().to_string();
        if value.is_empty() {
            return;
        }
        match self.cells.iter_mut().find(|(h, _)| *h == header) {
            Some((_, v)) => {
                v.push_str(joiner);
                v.push_str(&value);
            }
            None => self.cells.push((header, value)),
        }
    }
}

pub fn decode(bytes: &[u8]) -> Result<Table> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut cards: Vec<Card> = Vec::new();
    let mut open: Option<(usize, Card, Vec<Property>)> = None;
    for (line_no, line) in logical_lines(bytes) {
        let Some(prop) = Property::parse(&line) else { continue };
        match prop.name.as_str() {
            "BEGIN" if prop.raw_value.trim_ascii().eq_ignore_ascii_case(b"VCARD") => {
                if let Some((start, _, _)) = open {
                    return Err(unterminated(cards.len() + 1, start));
                }
                open = Some((line_no, Card { number: cards.len() + 1, ..Card::default() }, Vec::new()));
            }
            "END" if prop.raw_value.trim_ascii().eq_ignore_ascii_case(b"VCARD") => match open.take() {
                Some((_, mut card, props)) => {
                    fill(&mut card, &props);
                    cards.push(card)
                }
                None => {
                    return Err(CoreError::invalid(
                        format!("row {}", cards.len() + 1),
                        "vcard_malformed",
                        format!("line {line_no}: END:VCARD without a BEGIN:VCARD"),
                    ))
                }
            },
            _ => {
                if let Some((_, _, props)) = open.as_mut() {
                    props.push(prop);
                }
            }
        }
    }
    if let Some((start, card, _)) = open {
        return Err(unterminated(card.number, start));
    }
    if cards.is_empty() {
        return Err(CoreError::invalid("file", "import_empty", "the file holds no vCards (BEGIN:VCARD … END:VCARD)"));
    }
    let mut headers: Vec<String> = FIXED.iter().map(|s| s.to_string()).collect();
    let mut dynamic: Vec<String> = Vec::new();
    for card in &cards {
        for (h, _) in &card.cells {
            if !headers.contains(h) && !dynamic.contains(h) && h != NOTES && h != CATEGORIES {
                dynamic.push(h.clone());
            }
        }
    }
    dynamic.sort_by_key(|h| ["Phone", "Email", "Address"].iter().position(|p| h.starts_with(p)).unwrap_or(3));
    headers.extend(dynamic);
    headers.push(NOTES.into());
    headers.push(CATEGORIES.into());
    let rows = cards
        .into_iter()
        .map(|card| Row {
            row: card.number,
            cells: headers
                .iter()
                .map(|h| card.cells.iter().find(|(ch, _)| ch == h).map(|(_, v)| v.clone()).unwrap_or_default())
                .collect(),
        })
        .collect();
    Ok(Table { headers, rows, spreadsheet_numbers: false })
}

fn unterminated(card: usize, line: usize) -> CoreError {
    CoreError::invalid(
        format!("row {card}"),
        "vcard_unterminated",
        format!("card {card} (line {line}) has no END:VCARD (is the file cut short?)"),
    )
}

/// A card's properties into its cells. Apple ties a label to a property by a group:
/// `item2.TEL:…` with `item2.X-ABLabel:微信` (a custom label) or `_$!<Mobile>!$_` (a standard
/// one); the label may come before or after the property, so the card is read whole first.
fn fill(card: &mut Card, props: &[Property]) {
    let group_label = |group: &Option<String>| -> Option<String> {
        let g = group.as_ref()?;
        let p = props.iter().find(|p| p.name == "X-ABLABEL" && p.group.as_ref() == Some(g))?;
        Some(apple_label(&unescape(&p.text()?)))
    };
    for prop in props {
        apply(card, prop, group_label(&prop.group));
    }
}

/// An X-ABLabel as our label: Apple's standard ones (`_$!<HomeFAX>!$_`) by meaning, a custom
/// one as written. "Other" is no label.
fn apple_label(raw: &str) -> String {
    let raw = raw.trim();
    let Some(name) = raw.strip_prefix("_$!<").and_then(|r| r.strip_suffix(">!$_")) else {
        return raw.to_string();
    };
    let lower = name.to_ascii_lowercase();
    let types: Vec<String> = if lower.ends_with("fax") { vec!["fax".into()] } else { vec![lower.clone()] };
    match label(&types) {
        "" if lower == "other" => String::new(),
        "" => lower,
        known => known.to_string(),
    }
}

fn label(types: &[String]) -> &'static str {
    let has = |names: &[&str]| types.iter().any(|t| names.contains(&t.as_str()));
    if has(&["fax"]) {
        "fax"
    } else if has(&["cell", "mobile", "iphone"]) {
        "mobile"
    } else if has(&["work"]) {
        "work"
    } else if has(&["home"]) {
        "home"
    } else {
        ""
    }
}

fn labelled(base: &str, label: &str) -> String {
    if label.is_empty() {
        base.to_string()
    } else {
        format!("{base} ({label})")
    }
}

fn apply(card: &mut Card, prop: &Property, group_label: Option<String>) {
    let Some(text) = prop.text() else { return };
    let types = prop.types();
    // A custom label: Apple's grouped X-ABLabel, or Android's `TEL;X-微信:` type.
    let custom = || types.iter().find_map(|t| t.strip_prefix("x-")).map(str::to_string);
    let point_label = group_label.unwrap_or_else(|| match label(&types) {
        "" => custom().unwrap_or_default(),
        known => known.to_string(),
    });
    match prop.name.as_str() {
        "FN" => card.add(NAME, unescape(&text), " "),
        "N" => {
            let c = components(&text);
            card.add(FAMILY, c.first().cloned().unwrap_or_default(), " ");
            card.add(GIVEN, c.get(1).cloned().unwrap_or_default(), " ");
        }
        "ORG" => card.add(ORG, components(&text).into_iter().next().unwrap_or_default(), " "),
        "TITLE" => card.add(TITLE, unescape(&text), "; "),
        "KIND" if matches!(text.trim().to_ascii_lowercase().as_str(), "org" | "organization") => {
            card.add(KIND, "organization".into(), "")
        }
        "X-ABSHOWAS" if text.trim().eq_ignore_ascii_case("COMPANY") => card.add(KIND, "organization".into(), ""),
        // GENDER is vCard 4; vCard 3 writers (ours, Evolution) use X-GENDER.
        "GENDER" | "X-GENDER" => card.add(GENDER, components(&text).into_iter().next().unwrap_or_default(), ""),
        "TEL" => {
            let v = unescape(&text);
            let v = v.trim().strip_prefix("tel:").unwrap_or(v.trim()).to_string();
            card.add(labelled("Phone", &point_label), v, "\n")
        }
        "EMAIL" => card.add(labelled("Email", &point_label), unescape(&text), "\n"),
        "ADR" => card.add(labelled("Address", &point_label), format_address(&components(&text)), " ::: "),
        "BDAY" => card.add(BIRTHDAY, birthday(&text, prop.param("X-APPLE-OMIT-YEAR")), ""),
        "X-ALTBDAY" if prop.param("CALSCALE").is_some_and(|c| c.eq_ignore_ascii_case("chinese")) => {
            let leap = prop.param("X-IS-LEAP-MONTH").is_some_and(|v| v.eq_ignore_ascii_case("true"));
            if !card.has(LUNAR) {
                card.add(LUNAR, lunar_birthday(&text, leap), "")
            }
        }
        // Fieldbook's own export: the lunar birthday with its leap flag, and fields vCard lacks.
        "X-FIELDBOOK-LUNAR-BIRTHDAY" => card.set(LUNAR, unescape(&text)),
        "X-FIELDBOOK-TIER" => card.add("Tier", unescape(&text), ""),
        "X-FIELDBOOK-REGION" => card.add("Region", unescape(&text), " "),
        "X-FIELDBOOK-SOURCE" => card.add("Source", unescape(&text), " "),
        "X-FIELDBOOK-OWNER" => card.add("Owner", unescape(&text), " "),
        "NOTE" => card.add(NOTES, unescape(&text), "\n\n"),
        "CATEGORIES" => {
            // Google's export names its system groups here ("myContacts", "starred"): not tags.
            let tags: Vec<String> = text
                .replace("\\,", "\u{1f}")
                .split(',')
                .map(|t| t.replace('\u{1f}', ",").trim().to_string())
                .filter(|t| !t.eq_ignore_ascii_case("mycontacts") && !t.eq_ignore_ascii_case("starred"))
                .collect();
            card.add(CATEGORIES, tags.join("\n"), "\n")
        }
        _ => {}
    }
}

/// ADR parts are PO box; extended; street; locality; region; postal code; country. A Chinese
/// address reads largest first with no separators; others read street first.
fn format_address(c: &[String]) -> String {
    let part = |i: usize| c.get(i).map(|s| s.replace('\n', " ")).unwrap_or_default();
    let cjk = c.iter().any(|s| s.chars().any(crate::search::index::is_cjk));
    let parts: Vec<String> = if cjk {
        [6, 4, 3, 2, 1, 0].iter().map(|&i| part(i)).filter(|s| !s.is_empty()).collect()
    } else {
        [0, 1, 2, 3, 4, 5, 6].iter().map(|&i| part(i)).filter(|s| !s.is_empty()).collect()
    };
    if cjk {
        let mut s = parts.concat();
        if let Some(code) = c.get(5).filter(|s| !s.is_empty()) {
            s.push_str(&format!(" {code}"));
        }
        s
    } else {
        parts.join(", ")
    }
}

/// BDAY as `YYYY-MM-DD` or `--MM-DD`. Forms: 1990-08-15, 19900815, 1990-08-15T00:00:00Z,
/// --0815 / --08-15 (4.0 without a year), and Apple's year-less 1604-08-15 (also when named
/// by X-APPLE-OMIT-YEAR). Anything else is passed on as written, for the mapping to reject
/// with the row and column named.
fn birthday(text: &str, omit_year: Option<&str>) -> String {
    let v = text.trim();
    let date = v.split('T').next().unwrap_or(v);
    let Some((year, month, day)) = ymd(date) else { return v.to_string() };
    let year = year.filter(|y| Some(y.as_str()) != omit_year && y != "1604");
    match year {
        Some(y) => format!("{y}-{month}-{day}"),
        None => format!("--{month}-{day}"),
    }
}

fn ymd(date: &str) -> Option<(Option<String>, String, String)> {
    let digits: String = date.chars().filter(|c| *c != '-').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if date.starts_with("--") && digits.len() == 4 {
        return Some((None, digits[..2].into(), digits[2..].into()));
    }
    (digits.len() == 8).then(|| (Some(digits[..4].to_string()), digits[4..6].to_string(), digits[6..].to_string()))
}

/// X-ALTBDAY;CALSCALE=chinese as the lunar form `[YYYY-][L]MM-DD`. Apple's own form
/// (`CCCCYYYYMM[L]DD`, `--MM[L]DD` without a year; see `transfer::altbday`) first; then the
/// forms other writers (and Fieldbook before it wrote Apple's) use: `1990-08-15`, `19900815`,
/// `--08-15`, a leap month marked by an `L` before the month or the X-IS-LEAP-MONTH=true
/// parameter. Years below 1000 in those forms are cycle years, not Gregorian-numbered lunar
/// years, and are dropped.
fn lunar_birthday(text: &str, leap_param: bool) -> String {
    let v = text.trim();
    if let Some((year, month, leap, day)) = crate::transfer::altbday::parse(v) {
        let month = if leap || leap_param { format!("L{month:02}") } else { format!("{month:02}") };
        return match year {
            Some(y) => format!("{y}-{month}-{day:02}"),
            None => format!("{month}-{day:02}"),
        };
    }
    let leap = leap_param || v.contains(['L', 'l']);
    let plain: String = v.chars().filter(|c| !matches!(c, 'L' | 'l')).collect();
    let Some((year, month, day)) = ymd(plain.split('T').next().unwrap_or(&plain)) else { return v.to_string() };
    let month = if leap { format!("L{month}") } else { month };
    match year.filter(|y| y.parse::<i32>().is_ok_and(|y| y >= 1000)) {
        Some(y) => format!("{y}-{month}-{day}"),
        None => format!("{month}-{day}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell<'a>(t: &'a Table, row: usize, header: &str) -> &'a str {
        let i =
            t.headers.iter().position(|h| h == header).unwrap_or_else(|| panic!("no column {header}: {:?}", t.headers));
        t.rows[row].cell(i)
    }

    #[test]
    fn vcard_21_quoted_printable_with_soft_breaks_and_charset_decodes_to_chinese() {
        let v = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=B8=\r\n=89;;;\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0=E4=B8=89\r\nTEL;CELL;VOICE:13800138000\r\nTEL;WORK:010-65521234\r\nEND:VCARD\r\n";
        let t = decode(v).unwrap();
        assert_eq!(cell(&t, 0, NAME), "张三");
        assert_eq!(cell(&t, 0, FAMILY), "张");
        assert_eq!(cell(&t, 0, GIVEN), "三", "the soft line break inside the QP value is joined");
        assert_eq!(cell(&t, 0, "Phone (mobile)"), "13800138000");
        assert_eq!(cell(&t, 0, "Phone (work)"), "010-65521234");
    }

    #[test]
    fn vcard_30_folded_lines_escapes_and_categories() {
        let v = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nORG:Acme\\, Inc.;Sales\nNOTE:first line\\nsecond\n  line\nCATEGORIES:VIP,Golf\nEMAIL;TYPE=INTERNET,WORK:ann@acme.com\nEMAIL;TYPE=INTERNET,WORK:ann.lee@acme.com\nEND:VCARD\n";
        let t = decode(v.as_bytes()).unwrap();
        assert_eq!(cell(&t, 0, ORG), "Acme, Inc.");
        assert_eq!(cell(&t, 0, NOTES), "first line\nsecond line");
        assert_eq!(cell(&t, 0, CATEGORIES), "VIP\nGolf");
        assert_eq!(cell(&t, 0, "Email (work)"), "ann@acme.com\nann.lee@acme.com");
    }

    #[test]
    fn apple_and_vcard4_birthday_forms_without_a_year() {
        assert_eq!(birthday("1604-08-15", None), "--08-15", "Apple's placeholder year");
        assert_eq!(birthday("1980-08-15", Some("1980")), "--08-15");
        assert_eq!(birthday("--0815", None), "--08-15");
        assert_eq!(birthday("19900815", None), "1990-08-15");
        assert_eq!(birthday("1990-08-15T00:00:00Z", None), "1990-08-15");
        assert_eq!(birthday("soon", None), "soon", "left for the mapping to reject");
    }

    #[test]
    fn chinese_lunar_birthdays_from_altbday() {
        let v = "BEGIN:VCARD\nVERSION:3.0\nFN:李四\nX-ALTBDAY;CALSCALE=chinese:1990-08-15\nEND:VCARD\nBEGIN:VCARD\nVERSION:4.0\nFN:王五\nX-ALTBDAY;CALSCALE=chinese;X-IS-LEAP-MONTH=true:2023-02-10\nEND:VCARD\n";
        let t = decode(v.as_bytes()).unwrap();
        assert_eq!(cell(&t, 0, LUNAR), "1990-08-15");
        assert_eq!(cell(&t, 1, LUNAR), "2023-L02-10");
        assert_eq!(lunar_birthday("0040-08-15", false), "08-15", "a cycle year is not a Gregorian-numbered one");
    }

    #[test]
    fn apples_cycle_form_of_a_lunar_birthday() {
        assert_eq!(lunar_birthday("007800021101", false), "1985-11-01", "Apple's example: 1985 (乙丑) 十一月初一");
        assert_eq!(lunar_birthday("0078004002L10", false), "2023-L02-10", "the L before the day marks 闰二月");
        assert_eq!(lunar_birthday("--0815", false), "08-15", "no era, no year");
        assert_eq!(lunar_birthday("--04L08", false), "L04-08");
        assert_eq!(lunar_birthday("007800021101", true), "1985-L11-01", "X-IS-LEAP-MONTH=true still counts");
        assert_eq!(lunar_birthday("--08-15", false), "08-15", "Fieldbook's older year-less vCard 3 form");
        assert_eq!(lunar_birthday("007800991101", false), "007800991101", "year 99 of a cycle: left to be rejected");
    }

    #[test]
    fn fieldbooks_own_vcard_export_reads_back_with_the_leap_month_and_tier() {
        let v = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张三\r\nX-ALTBDAY;CALSCALE=chinese:1984-10-15\r\nX-FIELDBOOK-LUNAR-BIRTHDAY:1984-L10-15\r\nX-FIELDBOOK-TIER:VIP\r\nX-FIELDBOOK-REGION:北京\r\nEND:VCARD\r\n";
        let t = decode(v.as_bytes()).unwrap();
        assert_eq!(cell(&t, 0, LUNAR), "1984-L10-15", "our own property keeps the leap flag X-ALTBDAY loses");
        assert_eq!(cell(&t, 0, "Tier"), "VIP");
        assert_eq!(cell(&t, 0, "Region"), "北京");
        let headers = t.headers.clone();
        let mapping = crate::transfer::import::mapping::guess_mapping(&headers);
        let targets: Vec<_> =
            ["Tier", "Region"].iter().map(|h| mapping[headers.iter().position(|x| x == h).unwrap()].target).collect();
        use crate::transfer::import::Target;
        assert_eq!(targets, [Target::Tier, Target::Region]);
    }

    #[test]
    fn a_card_cut_short_is_rejected_naming_the_card() {
        let v = b"BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nTEL:123";
        let err = decode(v).unwrap_err();
        assert_eq!(err.code(), "vcard_unterminated");
        assert!(err.to_string().contains("card 2"), "{err}");
        assert_eq!(decode(b"hello").unwrap_err().code(), "import_empty");
    }

    #[test]
    fn chinese_addresses_read_largest_first() {
        let parts: Vec<String> =
            ["", "", "建国路88号", "朝阳区", "北京市", "100022", "中国"].map(String::from).to_vec();
        assert_eq!(format_address(&parts), "中国北京市朝阳区建国路88号 100022");
        let parts: Vec<String> = ["", "", "1 Main St", "Springfield", "IL", "62701", "USA"].map(String::from).to_vec();
        assert_eq!(format_address(&parts), "1 Main St, Springfield, IL, 62701, USA");
    }
}

//! Rules a customer must satisfy before anything is written. Each failure names the field.

use super::model::{ContactPoint, CustomerInput, CustomerKind};
use crate::error::{CoreError, Result};

const MAX_NAME_CHARS: usize = 200;
const MAX_TEXT_CHARS: usize = 100_000;

/// Check `input` and return it tidied (trimmed text, empty → none, tags sorted and unique).
/// Every failing field is reported in one error (`CoreError::Invalid` with `also`), so a
/// form can show them all at once instead of one per save.
pub fn normalize(mut input: CustomerInput) -> Result<CustomerInput> {
    let mut problems: Vec<CoreError> = Vec::new();
    input.name = input.name.trim().to_string();
    if input.name.is_empty() {
        problems.push(CoreError::invalid("name", "name_empty", "name must not be empty"));
    } else if input.name.chars().count() > MAX_NAME_CHARS {
        problems.push(CoreError::invalid("name", "name_too_long", format!("name is over {MAX_NAME_CHARS} characters")));
    }
    for (field, value) in [
        ("title", &mut input.title),
        ("company_id", &mut input.company_id),
        ("source", &mut input.source),
        ("owner", &mut input.owner),
        ("region", &mut input.region),
        ("interests", &mut input.interests),
        ("notes", &mut input.notes),
    ] {
        tidy(value);
        if value.as_ref().is_some_and(|v| v.chars().count() > MAX_TEXT_CHARS) {
            problems.push(CoreError::invalid(
                field,
                "text_too_long",
                format!("{field} is over {MAX_TEXT_CHARS} characters"),
            ));
        }
    }
    if input.kind == CustomerKind::Organization && input.company_id.is_some() {
        problems.push(CoreError::invalid(
            "company_id",
            "company_invalid",
            "an organization cannot belong to a company",
        ));
    }
    let mut tags: Vec<String> = input.tags.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
    tags.sort();
    tags.dedup();
    input.tags = tags;

    tidy_points(&mut input.phones);
    tidy_points(&mut input.emails);
    tidy_points(&mut input.addresses);
    for (i, p) in input.phones.iter().enumerate() {
        problems.extend(check_phone(&format!("phones[{i}]"), &p.value).err());
    }
    for (i, e) in input.emails.iter().enumerate() {
        problems.extend(check_email(&format!("emails[{i}]"), &e.value).err());
    }
    if let Some(b) = &input.birthday {
        problems.extend(b.validate("birthday").err());
    }
    for (i, a) in input.anniversaries.iter_mut().enumerate() {
        a.label = a.label.trim().to_string();
        if a.label.is_empty() {
            problems.push(CoreError::invalid(
                format!("anniversaries[{i}]"),
                "label_empty",
                "an anniversary needs a label",
            ));
        } else {
            problems.extend(a.date.validate(&format!("anniversaries[{i}]")).err());
        }
    }
    CoreError::all_invalid(problems)?;
    Ok(input)
}

fn tidy(v: &mut Option<String>) {
    *v = v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
}

/// Drop blank entries (an empty row left in the form) and trim the rest.
fn tidy_points(points: &mut Vec<ContactPoint>) {
    points.retain(|p| !p.value.trim().is_empty());
    for p in points.iter_mut() {
        p.value = p.value.trim().to_string();
        p.label = p.label.trim().to_string();
    }
}

/// A phone is digits with the usual separators and at least 3 digits ("+86 138-0013-8000",
/// "(010) 6552 1234", "110"). Letters and other symbols are a typo, not a number.
pub fn check_phone(field: &str, value: &str) -> Result<()> {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value.chars().all(|c| c.is_ascii_digit() || " +-().#/*".contains(c) || c == 'x' || c == 'X');
    if !allowed || !(3..=20).contains(&digits) {
        return Err(CoreError::invalid(field, "phone_invalid", format!("{value:?} is not a phone number")));
    }
    Ok(())
}

/// Deliberately simple: one @, something before it, a dotted domain after it, no spaces.
pub fn check_email(field: &str, value: &str) -> Result<()> {
    let ok = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
                && !value.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(CoreError::invalid(field, "email_invalid", format!("{value:?} is not an email address")))
    }
}

/// Digits only: how phones are matched and searched ("+86 138-0013-8000" → "8613800138000").
pub fn phone_digits(value: &str) -> String {
    value.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> CustomerInput {
        CustomerInput { name: name.into(), ..Default::default() }
    }

    #[test]
    fn every_failing_field_is_reported_in_one_error() {
        let mut c = named(" ");
        c.emails = vec![ContactPoint { id: None, label: String::new(), value: "zhang@".into() }];
        c.phones = vec![
            ContactPoint { id: None, label: String::new(), value: "13800138000".into() },
            ContactPoint { id: None, label: String::new(), value: "call me".into() },
        ];
        let err = normalize(c).unwrap_err();
        // The UI's old reading (code + field of the first problem) still works.
        assert_eq!(err.code(), "name_empty");
        let payload = err.to_payload();
        assert_eq!(payload.field.as_deref(), Some("name"));
        let fields: Vec<(&str, &str)> =
            payload.fields.iter().flatten().map(|p| (p.field.as_str(), p.code.as_str())).collect();
        assert_eq!(fields, [("name", "name_empty"), ("phones[1]", "phone_invalid"), ("emails[0]", "email_invalid")]);
        assert!(err.to_string().contains("emails[0]"), "the message names every field: {err}");
        // One problem: no list, as before.
        assert!(normalize(named("")).unwrap_err().to_payload().fields.is_none());
    }

    #[test]
    fn empty_or_blank_name_is_rejected_with_the_field_named() {
        for name in ["", "   ", "\t\n"] {
            let err = normalize(named(name)).unwrap_err();
            assert_eq!(err.code(), "name_empty");
            assert_eq!(err.to_payload().field.as_deref(), Some("name"));
        }
    }

    #[test]
    fn bad_emails_are_rejected_and_good_ones_kept() {
        for bad in ["zhang", "zhang@", "@qq.com", "a@b", "a b@c.com", "a@@b.com", "a@.com", "a@b..com"] {
            let mut c = named("张三");
            c.emails = vec![ContactPoint { id: None, label: String::new(), value: bad.into() }];
            let err = normalize(c).unwrap_err();
            assert_eq!(err.code(), "email_invalid", "{bad} must be rejected");
            assert_eq!(err.to_payload().field.as_deref(), Some("emails[0]"));
        }
        let mut c = named("张三");
        c.emails = vec![ContactPoint { id: None, label: "work".into(), value: " zhang.san@example.com.cn ".into() }];
        assert_eq!(normalize(c).unwrap().emails[0].value, "zhang.san@example.com.cn");
    }

    #[test]
    fn phones_accept_common_formats_and_reject_typos() {
        for ok in ["+86 138-0013-8000", "(010) 6552 1234", "110", "+1 (415) 555-0100 x12"] {
            assert!(check_phone("phones[0]", ok).is_ok(), "{ok}");
        }
        for bad in ["12", "call me", "138 0013 800O", "1".repeat(21).as_str()] {
            assert!(check_phone("phones[0]", bad).is_err(), "{bad}");
        }
        assert_eq!(phone_digits("+86 138-0013-8000"), "8613800138000");
    }

    #[test]
    fn tags_are_trimmed_sorted_and_unique_and_blank_rows_dropped() {
        let mut c = named("Ann");
        c.tags = vec![" vip ".into(), "golf".into(), "vip".into(), "".into()];
        c.phones = vec![ContactPoint { id: None, label: "".into(), value: "  ".into() }];
        let c = normalize(c).unwrap();
        assert_eq!(c.tags, vec!["golf", "vip"]);
        assert!(c.phones.is_empty());
    }

    #[test]
    fn an_organization_cannot_belong_to_a_company() {
        let mut c = named("ACME");
        c.kind = CustomerKind::Organization;
        c.company_id = Some("x".into());
        assert_eq!(normalize(c).unwrap_err().code(), "company_invalid");
    }
}

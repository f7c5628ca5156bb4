//! What the desktop shows for a batch of due notifications, in the user's language: the rule
//! that keeps a sudden pile of due reminders from becoming a notification storm. The app's
//! scheduler shows exactly these and records every `DueNotification` of the batch as fired
//! (`Store::record_fired`), so nothing summarized fires again on the next wake.
//!
//! - Revisits: up to [`MAX_SINGLE`] at once each get a notification; more (a book imported
//!   with its history, or a tier whose cadence came due together) become ONE notification
//!   carrying the count ("1,240 customers are due for a revisit") and a few names. The agenda
//!   and its overdue radar list them all.
//! - Every other kind (birthdays, anniversaries, follow-ups, festivals, custom reminders):
//!   up to [`MAX_SINGLE`] at once each get a notification, with when it falls; more become one
//!   summary listing the first [`SUMMARY_LINES`] titles. Revisits never push them into a
//!   summary: a birthday stays its own notification however many revisits fall due with it.

use std::collections::BTreeSet;

use super::model::OccurrenceKind;
use super::notify::DueNotification;

/// More of one group (revisits, or everything else) due at once than this become one summary.
pub const MAX_SINGLE: usize = 3;
/// How many titles a summary of other reminders lists.
pub const SUMMARY_LINES: usize = 5;
/// How many customers a revisit summary names.
pub const REVISIT_NAMES: usize = 3;

/// One desktop notification: its summary (title line) and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub summary: String,
    pub body: String,
}

/// The notifications to show for `due` (in the order given), in Chinese when `zh`.
pub fn notices(due: &[DueNotification], zh: bool) -> Vec<Notice> {
    let (revisits, others): (Vec<&DueNotification>, Vec<&DueNotification>) =
        due.iter().partition(|d| d.occurrence.kind == OccurrenceKind::Revisit);
    let mut out = Vec::new();
    if others.len() <= MAX_SINGLE {
        out.extend(others.iter().map(|d| single(d, zh)));
    } else {
        out.push(summary_of_others(&others, zh));
    }
    if revisits.len() <= MAX_SINGLE {
        out.extend(revisits.iter().map(|d| single(d, zh)));
    } else {
        out.push(summary_of_revisits(&revisits, zh));
    }
    out
}

fn title(d: &DueNotification, zh: bool) -> String {
    let o = &d.occurrence;
    if zh {
        o.title_zh.clone()
    } else {
        o.title.clone()
    }
}

/// One reminder: its title, and when it falls ("In 3 days · 2026-11-25").
fn single(d: &DueNotification, zh: bool) -> Notice {
    let o = &d.occurrence;
    let days = (o.date - o.remind_on).num_days();
    let date = o.date.format("%Y-%m-%d");
    let body = match (zh, days) {
        (true, 0) => format!("今天 · {date}"),
        (true, n) => format!("{n} 天后 · {date}"),
        (false, 0) => format!("Today · {date}"),
        (false, 1) => format!("Tomorrow · {date}"),
        (false, n) => format!("In {n} days · {date}"),
    };
    Notice { summary: title(d, zh), body }
}

fn summary_of_others(due: &[&DueNotification], zh: bool) -> Notice {
    let n = due.len();
    let mut lines: Vec<String> = due.iter().take(SUMMARY_LINES).map(|d| title(d, zh)).collect();
    if n > SUMMARY_LINES {
        let more = grouped(n - SUMMARY_LINES);
        lines.push(if zh { format!("……另有 {more} 条") } else { format!("…and {more} more") });
    }
    let summary =
        if zh { format!("客簿：{} 条提醒", grouped(n)) } else { format!("Fieldbook: {} reminders", grouped(n)) };
    Notice { summary, body: lines.join("\n") }
}

fn summary_of_revisits(due: &[&DueNotification], zh: bool) -> Notice {
    // Customers, not occurrences: one customer could in principle come due twice in a batch.
    let customers: BTreeSet<&str> =
        due.iter().map(|d| d.occurrence.customer_id.as_deref().unwrap_or(&d.occurrence.key)).collect();
    let n = customers.len();
    let mut names: Vec<&str> = Vec::new();
    for d in due {
        let name = d.occurrence.customer_name.as_deref().unwrap_or_default();
        if names.len() == REVISIT_NAMES {
            break;
        }
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    let more = n.saturating_sub(names.len());
    let (summary, body) = if zh {
        let listed = names.join("、");
        let body = if more > 0 {
            format!("{listed} 等 {} 位客户。日程中可查看全部。", grouped(n))
        } else {
            format!("{listed}。日程中可查看全部。")
        };
        (format!("{} 位客户该回访了", grouped(n)), body)
    } else {
        let listed = names.join(", ");
        let body = if more > 0 {
            format!("{listed} and {} more. The agenda lists them all.", grouped(more))
        } else {
            format!("{listed}. The agenda lists them all.")
        };
        (format!("{} customers are due for a revisit", grouped(n)), body)
    };
    Notice { summary, body }
}

/// A count with thousands separators: 1240 → "1,240".
pub(crate) fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::reminders::model::Occurrence;

    fn due(kind: OccurrenceKind, name: &str, lead: u32) -> DueNotification {
        let date = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let (en, zh) = match kind {
            OccurrenceKind::Revisit => (format!("Revisit {name} (every 30 days)"), format!("回访 {name}（每 30 天）")),
            OccurrenceKind::FollowUp => (format!("Follow up with {name}"), format!("跟进 {name}")),
            _ => (format!("Birthday: {name}"), format!("{name} 生日")),
        };
        let occurrence = Occurrence::new(kind, name, date, lead).for_customer(name, name).titled(en, zh);
        DueNotification { occurrence, fire_at: "2026-11-22T01:00:00.000Z".into() }
    }

    fn birthday(name: &str, lead: u32) -> DueNotification {
        due(OccurrenceKind::Birthday, name, lead)
    }

    fn revisits(n: usize) -> Vec<DueNotification> {
        (0..n).map(|i| due(OccurrenceKind::Revisit, &format!("客户{i}"), 0)).collect()
    }

    fn notice(summary: &str, body: &str) -> Notice {
        Notice { summary: summary.into(), body: body.into() }
    }

    #[test]
    fn a_few_reminders_each_get_a_notification_with_title_and_when() {
        assert_eq!(
            notices(&[birthday("张三", 3), birthday("李四", 0)], true),
            [notice("张三 生日", "3 天后 · 2026-11-25"), notice("李四 生日", "今天 · 2026-11-25")]
        );
        assert_eq!(notices(&[birthday("Ann", 1)], false), [notice("Birthday: Ann", "Tomorrow · 2026-11-25")]);
        assert_eq!(notices(&revisits(3), false).len(), 3, "three revisits are still three notifications");
    }

    #[test]
    fn thousands_of_revisits_at_once_become_one_notification_carrying_the_count() {
        let many = revisits(1240);
        let en = notices(&many, false);
        assert_eq!(
            en,
            [notice(
                "1,240 customers are due for a revisit",
                "客户0, 客户1, 客户2 and 1,237 more. The agenda lists them all."
            )],
            "one summary, not 1,240 notifications"
        );
        let zh = notices(&many, true);
        assert_eq!(zh, [notice("1,240 位客户该回访了", "客户0、客户1、客户2 等 1,240 位客户。日程中可查看全部。")]);
        let four = notices(&revisits(4), false);
        assert_eq!(four[0].summary, "4 customers are due for a revisit", "just past the threshold");
        assert_eq!(four[0].body, "客户0, 客户1, 客户2 and 1 more. The agenda lists them all.");
    }

    #[test]
    fn birthdays_and_follow_ups_stay_individual_beside_a_revisit_summary() {
        let mut batch = revisits(500);
        batch.insert(10, birthday("Ann", 0));
        batch.push(due(OccurrenceKind::FollowUp, "Bob", 0));
        let n = notices(&batch, false);
        assert_eq!(
            n.iter().map(|n| n.summary.as_str()).collect::<Vec<_>>(),
            ["Birthday: Ann", "Follow up with Bob", "500 customers are due for a revisit"]
        );
    }

    #[test]
    fn many_other_reminders_at_once_become_one_summary_listing_the_first_few() {
        let many: Vec<_> = (0..8).map(|i| birthday(&format!("C{i}"), 3)).collect();
        let n = notices(&many, false);
        assert_eq!(n.len(), 1, "one summary, not eight notifications");
        assert_eq!(n[0].summary, "Fieldbook: 8 reminders");
        assert!(n[0].body.starts_with("Birthday: C0\nBirthday: C1"));
        assert!(n[0].body.ends_with("…and 3 more"));
        let zh = notices(&many, true);
        assert_eq!(zh[0].summary, "客簿：8 条提醒");
        assert!(zh[0].body.ends_with("……另有 3 条"));
    }

    #[test]
    fn nothing_due_shows_nothing() {
        assert!(notices(&[], false).is_empty());
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        let cases = [(0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (1240, "1,240"), (1_234_567, "1,234,567")];
        for (n, text) in cases {
            assert_eq!(grouped(n), text);
        }
    }
}

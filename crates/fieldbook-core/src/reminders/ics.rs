//! Export birthdays and anniversaries as an iCalendar file (RFC 5545) that Google Calendar,
//! Apple Calendar and Thunderbird import: all-day events (DTEND the next day), a stable UID
//! per event, DTSTAMP; Gregorian dates as one yearly event (RRULE:FREQ=YEARLY); lunar dates
//! (and Feb 29, whose common-year day depends on the user's rule) as one dated event per
//! year for the next `years` years, since most calendars apply no lunar rules of their own.
//! Optionally (`IcsOptions::rscale`), lunar dates become one yearly event whose rule is in the
//! Chinese calendar (RFC 7529 `RSCALE=CHINESE`), for calendars that support it (Apple Calendar);
//! others would read such a rule as Gregorian, so it is off by default.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::rules::{dates_between, DateRules};
use crate::dates::DateSpec;
use crate::error::Result;
use crate::store::Store;

/// Escape a TEXT value (RFC 5545 §3.3.11).
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n").replace('\r', "")
}

/// Fold a content line at 75 octets without splitting a UTF-8 character (§3.1), CRLF ended.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// How to write the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IcsOptions {
    /// Years of one-per-year events for lunar dates and Feb 29.
    pub years: u32,
    /// Lunar dates as one RSCALE=CHINESE yearly event instead of one event per year.
    pub rscale: bool,
}

impl Default for IcsOptions {
    fn default() -> Self {
        IcsOptions { years: 10, rscale: false }
    }
}

struct Event {
    uid: String,
    start: NaiveDate,
    /// The RRULE value, if the event repeats.
    rule: Option<String>,
    summary: String,
    description: Option<String>,
}

fn write_event(e: &Event, stamp: &str, out: &mut String) {
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", e.uid),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;VALUE=DATE:{}", ymd(e.start)),
        format!("DTEND;VALUE=DATE:{}", ymd(e.start.succ_opt().expect("dates before 9999"))),
    ];
    if let Some(rule) = &e.rule {
        lines.push(format!("RRULE:{rule}"));
    }
    lines.push(format!("SUMMARY:{}", escape(&e.summary)));
    if let Some(d) = &e.description {
        lines.push(format!("DESCRIPTION:{}", escape(d)));
    }
    lines.push("TRANSP:TRANSPARENT".into());
    lines.push("END:VEVENT".into());
    for l in lines {
        fold(&l, out);
    }
}

/// The RFC 7529 rule of a lunar date. A leap-month date without its leap month this year
/// falls back to the regular month, and a 30th in a 29-day month to the 29th: SKIP=BACKWARD
/// says exactly that (the leap month follows its regular month), matching DESIGN.md §5.
fn chinese_rule(month: u8, leap: bool, day: u8, rules: DateRules) -> String {
    let leap = leap && rules.leap_month == super::rules::LeapMonthRule::Leap;
    format!("RSCALE=CHINESE;FREQ=YEARLY;BYMONTH={month}{};BYMONTHDAY={day};SKIP=BACKWARD", if leap { "L" } else { "" })
}

/// The events of one date: a yearly one from its first occurrence on or after `from`'s year
/// start (Gregorian; lunar with `rscale`), or one per year for `years` years from `from`
/// (lunar, Feb 29).
fn events_for(
    id: &str,
    spec: &DateSpec,
    summary: &str,
    from: NaiveDate,
    opts: IcsOptions,
    rules: DateRules,
) -> Vec<Event> {
    let years = opts.years;
    let lunar = matches!(spec, DateSpec::Lunar { .. });
    let feb29 = matches!(spec, DateSpec::Gregorian { month: 2, day: 29, .. });
    let description = match *spec {
        DateSpec::Lunar { .. } => Some(format!("农历 {}", spec.display().trim_start_matches("lunar "))),
        _ => None,
    };
    if !lunar && !feb29 {
        let DateSpec::Gregorian { year, month, day } = *spec else { unreachable!() };
        // Start at the birth year when known (calendars then show it every year since),
        // else this year.
        let y = year.unwrap_or(from.year());
        let Some(start) = NaiveDate::from_ymd_opt(y, month.into(), day.into()) else { return vec![] };
        return vec![Event {
            uid: format!("{id}@fieldbook"),
            start,
            rule: Some("FREQ=YEARLY".into()),
            summary: summary.into(),
            description,
        }];
    }
    if let (true, DateSpec::Lunar { month, leap, day, .. }) = (opts.rscale, *spec) {
        // DTSTART is the next occurrence, in Gregorian; the rule repeats it in the lunar calendar.
        let to = NaiveDate::from_ymd_opt(from.year() + 2, from.month(), 1).unwrap_or(from);
        return dates_between(spec, from, to, rules)
            .into_iter()
            .take(1)
            .map(|start| Event {
                uid: format!("{id}@fieldbook"),
                start,
                rule: Some(chinese_rule(month, leap, day, rules)),
                summary: summary.into(),
                description: description.clone(),
            })
            .collect();
    }
    let to = NaiveDate::from_ymd_opt(from.year() + years as i32, from.month(), 1).unwrap_or(from);
    dates_between(spec, from, to, rules)
        .into_iter()
        .take(years as usize)
        .map(|d| Event {
            uid: format!("{id}-{}@fieldbook", d.format("%Y%m%d")),
            start: d,
            rule: None,
            summary: summary.into(),
            description: description.clone(),
        })
        .collect()
}

impl Store {
    /// All live customers' birthdays and anniversaries as an .ics file. Lunar dates (and
    /// Feb 29) become one event per year for `years` years from `today`.
    pub fn export_ics(&self, today: NaiveDate, years: u32, now: DateTime<Utc>) -> Result<String> {
        self.export_ics_with(today, IcsOptions { years, ..IcsOptions::default() }, now)
    }

    /// As `export_ics`, with every option.
    pub fn export_ics_with(&self, today: NaiveDate, opts: IcsOptions, now: DateTime<Utc>) -> Result<String> {
        let rules = self.reminder_settings()?.rules;
        let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
        let mut out = String::new();
        for l in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Fieldbook//Fieldbook CRM//EN",
            "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:Fieldbook",
        ] {
            fold(l, &mut out);
        }
        let mut stmt = self.conn().prepare(
            "SELECT 'birthday-' || id, name, birthday, NULL FROM customers WHERE deleted_at IS NULL AND birthday IS NOT NULL
             UNION ALL
             SELECT 'anniversary-' || a.id, c.name, a.date, a.label FROM anniversaries a JOIN customers c ON c.id = a.customer_id
             WHERE a.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY 1",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, name, date, label): (String, String, String, Option<String>) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let Ok(spec) = serde_json::from_str::<DateSpec>(&date) else { continue };
            let summary = match (&label, &spec) {
                (Some(l), _) => format!("{name}: {l}"),
                (None, DateSpec::Lunar { .. }) => format!("{name} 农历生日 (lunar birthday)"),
                (None, _) => format!("{name} 生日 (birthday)"),
            };
            for e in events_for(&id, &spec, &summary, today, opts, rules) {
                write_event(&e, &stamp, &mut out);
            }
        }
        fold("END:VCALENDAR", &mut out);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "生".repeat(40)), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        assert_eq!(out.replace("\r\n ", "").trim_end(), format!("SUMMARY:{}", "生".repeat(40)));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }

    #[test]
    fn lunar_dates_are_one_event_per_year() {
        let spec = DateSpec::Lunar { year: None, month: 8, leap: false, day: 15 };
        let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let three = IcsOptions { years: 3, rscale: false };
        let events = events_for("birthday-x", &spec, "x", from, three, DateRules::default());
        let starts: Vec<String> = events.iter().map(|e| ymd(e.start)).collect();
        assert_eq!(starts, ["20260925", "20270915", "20281003"]);
        assert!(events.iter().all(|e| e.rule.is_none()));
        let g = events_for(
            "b",
            &DateSpec::Gregorian { year: Some(1984), month: 3, day: 9 },
            "x",
            from,
            three,
            DateRules::default(),
        );
        assert_eq!((g.len(), g[0].rule.as_deref(), ymd(g[0].start)), (1, Some("FREQ=YEARLY"), "19840309".into()));
    }

    #[test]
    fn with_rscale_a_lunar_date_is_one_chinese_calendar_rule_from_its_next_occurrence() {
        let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let opts = IcsOptions { years: 3, rscale: true };
        let mid_autumn = DateSpec::Lunar { year: None, month: 8, leap: false, day: 15 };
        let e = events_for("b", &mid_autumn, "x", from, opts, DateRules::default());
        assert_eq!(e.len(), 1);
        assert_eq!(ymd(e[0].start), "20260925", "DTSTART is this year's 八月十五 in Gregorian");
        assert_eq!(e[0].rule.as_deref(), Some("RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15;SKIP=BACKWARD"));

        let leap = DateSpec::Lunar { year: Some(2023), month: 2, leap: true, day: 30 };
        let e = events_for("b", &leap, "x", from, opts, DateRules::default());
        assert_eq!(e[0].rule.as_deref(), Some("RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=2L;BYMONTHDAY=30;SKIP=BACKWARD"));
        let regular = DateRules { leap_month: crate::reminders::rules::LeapMonthRule::Regular, ..DateRules::default() };
        let e = events_for("b", &leap, "x", from, opts, regular);
        assert!(
            e[0].rule.as_deref().unwrap().contains("BYMONTH=2;"),
            "the user keeps leap-month birthdays in the regular month"
        );
    }
}

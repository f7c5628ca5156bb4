//! Export birthdays and anniversaries as an iCalendar file (RFC 5545) that Google Calendar,
//! Apple Calendar and Thunderbird import: all-day events (DTEND the next day), a stable UID
//! per event, DTSTAMP; Gregorian dates as one yearly event (RRULE:FREQ=YEARLY); lunar dates
//! (and Feb 29, whose common-year day depends on the user's rule) as one dated event per
//! year for the next `years` years, since calendars apply no lunar rules of their own.

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

struct Event {
    uid: String,
    start: NaiveDate,
    yearly: bool,
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
    if e.yearly {
        lines.push("RRULE:FREQ=YEARLY".into());
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

/// The events of one date: a yearly one from its first occurrence on or after `from`'s year
/// start (Gregorian), or one per year for `years` years from `from` (lunar, Feb 29).
fn events_for(id: &str, spec: &DateSpec, summary: &str, from: NaiveDate, years: u32, rules: DateRules) -> Vec<Event> {
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
            yearly: true,
            summary: summary.into(),
            description,
        }];
    }
    let to = NaiveDate::from_ymd_opt(from.year() + years as i32, from.month(), 1).unwrap_or(from);
    dates_between(spec, from, to, rules)
        .into_iter()
        .take(years as usize)
        .map(|d| Event {
            uid: format!("{id}-{}@fieldbook", d.format("%Y%m%d")),
            start: d,
            yearly: false,
            summary: summary.into(),
            description: description.clone(),
        })
        .collect()
}

impl Store {
    /// All live customers' birthdays and anniversaries as an .ics file. Lunar dates (and
    /// Feb 29) become one event per year for `years` years from `today`.
    pub fn export_ics(&self, today: NaiveDate, years: u32, now: DateTime<Utc>) -> Result<String> {
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
            for e in events_for(&id, &spec, &summary, today, years, rules) {
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
        let events = events_for("birthday-x", &spec, "x", from, 3, DateRules::default());
        let starts: Vec<String> = events.iter().map(|e| ymd(e.start)).collect();
        assert_eq!(starts, ["20260925", "20270915", "20281003"]);
        assert!(events.iter().all(|e| !e.yearly));
        let g = events_for(
            "b",
            &DateSpec::Gregorian { year: Some(1984), month: 3, day: 9 },
            "x",
            from,
            3,
            DateRules::default(),
        );
        assert_eq!((g.len(), g[0].yearly, ymd(g[0].start)), (1, true, "19840309".into()));
    }
}

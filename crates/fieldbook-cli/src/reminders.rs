//! `fieldbook reminders …`: reminder settings and marking occurrences from a script.

use clap::Subcommand;
use fieldbook_core::reminders::QuietHours;
use fieldbook_core::{CoreError, Store};

use crate::output::Output;

#[derive(Subcommand)]
pub enum RemindersCommand {
    /// Show the reminder settings, changing the given ones first.
    Settings {
        /// Local time of day at which each day's reminders are notified (HH:MM).
        #[arg(long, value_name = "HH:MM")]
        notify_at: Option<String>,
        /// Also remind of this country's public holidays (US, GB, DE, JP, SG, HK, TW); repeatable.
        #[arg(long = "country", value_name = "CC")]
        countries: Vec<String>,
        /// Quiet hours: no notification between these local times (e.g. 22:00-07:30); "off" clears.
        #[arg(long, value_name = "HH:MM-HH:MM|off")]
        quiet_hours: Option<String>,
    },
    /// Show a customer's revisit interval, or set their own (overriding the tier's).
    Revisit {
        /// The customer's id.
        customer: String,
        /// Revisit this customer every N days.
        #[arg(long, value_name = "N", conflicts_with = "clear")]
        days: Option<u32>,
        /// Go back to the tier's interval.
        #[arg(long)]
        clear: bool,
    },
    /// Mark an occurrence done (its key, as `fieldbook agenda --json` prints it).
    Done { key: String },
    /// Dismiss an occurrence.
    Dismiss { key: String },
}

pub fn run(cmd: RemindersCommand, store: &mut Store, out: &Output) -> anyhow::Result<()> {
    match cmd {
        RemindersCommand::Settings { notify_at, countries, quiet_hours } => {
            let mut s = store.reminder_settings()?;
            let changed = notify_at.is_some() || !countries.is_empty() || quiet_hours.is_some();
            if let Some(t) = notify_at {
                s.notify_at = t;
            }
            if let Some(q) = quiet_hours {
                s.quiet_hours = parse_quiet_hours(&q)?;
            }
            s.countries.extend(countries);
            let s = if changed { store.update_reminder_settings(s)? } else { s };
            out.emit(&s, || serde_json::to_string_pretty(&s).expect("settings serialize"));
        }
        RemindersCommand::Revisit { customer, days, clear } => {
            if days.is_some() || clear {
                store.set_revisit_interval(&customer, days)?;
            }
            let own = store.revisit_interval(&customer)?;
            let json = serde_json::json!({ "customer_id": customer, "interval_days": own });
            out.emit(&json, || match own {
                Some(d) => format!("revisit every {d} days (own interval)"),
                None => "revisit per the tier's interval".into(),
            });
        }
        RemindersCommand::Done { key } => {
            let state = store.mark_done(&key)?;
            out.emit(&state, || format!("done: {key}"));
        }
        RemindersCommand::Dismiss { key } => {
            let state = store.dismiss(&key)?;
            out.emit(&state, || format!("dismissed: {key}"));
        }
    }
    Ok(())
}

/// `22:00-07:30` → quiet hours; `off` → none. The core checks the times themselves.
fn parse_quiet_hours(text: &str) -> Result<Option<QuietHours>, CoreError> {
    if text.eq_ignore_ascii_case("off") {
        return Ok(None);
    }
    let (start, end) = text.split_once('-').ok_or_else(|| {
        CoreError::invalid("quiet_hours", "time_invalid", format!("{text:?} is not HH:MM-HH:MM or off"))
    })?;
    Ok(Some(QuietHours { start: start.trim().into(), end: end.trim().into() }))
}

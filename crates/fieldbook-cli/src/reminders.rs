//! `fieldbook reminders …`: reminder settings and marking occurrences from a script.

use clap::Subcommand;
use fieldbook_core::Store;

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
    },
    /// Mark an occurrence done (its key, as `fieldbook agenda --json` prints it).
    Done { key: String },
    /// Dismiss an occurrence.
    Dismiss { key: String },
}

pub fn run(cmd: RemindersCommand, store: &mut Store, out: &Output) -> anyhow::Result<()> {
    match cmd {
        RemindersCommand::Settings { notify_at, countries } => {
            let mut s = store.reminder_settings()?;
            let changed = notify_at.is_some() || !countries.is_empty();
            if let Some(t) = notify_at {
                s.notify_at = t;
            }
            s.countries.extend(countries);
            let s = if changed { store.update_reminder_settings(s)? } else { s };
            out.emit(&s, || serde_json::to_string_pretty(&s).expect("settings serialize"));
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

//! Reminders: on which days birthdays, anniversaries, festivals, holidays, revisits, follow-ups
//! and custom reminders fall, what the user did about them, and what is due to notify.

pub mod custom;
mod customer_dates;
mod follow_up;
mod general;
pub mod greetings;
pub mod ics;
pub mod model;
pub mod notices;
pub mod notify;
mod occurrences;
mod overdue;
pub mod revisit;
pub mod rules;
pub mod settings;
pub mod snooze;
pub mod state;

pub use custom::{CustomReminder, CustomReminderInput, Repeat, CUSTOM_REMINDERS};
pub use ics::IcsOptions;
pub use model::{Occurrence, OccurrenceKind, ReminderStatus};
pub use notices::{notices, Notice};
pub use notify::DueNotification;
pub use occurrences::{AGENDA_REVISITS_PER_DAY, MAX_DAYS};
pub use revisit::{revisit_due, OverdueRevisit, RevisitListing, RevisitPage, REVISIT_CADENCES};
pub use rules::{DateRules, Feb29Rule, LeapMonthRule};
pub use settings::{LeadTimes, QuietHours, ReminderSettings, RevisitIntervals};
pub use snooze::{snooze_until, SnoozeFor};
pub use state::{is_open, ReminderState, REMINDER_STATES};

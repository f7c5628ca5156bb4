//! Reminders: on which days birthdays, anniversaries, festivals, holidays, revisits and custom
//! reminders fall, what the user did about them, and what is due to notify.

pub mod rules;

pub use rules::{DateRules, Feb29Rule, LeapMonthRule};

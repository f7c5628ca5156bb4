//! Thin IPC commands, one file per area, named `<area>_<verb>`.

pub mod app;
pub mod classify;
pub mod cleaning;
pub mod complaints;
pub mod customers;
pub mod export;
pub mod import;
pub mod interactions;
pub mod orders;
pub mod reminders;
pub mod reports;
pub mod search;
pub mod segments;
pub mod settings;

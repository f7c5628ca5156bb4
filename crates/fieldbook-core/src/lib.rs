//! Fieldbook's domain core: the local store and every rule of the CRM, with no UI or Tauri
//! dependency, so the desktop app and the `fieldbook` CLI share one tested implementation.

pub mod backup;
pub mod calendar;
pub mod changes;
pub mod classify;
pub mod cleaning;
pub mod clock;
pub mod complaints;
pub mod customers;
pub mod dates;
mod derived;
pub mod entities;
pub mod error;
pub mod hlc;
pub mod interactions;
pub mod last_contact;
pub mod orders;
pub mod paths;
pub mod records;
pub mod reminders;
pub mod reports;
pub mod search;
pub mod seed;
pub mod seed_history;
pub mod segments;
pub mod settings;
pub mod store;
pub mod sync;
pub mod timeline;
pub mod transfer;

pub use error::{CoreError, ErrorPayload, FieldProblem, Result};
pub use store::Store;

/// A new time-ordered (UUIDv7) id for a synced row.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

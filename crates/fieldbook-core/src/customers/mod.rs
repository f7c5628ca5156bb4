//! Customers: people and organizations, their contact points, birthdays and anniversaries.

pub mod bulk;
mod children;
pub mod matching;
mod model;
mod next_step;
mod repo;
pub mod validate;

pub use bulk::{BulkEdit, Handover, HandoverResult, HandoverScope};
pub use children::{ANNIVERSARIES, CONTACT_POINTS};
pub use model::*;
pub use next_step::NextStep;
pub(crate) use repo::order_by;
pub use repo::{create_in, update_in, BatchError, CUSTOMERS};

//! Customers: people and organizations, their contact points, birthdays and anniversaries.

mod children;
pub mod matching;
mod model;
mod repo;
pub mod validate;

pub use children::{ANNIVERSARIES, CONTACT_POINTS};
pub use model::*;
pub use repo::{BatchError, CUSTOMERS};

//! Customers: people and organizations, their contact points, birthdays and anniversaries.

mod children;
pub mod matching;
mod model;
mod repo;
pub mod validate;

pub use model::*;
pub use repo::{create_in, update_in, BatchError, CUSTOMERS};

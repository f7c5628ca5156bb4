//! Interactions (客户互动 / 跟进记录): visits, calls, messages, meetings and gifts logged
//! against a customer, with outcome, next step and an optional follow-up date.

mod model;
mod repo;

pub use model::*;
pub use repo::INTERACTIONS;

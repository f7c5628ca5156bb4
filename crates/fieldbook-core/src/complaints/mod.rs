//! Complaints and return visits (投诉与回访): what went wrong, how it was resolved, and the
//! customer's satisfaction (1–5) asked on the return visit.

mod model;
mod repo;

pub use model::*;
pub use repo::COMPLAINTS;

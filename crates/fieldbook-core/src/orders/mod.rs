//! Purchases (购买记录): a small product catalog, and orders with line items whose totals are
//! computed with `rust_decimal` by the rule stated in `money`.

pub mod decode;
mod lines;
mod model;
pub mod money;
mod products;
mod repo;

pub use lines::ORDER_LINES;
pub use model::*;
pub use products::PRODUCTS;
pub use repo::ORDERS;

//! Moving customers in and out of the book: files other programs wrote (import), exports to
//! other tools, and the full JSON dump that restores losslessly.

pub mod altbday;
pub mod dump;
pub mod export;
pub mod import;

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod round_trip_tests;

//! Moving customer data in and out of the book: export to other tools, and the full JSON dump
//! that restores losslessly.

pub mod dump;
pub mod export;

#[cfg(test)]
pub(crate) mod fixtures;

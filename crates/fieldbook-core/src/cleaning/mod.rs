//! Data cleaning (数据清洗): find customers entered twice, merge them into one, and undo a merge.
//!
//! The finder (`duplicates`) matches on the keys import uses (`customers::matching`), so the two
//! can never disagree about what "the same customer" means. A merge keeps everything — every
//! phone, email, address, interaction, order and complaint ends up on the survivor — and is
//! recorded in the `merges` table so it can be undone.

mod duplicates;
mod merge;

pub use duplicates::{DuplicateGroup, DuplicatePage, DuplicateReason, GroupReason};
pub use merge::{MergeRecord, MERGES};

#[cfg(test)]
mod tests;

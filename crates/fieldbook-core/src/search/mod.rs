//! Type-ahead search over customers: names (with pinyin spellings and initials), company,
//! phone digits, email, tags and notes. Keys are precomputed on every write (`index`);
//! a query reads only indexes (`query`), never scans the customer table.

pub mod index;
pub mod keys;
mod query;
mod surnames;

pub use query::SearchHit;

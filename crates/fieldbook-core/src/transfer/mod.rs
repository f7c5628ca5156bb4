//! Moving customers in and out of the book: files other programs wrote, and our own dumps.

pub mod import;

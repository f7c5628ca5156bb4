//! Thin IPC commands, one file per area, named `<area>_<verb>`.

pub mod app;
pub mod customers;
pub mod search;
pub mod settings;

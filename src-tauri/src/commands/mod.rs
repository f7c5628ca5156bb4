//! Thin IPC commands, one file per area: `<area>.rs` holds exactly the commands named
//! `<area>_*` (build.rs checks it, generates the handler list from these files and the
//! TypeScript map the UI's `call` is checked against). A command parses, calls the core on a
//! reader (`AppState::read`) or the writer (`AppState::write`), and maps the error; it never
//! announces changes — `book_events` does, from the journal.

pub mod agenda;
pub mod app;
pub mod backups;
pub mod classify;
pub mod cleaning;
pub mod complaints;
pub mod customers;
pub mod export;
pub mod holidays;
pub mod import;
pub mod interactions;
pub mod orders;
pub mod products;
pub mod reminders;
pub mod reports;
pub mod search;
pub mod security;
pub mod segments;
pub mod settings;
pub mod sync;
pub mod timeline;

use std::marker::PhantomData;

/// An argument the core decodes from raw JSON itself (so a malformed amount is a coded field
/// error, not a serde one); `T` is what the UI sends, for the generated TypeScript map.
pub struct Json<T>(pub serde_json::Value, PhantomData<T>);

impl<'de, T> serde::Deserialize<'de> for Json<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(d).map(|v| Json(v, PhantomData))
    }
}

/// The TypeScript command map build.rs generated from this folder.
#[cfg(test)]
pub const COMMAND_MAP_TS: &str = include_str!(concat!(env!("OUT_DIR"), "/commands.ts"));

#[cfg(test)]
mod tests {
    /// Like the ts-rs bindings: `cargo test` writes the map where the UI imports it, and the
    /// test command fails when the committed file differs.
    #[test]
    fn command_map_is_written_for_the_ui() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ui/src/api/bindings/commands.ts");
        if std::fs::read_to_string(path).ok().as_deref() != Some(super::COMMAND_MAP_TS) {
            std::fs::write(path, super::COMMAND_MAP_TS).expect("write ui/src/api/bindings/commands.ts");
        }
        assert!(super::COMMAND_MAP_TS.contains(
            "customers_list: { args: { scope: ListScope; sort: ListSort; offset: number; limit: number }; result: CustomerPage };"
        ));
    }
}

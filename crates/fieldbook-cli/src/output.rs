//! Printing results as text for people or JSON for scripts, and errors on stderr.

use fieldbook_core::CoreError;
use serde::Serialize;

pub struct Output {
    pub json: bool,
}

impl Output {
    /// Print `value` as JSON, or `text` for people.
    pub fn emit<T: Serialize>(&self, value: &T, text: impl FnOnce() -> String) {
        if self.json {
            println!("{}", serde_json::to_string_pretty(value).expect("serializable output"));
        } else {
            let t = text();
            if !t.is_empty() {
                println!("{t}");
            }
        }
    }
}

pub fn print_error(e: &anyhow::Error, json: bool) {
    let payload = match e.downcast_ref::<CoreError>() {
        Some(core) => core.to_payload(),
        None => match e.downcast_ref::<fieldbook_core::transfer::import::ImportError>() {
            Some(import) => import.to_payload(),
            None => fieldbook_core::ErrorPayload {
                code: "error".into(),
                message: format!("{e:#}"),
                field: None,
                fields: None,
            },
        },
    };
    if json {
        eprintln!("{}", serde_json::to_string(&payload).expect("serializable error"));
    } else {
        eprintln!("error: {}", payload.message);
    }
}

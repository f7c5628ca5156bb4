//! The core's error type. Every variant has a stable `code` the UI translates.

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// Input that fails a rule. Nothing was written.
    #[error("{field}: {message}")]
    Invalid {
        /// Which input field, e.g. `name`, `emails[1]`, `birthday`.
        field: String,
        /// A stable reason code, e.g. `name_empty`, `email_invalid`, `date_impossible`.
        reason: &'static str,
        message: String,
    },
    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: String },
    #[error("{0}")]
    Conflict(String),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    #[error("corrupt data in {context}: {message}")]
    Corrupt { context: String, message: String },
    /// Sync could not go on: a wrong team passphrase, an unreachable or foreign place.
    #[error("{message}")]
    Sync { reason: &'static str, message: String },
}

impl CoreError {
    pub fn invalid(field: impl Into<String>, reason: &'static str, message: impl Into<String>) -> Self {
        CoreError::Invalid { field: field.into(), reason, message: message.into() }
    }

    pub fn not_found(entity: &'static str, id: impl Into<String>) -> Self {
        CoreError::NotFound { entity, id: id.into() }
    }

    pub fn sync(reason: &'static str, message: impl Into<String>) -> Self {
        CoreError::Sync { reason, message: message.into() }
    }

    /// The stable code the UI maps to a translated message.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Invalid { reason, .. } => reason,
            CoreError::NotFound { .. } => "not_found",
            CoreError::Conflict(_) => "conflict",
            CoreError::Storage(_) => "storage",
            CoreError::Migration(_) => "migration",
            CoreError::Io(_) => "io",
            CoreError::Corrupt { .. } => "corrupt",
            CoreError::Sync { reason, .. } => reason,
        }
    }

    /// What crosses the IPC boundary: `{code, message, field}`.
    pub fn to_payload(&self) -> ErrorPayload {
        let field = match self {
            CoreError::Invalid { field, .. } => Some(field.clone()),
            _ => None,
        };
        ErrorPayload { code: self.code().to_string(), message: self.to_string(), field }
    }
}

/// An error as the UI receives it. `code` selects the translated text; `message` is the
/// English detail for logs; `field` names the form field at fault, if any.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

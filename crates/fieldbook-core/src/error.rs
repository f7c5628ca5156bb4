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
    /// The book is encrypted and no passphrase was given. Nothing was written.
    #[error("this book is encrypted: a passphrase is needed to open it")]
    PassphraseRequired,
    /// The passphrase does not open the book. Nothing was written.
    #[error("wrong passphrase")]
    PassphraseWrong,
    /// A passphrase was given for a book that is not encrypted. Nothing was written.
    #[error("this book is not encrypted (set a passphrase to encrypt it)")]
    NotEncrypted,
    /// The book file is damaged or truncated. It was left exactly as it was found.
    #[error("the book {path} is damaged ({message}); it was left untouched")]
    BookCorrupt { path: String, message: String },
    /// The book is open in another program, so its file cannot be swapped now.
    #[error("the book {path} is in use by another program: close it and try again")]
    BookBusy { path: String },
    /// The app is locked: nothing is read or written until the passphrase unlocks it.
    #[error("the book is locked: unlock it with its passphrase")]
    Locked,
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
            CoreError::Storage(e) if is_disk_full(e) => "disk_full",
            CoreError::Storage(e) if is_busy(e) => "busy",
            CoreError::Storage(_) => "storage",
            CoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) if is_disk_full(err) => {
                "disk_full"
            }
            CoreError::Migration(_) => "migration",
            CoreError::Io(e) if e.kind() == std::io::ErrorKind::StorageFull => "disk_full",
            CoreError::Io(_) => "io",
            CoreError::Corrupt { .. } => "corrupt",
            CoreError::Sync { reason, .. } => reason,
            CoreError::PassphraseRequired => "passphrase_required",
            CoreError::PassphraseWrong => "passphrase_wrong",
            CoreError::NotEncrypted => "book_not_encrypted",
            CoreError::BookCorrupt { .. } => "book_corrupt",
            CoreError::BookBusy { .. } => "book_busy",
            CoreError::Locked => "locked",
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

/// SQLite says "disk full" for a write that found no space; failing to grow the WAL index
/// (`-shm`) when opening on a full disk is `IOERR_SHMSIZE`, the same thing to a user.
fn is_disk_full(e: &rusqlite::Error) -> bool {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => {
            f.code == rusqlite::ErrorCode::DiskFull || f.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE
        }
        _ => false,
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
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

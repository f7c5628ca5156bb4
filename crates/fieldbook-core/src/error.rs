//! The core's error type. Every variant has a stable `code` the UI translates.

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// Input that fails a rule. Nothing was written.
    #[error("{field}: {message}{}", also_text(.also))]
    Invalid {
        /// Which input field, e.g. `name`, `emails[1]`, `birthday`.
        field: String,
        /// A stable reason code, e.g. `name_empty`, `email_invalid`, `date_impossible`.
        reason: &'static str,
        message: String,
        /// Other fields of the same input that fail too (a form shows them all at once).
        also: Vec<FieldProblem>,
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
        CoreError::Invalid { field: field.into(), reason, message: message.into(), also: Vec::new() }
    }

    /// One error for every field problem found, the first as the main one; `Ok` when none.
    /// Each problem must be `Invalid`; any other error is returned as it is.
    pub fn all_invalid(problems: Vec<CoreError>) -> Result<()> {
        let mut problems = problems.into_iter();
        let Some(first) = problems.next() else { return Ok(()) };
        let CoreError::Invalid { field, reason, message, mut also } = first else { return Err(first) };
        for p in problems {
            match p {
                CoreError::Invalid { field, reason, message, also: more } => {
                    also.push(FieldProblem { field, code: reason.to_string(), message });
                    also.extend(more);
                }
                other => return Err(other),
            }
        }
        Err(CoreError::Invalid { field, reason, message, also })
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

    /// What crosses the IPC boundary: `{code, message, field}`, and `fields` (every failing
    /// field, the first included) when more than one field fails.
    pub fn to_payload(&self) -> ErrorPayload {
        let (field, fields) = match self {
            CoreError::Invalid { field, reason, message, also } if !also.is_empty() => {
                let first = FieldProblem { field: field.clone(), code: reason.to_string(), message: message.clone() };
                (Some(field.clone()), Some(std::iter::once(first).chain(also.iter().cloned()).collect()))
            }
            CoreError::Invalid { field, .. } => (Some(field.clone()), None),
            _ => (None, None),
        };
        ErrorPayload { code: self.code().to_string(), message: self.to_string(), field, fields }
    }
}

/// "; emails[0]: … ; birthday: …" after the first problem's message.
fn also_text(also: &[FieldProblem]) -> String {
    also.iter().map(|p| format!("; {}: {}", p.field, p.message)).collect()
}

/// One field that fails a rule: which field, the reason code, the English detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldProblem {
    pub field: String,
    pub code: String,
    pub message: String,
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
    /// Every failing field (the first is `field`/`code`) when an input fails in several
    /// fields at once; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub fields: Option<Vec<FieldProblem>>,
}

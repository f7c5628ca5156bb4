//! Errors cross IPC as `{code, message, field}` (fieldbook_core::ErrorPayload); the UI
//! shows the translation of `code`.

use fieldbook_core::{CoreError, ErrorPayload};

pub struct CommandError(pub ErrorPayload);

impl From<CoreError> for CommandError {
    fn from(e: CoreError) -> Self {
        // A locked book or a wrong passphrase is the user's business, not a failure to log.
        if !matches!(
            e,
            CoreError::Invalid { .. } | CoreError::NotFound { .. } | CoreError::Locked | CoreError::PassphraseWrong
        ) {
            tracing::error!("command failed: {e}");
        }
        CommandError(e.to_payload())
    }
}

impl serde::Serialize for CommandError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

pub type CommandResult<T> = Result<T, CommandError>;

//! `fieldbook passphrase set|change|remove`: encrypt the book, re-key it, or decrypt it.
//! Close the app (and any other `fieldbook`) first: set and remove swap the book's file.

use std::path::Path;

use clap::Subcommand;
use fieldbook_core::backup;
use fieldbook_core::store::{self, BookFile};
use serde::Serialize;

use crate::book::{self, PASSPHRASE_ENV};
use crate::output::Output;

#[derive(Subcommand)]
pub enum PassphraseCommand {
    /// Encrypt a plaintext book. The passphrase: $FIELDBOOK_NEW_PASSPHRASE, else
    /// $FIELDBOOK_PASSPHRASE, else asked twice.
    Set,
    /// Re-key an encrypted book: current from $FIELDBOOK_PASSPHRASE (or asked), new from
    /// $FIELDBOOK_NEW_PASSPHRASE (or asked twice).
    Change,
    /// Decrypt the book back to plaintext: current from $FIELDBOOK_PASSPHRASE (or asked).
    Remove,
}

#[derive(Serialize)]
struct Done {
    book: String,
    encrypted: bool,
    /// The backups converted along with the book, and those left as they were.
    backups: backup::FollowReport,
}

pub fn run(cmd: PassphraseCommand, db: &Path, out: &Output) -> anyhow::Result<()> {
    // The backups follow the book, so none stays readable without the passphrase.
    let folder = backup::load_settings(db)?.folder_for(db);
    let (encrypted, backups) = match cmd {
        PassphraseCommand::Set => {
            let key = book::new_key(Some(PASSPHRASE_ENV))?;
            match BookFile::of(db)? {
                // A new book starts encrypted.
                BookFile::Missing => drop(fieldbook_core::Store::open_encrypted(db, &key, book::clock())?),
                _ => store::set_passphrase(db, &key)?,
            }
            (true, backup::follow_passphrase(&folder, None, Some(&key))?)
        }
        PassphraseCommand::Change => {
            let old = book::required_key(db)?;
            let new = book::new_key(None)?;
            store::change_passphrase(db, &old, &new)?;
            (true, backup::follow_passphrase(&folder, Some(&old), Some(&new))?)
        }
        PassphraseCommand::Remove => {
            let old = book::required_key(db)?;
            store::remove_passphrase(db, &old)?;
            (false, backup::follow_passphrase(&folder, Some(&old), None)?)
        }
    };
    let done = Done { book: db.display().to_string(), encrypted, backups };
    out.emit(&done, || match encrypted {
        true => format!("{} is encrypted", done.book),
        false => format!("{} is no longer encrypted", done.book),
    });
    Ok(())
}

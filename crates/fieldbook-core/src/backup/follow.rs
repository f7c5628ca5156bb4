//! Backups follow the book's passphrase. Setting, changing or removing it converts every
//! backup that opens with the old key the same way (each one copied, verified and swapped in,
//! as the book is), so no backup made before the passphrase stays readable without it, and
//! none is stranded behind a passphrase that is gone.

use std::path::Path;

use serde::Serialize;

use super::backup_files;
use crate::error::Result;
use crate::store::{cipher, Passphrase};

/// What following the passphrase did to the backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowReport {
    pub converted: usize,
    /// Backups left as they were (damaged, or under another passphrase), by file name.
    pub skipped: Vec<String>,
}

/// Convert the backups in `folder` from `old` to `new` (none = plaintext). A backup that
/// cannot be converted is left untouched and named in `skipped`; only a folder that cannot
/// be read is an error.
pub fn follow_passphrase(folder: &Path, old: Option<&Passphrase>, new: Option<&Passphrase>) -> Result<FollowReport> {
    let mut report = FollowReport { converted: 0, skipped: Vec::new() };
    for (path, _, _) in backup_files(folder)? {
        let done = match (old, new) {
            (None, Some(new)) => cipher::set_passphrase(&path, new),
            (Some(old), Some(new)) => cipher::change_passphrase(&path, old, new),
            (Some(old), None) => cipher::remove_passphrase(&path, old),
            (None, None) => Ok(()),
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match done {
            Ok(()) => report.converted += 1,
            Err(e) => {
                tracing::warn!(file = %name, code = e.code(), "a backup did not follow the passphrase");
                report.skipped.push(name);
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use chrono::{Duration, TimeZone, Utc};

    use super::*;
    use crate::backup::list;
    use crate::clock::SystemClock;
    use crate::customers::CustomerInput;
    use crate::Store;

    const NAME: &str = "Plain Person";

    fn holds_name(p: &Path) -> bool {
        std::fs::read(p).unwrap().windows(NAME.len()).any(|w| w == NAME.as_bytes())
    }

    fn good(folder: &Path, key: Option<&Passphrase>) -> Vec<Option<u64>> {
        list(folder, key).unwrap().into_iter().filter(|b| !b.file_name.contains("0301")).map(|b| b.customers).collect()
    }

    #[test]
    fn backups_follow_the_passphrase_when_it_is_set_changed_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("backups");
        let mut s = Store::open(&dir.path().join("fieldbook.db"), Arc::new(SystemClock)).unwrap();
        s.create_customer(CustomerInput { name: NAME.into(), ..Default::default() }).unwrap();
        let t = Utc.with_ymd_and_hms(2025, 3, 3, 9, 30, 0).unwrap();
        let made: Vec<PathBuf> =
            (0..2).map(|d| PathBuf::from(s.back_up(&folder, t + Duration::days(d)).unwrap().path)).collect();
        drop(s);
        let damaged = folder.join("fieldbook-20250301-000000.db");
        std::fs::write(&damaged, b"not a database, only some bytes").unwrap();
        assert!(made.iter().all(|p| holds_name(p)), "plaintext backups hold the name");

        let first = Passphrase::new("first").unwrap();
        let r = follow_passphrase(&folder, None, Some(&first)).unwrap();
        assert_eq!((r.converted, r.skipped.clone()), (2, vec!["fieldbook-20250301-000000.db".to_string()]));
        assert!(made.iter().all(|p| !holds_name(p)), "no backup is readable without the passphrase");
        assert_eq!(good(&folder, Some(&first)), vec![Some(1), Some(1)]);
        assert_eq!(std::fs::read(&damaged).unwrap(), b"not a database, only some bytes", "left as it was");

        let second = Passphrase::new("second").unwrap();
        assert_eq!(follow_passphrase(&folder, Some(&first), Some(&second)).unwrap().converted, 2);
        assert_eq!(good(&folder, Some(&second)), vec![Some(1), Some(1)]);
        assert_eq!(good(&folder, Some(&first)), vec![None, None], "the old passphrase opens none");

        assert_eq!(follow_passphrase(&folder, Some(&second), None).unwrap().converted, 2);
        assert_eq!(good(&folder, None), vec![Some(1), Some(1)]);
        assert!(made.iter().all(|p| holds_name(p)), "decrypted with the book");
    }
}

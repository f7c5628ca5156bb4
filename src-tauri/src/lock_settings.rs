//! How the app locks itself: after how many idle minutes, and whether reminder
//! notifications name the customer while it is locked. Kept in a small JSON file in the data
//! folder, not in the book: it must be readable while the book is locked, and it is this
//! laptop's choice, not the team's (sync never carries it).

use std::path::{Path, PathBuf};

use fieldbook_core::store::files;
use fieldbook_core::CoreError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const FILE: &str = "lock-settings.json";

/// Settings → Security: the lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct LockSettings {
    /// Lock an encrypted book after this many minutes without a key press or click; 0 = never.
    pub idle_minutes: u32,
    /// Reminder notifications name the customer even while the app is locked.
    pub details_while_locked: bool,
}

impl Default for LockSettings {
    fn default() -> Self {
        LockSettings { idle_minutes: 10, details_while_locked: false }
    }
}

fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE)
}

/// The saved settings; the defaults if none were saved or the file is unreadable.
pub fn load(data_dir: &Path) -> LockSettings {
    std::fs::read_to_string(path(data_dir)).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

/// Save; more than a day of idle minutes is refused (`idle_minutes_invalid`).
pub fn save(data_dir: &Path, s: &LockSettings) -> fieldbook_core::Result<LockSettings> {
    if s.idle_minutes > 24 * 60 {
        return Err(CoreError::invalid("idle_minutes", "idle_minutes_invalid", "lock after 0–1440 idle minutes"));
    }
    let target = path(data_dir);
    let tmp = files::side_file(&target, ".tmp");
    files::remove_leftover(&tmp)?;
    let text = serde_json::to_string_pretty(s).expect("serializable settings");
    std::io::Write::write_all(&mut files::create_private_file(&tmp)?, text.as_bytes())?;
    files::replace(&tmp, &target)?;
    Ok(s.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_then_round_trip_and_a_refused_value_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), LockSettings { idle_minutes: 10, details_while_locked: false });
        let mine = LockSettings { idle_minutes: 0, details_while_locked: true };
        save(dir.path(), &mine).unwrap();
        assert_eq!(load(dir.path()), mine);
        let err = save(dir.path(), &LockSettings { idle_minutes: 5000, ..mine.clone() }).unwrap_err();
        assert_eq!(err.code(), "idle_minutes_invalid");
        assert_eq!(load(dir.path()), mine);
    }
}

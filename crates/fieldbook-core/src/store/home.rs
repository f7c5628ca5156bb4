//! Where a book lives, so a copy is recognized: a copied book (another laptop set up from a
//! colleague's file, a book moved to a new machine) must not sync under the original's device
//! id, or both would write the same `devices/<id>/<seq>` segments and each would take the
//! other's changes for its own. The writer records a hash of the machine id and the book's
//! canonical path; a book opened where that hash does not match is a copy and gets a new
//! device id before anything is written. Moving the book to another folder of the same machine
//! counts as a copy too: a new id costs nothing but a new folder in the team's place.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::clock::timestamp;
use crate::error::Result;

/// This machine's id (systemd's, else D-Bus's; empty where neither exists, e.g. a container
/// or another OS — then the path alone tells copies apart).
fn machine_id() -> String {
    ["/etc/machine-id", "/var/lib/dbus/machine-id"]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()))
        .unwrap_or_default()
}

/// The hash recorded for a book at `path` on this machine.
pub(crate) fn fingerprint(path: &Path) -> String {
    // The folder is canonical (symlinks, `..`); the file itself may not exist yet (a restore
    // records the home of the file it is about to rename into place).
    let path = match (path.parent().and_then(|d| std::fs::canonicalize(d).ok()), path.file_name()) {
        (Some(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    };
    let digest = Sha256::new()
        .chain_update(machine_id())
        .chain_update([0u8])
        .chain_update(path.to_string_lossy().as_bytes())
        .finalize();
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Give the book behind `conn` a new device id, remembering the old one (its unsent changes
/// are still this book's to send) and starting a new segment sequence in the team's place.
/// Returns the new id. Used for a copy found at open and for a restored backup.
pub(crate) fn renew_device(
    conn: &Connection,
    home: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String> {
    let old: Option<String> = conn.query_row("SELECT id FROM device", [], |r| r.get(0)).optional()?;
    let id = uuid::Uuid::now_v7().simple().to_string();
    if let Some(old) = old {
        conn.execute(
            "INSERT OR IGNORE INTO former_devices (id, through_seq, until)
             VALUES (?1, (SELECT COALESCE(MAX(seq), 0) FROM change_journal), ?2)",
            params![old, timestamp(now)],
        )?;
    }
    conn.execute("UPDATE device SET id = ?1, created_at = ?2, home = ?3", params![id, timestamp(now), home])?;
    // The new device's segments start at 1 in its own folder; what the journal has sent stays sent.
    conn.execute("DELETE FROM sync_state WHERE key IN ('next_segment_seq', 'last_segment')", [])?;
    Ok(id)
}

/// At open: record where the book lives, or — if it lives elsewhere now — renew its device
/// id. Ok(Some(new id)) when it did.
pub(crate) fn claim(conn: &Connection, path: &Path, now: chrono::DateTime<chrono::Utc>) -> Result<Option<String>> {
    let here = fingerprint(path);
    let recorded: Option<String> = conn.query_row("SELECT home FROM device", [], |r| r.get(0))?;
    match recorded {
        Some(home) if home == here => Ok(None),
        None => {
            conn.execute("UPDATE device SET home = ?1", [&here])?;
            Ok(None)
        }
        Some(_) => {
            let tx = conn.unchecked_transaction()?;
            let id = renew_device(&tx, Some(&here), now)?;
            tx.commit()?;
            Ok(Some(id))
        }
    }
}

//! Where a team's segments live: a folder (a shared drive, a Syncthing/Dropbox folder, a USB
//! stick) or an S3-compatible bucket (`bucket.rs`). Files are only ever created, never replaced:
//! each laptop writes only in its own `devices/<device>/` folder, so nothing is overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{CoreError, Result};

pub trait Place {
    /// Every file name under `prefix` (names use `/`, relative to the place).
    fn list(&self, prefix: &str) -> Result<Vec<String>>;
    /// A file's bytes, or None if it does not exist.
    fn get(&self, name: &str) -> Result<Option<Vec<u8>>>;
    /// Create `name` with `bytes` unless it exists: Ok(false) when it already did.
    fn put_new(&self, name: &str, bytes: &[u8]) -> Result<bool>;
    /// Remove one of this laptop's own files (an older snapshot's part); one already gone is
    /// not an error.
    fn delete(&self, name: &str) -> Result<()>;
    /// How the place is shown to the user.
    fn describe(&self) -> String;
}

/// A folder on this machine or a mounted share.
pub struct Folder {
    root: PathBuf,
}

impl Folder {
    /// The folder must exist: a USB stick that is not plugged in is "unreachable", not a
    /// new empty place.
    pub fn open(root: &Path) -> Result<Folder> {
        if !root.is_dir() {
            return Err(CoreError::sync("sync_unreachable", format!("{} is not a reachable folder", root.display())));
        }
        Ok(Folder { root: root.to_path_buf() })
    }

    fn path(&self, name: &str) -> PathBuf {
        name.split('/').fold(self.root.clone(), |p, part| p.join(part))
    }
}

impl Place for Folder {
    fn list(&self, prefix: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let mut stack = vec![(self.path(prefix), prefix.trim_end_matches('/').to_string())];
        while let Some((dir, name)) = stack.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e.into()),
            };
            for entry in entries {
                let entry = entry?;
                let file = entry.file_name().to_string_lossy().into_owned();
                if file.starts_with('.') {
                    continue; // our own temp files, and the OS's
                }
                let child = if name.is_empty() { file } else { format!("{name}/{file}") };
                if entry.file_type()?.is_dir() {
                    stack.push((entry.path(), child));
                } else {
                    out.push(child);
                }
            }
        }
        out.sort();
        Ok(out)
    }

    fn get(&self, name: &str) -> Result<Option<Vec<u8>>> {
        match std::fs::read(self.path(name)) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Written to a hidden temp file and fsynced, then linked to its name (which fails if the
    /// name exists: create-only). File systems without hard links (FAT on a USB stick) get a
    /// rename instead; only this laptop writes in its folder, so nothing is replaced.
    fn put_new(&self, name: &str, bytes: &[u8]) -> Result<bool> {
        let target = self.path(name);
        if target.exists() {
            return Ok(false);
        }
        let dir = target.parent().expect("a file name has a folder");
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!(".{}.tmp", uuid::Uuid::now_v7().simple()));
        {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
        }
        let linked = match std::fs::hard_link(&tmp, &target) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            Err(_) if !target.exists() => std::fs::rename(&tmp, &target).map(|()| true),
            Err(e) => Err(e),
        };
        let _ = std::fs::remove_file(&tmp);
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all(); // the new name survives a power cut
        }
        Ok(linked?)
    }

    fn delete(&self, name: &str) -> Result<()> {
        match std::fs::remove_file(self.path(name)) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    fn describe(&self) -> String {
        self.root.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_creates_files_once_and_lists_them_by_relative_name() {
        let dir = tempfile::tempdir().unwrap();
        let place = Folder::open(dir.path()).unwrap();
        assert!(place.put_new("devices/a/1.seg", b"one").unwrap());
        assert!(!place.put_new("devices/a/1.seg", b"other").unwrap(), "create-only");
        assert_eq!(place.get("devices/a/1.seg").unwrap().as_deref(), Some(&b"one"[..]), "never replaced");
        assert!(place.put_new("team.json", b"{}").unwrap());
        assert_eq!(place.list("devices/").unwrap(), vec!["devices/a/1.seg".to_string()]);
        assert_eq!(place.get("devices/b/9.seg").unwrap(), None);
    }

    #[test]
    fn a_missing_folder_is_unreachable_not_empty() {
        let err = Folder::open(Path::new("/nonexistent/usb-stick")).err().unwrap();
        assert_eq!(err.code(), "sync_unreachable");
    }
}

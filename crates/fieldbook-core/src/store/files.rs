//! The book's files on disk: owner-only folders and files, what kind of file a path holds,
//! and replacing a file atomically (temp copy, fsync, rename, fsync the folder).

use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{CoreError, Result};

/// What a path holds, judged from its first 16 bytes without opening it as a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookFile {
    /// No file, or an empty one: opening creates a new book.
    Missing,
    /// A plaintext SQLite database.
    Plain,
    /// Anything else: an encrypted book (SQLCipher files look random from the first byte),
    /// or a file that is not a database at all.
    Opaque,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl BookFile {
    pub fn of(path: &Path) -> Result<BookFile> {
        Ok(match read_head(path)? {
            None | Some((_, 0)) => BookFile::Missing,
            Some((head, 16)) if &head == SQLITE_MAGIC => BookFile::Plain,
            Some(_) => BookFile::Opaque,
        })
    }
}

/// The salt SQLCipher keeps in an encrypted book's first 16 bytes (what its key is derived
/// with); none when the file is missing or shorter.
pub(crate) fn salt_of(path: &Path) -> Result<Option<[u8; 16]>> {
    Ok(read_head(path)?.and_then(|(head, n)| (n == 16).then_some(head)))
}

/// The first 16 bytes of `path` and how many there were; none when there is no file.
fn read_head(path: &Path) -> Result<Option<([u8; 16], usize)>> {
    let mut f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let mut head = [0u8; 16];
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(Some((head, n)))
}

/// Create `dir` and its missing parents readable by the owner only (0700 on Unix). A folder
/// that already exists keeps its permissions: it may be shared on purpose (e.g. `/tmp`).
pub fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)?;
    Ok(())
}

/// Make `path` readable and writable by its owner only (0600 on Unix; nothing elsewhere).
pub fn make_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Create an empty file at `path`, owner-only from its first moment (SQLite then gives its
/// `-wal` and `-shm` files the same mode). Fails if it exists.
pub fn create_private_file(path: &Path) -> Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    Ok(o.open(path)?)
}

/// Flush `path`'s contents to the disk.
pub fn sync_file(path: &Path) -> Result<()> {
    File::open(path)?.sync_all()?;
    Ok(())
}

/// Flush a folder's entries (a rename into it) to the disk. Not possible on Windows: skipped.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(if dir.as_os_str().is_empty() { Path::new(".") } else { dir })?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Move the finished, verified `tmp` over `path` in one step: a crash leaves either the old
/// file or the new one, never a mix.
pub fn replace(tmp: &Path, path: &Path) -> Result<()> {
    sync_file(tmp)?;
    fs::rename(tmp, path)?;
    sync_dir(path.parent().unwrap_or(Path::new("")))
}

/// `book.db` → `book.db-wal` (and other SQLite side files).
pub fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Refuse to swap the book's file while another connection may still use it: its write-ahead
/// log holds commits the swapped-in file would not have. Call after closing our own
/// connections (the last one to close checkpoints and removes the log).
pub fn ensure_unused(path: &Path) -> Result<()> {
    // The last connection to close removes the log, even an empty one; while one remains
    // open it stays (a checkpoint may have emptied it).
    match side_file(path, "-wal").exists() {
        true => Err(CoreError::BookBusy { path: path.display().to_string() }),
        false => Ok(()),
    }
}

/// Remove a temp file left by an interrupted run (a crash or a kill mid-copy).
pub fn remove_leftover(path: &Path) -> Result<()> {
    for p in [path.to_path_buf(), side_file(path, "-wal"), side_file(path, "-shm"), side_file(path, "-journal")] {
        match fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_missing_plain_or_opaque_from_its_header() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.db");
        assert_eq!(BookFile::of(&p).unwrap(), BookFile::Missing);
        fs::write(&p, b"").unwrap();
        assert_eq!(BookFile::of(&p).unwrap(), BookFile::Missing, "an empty file is a new book to SQLite");
        fs::write(&p, b"SQLite format 3\0and more").unwrap();
        assert_eq!(BookFile::of(&p).unwrap(), BookFile::Plain);
        fs::write(&p, b"\x8f\x12random bytes of a cipher").unwrap();
        assert_eq!(BookFile::of(&p).unwrap(), BookFile::Opaque);
    }

    #[cfg(unix)]
    #[test]
    fn new_folders_are_0700_and_new_files_0600_whatever_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        create_private_dir(&sub).unwrap();
        assert_eq!(fs::metadata(&sub).unwrap().permissions().mode() & 0o777, 0o700);
        assert_eq!(fs::metadata(dir.path().join("a")).unwrap().permissions().mode() & 0o777, 0o700);
        let f = sub.join("f");
        create_private_file(&f).unwrap();
        assert_eq!(fs::metadata(&f).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

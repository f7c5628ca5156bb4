//! A throwaway book for the CLI's integration tests: a temp database and `fieldbook` run on it.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;

pub struct Book {
    pub dir: tempfile::TempDir,
    pub db: std::path::PathBuf,
    /// The passphrase every command gets in `FIELDBOOK_PASSPHRASE` (none: the variable is unset).
    pub key: Option<String>,
}

impl Book {
    pub fn new() -> Book {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("book.db");
        Book { dir, db, key: None }
    }

    /// A book whose commands run with `FIELDBOOK_PASSPHRASE=key` (created encrypted).
    pub fn encrypted(key: &str) -> Book {
        Book { key: Some(key.into()), ..Book::new() }
    }

    /// `fieldbook --db <book>`, to add arguments to.
    pub fn command(&self) -> Command {
        let mut c = Command::cargo_bin("fieldbook").unwrap();
        c.arg("--db").arg(&self.db).env_remove("FIELDBOOK_NEW_PASSPHRASE");
        match &self.key {
            Some(k) => c.env("FIELDBOOK_PASSPHRASE", k),
            None => c.env_remove("FIELDBOOK_PASSPHRASE"),
        };
        c
    }

    /// Run `fieldbook --db <book> ARGS`.
    pub fn cmd(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.command().args(args).assert()
    }

    /// Run with `--json`, expecting success; the parsed stdout (panics with stderr if it fails).
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.command().arg("--json").args(args).output().unwrap();
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Run with `--json`, expecting failure; the JSON error from stderr.
    pub fn error(&self, args: &[&str]) -> Value {
        let out = self.command().arg("--json").args(args).output().unwrap();
        assert!(!out.status.success(), "{args:?} should fail");
        serde_json::from_slice(&out.stderr).unwrap()
    }

    /// Run expecting success; stdout as text.
    pub fn text(&self, args: &[&str]) -> String {
        String::from_utf8(self.cmd(args).success().get_output().stdout.clone()).unwrap()
    }
}

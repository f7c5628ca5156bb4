//! A throwaway book for the CLI's integration tests: a temp database and `fieldbook` run on it.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;

pub struct Book {
    _dir: tempfile::TempDir,
    pub db: std::path::PathBuf,
}

impl Book {
    pub fn new() -> Book {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("book.db");
        Book { _dir: dir, db }
    }

    /// Run `fieldbook --db <book> ARGS`.
    pub fn cmd(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        Command::cargo_bin("fieldbook").unwrap().arg("--db").arg(&self.db).args(args).assert()
    }

    /// Run with `--json`, expecting success; the parsed stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.cmd(&all).success().get_output().stdout.clone();
        serde_json::from_slice(&out).unwrap()
    }

    /// Run expecting success; stdout as text.
    pub fn text(&self, args: &[&str]) -> String {
        String::from_utf8(self.cmd(args).success().get_output().stdout.clone()).unwrap()
    }
}

//! Two processes writing the same book at once: a long import in one while another adds
//! customers one by one. No "database is locked" for ordinary writes (each write waits for
//! the other's transaction), and no write is lost.

mod common;

use std::process::{Command, Stdio};

use common::Book;

#[test]
fn writers_in_two_processes_wait_for_each_other_and_lose_nothing() {
    let b = Book::encrypted("two writers");
    b.cmd(&["customers", "add", "--name", "First"]).success();
    let mut text = String::from("Name,Phone\n");
    for i in 0..3000 {
        text += &format!("Import Person {i},+86 135{i:08}\n");
    }
    let csv = b.dir.path().join("people.csv");
    std::fs::write(&csv, text).unwrap();

    let spawn = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_fieldbook"))
            .arg("--db")
            .arg(&b.db)
            .arg("--json")
            .args(args)
            .env("FIELDBOOK_PASSPHRASE", "two writers")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let import = spawn(&["import", csv.to_str().unwrap(), "--on-duplicate", "create"]);
    // Two more writers, each adding customers one process at a time, while the import runs.
    let adders: Vec<_> = (0..2)
        .map(|w| {
            let db = b.db.clone();
            std::thread::spawn(move || {
                for i in 0..15 {
                    let out = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
                        .arg("--db")
                        .arg(&db)
                        .args(["--json", "customers", "add", "--name", &format!("Writer {w} #{i}")])
                        .env("FIELDBOOK_PASSPHRASE", "two writers")
                        .output()
                        .unwrap();
                    assert!(out.status.success(), "writer {w} #{i}: {}", String::from_utf8_lossy(&out.stderr));
                }
            })
        })
        .collect();
    for a in adders {
        a.join().unwrap();
    }
    let out = import.wait_with_output().unwrap();
    assert!(out.status.success(), "import: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(b.json(&["customers", "list"])["total"], 1 + 3000 + 30, "every write landed");
}

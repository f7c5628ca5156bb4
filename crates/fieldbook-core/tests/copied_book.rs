//! A book copied to another machine (or another folder) is a new device for sync: it must not
//! write segments under the original's id, and its unsent changes still reach the team.

use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use fieldbook_core::clock::ManualClock;
use fieldbook_core::customers::CustomerInput;
use fieldbook_core::sync::place::{Folder, Place};
use fieldbook_core::Store;

const PASS: &str = "团队口令";

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()))
}

fn open(path: &Path) -> Store {
    Store::open(path, clock()).unwrap()
}

/// Copy a closed book (and its log, if one is left) like a user would.
fn copy_book(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
    let wal = format!("{}-wal", from.display());
    if Path::new(&wal).exists() {
        std::fs::copy(&wal, format!("{}-wal", to.display())).unwrap();
    }
}

#[test]
fn a_copied_book_gets_a_new_device_id_and_still_sends_its_unsent_changes() {
    let (home, elsewhere, share) =
        (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let place = Folder::open(share.path()).unwrap();
    let original_path = home.path().join("fieldbook.db");
    let (original_id, customer) = {
        let mut book = open(&original_path);
        let c = book.create_customer(CustomerInput { name: "张三".into(), ..Default::default() }).unwrap();
        book.sync(&place, PASS, &mut |_| {}).unwrap();
        // An edit made before the copy and never synced from the original.
        let mut input = book.customer(&c.id).unwrap().fields;
        input.notes = Some("typed before the copy".into());
        book.update_customer(&c.id, input).unwrap();
        (book.device_id().to_string(), c.id)
    };
    assert_eq!(open(&original_path).device_id(), original_id, "reopening a book where it lives keeps its id");

    let copy_path = elsewhere.path().join("fieldbook.db");
    copy_book(&original_path, &copy_path);
    let copy = open(&copy_path);
    let copy_id = copy.device_id().to_string();
    assert_ne!(copy_id, original_id, "the copy is a device of its own");
    drop(copy);
    let mut copy = open(&copy_path);
    assert_eq!(copy.device_id(), copy_id, "and keeps that id from then on");
    assert_eq!(open(&original_path).device_id(), original_id, "the original is untouched");

    let sent = copy.sync(&place, PASS, &mut |_| {}).unwrap();
    let names = place.list("devices/").unwrap();
    assert!(
        names.iter().any(|n| n.starts_with(&format!("devices/{copy_id}/0000000001-"))),
        "the copy starts its own sequence in its own folder: {names:?}"
    );
    assert_eq!(
        names.iter().filter(|n| n.starts_with(&format!("devices/{original_id}/"))).count(),
        1,
        "nothing is written under the original's id: {names:?}"
    );
    assert!(sent.sent >= 1, "the unsent edit goes out from the copy");

    // A third laptop gets the edit though the original never synced it.
    let mut third = Store::open_in_memory(clock()).unwrap();
    third.sync(&place, PASS, &mut |_| {}).unwrap();
    assert_eq!(third.customer(&customer).unwrap().fields.notes.as_deref(), Some("typed before the copy"));

    // The original syncs the same edit later: the same change twice is no conflict.
    let mut original = open(&original_path);
    original.sync(&place, PASS, &mut |_| {}).unwrap();
    copy.sync(&place, PASS, &mut |_| {}).unwrap();
    let again = third.sync(&place, PASS, &mut |_| {}).unwrap();
    assert_eq!(again.conflicts, 0);
    assert!(third.conflicts(None, 10).unwrap().is_empty());
    // Edits after the copy flow both ways under the two ids.
    let mut input = original.customer(&customer).unwrap().fields;
    input.title = Some("经理".into());
    original.update_customer(&customer, input).unwrap();
    original.sync(&place, PASS, &mut |_| {}).unwrap();
    copy.sync(&place, PASS, &mut |_| {}).unwrap();
    assert_eq!(copy.customer(&customer).unwrap().fields.title.as_deref(), Some("经理"));
    let resent = copy.sync(&place, PASS, &mut |_| {}).unwrap();
    assert_eq!(resent.sent, 0, "the copy does not send back what came from the original after the copy");
}

//! The shell's book states on real files: a plaintext book opens at once; an encrypted one
//! starts locked, refuses commands, takes a wrong passphrase without writing, unlocks; a
//! lock keeps the connections but refuses commands; a damaged book is never opened.

use std::sync::Arc;

use fieldbook_core::clock::SystemClock;
use fieldbook_core::customers::CustomerInput;
use fieldbook_core::store::{self, Passphrase};
use fieldbook_core::{CoreError, Store};

use super::AppState;

fn customer(name: &str) -> CustomerInput {
    serde_json::from_value(serde_json::json!({ "name": name })).unwrap()
}

fn count(state: &AppState) -> fieldbook_core::Result<u64> {
    state.read(|s| s.list_customers(Default::default(), 0, 10).map(|p| p.total))
}

fn encrypted_book(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("fieldbook.db");
    let mut s = Store::open(&path, Arc::new(SystemClock)).unwrap();
    s.create_customer(customer("Alice Zhang")).unwrap();
    drop(s);
    store::set_passphrase(&path, &Passphrase::new("correct horse").unwrap()).unwrap();
    path
}

#[test]
fn a_plaintext_book_opens_at_once_and_cannot_be_locked() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::start(&dir.path().join("fieldbook.db"), dir.path().into(), Arc::new(SystemClock)).unwrap();
    assert!(state.first_start);
    state.write(|s| s.create_customer(customer("Bo Li"))).unwrap();
    state.lock();
    assert!(!state.is_locked(), "locking a plaintext book would protect nothing");
    assert_eq!(count(&state).unwrap(), 1);
}

#[test]
fn an_encrypted_book_starts_locked_and_a_wrong_passphrase_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = encrypted_book(dir.path());
    let before = std::fs::read(&path).unwrap();
    let state = AppState::start(&path, dir.path().into(), Arc::new(SystemClock)).unwrap();
    assert!(state.is_locked() && !state.first_start);
    assert_eq!(count(&state).unwrap_err().code(), "locked");
    assert_eq!(state.write(|s| s.create_customer(customer("X"))).unwrap_err().code(), "locked");

    for _ in 0..3 {
        assert!(matches!(state.unlock("wrong"), Err(CoreError::PassphraseWrong)));
    }
    // The fourth wrong one in a row waits before another attempt.
    assert!(state.retry_after().is_some());
    assert_eq!(state.unlock("correct horse").unwrap_err().code(), "unlock_wait");
    assert!(state.is_locked());
    assert_eq!(std::fs::read(&path).unwrap(), before, "wrong passphrases wrote nothing");
}

#[test]
fn unlock_opens_the_book_and_a_lock_refuses_commands_until_the_right_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let path = encrypted_book(dir.path());
    let state = AppState::start(&path, dir.path().into(), Arc::new(SystemClock)).unwrap();
    state.unlock("correct horse").unwrap();
    assert!(!state.is_locked() && state.is_encrypted());
    assert_eq!(count(&state).unwrap(), 1);
    state.write(|s| s.create_customer(customer("Bo Li"))).unwrap();

    state.lock();
    assert_eq!(count(&state).unwrap_err().code(), "locked");
    // The reminder scheduler still reads while locked.
    assert_eq!(state.read_anyway(|s| s.list_customers(Default::default(), 0, 10).map(|p| p.total)).unwrap(), 2);
    assert_eq!(state.unlock("nope").unwrap_err().code(), "passphrase_wrong");
    assert!(state.is_locked());
    state.unlock("correct horse").unwrap();
    assert_eq!(count(&state).unwrap(), 2);
}

#[test]
fn changing_the_passphrase_closes_and_reopens_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    let state = AppState::start(&path, dir.path().into(), Arc::new(SystemClock)).unwrap();
    state.write(|s| s.create_customer(customer("Bo Li"))).unwrap();
    let key = Passphrase::new("first").unwrap();
    state
        .with_book_closed(|p, _| {
            store::set_passphrase(p, &key)?;
            Ok(((), Some(key.clone())))
        })
        .unwrap();
    assert!(state.is_encrypted());
    assert_eq!(count(&state).unwrap(), 1);
    assert_eq!(Store::open(&path, Arc::new(SystemClock)).err().unwrap().code(), "passphrase_required");

    // A failing operation leaves the book open with the key it had.
    let err = state.with_book_closed(|p, _| {
        store::set_passphrase(p, &key)?;
        Ok(((), None))
    });
    assert_eq!(err.unwrap_err().code(), "passphrase_already_set");
    assert_eq!(count(&state).unwrap(), 1);
}

#[test]
fn a_damaged_book_is_never_opened_nor_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fieldbook.db");
    let mut s = Store::open(&path, Arc::new(SystemClock)).unwrap();
    for i in 0..200 {
        s.create_customer(customer(&format!("Customer {i}"))).unwrap();
    }
    drop(s);
    let bytes = std::fs::read(&path).unwrap();
    // Keep the header page, lose the rest: a truncated book.
    std::fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
    let damaged = std::fs::read(&path).unwrap();
    let state = AppState::start(&path, dir.path().into(), Arc::new(SystemClock)).unwrap();
    let damage = state.damage().expect("the book is damaged");
    assert_eq!(damage.path, path.display().to_string());
    assert_eq!(count(&state).unwrap_err().code(), "book_corrupt");
    assert_eq!(std::fs::read(&path).unwrap(), damaged);
}

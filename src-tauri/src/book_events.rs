//! One source of change events. Whoever wrote to the book — a command of this window, the
//! `fieldbook` CLI on the same file, sync applying another laptop's edits — the change lands
//! in the journal; this watcher reads what changed since it last looked, emits one
//! `book-changed` event (the kinds and customers touched) and wakes the reminder scheduler.
//! This process's writes poke it at once; other processes' writes are noticed by polling
//! SQLite's `data_version`, which changes when another connection commits.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use fieldbook_core::changes::BookChange;
use fieldbook_core::store::CommitListener;
use fieldbook_core::Store;
use tauri::{AppHandle, Emitter, Manager};

use crate::state::AppState;

/// The event the window listens to (ui/src/api/events.ts).
pub const BOOK_CHANGED: &str = "book-changed";

/// How often another process's commits are looked for.
const POLL: Duration = Duration::from_millis(400);

/// Start watching the book through `store` (a reader of it); returns what the writer calls
/// after each commit, and the thread, which ends once the writer (holding that listener) is
/// dropped — the book is closed to be re-keyed or restored.
pub fn start(app: &AppHandle, store: Store) -> fieldbook_core::Result<(CommitListener, JoinHandle<()>)> {
    let (poke, poked) = mpsc::channel::<()>();
    let app = app.clone();
    let thread = std::thread::Builder::new()
        .name("book-events".into())
        .spawn(move || watch(&app, &store, &poked))
        .map_err(fieldbook_core::CoreError::from)?;
    let listener: CommitListener = std::sync::Arc::new(move || {
        let _ = poke.send(());
    });
    Ok((listener, thread))
}

/// Tell the window that everything may have changed (a restored book).
pub fn announce_everything(app: &AppHandle) {
    let change = BookChange {
        kinds: ["customers", "interactions", "orders", "complaints", "reminder_states", "settings"]
            .map(String::from)
            .to_vec(),
        many: true,
        ..BookChange::default()
    };
    announce(app, &change);
}

fn watch(app: &AppHandle, store: &Store, poked: &Receiver<()>) {
    let mut seen = store.journal_head().unwrap_or(0);
    let mut version = data_version(store);
    loop {
        let woken = match poked.recv_timeout(POLL) {
            Ok(()) => true,
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        while poked.try_recv().is_ok() {} // many commits in a row: one look
        let now_version = data_version(store);
        if !woken && now_version == version {
            continue;
        }
        version = now_version;
        match store.changes_since(seen) {
            Ok(change) => {
                seen = change.through_seq;
                if !change.is_empty() {
                    announce(app, &change);
                }
            }
            Err(e) => tracing::warn!("cannot read what changed: {e}"),
        }
    }
}

fn announce(app: &AppHandle, change: &BookChange) {
    tracing::debug!(kinds = ?change.kinds, customers = change.customer_ids.len(), many = change.many, "book changed");
    let _ = app.emit(BOOK_CHANGED, change);
    app.state::<AppState>().scheduler_wake.notify_one();
}

fn data_version(store: &Store) -> i64 {
    store.conn().query_row("PRAGMA data_version", [], |r| r.get(0)).unwrap_or(0)
}

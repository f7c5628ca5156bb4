//! What every command can reach: the one store connection, behind a mutex.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use fieldbook_core::Store;

pub struct AppState {
    store: Mutex<Store>,
    pub data_dir: PathBuf,
    /// Wakes the reminder scheduler when something that moves reminders changed.
    pub reminders_changed: Arc<tokio::sync::Notify>,
}

impl AppState {
    pub fn new(store: Store, data_dir: PathBuf) -> Self {
        AppState { store: Mutex::new(store), data_dir, reminders_changed: Arc::new(tokio::sync::Notify::new()) }
    }

    /// Run `f` with the store. A panic in an earlier command poisons the mutex; the store
    /// itself is still consistent (transactions roll back), so keep serving.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        let mut guard = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }
}

//! The desktop shell: opens the store, registers the commands, logs. All logic is in
//! fieldbook-core; commands only parse, call the core and map errors.

mod commands;
mod error;
mod notifications;
mod scheduler;
mod state;
mod tray;

use std::sync::Arc;

use fieldbook_core::clock::SystemClock;
use fieldbook_core::{paths, Store};
use tauri::Manager;

pub fn run() {
    let data_dir = paths::data_dir();
    init_logging(&data_dir);
    let db_path = data_dir.join(paths::DB_FILE);
    let store = match Store::open(&db_path, Arc::new(SystemClock)) {
        Ok(store) => store,
        Err(e) => {
            tracing::error!("cannot open {}: {e}", db_path.display());
            eprintln!("Fieldbook cannot open its database at {}: {e}", db_path.display());
            std::process::exit(1);
        }
    };
    tracing::info!(db = %db_path.display(), device = store.device_id(), "store opened");

    let settings = store.settings().unwrap_or_default();
    tauri::Builder::default()
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec!["--hidden"]),
        ))
        .manage(state::AppState::new(store, data_dir))
        .setup(move |app| {
            let handle = app.handle();
            // Without a tray host (some desktops, CI) the app still runs; it just has no tray.
            if let Err(e) = tray::install(handle, notifications::chinese(settings.locale.as_deref())) {
                tracing::warn!("no tray icon: {e}");
            }
            commands::settings::apply_start_at_login(handle, settings.start_at_login);
            if std::env::args().any(|a| a == "--hidden") && settings.keep_in_tray {
                if let Some(w) = app.get_webview_window("main") {
                    let _ = w.hide(); // started at login: wait in the tray
                }
            }
            scheduler::start(handle.clone());
            Ok(())
        })
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                let keep = window.state::<state::AppState>().with_store(|s| s.settings().map(|s| s.keep_in_tray));
                if keep.unwrap_or(false) {
                    api.prevent_close();
                    let _ = window.hide();
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::customers::customers_list,
            commands::customers::customers_get,
            commands::customers::customers_create,
            commands::customers::customers_update,
            commands::customers::customers_delete,
            commands::customers::customers_restore,
            commands::customers::customers_purge,
            commands::customers::customers_empty_trash,
            commands::search::search_query,
            commands::interactions::interactions_list,
            commands::interactions::interactions_create,
            commands::interactions::interactions_update,
            commands::interactions::interactions_delete,
            commands::interactions::interactions_restore,
            commands::orders::orders_list,
            commands::orders::orders_get,
            commands::orders::orders_create,
            commands::orders::orders_update,
            commands::orders::orders_delete,
            commands::orders::orders_restore,
            commands::orders::products_list,
            commands::orders::products_create,
            commands::orders::products_update,
            commands::orders::products_delete,
            commands::complaints::complaints_list,
            commands::complaints::complaints_create,
            commands::complaints::complaints_update,
            commands::complaints::complaints_delete,
            commands::complaints::complaints_restore,
            commands::classify::classify_customer,
            commands::classify::classify_settings_get,
            commands::classify::classify_settings_update,
            commands::classify::timeline_list,
            commands::reminders::agenda_list,
            commands::reminders::agenda_overdue_revisits,
            commands::reminders::reminders_done,
            commands::reminders::reminders_dismiss,
            commands::reminders::reminders_reopen,
            commands::reminders::reminders_snooze,
            commands::reminders::reminder_settings_get,
            commands::reminders::reminder_settings_update,
            commands::reminders::greeting_templates_get,
            commands::reminders::greeting_templates_set,
            commands::reminders::revisit_interval_get,
            commands::reminders::revisit_interval_set,
            commands::reminders::custom_reminders_list,
            commands::reminders::custom_reminders_create,
            commands::reminders::custom_reminders_update,
            commands::reminders::custom_reminders_delete,
            commands::reminders::holidays_list,
            commands::reminders::holidays_coverage,
            commands::reminders::holidays_import,
            commands::settings::settings_get,
            commands::settings::settings_update,
            commands::app::app_info,
            commands::segments::segments_list,
            commands::segments::segments_save,
            commands::segments::segments_delete,
            commands::segments::segments_count,
            commands::segments::segments_customers,
            commands::segments::segments_ids,
            commands::segments::customers_owners,
            commands::segments::customers_bulk_edit,
            commands::segments::customers_handover,
            commands::import::import_preview,
            commands::import::import_run,
            commands::import::import_cancel,
            commands::import::import_templates_list,
            commands::import::import_templates_save,
            commands::import::import_templates_delete,
            commands::import::import_restore_dump,
            commands::reports::reports_get,
            commands::export::export_run,
            commands::export::export_default_path,
            commands::cleaning::cleaning_duplicates,
            commands::cleaning::cleaning_merge,
            commands::cleaning::cleaning_undo_merge,
            commands::cleaning::cleaning_merges,
            commands::cleaning::cleaning_merge_of_customer,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Fieldbook");
}

/// Log to stderr and to a daily-rolling file in the data folder's `logs/`.
fn init_logging(data_dir: &std::path::Path) {
    use tracing_subscriber::prelude::*;
    let filter = tracing_subscriber::EnvFilter::try_from_env("FIELDBOOK_LOG").unwrap_or_else(|_| "info".into());
    let file = tracing_appender::rolling::daily(data_dir.join("logs"), "fieldbook.log");
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr))
        .with(tracing_subscriber::fmt::layer().with_ansi(false).with_writer(file))
        .try_init();
}

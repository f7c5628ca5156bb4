use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::state::AppState;

/// What the About box shows.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    version: &'static str,
    data_dir: String,
    device_id: String,
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: state.data_dir.display().to_string(),
        // Empty while locked: the About box shows no more than the lock screen does.
        device_id: state.read(|s| Ok::<_, fieldbook_core::CoreError>(s.device_id().to_string())).unwrap_or_default(),
    }
}

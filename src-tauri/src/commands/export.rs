//! Export from the Data screen: to a path the UI gives (a typed path works where no native
//! dialog can be driven, e.g. end-to-end tests).

use std::path::PathBuf;

use chrono::Utc;
use fieldbook_core::transfer::export::{ExportFormat, ExportRequest, ExportResult};
use tauri::{AppHandle, Manager, State};

use super::classify::today;
use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn export_run(state: State<'_, AppState>, request: ExportRequest, path: String) -> CommandResult<ExportResult> {
    let path = PathBuf::from(path.trim());
    Ok(state.with_store(|s| s.export_to_file(&request, &path, today(), Utc::now()))?)
}

/// A sensible default file: ~/Documents/fieldbook-export-YYYY-MM-DD.<ext> (the home folder
/// if there is no Documents folder).
#[tauri::command(async)]
pub fn export_default_path(app: AppHandle, format: ExportFormat) -> String {
    let dir = app.path().document_dir().or_else(|_| app.path().home_dir()).unwrap_or_else(|_| PathBuf::from("."));
    dir.join(format!("fieldbook-export-{}.{}", today().format("%Y-%m-%d"), format.extension())).display().to_string()
}

//! Export from the Data screen: to a path the UI gives (a typed path works where no native
//! dialog can be driven, e.g. end-to-end tests).

use std::path::PathBuf;

use fieldbook_core::transfer::export::{ExportFormat, ExportRequest, ExportResult};
use tauri::{AppHandle, Manager, State};

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn export_run(state: State<'_, AppState>, request: ExportRequest, path: String) -> CommandResult<ExportResult> {
    let path = PathBuf::from(path.trim());
    Ok(state.read(|s| s.export_to_file(&request, &path, state.today(), state.now()))?)
}

/// A sensible default file: ~/Documents/fieldbook-export-YYYY-MM-DD.<ext> (the home folder
/// if there is no Documents folder).
#[tauri::command(async)]
pub fn export_default_path(app: AppHandle, state: State<'_, AppState>, format: ExportFormat) -> String {
    let dir = app.path().document_dir().or_else(|_| app.path().home_dir()).unwrap_or_else(|_| PathBuf::from("."));
    dir.join(format!("fieldbook-export-{}.{}", state.today().format("%Y-%m-%d"), format.extension()))
        .display()
        .to_string()
}

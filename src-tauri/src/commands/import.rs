//! Import from a file path: a preview (detected format, encoding, sheets, guessed mapping,
//! first rows as they will be stored, and the whole dry run), the import itself on a blocking
//! thread with `import-progress` events and `import_cancel`, and saved mapping templates.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use fieldbook_core::transfer::dump::RestoreSummary;
use fieldbook_core::transfer::import::{
    self, ColumnMapping, DuplicatePolicy, ImportError, ImportPreview, ImportProgress, ImportReport, MappingTemplate,
    OptionalCells, ReadOptions,
};
use tauri::{AppHandle, Emitter, Manager, State};

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

/// Row errors and duplicates sent to the window per report; the counts stay exact (a
/// 100k-row file with a wrong mapping would otherwise send 100k messages).
const MAX_LISTED: usize = 1000;

fn trimmed(mut report: ImportReport) -> ImportReport {
    report.errors.truncate(MAX_LISTED);
    report.duplicates.truncate(MAX_LISTED);
    report.warnings.truncate(MAX_LISTED);
    report
}

/// Set by `import_cancel`; the running import checks it between rows and rolls back. There is
/// one window and one import at a time, so one flag serves.
static CANCEL: AtomicBool = AtomicBool::new(false);

/// The path as typed or pasted (quotes, `~/`, `file://` URIs).
fn user_path(text: &str) -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    import::typed_path(text, home.as_deref())
}

/// Strict mode rejects a row over an unreadable optional cell (a birthday, a lunar date);
/// otherwise the row is imported without it and the cell listed as a warning.
fn optional_cells(strict: bool) -> OptionalCells {
    if strict {
        OptionalCells::Reject
    } else {
        OptionalCells::Warn
    }
}

impl From<ImportError> for CommandError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Core(core) => core.into(),
            other => CommandError(other.to_payload()),
        }
    }
}

#[tauri::command(async)]
pub fn import_preview(
    state: State<'_, AppState>,
    path: String,
    options: ReadOptions,
    mapping: Option<Vec<ColumnMapping>>,
    on_duplicate: DuplicatePolicy,
    strict: bool,
) -> CommandResult<ImportPreview> {
    let decoded = import::read_path(&user_path(&path), &options)?;
    let mapping = mapping.filter(|m| m.iter().map(|c| &c.header).eq(decoded.table.headers.iter()));
    let mut preview = state.read(|s| {
        import::prepare_with(s, decoded, mapping, on_duplicate, optional_cells(strict)).map(|p| p.preview())
    })?;
    preview.report = trimmed(preview.report);
    Ok(preview)
}

#[tauri::command]
pub async fn import_run(
    app: AppHandle,
    path: String,
    options: ReadOptions,
    mapping: Option<Vec<ColumnMapping>>,
    on_duplicate: DuplicatePolicy,
    strict: bool,
    skip_invalid: bool,
) -> CommandResult<ImportReport> {
    CANCEL.store(false, Ordering::Relaxed);
    let work = move || -> CommandResult<ImportReport> {
        let decoded = import::read_path(&user_path(&path), &options)?;
        let state = app.state::<AppState>();
        let report = state.write(|s| {
            let prepared = import::prepare_with(s, decoded, mapping, on_duplicate, optional_cells(strict))?;
            let mut progress = |p: ImportProgress| {
                let _ = app.emit("import-progress", p);
            };
            prepared.run(s, skip_invalid, &mut progress, &CANCEL)
        })?;
        Ok(trimmed(report))
    };
    tauri::async_runtime::spawn_blocking(work).await.map_err(|e| {
        CommandError(fieldbook_core::ErrorPayload {
            code: "internal".into(),
            message: e.to_string(),
            field: None,
            fields: None,
        })
    })?
}

#[tauri::command]
pub fn import_cancel() {
    CANCEL.store(true, Ordering::Relaxed);
}

#[tauri::command(async)]
pub fn import_templates_list(state: State<'_, AppState>) -> CommandResult<Vec<MappingTemplate>> {
    Ok(state.read(|s| s.mapping_templates())?)
}

#[tauri::command(async)]
pub fn import_templates_save(
    state: State<'_, AppState>,
    template: MappingTemplate,
) -> CommandResult<Vec<MappingTemplate>> {
    Ok(state.write(|s| s.save_mapping_template(template))?)
}

#[tauri::command(async)]
pub fn import_templates_delete(state: State<'_, AppState>, name: String) -> CommandResult<Vec<MappingTemplate>> {
    Ok(state.write(|s| s.delete_mapping_template(&name))?)
}

/// A Fieldbook JSON dump (from the Data screen's export) restores the whole book, into an
/// empty one only; the core checks the whole file before writing anything.
#[tauri::command(async)]
pub fn import_restore_dump(state: State<'_, AppState>, path: String) -> CommandResult<RestoreSummary> {
    let path = user_path(&path);
    let file = std::fs::File::open(&path).map_err(fieldbook_core::CoreError::from)?;
    Ok(state.write(|s| s.restore_dump(std::io::BufReader::new(file)))?)
}

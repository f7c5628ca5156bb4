//! Carrying out a plan: every create and merge in ONE `Store::write` transaction, so the book
//! gets all of the import or none of it. Progress is reported as units done of the total;
//! a cancel flag checked between rows rolls everything back.

use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::plan::{CompanyRef, Plan};
use super::row::RowError;
use super::ImportReport;
use crate::customers::{create_in, update_in, CustomerInput, CustomerKind};
use crate::error::CoreError;
use crate::store::Tx;
use crate::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    #[ts(type = "number")]
    pub done: usize,
    #[ts(type = "number")]
    pub total: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Some rows are invalid and the caller did not ask to skip them. Nothing was written.
    #[error("{} row(s) rejected; nothing was imported", .0.rejected)]
    Rejected(Box<ImportReport>),
    /// The user cancelled. Nothing was written.
    #[error("import cancelled; nothing was imported")]
    Cancelled,
    /// A row failed while writing (e.g. merged notes grew too long). Nothing was written.
    #[error("{0}; nothing was imported")]
    Row(RowError),
    #[error(transparent)]
    Core(#[from] CoreError),
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
        ImportError::Core(e.into())
    }
}

impl ImportError {
    pub fn code(&self) -> String {
        match self {
            ImportError::Rejected(_) => "import_rejected".into(),
            ImportError::Cancelled => "import_cancelled".into(),
            ImportError::Row(e) => e.code.clone(),
            ImportError::Core(e) => e.code().into(),
        }
    }

    pub fn to_payload(&self) -> crate::ErrorPayload {
        match self {
            ImportError::Core(e) => e.to_payload(),
            ImportError::Row(e) => crate::ErrorPayload {
                code: self.code(),
                message: self.to_string(),
                field: Some(format!("row {}", e.row)),
                fields: None,
            },
            _ => crate::ErrorPayload { code: self.code(), message: self.to_string(), field: None, fields: None },
        }
    }
}

fn row_error(row: usize, e: CoreError) -> ImportError {
    let field = match &e {
        CoreError::Invalid { field, .. } => Some(field.clone()),
        _ => None,
    };
    ImportError::Row(RowError { row, column: None, field, value: None, code: e.code().into(), message: e.to_string() })
}

/// Write the plan. `report` is the plan's dry-run report; it comes back marked as done.
pub fn run(
    store: &mut Store,
    plan: &Plan,
    mut report: ImportReport,
    skip_invalid: bool,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Result<ImportReport, ImportError> {
    if report.rejected > 0 && !skip_invalid {
        return Err(ImportError::Rejected(Box::new(report)));
    }
    let total = plan.creates.len() + plan.new_organizations.len() + plan.merges.len();
    let step = (total / 200).max(1);
    let mut done = 0usize;
    progress(ImportProgress { done: 0, total });
    let mut tick = |done: &mut usize| -> Result<(), ImportError> {
        if cancel.load(Ordering::Relaxed) {
            return Err(ImportError::Cancelled);
        }
        *done += 1;
        if (*done).is_multiple_of(step) || *done == total {
            progress(ImportProgress { done: *done, total });
        }
        Ok(())
    };
    let written_at = store.write_with(|tx| {
        let mut created: Vec<Option<String>> = vec![None; plan.creates.len()];
        // Organizations first, so people in the same file can be linked to them.
        for (i, c) in plan.creates.iter().enumerate().filter(|(_, c)| c.input.kind == CustomerKind::Organization) {
            tick(&mut done)?;
            created[i] = Some(create_in(tx, c.input.clone()).map_err(|e| row_error(c.rows[0], e))?);
        }
        let mut new_orgs = Vec::with_capacity(plan.new_organizations.len());
        for name in &plan.new_organizations {
            tick(&mut done)?;
            new_orgs.push(create_organization(tx, name)?);
        }
        let company_id = |r: &Option<CompanyRef>, created: &[Option<String>]| company_id(r, created, &new_orgs);
        for (i, c) in plan.creates.iter().enumerate().filter(|(_, c)| c.input.kind == CustomerKind::Person) {
            tick(&mut done)?;
            let mut input = c.input.clone();
            input.company_id = company_id(&c.company_ref, &created);
            created[i] = Some(create_in(tx, input).map_err(|e| row_error(c.rows[0], e))?);
        }
        for m in &plan.merges {
            tick(&mut done)?;
            let mut input = m.input.clone();
            if input.company_id.is_none() {
                input.company_id = company_id(&m.company_ref, &created);
            }
            update_in(tx, &m.before, input).map_err(|e| row_error(m.rows[0], e))?;
        }
        Ok::<_, ImportError>(tx.now_text().to_string())
    })?;
    report.dry_run = false;
    report.written_at = Some(written_at);
    Ok(report)
}

/// An organization for a company people name but the book does not have.
pub(super) fn create_organization(tx: &mut Tx<'_>, name: &str) -> crate::error::Result<String> {
    create_in(tx, CustomerInput { kind: CustomerKind::Organization, name: name.to_string(), ..Default::default() })
}

/// The id a planned company link comes to once the file's organizations exist: `created` holds
/// the ids of the file's own rows, `new_orgs` those of `Plan::new_organizations`.
pub(super) fn company_id(r: &Option<CompanyRef>, created: &[Option<String>], new_orgs: &[String]) -> Option<String> {
    match r {
        Some(CompanyRef::Stored(id)) => Some(id.clone()),
        Some(CompanyRef::Planned(i)) => created.get(*i).cloned().flatten(),
        Some(CompanyRef::New(i)) => new_orgs.get(*i).cloned(),
        None => None,
    }
}

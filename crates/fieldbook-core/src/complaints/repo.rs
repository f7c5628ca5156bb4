//! Complaint reads and writes through the stamped write path; delete moves to the Trash.

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Row};

use super::model::*;
use crate::error::{CoreError, Result};
use crate::records::{self, RecordScope, MAX_RECORD_PAGE};
use crate::store::{Entity, Store};

pub const COMPLAINTS: Entity = Entity {
    table: "complaints",
    fields: &[
        "customer_id",
        "opened_on",
        "subject",
        "details",
        "status",
        "resolution",
        "satisfaction",
        "return_visit_on",
        "deleted_at",
    ],
};

const COLUMNS: &str = "id, customer_id, opened_on, subject, details, status, resolution, satisfaction,
                       return_visit_on, created_at, updated_at, deleted_at";

impl Store {
    pub fn create_complaint(&mut self, input: ComplaintInput) -> Result<Complaint> {
        let id = crate::new_id();
        self.write(|tx| {
            let fields = field_values(tx.conn(), &input)?;
            tx.insert(COMPLAINTS, &id, &fields)
        })?;
        self.complaint(&id)
    }

    pub fn update_complaint(&mut self, id: &str, input: ComplaintInput) -> Result<Complaint> {
        if self.complaint(id)?.deleted_at.is_some() {
            return Err(CoreError::Conflict(format!("complaint {id} is in the Trash; restore it first")));
        }
        self.write(|tx| {
            let fields = field_values(tx.conn(), &input)?;
            tx.update(COMPLAINTS, id, &fields).map(drop)
        })?;
        self.complaint(id)
    }

    pub fn delete_complaint(&mut self, id: &str) -> Result<()> {
        if self.complaint(id)?.deleted_at.is_some() {
            return Ok(());
        }
        self.write(|tx| {
            let now = tx.now_text().to_string();
            tx.update(COMPLAINTS, id, &[("deleted_at", Value::Text(now))]).map(drop)
        })
    }

    pub fn restore_complaint(&mut self, id: &str) -> Result<Complaint> {
        let c = self.complaint(id)?;
        records::check_live_customer(self.conn(), &c.fields.customer_id)?;
        self.write(|tx| tx.update(COMPLAINTS, id, &[("deleted_at", Value::Null)]).map(drop))?;
        self.complaint(id)
    }

    pub fn complaint(&self, id: &str) -> Result<Complaint> {
        self.conn()
            .query_row(&format!("SELECT {COLUMNS} FROM complaints WHERE id = ?1"), [id], read_complaint)
            .optional()?
            .ok_or_else(|| CoreError::not_found("complaint", id))
    }

    /// One customer's complaints, newest first (at most 500).
    pub fn list_complaints(&self, customer_id: &str, scope: RecordScope) -> Result<Vec<Complaint>> {
        Ok(self.complaints_page(customer_id, scope, 0, MAX_RECORD_PAGE)?.items)
    }

    /// A page of one customer's complaints, newest first (at most 500 a page), with the total.
    pub fn complaints_page(
        &self,
        customer_id: &str,
        scope: RecordScope,
        offset: u64,
        limit: u64,
    ) -> Result<ComplaintPage> {
        let filter = scope.filter();
        let total: i64 = self.conn().query_row(
            &format!("SELECT COUNT(*) FROM complaints WHERE customer_id = ?1 AND {filter}"),
            [customer_id],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM complaints WHERE customer_id = ?1 AND {filter}
             ORDER BY opened_on DESC, created_at DESC, id DESC LIMIT ?2 OFFSET ?3"
        ))?;
        let rows = stmt.query_map(
            params![customer_id, limit.min(MAX_RECORD_PAGE) as i64, offset.min(i64::MAX as u64) as i64],
            read_complaint,
        )?;
        let items = rows.collect::<rusqlite::Result<_>>()?;
        Ok(ComplaintPage { total: total as u64, offset, items })
    }
}

/// Check an input and turn it into stored field values. Every invalid field is reported in
/// one error, so the form marks them all at once.
fn field_values(conn: &rusqlite::Connection, input: &ComplaintInput) -> Result<Vec<(&'static str, Value)>> {
    records::check_live_customer(conn, &input.customer_id)?;
    let mut problems = Vec::new();
    records::keep(records::check_date("opened_on", input.opened_on), &mut problems);
    let subject = records::keep(records::required_text("subject", "subject_empty", &input.subject), &mut problems);
    let details = records::keep(records::optional_text("details", &input.details), &mut problems);
    if let Some(s) = input.satisfaction {
        if !(1..=5).contains(&s) {
            problems.push(CoreError::invalid("satisfaction", "satisfaction_out_of_range", "satisfaction is 1 to 5"));
        }
    }
    let resolution = records::keep(records::optional_text("resolution", &input.resolution), &mut problems);
    if let Some(d) = input.return_visit_on {
        let in_range = records::keep(records::check_date("return_visit_on", d), &mut problems).is_some();
        if in_range && d < input.opened_on {
            problems.push(CoreError::invalid(
                "return_visit_on",
                "return_visit_before_opened",
                "the return visit cannot be before the complaint was opened",
            ));
        }
    }
    CoreError::all_invalid(problems)?;
    let (Some(subject), Some(details), Some(resolution)) = (subject, details, resolution) else {
        // all_invalid found no problem, so every check above passed.
        return Err(CoreError::Conflict("complaint checks disagree".into()));
    };
    Ok(vec![
        ("customer_id", Value::Text(input.customer_id.clone())),
        ("opened_on", records::date_value(Some(input.opened_on))),
        ("subject", Value::Text(subject)),
        ("details", records::text(&details)),
        ("status", Value::Text(input.status.as_str().to_string())),
        ("resolution", records::text(&resolution)),
        ("satisfaction", input.satisfaction.map(|s| Value::Integer(s.into())).unwrap_or(Value::Null)),
        ("return_visit_on", records::date_value(input.return_visit_on)),
    ])
}

fn read_complaint(r: &Row<'_>) -> rusqlite::Result<Complaint> {
    Ok(Complaint {
        id: r.get(0)?,
        fields: ComplaintInput {
            customer_id: r.get(1)?,
            opened_on: records::read_date(r.get(2)?).unwrap_or_default(),
            subject: r.get(3)?,
            details: r.get(4)?,
            status: records::read_enum(r.get(5)?).unwrap_or(ComplaintStatus::Open),
            resolution: r.get(6)?,
            satisfaction: r.get::<_, Option<i64>>(7)?.and_then(|s| u8::try_from(s).ok()),
            return_visit_on: records::read_date(r.get(8)?),
        },
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
        deleted_at: r.get(11)?,
    })
}

//! Interaction reads and writes. Writes go through `Store::write`, so every field change is
//! stamped and journaled; deleting moves to the Trash (`deleted_at`), restoring brings back.
//! Every write also refreshes the customer's derived last contact (the revisit anchor).

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Row};

use super::model::*;
use crate::clock::timestamp;
use crate::customers::BatchError;
use crate::error::{CoreError, Result};
use crate::records::{self, RecordScope, MAX_RECORD_PAGE};
use crate::store::{Entity, Store, Tx};

pub const INTERACTIONS: Entity = Entity {
    table: "interactions",
    fields: &["customer_id", "kind", "occurred_at", "summary", "outcome", "next_step", "follow_up_on", "deleted_at"],
};

const COLUMNS: &str = "id, customer_id, kind, occurred_at, summary, outcome, next_step, follow_up_on,
                       created_at, updated_at, deleted_at";

impl Store {
    pub fn create_interaction(&mut self, input: InteractionInput) -> Result<Interaction> {
        let id = self.create_interactions(vec![input]).map_err(|e| e.error)?.remove(0);
        self.interaction(&id)
    }

    /// Log many interactions in one transaction: all, or (on the first invalid one, reported
    /// with its index) none. Used by imports and the seeder.
    pub fn create_interactions(&mut self, inputs: Vec<InteractionInput>) -> Result<Vec<String>, BatchError> {
        self.write_with(|tx| {
            let mut ids = Vec::with_capacity(inputs.len());
            let mut customers = std::collections::BTreeSet::new();
            for (i, input) in inputs.into_iter().enumerate() {
                let at = |e| BatchError { index: Some(i), error: e };
                let fields = field_values(tx, &input).map_err(at)?;
                let id = crate::new_id();
                tx.insert(INTERACTIONS, &id, &fields).map_err(at)?;
                ids.push(id);
                customers.insert(input.customer_id);
            }
            // Once per customer, not per row: a batch of history for one customer is one update.
            for c in &customers {
                records::refresh_after_interaction(tx, c).map_err(|error| BatchError { index: None, error })?;
            }
            Ok(ids)
        })
    }

    /// Replace an interaction's fields. Only fields that change are stamped.
    pub fn update_interaction(&mut self, id: &str, input: InteractionInput) -> Result<Interaction> {
        let before = self.interaction(id)?;
        if before.deleted_at.is_some() {
            return Err(CoreError::Conflict(format!("interaction {id} is in the Trash; restore it first")));
        }
        self.write(|tx| {
            let mut fields = field_values(tx, &input)?;
            if input.occurred_at.is_none() {
                // An edit without a time keeps the original time rather than jumping to now.
                fields.retain(|(n, _)| *n != "occurred_at");
            }
            tx.update(INTERACTIONS, id, &fields)?;
            // The time may have moved, or the interaction moved to another customer.
            records::refresh_after_interaction(tx, &before.customer_id)?;
            if input.customer_id != before.customer_id {
                records::refresh_after_interaction(tx, &input.customer_id)?;
            }
            Ok(())
        })?;
        self.interaction(id)
    }

    /// Move to the Trash.
    pub fn delete_interaction(&mut self, id: &str) -> Result<()> {
        let i = self.interaction(id)?;
        if i.deleted_at.is_some() {
            return Ok(());
        }
        self.write(|tx| {
            let now = tx.now_text().to_string();
            tx.update(INTERACTIONS, id, &[("deleted_at", Value::Text(now))])?;
            records::refresh_after_interaction(tx, &i.customer_id)
        })
    }

    /// Bring back from the Trash; its customer must be live.
    pub fn restore_interaction(&mut self, id: &str) -> Result<Interaction> {
        let i = self.interaction(id)?;
        records::check_live_customer(self.conn(), &i.customer_id)?;
        self.write(|tx| {
            tx.update(INTERACTIONS, id, &[("deleted_at", Value::Null)])?;
            records::refresh_after_interaction(tx, &i.customer_id)
        })?;
        self.interaction(id)
    }

    /// One interaction, live or in the Trash.
    pub fn interaction(&self, id: &str) -> Result<Interaction> {
        self.conn()
            .query_row(&format!("SELECT {COLUMNS} FROM interactions WHERE id = ?1"), [id], read_interaction)
            .optional()?
            .ok_or_else(|| CoreError::not_found("interaction", id))
    }

    /// A page of one customer's interactions, newest first (Trash: most recently deleted first).
    pub fn list_interactions(
        &self,
        customer_id: &str,
        scope: RecordScope,
        offset: u64,
        limit: u64,
    ) -> Result<InteractionPage> {
        let filter = scope.filter();
        let total: i64 = self.conn().query_row(
            &format!("SELECT COUNT(*) FROM interactions WHERE customer_id = ?1 AND {filter}"),
            [customer_id],
            |r| r.get(0),
        )?;
        let order = match scope {
            RecordScope::Live => "occurred_at DESC, id DESC",
            RecordScope::Trash => "deleted_at DESC, id DESC",
        };
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM interactions WHERE customer_id = ?1 AND {filter}
             ORDER BY {order} LIMIT ?2 OFFSET ?3"
        ))?;
        let items = stmt
            .query_map(params![customer_id, limit.min(MAX_RECORD_PAGE) as i64, offset as i64], read_interaction)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(InteractionPage { total: total as u64, offset, items })
    }
}

/// Check an input and turn it into stored field values. Every invalid field is reported in
/// one error, so the form marks them all at once.
fn field_values(tx: &Tx<'_>, input: &InteractionInput) -> Result<Vec<(&'static str, Value)>> {
    records::check_live_customer(tx.conn(), &input.customer_id)?;
    let mut problems = Vec::new();
    let occurred_at = match &input.occurred_at {
        Some(s) => records::keep(parse_time("occurred_at", s), &mut problems),
        None => Some(tx.now()),
    };
    let summary = records::keep(records::required_text("summary", "summary_empty", &input.summary), &mut problems);
    if let Some(d) = input.follow_up_on {
        records::keep(records::check_date("follow_up_on", d), &mut problems);
    }
    let outcome = records::keep(records::optional_text("outcome", &input.outcome), &mut problems);
    let next_step = records::keep(records::optional_text("next_step", &input.next_step), &mut problems);
    CoreError::all_invalid(problems)?;
    let (Some(occurred_at), Some(summary), Some(outcome), Some(next_step)) = (occurred_at, summary, outcome, next_step)
    else {
        // all_invalid found no problem, so every check above passed.
        return Err(CoreError::Conflict("interaction checks disagree".into()));
    };
    Ok(vec![
        ("customer_id", Value::Text(input.customer_id.clone())),
        ("kind", Value::Text(input.kind.as_str().to_string())),
        ("occurred_at", Value::Text(timestamp(occurred_at))),
        ("summary", Value::Text(summary)),
        ("outcome", records::text(&outcome)),
        ("next_step", records::text(&next_step)),
        ("follow_up_on", records::date_value(input.follow_up_on)),
    ])
}

/// RFC 3339 with any offset, as UTC.
pub(crate) fn parse_time(field: &str, s: &str) -> Result<DateTime<Utc>> {
    let t = DateTime::parse_from_rfc3339(s.trim())
        .map_err(|_| {
            CoreError::invalid(
                field,
                "time_format",
                format!("{s:?} is not an RFC 3339 time like 2026-11-22T09:30:00+08:00"),
            )
        })?
        .with_timezone(&Utc);
    records::check_date(field, t.date_naive())?;
    Ok(t)
}

fn read_interaction(r: &Row<'_>) -> rusqlite::Result<Interaction> {
    Ok(Interaction {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        kind: records::read_enum(r.get(2)?).unwrap_or(InteractionKind::Other),
        occurred_at: r.get(3)?,
        summary: r.get(4)?,
        outcome: r.get(5)?,
        next_step: r.get(6)?,
        follow_up_on: records::read_date(r.get(7)?),
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
        deleted_at: r.get(10)?,
    })
}

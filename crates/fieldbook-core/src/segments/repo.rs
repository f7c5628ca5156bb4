//! Saved segments: create, rename/change, soft delete, list. Writes go through `Store::write`.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};

use super::model::*;
use crate::error::{CoreError, Result};
use crate::store::{Entity, Store};

pub const SEGMENTS: Entity = Entity { table: "segments", fields: &["name", "filter", "deleted_at"] };

const MAX_NAME_CHARS: usize = 100;

impl Store {
    /// Live segments, by name. One whose filter cannot be read (written by a newer version
    /// and synced here) is left out with a warning rather than failing the whole list.
    pub fn segments(&self) -> Result<Vec<Segment>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name, filter, created_at, updated_at FROM segments WHERE deleted_at IS NULL ORDER BY name, id",
        )?;
        let rows = stmt.query_map([], read_row)?;
        let mut out = Vec::new();
        for row in rows {
            match row?.into_segment() {
                Ok(segment) => out.push(segment),
                Err(e) => tracing::warn!("skipping a saved segment: {e}"),
            }
        }
        Ok(out)
    }

    /// One live segment by id.
    pub fn segment(&self, id: &str) -> Result<Segment> {
        self.conn()
            .query_row(
                "SELECT id, name, filter, created_at, updated_at FROM segments WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                read_row,
            )
            .optional()?
            .ok_or_else(|| CoreError::not_found("segment", id))?
            .into_segment()
    }

    /// One live segment by name (trimmed, ASCII case-insensitive), as the CLI names them.
    pub fn segment_by_name(&self, name: &str) -> Result<Segment> {
        let id = find_by_name(self.conn(), name.trim(), None)?.ok_or_else(|| CoreError::not_found("segment", name))?;
        self.segment(&id)
    }

    /// Save a new segment. Checks the filter (as evaluating it on `today` would) and the name.
    pub fn create_segment(&mut self, input: SegmentInput, today: NaiveDate) -> Result<Segment> {
        let (name, filter) = self.check_segment(&input, None, today)?;
        let id = crate::new_id();
        self.write(|tx| tx.insert(SEGMENTS, &id, &[("name", Value::Text(name)), ("filter", Value::Text(filter))]))?;
        self.segment(&id)
    }

    /// Rename a segment and/or change its filter.
    pub fn update_segment(&mut self, id: &str, input: SegmentInput, today: NaiveDate) -> Result<Segment> {
        self.segment(id)?;
        let (name, filter) = self.check_segment(&input, Some(id), today)?;
        self.write(|tx| tx.update(SEGMENTS, id, &[("name", Value::Text(name)), ("filter", Value::Text(filter))]))?;
        self.segment(id)
    }

    /// Soft delete: the segment disappears from lists; the customers are untouched.
    pub fn delete_segment(&mut self, id: &str) -> Result<()> {
        self.segment(id)?;
        self.write(|tx| {
            let now = tx.now_text().to_string();
            tx.update(SEGMENTS, id, &[("deleted_at", Value::Text(now))]).map(|_| ())
        })
    }

    fn check_segment(&self, input: &SegmentInput, self_id: Option<&str>, today: NaiveDate) -> Result<(String, String)> {
        let name = input.name.trim().to_string();
        if name.is_empty() {
            return Err(CoreError::invalid("name", "segment_name_empty", "a segment needs a name"));
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(CoreError::invalid(
                "name",
                "name_too_long",
                format!("a segment name is at most {MAX_NAME_CHARS} characters"),
            ));
        }
        if find_by_name(self.conn(), &name, self_id)?.is_some() {
            return Err(CoreError::invalid(
                "name",
                "segment_name_taken",
                format!("there is already a segment named {name:?}"),
            ));
        }
        // A filter that cannot be evaluated is not saved: count it once (cheap, and it is
        // what the UI shows next to the name anyway).
        self.segment_count(&input.filter, today)?;
        Ok((name, serde_json::to_string(&input.filter).expect("filters serialize")))
    }
}

fn find_by_name(conn: &Connection, name: &str, except: Option<&str>) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM segments WHERE deleted_at IS NULL AND lower(trim(name)) = lower(?1)
               AND (?2 IS NULL OR id <> ?2) LIMIT 1",
        )?
        .query_row(rusqlite::params![name, except], |r| r.get(0))
        .optional()?)
}

struct RawSegment {
    id: String,
    name: String,
    filter: String,
    created_at: String,
    updated_at: String,
}

impl RawSegment {
    /// A filter that does not parse (e.g. written by a newer version) is an error, never
    /// "no conditions": a handover over it must not silently match the whole book.
    fn into_segment(self) -> Result<Segment> {
        let filter = serde_json::from_str(&self.filter).map_err(|e| CoreError::Corrupt {
            context: format!("segment {}", self.id),
            message: format!("unreadable filter: {e}"),
        })?;
        Ok(Segment { id: self.id, name: self.name, filter, created_at: self.created_at, updated_at: self.updated_at })
    }
}

fn read_row(r: &Row<'_>) -> rusqlite::Result<RawSegment> {
    Ok(RawSegment { id: r.get(0)?, name: r.get(1)?, filter: r.get(2)?, created_at: r.get(3)?, updated_at: r.get(4)? })
}

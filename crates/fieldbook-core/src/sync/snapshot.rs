//! Snapshots: the whole synced book as one laptop has it, so a new laptop joining a team with a
//! big book applies one snapshot and then only the segments it does not cover, instead of
//! replaying every segment ever written.
//!
//! A snapshot is a set of part files in the writer's own folder,
//! `devices/<device>/snapshot-<stamp>-<part>of<parts>-<hash>.snap`, sealed like segments (same
//! key, header as associated data, marked with its part in the header). Its records are
//! ordinary sync records carrying the clocks the writer has: each row's insert (as it was
//! inserted, from the journal) with its insert clock, then every field with a newer clock of
//! its own at its current value, then removals and parked changes. Applying them is the same
//! per-field last-writer-wins as for a segment, so a snapshot is "just a big segment": applied
//! twice, late, or next to the segments it covers, it changes nothing more.
//!
//! The last part also lists every segment the snapshot covers (applied by the writer, or
//! written by it). A joiner records those as applied, so its next steps skip them by name.
//! A part that does not open is reported by name; what was applied stays (it is valid LWW
//! state) and the joiner falls back to replaying the segments.

use std::collections::BTreeMap;

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::place::Place;
use super::segment::{self, Header, PartOf, Record, Unreadable};
use super::{SkippedSegment, SyncProgress, SyncSummary};
use crate::entities::SYNCED;
use crate::error::Result;
use crate::store::{to_json, to_json_value, Store, PURGED_FIELD, ROW_FIELD};

/// Rows per part: parts stay around the size of a full segment, and memory stays bounded on
/// both sides whatever the size of the book.
const ROWS_PER_PART: usize = 50_000;

/// The plain body of a part.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Body {
    records: Vec<Record>,
    /// Last part only: names of the segments whose changes are in the snapshot.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    covered: Vec<String>,
}

/// A snapshot part's name, parsed: the writer, its stamp, which part, the hash prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartName {
    pub device: String,
    pub stamp: u64,
    pub part: u32,
    pub parts: u32,
    pub hash: String,
}

impl PartName {
    /// The snapshot this part belongs to, as shown to the user.
    pub fn snapshot(&self) -> String {
        format!("devices/{}/snapshot-{:013}", self.device, self.stamp)
    }
}

pub fn file_name(device: &str, stamp: u64, part: u32, parts: u32, bytes: &[u8]) -> String {
    format!("devices/{device}/snapshot-{stamp:013}-{part:04}of{parts:04}-{}.snap", &segment::hash_hex(bytes)[..16])
}

/// Parse a part's name; conflict copies made by sync tools parse too (the content decides).
pub fn parse_name(name: &str) -> Option<PartName> {
    let rest = name.strip_prefix("devices/")?;
    let (device, file) = rest.split_once('/')?;
    let stem = file.strip_suffix(".snap")?.strip_prefix("snapshot-")?;
    let mut fields = stem.splitn(3, '-');
    let (stamp, of, tail) = (fields.next()?, fields.next()?, fields.next()?);
    let (part, parts) = of.split_once("of")?;
    let hash: String = tail.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
    if device.is_empty() || stamp.len() != 13 || part.len() != 4 || parts.len() != 4 || hash.len() != 16 {
        return None;
    }
    let (part, parts): (u32, u32) = (part.parse().ok()?, parts.parse().ok()?);
    if part == 0 || part > parts {
        return None;
    }
    Some(PartName { device: device.to_string(), stamp: stamp.parse().ok()?, part, parts, hash })
}

/// Complete snapshots in the listing (every part present by name), newest first; for each,
/// the name of every part in order (the first copy of a part when a sync tool made more).
pub(crate) fn complete(names: &[String]) -> Vec<Vec<String>> {
    let mut groups: BTreeMap<(u64, String, u32), BTreeMap<u32, &String>> = BTreeMap::new();
    let mut sorted: Vec<&String> = names.iter().collect();
    sorted.sort_by_key(|n| (n.len(), n.as_str())); // plain names before conflict copies
    for name in sorted {
        if let Some(p) = parse_name(name) {
            groups.entry((p.stamp, p.device, p.parts)).or_default().entry(p.part).or_insert(name);
        }
    }
    groups
        .into_iter()
        .rev()
        .filter(|((_, _, parts), found)| found.len() == *parts as usize)
        .map(|(_, found)| found.into_values().cloned().collect())
        .collect()
}

/// Open a part: the name checked against the content, then decrypted and parsed.
fn decode(key: &[u8; 32], name: &str, bytes: &[u8]) -> std::result::Result<(Header, Body), Unreadable> {
    let p = parse_name(name).ok_or(Unreadable::Name)?;
    if !segment::hash_hex(bytes).starts_with(&p.hash) {
        return Err(Unreadable::Hash);
    }
    let (header, body) = segment::open(key, bytes)?;
    if header.device != p.device
        || header.seq != p.stamp
        || header.snapshot != Some(PartOf { part: p.part, parts: p.parts })
    {
        return Err(Unreadable::Foreign);
    }
    let body: Body = serde_json::from_slice(&body).map_err(|_| Unreadable::Records)?;
    if body.records.len() != header.records {
        return Err(Unreadable::Records);
    }
    Ok((header, body))
}

impl Store {
    /// Bootstrap a book that has never synced with this place from the newest complete
    /// snapshot in `names`. Returns the snapshot applied, if any.
    pub(super) fn bootstrap(
        &mut self,
        place: &dyn Place,
        key: &[u8; 32],
        names: &[String],
        summary: &mut SyncSummary,
        progress: &mut dyn FnMut(SyncProgress),
    ) -> Result<Option<String>> {
        let own = format!("devices/{}/", self.device_id());
        let candidates: Vec<String> = names.iter().filter(|n| !n.starts_with(&own)).cloned().collect();
        let Some(parts) = complete(&candidates).into_iter().next() else { return Ok(None) };
        let total = parts.len();
        for (i, name) in parts.iter().enumerate() {
            progress(SyncProgress { stage: "snapshot".into(), done: i, total });
            let Some(bytes) = place.get(name)? else {
                return Ok(None); // removed meanwhile: the segments are still there
            };
            let hash = segment::hash_hex(&bytes);
            let (header, body) = match decode(key, name, &bytes) {
                Ok(ok) => ok,
                Err(why) => {
                    summary.skipped_segments.push(SkippedSegment { name: name.clone(), reason: why.reason().into() });
                    return Ok(None);
                }
            };
            if !self.apply_batch(name, &hash, &header, &body.records, summary)? {
                return Ok(None);
            }
            if i + 1 == total {
                // Everything the snapshot covers counts as applied here: skipped by name.
                self.write(|tx| {
                    let mut insert = tx.conn().prepare_cached(
                        "INSERT OR IGNORE INTO sync_applied (hash, device, seq, applied_at) VALUES (?1, ?2, ?3, ?4)",
                    )?;
                    for covered in &body.covered {
                        if let Some((device, seq, short)) = segment::parse_name(covered) {
                            insert.execute(params![short, device, seq as i64, tx.now_text()])?;
                        }
                    }
                    Ok(())
                })?;
            }
        }
        Ok(parse_name(&parts[0]).map(|p| p.snapshot()))
    }

    /// Write a snapshot of this book to `place`: every synced row with its clocks, and the
    /// names of the segments it covers. Returns the snapshot's name.
    pub(super) fn write_snapshot(
        &mut self,
        place: &dyn Place,
        key: &[u8; 32],
        progress: &mut dyn FnMut(SyncProgress),
    ) -> Result<String> {
        let device = self.device_id().to_string();
        // A stamp later than this laptop's previous snapshot even if the clock went back.
        let previous: u64 = self.sync_state("snapshot_stamp")?.and_then(|v| v.parse().ok()).unwrap_or(0);
        let stamp = (self.clock().now().timestamp_millis().max(0) as u64).max(previous + 1);

        // Covered: every segment in the place this book has applied, and its own.
        let own = format!("devices/{device}/");
        let mut covered = Vec::new();
        for name in place.list("devices/")? {
            let Some((_, _, short)) = segment::parse_name(&name) else { continue };
            if name.starts_with(&own) || self.already_applied(&short)? {
                covered.push(name);
            }
        }

        let mut rows = 0usize;
        for s in SYNCED {
            let n: i64 =
                self.conn().query_row(&format!("SELECT COUNT(*) FROM {}", s.entity.table), [], |r| r.get(0))?;
            rows += n as usize;
        }
        let parts = (rows.div_ceil(ROWS_PER_PART) + 1) as u32;
        let mut writer = PartWriter { place, key, device: &device, stamp, parts, part: 0, progress };
        let mut records = Vec::new();
        let mut in_part = 0usize;
        for s in SYNCED {
            let table = s.entity.table;
            let fields = s.entity.fields;
            let mut row_stmt = self.conn().prepare(&format!(
                "SELECT id, created_at{}{} FROM {table} ORDER BY id",
                if fields.is_empty() { "" } else { ", " },
                fields.join(", ")
            ))?;
            let mut clock_stmt =
                self.conn().prepare("SELECT row_id, field, hlc FROM field_clocks WHERE entity = ?1 ORDER BY row_id")?;
            let mut clocks = clock_stmt.query([table])?;
            let advance = |clocks: &mut rusqlite::Rows<'_>| -> Result<Option<(String, String, String)>> {
                Ok(match clocks.next()? {
                    Some(r) => Some((r.get(0)?, r.get(1)?, r.get(2)?)),
                    None => None,
                })
            };
            let mut next_clock = advance(&mut clocks)?;
            let mut row_rows = row_stmt.query([])?;
            while let Some(row) = row_rows.next()? {
                let id: String = row.get(0)?;
                let created_at: String = row.get(1)?;
                // The row's clocks: field_clocks is read in the same key order (merge join).
                let mut own_clocks: BTreeMap<String, String> = BTreeMap::new();
                while let Some((row_id, field, hlc)) = &next_clock {
                    match row_id.as_str().cmp(id.as_str()) {
                        std::cmp::Ordering::Less => {}
                        std::cmp::Ordering::Equal => {
                            own_clocks.insert(field.clone(), hlc.clone());
                        }
                        std::cmp::Ordering::Greater => break,
                    }
                    next_clock = advance(&mut clocks)?;
                }
                let values: Vec<Value> = (0..fields.len()).map(|i| row.get(i + 2)).collect::<rusqlite::Result<_>>()?;
                self.row_records(table, fields, &id, &created_at, &values, &own_clocks, &mut records)?;
                in_part += 1;
                if in_part == ROWS_PER_PART {
                    writer.put(std::mem::take(&mut records), Vec::new())?;
                    in_part = 0;
                }
            }
        }
        // Rows of the last incomplete slice, then removals and parked changes.
        while writer.part + 1 < parts {
            writer.put(std::mem::take(&mut records), Vec::new())?;
        }
        self.tombstone_records(&mut records)?;
        writer.put(records, covered)?;
        let name = PartName { device: device.clone(), stamp, part: 1, parts, hash: String::new() }.snapshot();
        self.set_sync_state("snapshot_stamp", &stamp.to_string())?;
        tracing::info!("wrote snapshot {name} in {parts} parts ({rows} rows)");
        remove_older_snapshots(place, &device, stamp);
        Ok(name)
    }

    /// The records of one row: its insert as journaled, then each field with a clock of its own.
    #[allow(clippy::too_many_arguments)]
    fn row_records(
        &self,
        table: &str,
        fields: &[&'static str],
        id: &str,
        created_at: &str,
        values: &[Value],
        clocks: &BTreeMap<String, String>,
        out: &mut Vec<Record>,
    ) -> Result<()> {
        let edited = clocks.keys().any(|f| f != ROW_FIELD);
        if let Some(insert_clock) = clocks.get(ROW_FIELD) {
            // An unedited row is as it was inserted; an edited one starts from its journaled
            // insert, so a receiver that has the row sees the same history as from segments.
            let journaled: Option<String> = if edited {
                self.conn()
                    .prepare_cached(
                        "SELECT new_value FROM change_journal WHERE entity = ?1 AND row_id = ?2 AND field = '*'
                         AND hlc = ?3 LIMIT 1",
                    )?
                    .query_row(params![table, id, insert_clock], |r| r.get(0))
                    .optional()?
                    .flatten()
            } else {
                None
            };
            let row = journaled.unwrap_or_else(|| {
                let map: serde_json::Map<String, serde_json::Value> =
                    fields.iter().zip(values).map(|(f, v)| (f.to_string(), to_json_value(v))).collect();
                serde_json::Value::Object(map).to_string()
            });
            out.push(Record {
                e: table.into(),
                r: id.into(),
                f: ROW_FIELD.into(),
                v: Some(row),
                o: None,
                h: insert_clock.clone(),
                c: Some(created_at.into()),
            });
        }
        for (field, hlc) in clocks.iter().filter(|(f, _)| *f != ROW_FIELD) {
            let Some(i) = fields.iter().position(|f| f == field) else { continue };
            // The value this edit overwrote here: lets a receiver that has the row tell a
            // concurrent edit from one that saw its value.
            let old: Option<String> = self
                .conn()
                .prepare_cached(
                    "SELECT old_value FROM change_journal WHERE entity = ?1 AND row_id = ?2 AND field = ?3 AND hlc = ?4
                     LIMIT 1",
                )?
                .query_row(params![table, id, field, hlc], |r| r.get(0))
                .optional()?
                .flatten();
            out.push(Record {
                e: table.into(),
                r: id.into(),
                f: field.clone(),
                v: to_json(&values[i]),
                o: old,
                h: hlc.clone(),
                c: None,
            });
        }
        Ok(())
    }

    /// Rows removed for good (here or elsewhere), and changes parked here.
    fn tombstone_records(&self, out: &mut Vec<Record>) -> Result<()> {
        let mut stmt = self.conn().prepare(
            "SELECT entity, row_id, MAX(hlc) FROM change_journal WHERE field = ?1 GROUP BY entity, row_id
             UNION SELECT entity, row_id, hlc FROM sync_purged",
        )?;
        let mut purges: BTreeMap<(String, String), String> = BTreeMap::new();
        let mut rows = stmt.query([PURGED_FIELD])?;
        while let Some(r) = rows.next()? {
            let (e, id, hlc): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let slot = purges.entry((e, id)).or_default();
            if hlc > *slot {
                *slot = hlc;
            }
        }
        out.extend(purges.into_iter().map(|((e, r), h)| Record {
            e,
            r,
            f: PURGED_FIELD.into(),
            v: Some("1".into()),
            o: None,
            h,
            c: None,
        }));
        let mut stmt =
            self.conn().prepare("SELECT entity, row_id, field, value, old, hlc FROM sync_parked ORDER BY id")?;
        let parked = stmt.query_map([], |r| {
            Ok(Record { e: r.get(0)?, r: r.get(1)?, f: r.get(2)?, v: r.get(3)?, o: r.get(4)?, h: r.get(5)?, c: None })
        })?;
        for record in parked {
            out.push(record?);
        }
        Ok(())
    }
}

/// Once a newer snapshot of this laptop is complete, its older ones (and parts of any it did not
/// finish) only take room: remove them, in this laptop's own folder only. Best effort — a part
/// that cannot be removed now is removed after the next snapshot; a laptop reading one while it
/// goes falls back to the segments (`bootstrap`).
fn remove_older_snapshots(place: &dyn Place, device: &str, newest: u64) {
    let own = format!("devices/{device}/");
    let listed = match place.list(&own) {
        Ok(listed) => listed,
        Err(e) => {
            tracing::warn!("older snapshots not removed: {e}");
            return;
        }
    };
    for name in listed {
        if parse_name(&name).is_some_and(|p| p.device == device && p.stamp < newest) {
            if let Err(e) = place.delete(&name) {
                tracing::warn!("older snapshot part {name} not removed: {e}");
            }
        }
    }
}

/// Seals and writes the parts of one snapshot, in order.
struct PartWriter<'a> {
    place: &'a dyn Place,
    key: &'a [u8; 32],
    device: &'a str,
    stamp: u64,
    parts: u32,
    part: u32,
    progress: &'a mut dyn FnMut(SyncProgress),
}

impl PartWriter<'_> {
    fn put(&mut self, records: Vec<Record>, covered: Vec<String>) -> Result<()> {
        self.part += 1;
        (self.progress)(SyncProgress {
            stage: "snapshot_out".into(),
            done: self.part as usize - 1,
            total: self.parts as usize,
        });
        let header = Header {
            format: segment::FORMAT,
            device: self.device.to_string(),
            seq: self.stamp,
            hlc_min: records.iter().map(|r| r.h.as_str()).min().unwrap_or_default().to_string(),
            hlc_max: records.iter().map(|r| r.h.as_str()).max().unwrap_or_default().to_string(),
            prev: String::new(),
            records: records.len(),
            snapshot: Some(PartOf { part: self.part, parts: self.parts }),
        };
        let body = serde_json::to_vec(&Body { records, covered }).expect("records serialize");
        let bytes = segment::seal(self.key, &header, &body);
        self.place.put_new(&file_name(self.device, self.stamp, self.part, self.parts, &bytes), &bytes)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_names_round_trip_and_only_complete_snapshots_count() {
        let name = file_name("dev-a", 1_764_000_000_000, 2, 3, b"bytes");
        let p = parse_name(&name).unwrap();
        assert_eq!((p.device.as_str(), p.stamp, p.part, p.parts), ("dev-a", 1_764_000_000_000, 2, 3));
        assert_eq!(p.snapshot(), "devices/dev-a/snapshot-1764000000000");
        let copy = name.replace(".snap", ".sync-conflict-20261206-101500-ABCDEFG.snap");
        assert_eq!(parse_name(&copy).map(|p| p.part), Some(2));
        assert_eq!(parse_name("devices/dev-a/snapshot-1764000000000-0004of0003-0123456789abcdef.snap"), None);

        let older: Vec<String> = (1..=2).map(|i| file_name("dev-b", 1_000_000_000_000, i, 2, &[i as u8])).collect();
        let newer_incomplete = file_name("dev-a", 2_000_000_000_000, 1, 2, b"x");
        let mut names = older.clone();
        names.push(newer_incomplete);
        names.push(older[0].replace(".snap", " (conflicted copy).snap"));
        assert_eq!(complete(&names), vec![older], "the newest complete one; a part being written does not count");
    }
}

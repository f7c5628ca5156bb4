//! Team sync without a server (DESIGN.md §7). Each laptop writes only its own immutable,
//! compressed and encrypted segment files to a shared place (`devices/<device>/…`) and reads
//! everyone else's; applying them is per-field last-writer-wins by (HLC, device), idempotent
//! and order-independent, and every losing value of a concurrent edit is kept (`conflicts`).
//! The live database never goes to the share.

mod apply;
pub mod bucket;
pub mod conflicts;
mod outbox;
pub mod place;
pub mod segment;
pub mod snapshot;
pub mod team;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::hlc::Hlc;
use crate::store::Store;
use place::Place;
use segment::{Header, Record};

pub use conflicts::Conflict;

/// Records per segment file: a first sync of a big book is written in pieces.
const SEGMENT_RECORDS: usize = 50_000;
/// After this many changes sent or received in segments since the newest snapshot it knows
/// of, a laptop writes a snapshot (`SnapshotPolicy::Auto`): a new laptop then replays at
/// most about this many changes one segment at a time.
const SNAPSHOT_AFTER_RECORDS: usize = 200_000;
/// The page cache while applying (KiB; the store's own is 32 MiB): 10,000 edits scattered
/// over a 100k-customer book dirty ~50 MB of pages in one transaction. Only pages used take
/// memory, and it is given back when the sync has applied.
const APPLY_CACHE_KIB: i64 = 256 * 1024;

/// When a sync writes a snapshot of the book for laptops that join later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SnapshotPolicy {
    /// When enough has changed since the newest snapshot in the place.
    #[default]
    Auto,
    /// This time, whatever changed (`fieldbook sync --snapshot`).
    Now,
    /// Not this time.
    Never,
}
/// A stamp this far ahead of this laptop's clock comes from a laptop whose clock is wrong: it
/// is applied (and wins until a later edit) but reported.
const FUTURE_MS: i64 = 24 * 3600 * 1000;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChangeCounts {
    #[ts(type = "number")]
    pub added: usize,
    #[ts(type = "number")]
    pub changed: usize,
    #[ts(type = "number")]
    pub deleted: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SkippedSegment {
    pub name: String,
    /// segment_damaged | segment_key | segment_foreign | segment_records | segment_name
    pub reason: String,
}

/// What one sync did, on each side.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SyncSummary {
    pub place: String,
    /// This laptop set the team up (the place was empty).
    pub team_created: bool,
    #[ts(type = "number")]
    pub sent: usize,
    #[ts(type = "number")]
    pub sent_segments: usize,
    #[ts(type = "number")]
    pub received: usize,
    #[ts(type = "number")]
    pub applied: usize,
    #[ts(type = "number")]
    pub conflicts: usize,
    /// Customers added, changed and deleted here by other laptops' changes…
    pub customers_in: ChangeCounts,
    /// …and by this laptop's changes sent to them.
    pub customers_out: ChangeCounts,
    pub skipped_segments: Vec<SkippedSegment>,
    /// Changes stamped more than a day ahead of this laptop's clock.
    #[ts(type = "number")]
    pub future_stamps: usize,
    /// Changes waiting for their row or for a newer version of Fieldbook.
    #[ts(type = "number")]
    pub parked: usize,
    /// The snapshot this book was bootstrapped from (its first sync with the place).
    pub snapshot_in: Option<String>,
    /// The snapshot this sync wrote for laptops that join later.
    pub snapshot_out: Option<String>,
}

/// Where this laptop last synced, and when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SyncStatus {
    pub place: Option<String>,
    pub last_synced_at: Option<String>,
    /// Losing values not restored yet.
    #[ts(type = "number")]
    pub open_conflicts: usize,
    /// The access key last used with an S3 place (the secret is never stored).
    pub access_key: Option<String>,
    /// The region last used with an S3 place (None: never set, us-east-1).
    pub region: Option<String>,
    /// Sync every this many minutes while the app runs (0: only on "Sync now").
    pub every_minutes: u32,
}

/// Progress of a sync, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SyncProgress {
    /// snapshot (bootstrapping from one) | receive | send | snapshot_out (writing one) | done
    pub stage: String,
    #[ts(type = "number")]
    pub done: usize,
    #[ts(type = "number")]
    pub total: usize,
}

impl Store {
    pub fn sync_status(&self) -> Result<SyncStatus> {
        let open_conflicts: i64 =
            self.conn().query_row("SELECT COUNT(*) FROM sync_conflicts WHERE restored_at IS NULL", [], |r| r.get(0))?;
        Ok(SyncStatus {
            place: self.sync_state("place")?,
            last_synced_at: self.sync_state("last_synced_at")?,
            open_conflicts: open_conflicts as usize,
            access_key: self.sync_state("s3_access_key")?,
            region: self.sync_state("s3_region")?,
            every_minutes: self.sync_state("every_minutes")?.and_then(|m| m.parse().ok()).unwrap_or(0),
        })
    }

    /// Remember the access key of the S3 place this laptop syncs with (local, not synced).
    pub fn set_sync_access_key(&mut self, access_key: &str) -> Result<()> {
        self.set_sync_state("s3_access_key", access_key)
    }

    /// Remember the region of the S3 place this laptop syncs with (local, not synced).
    pub fn set_sync_region(&mut self, region: &str) -> Result<()> {
        self.set_sync_state("s3_region", region)
    }

    /// Sync every `minutes` minutes while the app runs; 0 turns it off. Up to a day.
    pub fn set_sync_every(&mut self, minutes: u32) -> Result<()> {
        if minutes > 24 * 60 {
            return Err(crate::CoreError::invalid("every_minutes", "sync_interval", "at most 1440 minutes (a day)"));
        }
        self.set_sync_state("every_minutes", &minutes.to_string())
    }

    fn set_sync_state(&mut self, key: &str, value: &str) -> Result<()> {
        self.write(|tx| {
            tx.conn().execute(
                "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            Ok(())
        })
    }

    fn sync_state(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn().query_row("SELECT value FROM sync_state WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    /// Send this laptop's changes to `place` and apply everyone else's, under the team key from
    /// `passphrase`. Unreadable segments are reported by name and skipped; the rest syncs.
    pub fn sync(
        &mut self,
        place: &dyn Place,
        passphrase: &str,
        progress: &mut dyn FnMut(SyncProgress),
    ) -> Result<SyncSummary> {
        self.sync_with(place, passphrase, SnapshotPolicy::Auto, progress)
    }

    /// `sync`, choosing when a snapshot is written. A book's first sync with a place starts
    /// from the newest complete snapshot there, then applies only the segments it does not cover.
    ///
    /// The last batch it applies is left in the write-ahead log: copying it into the book file
    /// (a checkpoint) writes the same pages a second time, and the caller runs `checkpoint`
    /// after showing the summary (the app on a reader, in the background; closing the book
    /// does it too). Earlier batches are checkpointed before the next one is applied, so a
    /// long first sync does not grow the log without bound.
    pub fn sync_with(
        &mut self,
        place: &dyn Place,
        passphrase: &str,
        snapshot: SnapshotPolicy,
        progress: &mut dyn FnMut(SyncProgress),
    ) -> Result<SyncSummary> {
        let auto_checkpoint: i64 = self.conn().pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0))?;
        self.conn().pragma_update(None, "wal_autocheckpoint", 0)?;
        let synced = self.sync_leaving_checkpoint(place, passphrase, snapshot, progress);
        self.conn().pragma_update(None, "wal_autocheckpoint", auto_checkpoint)?;
        synced
    }

    fn sync_leaving_checkpoint(
        &mut self,
        place: &dyn Place,
        passphrase: &str,
        snapshot: SnapshotPolicy,
        progress: &mut dyn FnMut(SyncProgress),
    ) -> Result<SyncSummary> {
        let (key, team_created) = team::team_key(place, passphrase)?;
        let mut summary = SyncSummary { place: place.describe(), team_created, ..Default::default() };
        let listed = place.list("devices/")?;
        // The pages a batch of scattered edits dirties (customers, clocks, journal, search
        // rows) stay in memory until its commit instead of spilling to the WAL half-way and
        // being read back; the store's own cache size again once applied.
        let cache_size: i64 = self.conn().pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn().pragma_update(None, "cache_size", -APPLY_CACHE_KIB)?;
        let received = self.receive(place, &key, &listed, &mut summary, progress);
        self.conn().pragma_update(None, "cache_size", cache_size)?;
        let segment_records = received?;
        self.observe_journal()?;

        // Send: this laptop's own changes since its last segment.
        let sent_through: i64 = self.sync_state("sent_through_seq")?.and_then(|v| v.parse().ok()).unwrap_or(0);
        let (records, through) = outbox::collect(self, sent_through)?;
        summary.customers_out = counts_out(&records);
        let chunks: Vec<&[Record]> = records.chunks(SEGMENT_RECORDS).collect();
        let mut seq: u64 = self.sync_state("next_segment_seq")?.and_then(|v| v.parse().ok()).unwrap_or(1);
        let mut prev = self.sync_state("last_segment")?.unwrap_or_default();
        for (i, chunk) in chunks.iter().enumerate() {
            progress(SyncProgress { stage: "send".into(), done: i, total: chunks.len() });
            let header = Header {
                format: segment::FORMAT,
                device: self.device_id().to_string(),
                seq,
                hlc_min: chunk.iter().map(|r| r.h.as_str()).min().unwrap_or_default().to_string(),
                hlc_max: chunk.iter().map(|r| r.h.as_str()).max().unwrap_or_default().to_string(),
                prev: prev.clone(),
                records: chunk.len(),
                snapshot: None,
            };
            let bytes = segment::encode(&key, &header, chunk);
            let name = segment::file_name(self.device_id(), seq, &bytes);
            // A crash after writing but before recording it leaves a segment the next sync
            // writes again under another name (fresh nonce): applying it twice is harmless.
            place.put_new(&name, &bytes)?;
            summary.sent += chunk.len();
            summary.sent_segments += 1;
            prev = name;
            seq += 1;
        }
        self.write(|tx| {
            for (key, value) in [
                ("sent_through_seq", through.to_string()),
                ("next_segment_seq", seq.to_string()),
                ("last_segment", prev.clone()),
                ("place", summary.place.clone()),
                ("last_synced_at", tx.now_text().to_string()),
            ] {
                tx.conn().execute(
                    "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, value],
                )?;
            }
            Ok(())
        })?;

        // A snapshot for laptops that join later, when much has changed since the newest one.
        let newest = snapshot::complete(&listed).into_iter().next().and_then(|parts| parts.into_iter().next());
        let mut since: usize = self.sync_state("records_since_snapshot")?.and_then(|v| v.parse().ok()).unwrap_or(0);
        if newest.is_some() && newest != self.sync_state("snapshot_seen")? {
            since = 0; // someone wrote one since this laptop last looked
            self.set_sync_state("snapshot_seen", newest.as_deref().unwrap_or_default())?;
        }
        since += segment_records + summary.sent;
        let write = match snapshot {
            SnapshotPolicy::Now => true,
            SnapshotPolicy::Auto => since >= SNAPSHOT_AFTER_RECORDS,
            SnapshotPolicy::Never => false,
        };
        if write {
            summary.snapshot_out = Some(self.write_snapshot(place, &key, progress)?);
            since = 0;
        }
        self.set_sync_state("records_since_snapshot", &since.to_string())?;
        summary.parked =
            self.conn().query_row("SELECT COUNT(*) FROM sync_parked", [], |r| r.get::<_, i64>(0))? as usize;
        progress(SyncProgress { stage: "done".into(), done: 1, total: 1 });
        Ok(summary)
    }

    /// Bootstrap from a snapshot on a first sync, then apply every other device's segments not
    /// applied yet. Returns how many records the applied segments held.
    fn receive(
        &mut self,
        place: &dyn Place,
        key: &[u8; 32],
        listed: &[String],
        summary: &mut SyncSummary,
        progress: &mut dyn FnMut(SyncProgress),
    ) -> Result<usize> {
        let now_ms = self.clock().now().timestamp_millis();
        let first_sync = self.sync_state("last_synced_at")?.is_none();
        if first_sync {
            summary.snapshot_in = self.bootstrap(place, key, listed, summary, progress)?;
        }

        // Receive: every other device's segments not applied yet.
        let own = format!("devices/{}/", self.device_id());
        // Only segment files: a sync tool's temp files, desktop.ini and the like are not ours.
        let names: Vec<&String> = listed.iter().filter(|n| !n.starts_with(&own) && n.ends_with(".seg")).collect();
        let total = names.len();
        let mut segment_records = 0;
        for (i, name) in names.into_iter().enumerate() {
            progress(SyncProgress { stage: "receive".into(), done: i, total });
            let Some((_, _, short)) = segment::parse_name(name) else {
                summary.skipped_segments.push(SkippedSegment { name: name.clone(), reason: "segment_name".into() });
                continue;
            };
            if self.already_applied(&short)? {
                continue;
            }
            let Some(bytes) = place.get(name)? else { continue };
            let hash = segment::hash_hex(&bytes);
            if self
                .conn()
                .query_row("SELECT 1 FROM sync_applied WHERE hash = ?1", [&hash], |_| Ok(()))
                .optional()?
                .is_some()
            {
                continue; // a copy of a segment applied before
            }
            let (header, records) = match segment::decode(key, name, &bytes) {
                Ok(ok) => ok,
                Err(why) => {
                    summary.skipped_segments.push(SkippedSegment { name: name.clone(), reason: why.reason().into() });
                    continue;
                }
            };
            summary.future_stamps +=
                records.iter().filter(|r| r.h.parse::<Hlc>().is_ok_and(|h| h.wall_ms > now_ms + FUTURE_MS)).count();
            if self.apply_batch(name, &hash, &header, &records, summary)? {
                segment_records += records.len();
            }
        }
        Ok(segment_records)
    }

    /// Apply one segment's (or snapshot part's) records in one transaction: whole or not at
    /// all. Ok(false) when its records do not apply (reported as skipped).
    fn apply_batch(
        &mut self,
        name: &str,
        hash: &str,
        header: &Header,
        records: &[Record],
        summary: &mut SyncSummary,
    ) -> Result<bool> {
        summary.received += records.len();
        // What the previous batch (or anything before the sync) left in the log, first.
        self.checkpoint()?;
        let applied = self.write(|tx| {
            let mut out = apply::Applied::default();
            apply::apply_all(tx, records, &mut out)?;
            apply::replay_parked(tx, &mut out)?;
            let orders: Vec<String> = out.orders.iter().cloned().collect();
            crate::derived::recompute(tx, &out.rebuild, &orders)?;
            tx.conn().execute(
                "INSERT OR IGNORE INTO sync_applied (hash, device, seq, applied_at) VALUES (?1, ?2, ?3, ?4)",
                params![hash, header.device, header.seq as i64, tx.now_text()],
            )?;
            Ok(out)
        });
        let applied = match applied {
            Ok(a) => a,
            Err(crate::CoreError::Corrupt { message, .. }) => {
                tracing::warn!("{name} not applied: {message}");
                summary.skipped_segments.push(SkippedSegment { name: name.into(), reason: "segment_records".into() });
                return Ok(false);
            }
            Err(e) => return Err(e),
        };
        summary.applied += applied.records;
        summary.conflicts += applied.conflicts;
        summary.customers_in.added += applied.customers_added.len();
        // Each customer once, by what happened to it most: a purged customer's children were
        // removed with it, a new one's rows came with it.
        summary.customers_in.changed += applied
            .customers_changed
            .iter()
            .filter(|c| !applied.customers_added.contains(*c) && !applied.customers_deleted.contains(*c))
            .count();
        summary.customers_in.deleted += applied.customers_deleted.len();
        Ok(true)
    }

    /// Has a segment with this hash prefix been applied here?
    fn already_applied(&self, short: &str) -> Result<bool> {
        let pattern = format!("{short}%");
        Ok(self
            .conn()
            .query_row("SELECT 1 FROM sync_applied WHERE hash LIKE ?1 LIMIT 1", [pattern], |_| Ok(()))
            .optional()?
            .is_some())
    }
}

fn counts_out(records: &[Record]) -> ChangeCounts {
    use std::collections::BTreeSet;
    let mut added = BTreeSet::new();
    let mut changed = BTreeSet::new();
    let mut deleted = BTreeSet::new();
    for r in records.iter().filter(|r| r.e == "customers") {
        match r.f.as_str() {
            "*" => {
                added.insert(&r.r);
            }
            "*purged" => {
                deleted.insert(&r.r);
            }
            "deleted_at" if r.v.is_some() => {
                deleted.insert(&r.r);
            }
            _ => {
                changed.insert(&r.r);
            }
        }
    }
    ChangeCounts { added: added.len(), changed: changed.difference(&added).count(), deleted: deleted.len() }
}

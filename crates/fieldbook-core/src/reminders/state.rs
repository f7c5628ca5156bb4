//! What the user did about an occurrence — done, snoozed until a time, dismissed — kept in
//! the synced `reminder_states` table under the occurrence's key.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use super::model::{Occurrence, ReminderStatus};
use crate::clock::timestamp;
use crate::error::{CoreError, Result};
use crate::store::{Entity, Store};

pub const REMINDER_STATES: Entity =
    Entity { table: "reminder_states", fields: &["status", "snoozed_until", "acted_at", "deleted_at"] };

/// The stored state of one occurrence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReminderState {
    pub key: String,
    pub status: ReminderStatus,
    pub snoozed_until: Option<String>,
    pub acted_at: String,
}

/// Still wants attention at `now`: no state, or snoozed until a time that has passed.
pub fn is_open(o: &Occurrence, now: DateTime<Utc>) -> bool {
    state_is_open(o.status, o.snoozed_until.as_deref(), now)
}

/// `is_open` for a stored state (status and snooze end) not yet attached to an occurrence.
pub(crate) fn state_is_open(status: Option<ReminderStatus>, snoozed_until: Option<&str>, now: DateTime<Utc>) -> bool {
    match status {
        None => true,
        Some(ReminderStatus::Snoozed) => {
            snoozed_until.and_then(|t| DateTime::parse_from_rfc3339(t).ok()).is_none_or(|t| t <= now)
        }
        Some(_) => false,
    }
}

/// A follow-up marked done, dismissed or reopened moves its customer's next follow-up (the
/// customer list's column).
fn follow_up_moved(tx: &crate::store::Tx<'_>, key: &str) -> Result<()> {
    match crate::records::follow_up_customer(tx.conn(), key)? {
        Some(customer) => crate::records::refresh_next_follow_up(tx, &customer),
        None => Ok(()),
    }
}

fn check_key(key: &str) -> Result<()> {
    // `<kind>:<source>:<YYYY-MM-DD>`: at least two colons, nothing empty.
    let parts: Vec<&str> = key.splitn(3, ':').collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) || key.len() > 300 {
        return Err(CoreError::invalid("key", "reminder_key_invalid", format!("{key:?} is not an occurrence key")));
    }
    Ok(())
}

impl Store {
    /// Mark an occurrence done. It stays done (across restarts and, by sync, laptops); next
    /// year's occurrence has another key, so a birthday comes back.
    pub fn mark_done(&mut self, key: &str) -> Result<ReminderState> {
        self.set_state(key, ReminderStatus::Done, None)
    }

    /// Hide an occurrence until `until` (e.g. in an hour, tomorrow morning, next week).
    pub fn snooze(&mut self, key: &str, until: DateTime<Utc>) -> Result<ReminderState> {
        self.set_state(key, ReminderStatus::Snoozed, Some(until))
    }

    /// Not wanted: never shown or notified again.
    pub fn dismiss(&mut self, key: &str) -> Result<ReminderState> {
        self.set_state(key, ReminderStatus::Dismissed, None)
    }

    /// Undo done/snooze/dismiss: the occurrence is open again.
    pub fn reopen(&mut self, key: &str) -> Result<()> {
        check_key(key)?;
        if self.reminder_state(key)?.is_none() {
            return Ok(());
        }
        self.write(|tx| {
            let now = tx.now_text().to_string();
            tx.update(REMINDER_STATES, key, &[("deleted_at", Value::Text(now))])?;
            follow_up_moved(tx, key)
        })
    }

    fn set_state(&mut self, key: &str, status: ReminderStatus, until: Option<DateTime<Utc>>) -> Result<ReminderState> {
        check_key(key)?;
        let exists = self
            .conn()
            .query_row("SELECT 1 FROM reminder_states WHERE id = ?1", [key], |_| Ok(()))
            .optional()?
            .is_some();
        self.write(|tx| {
            let fields = [
                ("status", Value::Text(status.as_str().into())),
                ("snoozed_until", until.map(|t| Value::Text(timestamp(t))).unwrap_or(Value::Null)),
                ("acted_at", Value::Text(tx.now_text().to_string())),
                ("deleted_at", Value::Null),
            ];
            if exists {
                tx.update(REMINDER_STATES, key, &fields)?;
            } else {
                tx.insert(REMINDER_STATES, key, &fields)?;
            }
            follow_up_moved(tx, key)
        })?;
        Ok(self.reminder_state(key)?.expect("just written"))
    }

    pub fn reminder_state(&self, key: &str) -> Result<Option<ReminderState>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id, status, snoozed_until, acted_at FROM reminder_states WHERE id = ?1 AND deleted_at IS NULL",
                [key],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .and_then(|(key, status, snoozed_until, acted_at)| {
                Some(ReminderState { key, status: ReminderStatus::parse(&status)?, snoozed_until, acted_at })
            }))
    }

    /// Fill in each occurrence's status from the stored states.
    pub(crate) fn attach_states(&self, items: &mut [Occurrence]) -> Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        // Few states (the usual case: only what the user acted on) are cheaper to read whole
        // than to look up tens of thousands of keys one by one; max(rowid) bounds the count
        // without a scan.
        let bound: i64 =
            self.conn().query_row("SELECT coalesce(max(rowid), 0) FROM reminder_states", [], |r| r.get(0))?;
        let row = |r: &rusqlite::Row| Ok((r.get(0)?, (r.get(1)?, r.get(2)?)));
        let states: HashMap<String, (String, Option<String>)> = if bound <= items.len() as i64 {
            let mut stmt = self
                .conn()
                .prepare_cached("SELECT id, status, snoozed_until FROM reminder_states WHERE deleted_at IS NULL")?;
            let all = stmt.query_map([], row)?.collect::<rusqlite::Result<_>>()?;
            all
        } else {
            let keys =
                serde_json::to_string(&items.iter().map(|o| &o.key).collect::<Vec<_>>()).expect("keys serialize");
            let mut stmt = self.conn().prepare_cached(
                "SELECT id, status, snoozed_until FROM reminder_states
                 WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?1))",
            )?;
            let found = stmt.query_map([keys], row)?.collect::<rusqlite::Result<_>>()?;
            found
        };
        for o in items.iter_mut() {
            if let Some((status, until)) = states.get(&o.key) {
                o.status = ReminderStatus::parse(status);
                o.snoozed_until = until.clone();
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::model::OccurrenceKind;

    fn item(n: u32) -> Occurrence {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        Occurrence::new(OccurrenceKind::Revisit, &format!("c{n}"), date, 0)
    }

    #[test]
    fn states_attach_the_same_whether_read_whole_or_looked_up_by_key() {
        let mut store = Store::open_in_memory(std::sync::Arc::new(crate::clock::SystemClock)).unwrap();
        for n in 0..6 {
            store.mark_done(&item(n).key).unwrap();
        }
        store.dismiss(&item(1).key).unwrap();
        // More items than states: every live state is read; fewer: looked up by key.
        let mut many: Vec<Occurrence> = (0..10).map(item).collect();
        store.attach_states(&mut many).unwrap();
        let mut few = vec![item(1), item(4), item(8)];
        store.attach_states(&mut few).unwrap();
        let status = |v: &[Occurrence], key: &str| v.iter().find(|o| o.key == key).unwrap().status;
        for v in [&many[..], &few[..]] {
            assert_eq!(status(v, &item(1).key), Some(ReminderStatus::Dismissed));
            assert_eq!(status(v, &item(4).key), Some(ReminderStatus::Done));
            assert_eq!(status(v, &item(8).key), None);
        }
    }
}

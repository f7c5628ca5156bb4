//! What changed in the book: read from the change journal, so one answer serves every writer —
//! this process, the CLI on the same file, and (later) sync applying another laptop's edits.
//! The desktop shell turns each answer into one `book-changed` event and wakes the reminder
//! scheduler; screens refresh what they show from it.

use std::collections::BTreeSet;

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::entities::customer_of;
use crate::error::Result;
use crate::Store;

/// At most this many changed rows are looked at one by one to name their customers; a bigger
/// change (an import, a restore, a sync) says `many` and the UI refreshes everything.
pub const MAX_NAMED_ROWS: usize = 500;

/// Kinds and customers touched by the journal entries after one position and up to another.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BookChange {
    /// The tables written ("customers", "interactions", "reminder_states" …), sorted.
    pub kinds: Vec<String>,
    /// The customers whose own fields or records changed, sorted (not listed when `many`).
    pub customer_ids: Vec<String>,
    /// Too many rows changed to name their customers: treat every customer as changed.
    pub many: bool,
    /// The journal position this change reaches; the next one starts after it.
    #[ts(type = "number")]
    pub through_seq: i64,
}

impl BookChange {
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    pub fn touches(&self, kind: &str) -> bool {
        self.kinds.iter().any(|k| k == kind)
    }
}

impl Store {
    /// What the journal records after `after_seq`, up to its current head.
    pub fn changes_since(&self, after_seq: i64) -> Result<BookChange> {
        let conn = self.conn();
        let through_seq = self.journal_head()?;
        if through_seq <= after_seq {
            return Ok(BookChange { through_seq: through_seq.max(after_seq), ..Default::default() });
        }
        let rows: Vec<(String, String)> = {
            let mut stmt = conn.prepare_cached(
                "SELECT DISTINCT entity, row_id FROM change_journal WHERE seq > ?1 AND seq <= ?2 LIMIT ?3",
            )?;
            let rows = stmt.query_map(params![after_seq, through_seq, MAX_NAMED_ROWS as i64 + 1], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if rows.len() > MAX_NAMED_ROWS {
            let mut stmt =
                conn.prepare_cached("SELECT DISTINCT entity FROM change_journal WHERE seq > ?1 AND seq <= ?2")?;
            let kinds = stmt.query_map(params![after_seq, through_seq], |r| r.get(0))?;
            let kinds: BTreeSet<String> = kinds.collect::<rusqlite::Result<_>>()?;
            return Ok(BookChange {
                kinds: kinds.into_iter().collect(),
                customer_ids: vec![],
                many: true,
                through_seq,
            });
        }
        let mut kinds = BTreeSet::new();
        let mut customers = BTreeSet::new();
        for (entity, row_id) in rows {
            // A row purged since has no parent left to name its customer; the kind still says
            // what to refresh.
            if let Some(id) = customer_of(conn, &entity, &row_id)? {
                customers.insert(id);
            }
            kinds.insert(entity);
        }
        Ok(BookChange {
            kinds: kinds.into_iter().collect(),
            customer_ids: customers.into_iter().collect(),
            many: false,
            through_seq,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::clock::SystemClock;
    use crate::customers::CustomerInput;
    use crate::interactions::{InteractionInput, InteractionKind};

    fn person(name: &str) -> CustomerInput {
        CustomerInput { name: name.into(), ..Default::default() }
    }

    #[test]
    fn a_change_names_the_kinds_written_and_the_customers_they_belong_to() {
        let mut store = Store::open_in_memory(Arc::new(SystemClock)).unwrap();
        let a = store.create_customer(person("张三")).unwrap();
        let b = store.create_customer(person("李四")).unwrap();
        let head = store.journal_head().unwrap();
        store
            .create_interaction(InteractionInput {
                customer_id: b.id.clone(),
                kind: InteractionKind::Visit,
                occurred_at: None,
                summary: "季度回访".into(),
                outcome: None,
                next_step: None,
                follow_up_on: None,
            })
            .unwrap();
        let change = store.changes_since(head).unwrap();
        assert!(change.touches("interactions"), "the interaction's table is named: {change:?}");
        assert_eq!(change.customer_ids, vec![b.id.clone()], "only the visited customer changed, not {}", a.id);
        assert!(!change.many);
        assert_eq!(change.through_seq, store.journal_head().unwrap());
        assert!(store.changes_since(change.through_seq).unwrap().is_empty(), "nothing after the head");
    }

    #[test]
    fn a_change_too_big_to_name_says_many_and_still_lists_its_kinds() {
        let mut store = Store::open_in_memory(Arc::new(SystemClock)).unwrap();
        let head = store.journal_head().unwrap();
        for i in 0..=MAX_NAMED_ROWS {
            store.create_customer(person(&format!("客户{i}"))).unwrap();
        }
        let change = store.changes_since(head).unwrap();
        assert!(change.many, "{} rows are more than can be named", MAX_NAMED_ROWS + 1);
        assert!(change.customer_ids.is_empty());
        assert!(change.touches("customers"));
    }

    #[test]
    fn a_purged_customer_is_named_by_its_own_id() {
        let mut store = Store::open_in_memory(Arc::new(SystemClock)).unwrap();
        let a = store.create_customer(person("王五")).unwrap();
        store.delete_customer(&a.id).unwrap();
        let head = store.journal_head().unwrap();
        store.purge_customer(&a.id).unwrap();
        let change = store.changes_since(head).unwrap();
        assert_eq!(change.customer_ids, vec![a.id]);
    }
}

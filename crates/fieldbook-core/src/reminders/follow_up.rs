//! One-off follow-ups: an interaction's `follow_up_on` date is a reminder on that day, for as
//! long as the interaction and its customer are live. Keyed `follow_up:<interaction id>:<date>`,
//! so moving the date makes a new occurrence (and a done one stays done only for its date).

use chrono::NaiveDate;
use rusqlite::Connection;

use super::model::{Occurrence, OccurrenceKind};
use super::settings::ReminderSettings;
use crate::error::Result;

// The partial index from migration 0002 (`follow_up_on IS NOT NULL`) makes this a range scan
// over the few interactions with a follow-up date, not a scan of the whole history.
const FOLLOW_UPS_SQL: &str = "SELECT i.id, i.customer_id, c.name, i.follow_up_on, i.next_step, i.summary
     FROM interactions i INDEXED BY interactions_follow_up JOIN customers c ON c.id = i.customer_id
     WHERE i.follow_up_on IS NOT NULL AND i.follow_up_on >= ?1 AND i.follow_up_on <= ?2
       AND i.deleted_at IS NULL AND c.deleted_at IS NULL";

/// Follow-ups due in `from..=to`.
pub(super) fn due_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    s: &ReminderSettings,
) -> Result<Vec<Occurrence>> {
    let mut stmt = conn.prepare_cached(FOLLOW_UPS_SQL)?;
    let mut rows = stmt.query([from.to_string(), to.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let (id, customer_id, name): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let Some(date) = crate::records::read_date(r.get(3)?) else { continue };
        let next_step: Option<String> = r.get(4)?;
        let summary: String = r.get(5)?;
        // What to do next, else what happened.
        let what = next_step.filter(|s| !s.trim().is_empty()).unwrap_or(summary);
        out.push(
            Occurrence::new(OccurrenceKind::FollowUp, &id, date, s.lead_days.follow_up)
                .for_customer(&customer_id, &name)
                .titled(format!("Follow up with {name}: {what}"), format!("跟进 {name}：{what}")),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follow_ups_are_a_range_of_the_partial_follow_up_index() {
        let store = crate::Store::open_in_memory(std::sync::Arc::new(crate::clock::SystemClock)).unwrap();
        let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {FOLLOW_UPS_SQL}")).unwrap();
        let rows = stmt.query_map(["2026-01-01", "2026-01-31"], |r| r.get::<_, String>(3)).unwrap();
        let p = rows.map(Result::unwrap).collect::<Vec<_>>().join("; ");
        assert!(
            p.contains("USING INDEX interactions_follow_up (follow_up_on>? AND follow_up_on<?)"),
            "the agenda must not scan every interaction for follow-ups: {p}"
        );
    }
}

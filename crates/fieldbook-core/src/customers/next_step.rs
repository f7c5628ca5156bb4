//! The customer overview's "what is open": the next follow-up (the same rule as the list's
//! next follow-up column) and the complaints not yet resolved.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::complaints::{Complaint, ComplaintStatus};
use crate::error::Result;
use crate::interactions::Interaction;
use crate::records::open_follow_ups_of_customer;
use crate::store::Store;

/// What is still open with one customer; both parts empty when nothing is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NextStep {
    /// The interaction whose follow-up is the customer's next one (the list's column): the
    /// earliest open follow-up date, the latest logged interaction on a tie.
    pub follow_up: Option<Interaction>,
    /// How many live complaints are open or in progress.
    pub open_complaints: u32,
    /// The most recently opened of them.
    pub latest_open_complaint: Option<Complaint>,
}

const NEXT_FOLLOW_UP_INTERACTION_SQL: &str = concat!(
    "SELECT i.id ",
    open_follow_ups_of_customer!(),
    " ORDER BY i.follow_up_on, i.occurred_at DESC, i.id LIMIT 1"
);

/// The customer's live complaints, before the open-status condition.
const LIVE_COMPLAINTS_OF: &str = "FROM complaints WHERE customer_id = ?1 AND deleted_at IS NULL";

impl Store {
    /// The customer's next step and open complaints, for the top of the overview.
    pub fn next_step(&self, customer_id: &str) -> Result<NextStep> {
        let conn = self.conn();
        let follow_up: Option<String> =
            conn.prepare_cached(NEXT_FOLLOW_UP_INTERACTION_SQL)?.query_row([customer_id], |r| r.get(0)).optional()?;
        let open: i64 = conn.query_row(
            &format!("SELECT COUNT(*) {LIVE_COMPLAINTS_OF} AND {}", ComplaintStatus::OPEN_SQL),
            [customer_id],
            |r| r.get(0),
        )?;
        let latest: Option<String> = conn
            .query_row(
                &format!(
                    "SELECT id {LIVE_COMPLAINTS_OF} AND {} ORDER BY opened_on DESC, created_at DESC, id DESC LIMIT 1",
                    ComplaintStatus::OPEN_SQL
                ),
                [customer_id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(NextStep {
            follow_up: follow_up.map(|id| self.interaction(&id)).transpose()?,
            open_complaints: u32::try_from(open).unwrap_or(u32::MAX),
            latest_open_complaint: latest.map(|id| self.complaint(&id)).transpose()?,
        })
    }
}

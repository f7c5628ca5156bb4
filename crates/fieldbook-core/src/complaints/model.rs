//! Complaint records as the app, the CLI and the UI see them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ComplaintStatus {
    Open,
    InProgress,
    Resolved,
}

impl ComplaintStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ComplaintStatus::Open => "open",
            ComplaintStatus::InProgress => "in_progress",
            ComplaintStatus::Resolved => "resolved",
        }
    }

    /// An open complaint (not resolved yet) as SQL over the stored status column.
    pub const OPEN_SQL: &'static str = "status IN ('open', 'in_progress')";
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComplaintInput {
    pub customer_id: String,
    pub opened_on: NaiveDate,
    pub subject: String,
    #[serde(default)]
    pub details: Option<String>,
    pub status: ComplaintStatus,
    #[serde(default)]
    pub resolution: Option<String>,
    /// 1 (very unhappy) to 5 (very happy), from the return visit.
    #[serde(default)]
    pub satisfaction: Option<u8>,
    #[serde(default)]
    pub return_visit_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Complaint {
    pub id: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub fields: ComplaintInput,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// A page of one customer's complaints, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintPage {
    pub total: u64,
    pub offset: u64,
    pub items: Vec<Complaint>,
}

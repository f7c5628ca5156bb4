//! Interaction records as the app, the CLI and the UI see them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InteractionKind {
    Visit,
    Call,
    Message,
    Wechat,
    Sms,
    Email,
    Meeting,
    Gift,
    Other,
}

impl InteractionKind {
    pub const ALL: [InteractionKind; 9] = [
        InteractionKind::Visit,
        InteractionKind::Call,
        InteractionKind::Message,
        InteractionKind::Wechat,
        InteractionKind::Sms,
        InteractionKind::Email,
        InteractionKind::Meeting,
        InteractionKind::Gift,
        InteractionKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InteractionKind::Visit => "visit",
            InteractionKind::Call => "call",
            InteractionKind::Message => "message",
            InteractionKind::Wechat => "wechat",
            InteractionKind::Sms => "sms",
            InteractionKind::Email => "email",
            InteractionKind::Meeting => "meeting",
            InteractionKind::Gift => "gift",
            InteractionKind::Other => "other",
        }
    }
}

/// What the quick-log form or the CLI submits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InteractionInput {
    pub customer_id: String,
    pub kind: InteractionKind,
    /// When it happened, RFC 3339 (any offset; stored as UTC). None = now (the store's clock).
    #[ts(optional)]
    #[serde(default)]
    pub occurred_at: Option<String>,
    pub summary: String,
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub next_step: Option<String>,
    /// A one-off follow-up reminder date.
    #[serde(default)]
    pub follow_up_on: Option<NaiveDate>,
}

/// A stored interaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Interaction {
    pub id: String,
    pub customer_id: String,
    pub kind: InteractionKind,
    /// RFC 3339 UTC with milliseconds.
    pub occurred_at: String,
    pub summary: String,
    pub outcome: Option<String>,
    pub next_step: Option<String>,
    pub follow_up_on: Option<NaiveDate>,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// A page of one customer's interactions, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InteractionPage {
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub offset: u64,
    pub items: Vec<Interaction>,
}

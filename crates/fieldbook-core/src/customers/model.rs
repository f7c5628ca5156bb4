//! Customer records as the app, the CLI and the UI see them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates::DateSpec;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CustomerKind {
    #[default]
    Person,
    Organization,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Gender {
    Male,
    Female,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Tier {
    #[serde(rename = "VIP")]
    Vip,
    A,
    B,
    C,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CustomerType {
    Potential,
    Existing,
    Repeat,
    Loyal,
    Negative,
    Lost,
    Partner,
}

/// A financial-product customer's appetite for risk (风险偏好), as banks and insurers classify it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RiskPreference {
    Conservative,
    Moderate,
    Balanced,
    Growth,
    Aggressive,
}

/// A phone, email or address with its label ("mobile", "work", "家" …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContactPoint {
    /// Absent for a new entry in an input; kept when editing so history stays per entry.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default)]
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Anniversary {
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub label: String,
    pub date: DateSpec,
}

/// What a form or the CLI submits to create or replace a customer's fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(default)]
#[ts(export)]
pub struct CustomerInput {
    pub kind: CustomerKind,
    pub name: String,
    pub gender: Option<Gender>,
    pub title: Option<String>,
    /// The organization a person belongs to (a customer id).
    pub company_id: Option<String>,
    pub source: Option<String>,
    pub owner: Option<String>,
    pub tier: Option<Tier>,
    pub customer_type: Option<CustomerType>,
    pub region: Option<String>,
    pub interests: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub birthday: Option<DateSpec>,
    /// For financial products; none = not assessed. Optional in TypeScript so forms written
    /// before it existed still type-check (serde fills in none).
    #[ts(optional = nullable)]
    pub risk_preference: Option<RiskPreference>,
    pub phones: Vec<ContactPoint>,
    pub emails: Vec<ContactPoint>,
    pub addresses: Vec<ContactPoint>,
    pub anniversaries: Vec<Anniversary>,
}

/// A stored customer with everything the detail page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Customer {
    pub id: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub fields: CustomerInput,
    /// The organization's name when `company_id` is set.
    pub company_name: Option<String>,
    /// For an organization: its people (live ones only).
    pub members: Vec<CustomerSummary>,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// One row of the customer list or of search results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerSummary {
    pub id: String,
    pub kind: CustomerKind,
    pub name: String,
    pub company_name: Option<String>,
    pub tier: Option<Tier>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub tags: Vec<String>,
    /// Where they are and who looks after them: what tells two customers of the same name
    /// apart in search results.
    pub region: Option<String>,
    pub owner: Option<String>,
    /// An organization's live people (0 for a person): its Company cell says so.
    pub member_count: u32,
    /// The last logged contact (RFC 3339 UTC), none if never contacted.
    pub last_contact_at: Option<String>,
    /// The earliest open follow-up date, none if nothing to follow up.
    pub next_follow_up_on: Option<NaiveDate>,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// The column the customer list is ordered by. Customers without a value (never contacted,
/// no follow-up) come last in either direction, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SortColumn {
    #[default]
    Name,
    LastContact,
    NextFollowUp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(default)]
#[ts(export)]
pub struct ListSort {
    pub column: SortColumn,
    pub descending: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerPage {
    /// How many rows match in all (for the scrollbar), not just this page.
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub offset: u64,
    pub items: Vec<CustomerSummary>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ListScope {
    /// Live customers (the default list).
    #[default]
    Live,
    /// Customers in the Trash.
    Trash,
    /// Live organizations only (the company picker).
    Organizations,
}

impl Tier {
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Vip => "VIP",
            Tier::A => "A",
            Tier::B => "B",
            Tier::C => "C",
        }
    }
}

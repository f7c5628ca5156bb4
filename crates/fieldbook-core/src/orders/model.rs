//! Products, orders and line items as the app, the CLI and the UI see them.
//! Money is `Decimal`, carried in JSON as a string ("50.97") so no float ever touches it.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A catalog entry that order lines can pick from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(default)]
#[ts(export)]
pub struct ProductInput {
    pub name: String,
    pub sku: Option<String>,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub default_price: Option<Decimal>,
    /// ISO 4217 of the default price; none = any order's currency.
    pub currency: Option<String>,
    pub category: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Product {
    pub id: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub fields: ProductInput,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OrderStatus {
    Draft,
    Confirmed,
    Paid,
    Shipped,
    Completed,
    Cancelled,
    Refunded,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 7] = [
        OrderStatus::Draft,
        OrderStatus::Confirmed,
        OrderStatus::Paid,
        OrderStatus::Shipped,
        OrderStatus::Completed,
        OrderStatus::Cancelled,
        OrderStatus::Refunded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Draft => "draft",
            OrderStatus::Confirmed => "confirmed",
            OrderStatus::Paid => "paid",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Completed => "completed",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Refunded => "refunded",
        }
    }

    /// Whether the order is a purchase for revenue, RFM and lifecycle: confirmed, paid, shipped
    /// or completed. Drafts were never bought; cancelled and refunded orders were undone.
    pub fn is_purchase(self) -> bool {
        matches!(self, OrderStatus::Confirmed | OrderStatus::Paid | OrderStatus::Shipped | OrderStatus::Completed)
    }

    /// The same rule as SQL over the stored status column.
    pub const PURCHASE_SQL: &'static str = "status IN ('confirmed', 'paid', 'shipped', 'completed')";
}

/// One line as a form submits it: a catalog product or a free-text item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OrderLineInput {
    /// Kept when editing so each line keeps its history; absent for a new line.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default)]
    pub product_id: Option<String>,
    /// Empty with a product = the product's name.
    #[serde(default)]
    pub description: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub quantity: Decimal,
    /// None with a product = the product's default price.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub unit_price: Option<Decimal>,
    /// Percent off, 0–100.
    #[serde(default, with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub discount_pct: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OrderInput {
    pub customer_id: String,
    pub ordered_on: NaiveDate,
    pub status: OrderStatus,
    /// ISO 4217, e.g. CNY.
    pub currency: String,
    #[serde(default)]
    pub notes: Option<String>,
    /// Financial products: expected annual return in percent (−100 to 1000).
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub expected_return_pct: Option<Decimal>,
    /// Financial products: stop-loss threshold in percent (0–100).
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub stop_loss_pct: Option<Decimal>,
    pub lines: Vec<OrderLineInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OrderLine {
    pub id: String,
    pub product_id: Option<String>,
    pub description: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub quantity: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub unit_price: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub discount_pct: Decimal,
    /// quantity × unit_price × (1 − discount/100), rounded half away from zero to minor units.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub total: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Order {
    pub id: String,
    pub customer_id: String,
    pub ordered_on: NaiveDate,
    pub status: OrderStatus,
    pub currency: String,
    pub notes: Option<String>,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub expected_return_pct: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub stop_loss_pct: Option<Decimal>,
    pub lines: Vec<OrderLine>,
    /// The sum of the line totals.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub total: Decimal,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// A page of one customer's orders, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OrderPage {
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub offset: u64,
    pub items: Vec<Order>,
}

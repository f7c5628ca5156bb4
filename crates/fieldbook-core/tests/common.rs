//! Shared setup for the core's integration tests.
#![allow(dead_code)]

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use fieldbook_core::clock::ManualClock;
use fieldbook_core::customers::{ContactPoint, CustomerInput, CustomerKind};
use fieldbook_core::interactions::{InteractionInput, InteractionKind};
use fieldbook_core::orders::{OrderInput, OrderLineInput, OrderStatus};
use fieldbook_core::Store;

pub fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap()))
}

pub fn store() -> (Store, Arc<ManualClock>) {
    let c = clock();
    (Store::open_in_memory(c.clone()).unwrap(), c)
}

pub fn person(name: &str) -> CustomerInput {
    CustomerInput { name: name.into(), ..Default::default() }
}

pub fn org(name: &str) -> CustomerInput {
    CustomerInput { name: name.into(), kind: CustomerKind::Organization, ..Default::default() }
}

pub fn point(value: &str) -> ContactPoint {
    ContactPoint { id: None, label: String::new(), value: value.into() }
}

pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// An order of one line at `price` (a decimal string) on day `on`; returns its id.
pub fn buy(s: &mut Store, customer_id: &str, on: &str, price: &str, status: OrderStatus, currency: &str) -> String {
    s.create_order(OrderInput {
        customer_id: customer_id.into(),
        ordered_on: day(on),
        status,
        currency: currency.into(),
        notes: None,
        expected_return_pct: None,
        stop_loss_pct: None,
        lines: vec![OrderLineInput {
            id: None,
            product_id: None,
            description: "item".into(),
            quantity: 1.into(),
            unit_price: Some(price.parse().unwrap()),
            discount_pct: 0.into(),
        }],
    })
    .unwrap()
    .id
}

/// A meeting logged at `at` (RFC 3339).
pub fn meet(s: &mut Store, customer_id: &str, at: &str) {
    s.create_interaction(InteractionInput {
        customer_id: customer_id.into(),
        kind: InteractionKind::Meeting,
        occurred_at: Some(at.into()),
        summary: "met".into(),
        outcome: None,
        next_step: None,
        follow_up_on: None,
    })
    .unwrap();
}

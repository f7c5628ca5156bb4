//! Shared setup for the core's integration tests.
#![allow(dead_code)]

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use fieldbook_core::clock::ManualClock;
use fieldbook_core::customers::{ContactPoint, CustomerInput, CustomerKind};
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

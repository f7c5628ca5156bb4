//! Books for the transfer and cleaning tests: a seeded book with history, on a manual clock.

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};

use crate::clock::ManualClock;
use crate::customers::CustomerInput;
use crate::seed::Seeder;
use crate::seed_history::HistorySeeder;
use crate::Store;

pub fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()))
}

pub fn empty_book() -> Store {
    Store::open_in_memory(clock()).unwrap()
}

/// `customers` seeded customers (one in ten an organization, a third of the people working at
/// one) with `interactions` interactions and a quarter as many orders. Returns the ids.
pub fn seeded_book(customers: usize, interactions: usize) -> (Store, Vec<String>) {
    let mut store = empty_book();
    let mut s = Seeder::new(7);
    let n_orgs = customers.div_ceil(10);
    let orgs: Vec<CustomerInput> = (0..n_orgs).map(|_| s.organization()).collect();
    let mut ids = store.create_customers(orgs).unwrap();
    let people: Vec<CustomerInput> =
        (n_orgs..customers).map(|i| s.person((i % 3 == 0).then(|| ids[i % n_orgs].clone()))).collect();
    for chunk in people.chunks(5000) {
        ids.extend(store.create_customers(chunk.to_vec()).unwrap());
    }
    let mut h = HistorySeeder::new(7, NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
    let batch = (0..interactions).map(|_| h.interaction(&ids)).collect();
    store.create_interactions(batch).unwrap();
    let batch = (0..interactions / 4).map(|_| h.order(&ids)).collect();
    store.create_orders(batch).unwrap();
    (store, ids)
}

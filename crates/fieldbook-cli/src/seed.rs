//! `fieldbook seed`: fill a book with realistic sample customers.

use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use clap::Args;
use fieldbook_core::clock::ManualClock;
use fieldbook_core::customers::CustomerInput;
use fieldbook_core::seed::Seeder;
use fieldbook_core::seed_history::{added_days, HistorySeeder};
use fieldbook_core::Store;
use rand::{Rng, SeedableRng};

use crate::output::Output;

#[derive(Args, Clone)]
pub struct SeedArgs {
    /// How many customers (about one in ten is an organization).
    #[arg(long, default_value_t = 1000)]
    pub customers: usize,
    /// Random seed: the same seed gives the same book.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Also log this many interactions spread over the past two years across the customers,
    /// plus one order for every four interactions.
    #[arg(long, default_value_t = 0)]
    pub interactions: usize,
    /// The day the history ends (YYYY-MM-DD; default today): fix it for a reproducible book.
    #[arg(long)]
    pub as_of: Option<chrono::NaiveDate>,
}

/// Records written per transaction: big enough to amortise commits, small enough to show progress.
pub const BATCH: usize = 5_000;

/// The whole book in creation order: organizations first, then persons (a third of them
/// working at one of those organizations, given by index into the organizations).
pub fn plan(customers: usize, seed: u64) -> (Vec<CustomerInput>, Vec<(CustomerInput, Option<usize>)>) {
    let mut s = Seeder::new(seed);
    let mut pick = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
    let n_orgs = customers.div_ceil(10);
    let orgs: Vec<_> = (0..n_orgs).map(|_| s.organization()).collect();
    let people = (n_orgs..customers)
        .map(|_| {
            let company = (!orgs.is_empty() && pick.random_bool(0.33)).then(|| pick.random_range(0..orgs.len()));
            (s.person(None), company)
        })
        .collect();
    (orgs, people)
}

/// Write a planned book; returns the ids of the organizations and persons created.
pub fn write(store: &mut Store, customers: usize, seed: u64, progress: bool) -> anyhow::Result<Vec<String>> {
    let (orgs, people) = plan(customers, seed);
    let mut org_ids = Vec::with_capacity(orgs.len());
    let total = orgs.len() + people.len();
    let mut done = 0;
    for chunk in orgs.chunks(BATCH) {
        org_ids.extend(store.create_customers(chunk.to_vec())?);
        done += chunk.len();
        report(progress, done, total);
    }
    let mut ids = org_ids.clone();
    for chunk in people.chunks(BATCH) {
        let inputs = chunk
            .iter()
            .map(|(p, company)| CustomerInput { company_id: company.map(|i| org_ids[i].clone()), ..p.clone() })
            .collect();
        ids.extend(store.create_customers(inputs)?);
        done += chunk.len();
        report(progress, done, total);
    }
    Ok(ids)
}

/// Write a planned book whose customers were added over time, on the given days (by index
/// into the plan: organizations, then persons), each day's customers in one transaction
/// stamped at 09:00 Beijing time that day. An organization is added no later than its first
/// member. Returns the ids in plan order, as `write` does.
pub fn write_dated(
    store: &mut Store,
    customers: usize,
    seed: u64,
    added: &[NaiveDate],
    progress: bool,
) -> anyhow::Result<Vec<String>> {
    let (orgs, people) = plan(customers, seed);
    let total = orgs.len() + people.len();
    anyhow::ensure!(added.len() == total, "one day per customer");
    let mut day = added.to_vec();
    for (i, (_, company)) in people.iter().enumerate() {
        if let Some(c) = company {
            day[*c] = day[*c].min(added[orgs.len() + i]);
        }
    }
    // By day, organizations before persons, then plan order.
    let mut order: Vec<usize> = (0..total).collect();
    order.sort_by_key(|&i| (day[i], i >= orgs.len(), i));
    let clock = Arc::new(ManualClock::new(Utc::now()));
    let original = store.clock().clone();
    store.set_clock(clock.clone());
    let mut ids: Vec<Option<String>> = vec![None; total];
    let mut done = 0;
    let written = (|| -> anyhow::Result<()> {
        for group in order.chunk_by(|a, b| (day[*a], *a >= orgs.len()) == (day[*b], *b >= orgs.len())) {
            clock.set(day[group[0]].and_hms_opt(1, 0, 0).expect("a valid time").and_utc());
            for part in group.chunks(BATCH) {
                let inputs = part
                    .iter()
                    .map(|&i| match i.checked_sub(orgs.len()) {
                        None => orgs[i].clone(),
                        Some(p) => {
                            let (person, company) = &people[p];
                            let company_id = company.map(|c| ids[c].clone().expect("an organization is added first"));
                            CustomerInput { company_id, ..person.clone() }
                        }
                    })
                    .collect();
                for (&i, id) in part.iter().zip(store.create_customers(inputs)?) {
                    ids[i] = Some(id);
                }
                done += part.len();
                report(progress, done, total);
            }
        }
        Ok(())
    })();
    store.set_clock(original);
    written?;
    Ok(ids.into_iter().map(|id| id.expect("every customer written")).collect())
}

/// Log `interactions` interactions and a quarter as many orders across `customer_ids`, in
/// batches of one transaction each. Returns (interactions, orders) written.
pub fn write_history(
    store: &mut Store,
    customer_ids: &[String],
    interactions: usize,
    seed: u64,
    as_of: NaiveDate,
    progress: bool,
) -> anyhow::Result<(usize, usize)> {
    if customer_ids.is_empty() || interactions == 0 {
        return Ok((0, 0));
    }
    let mut h = HistorySeeder::new(seed, as_of);
    let orders = interactions / 4;
    let total = interactions + orders;
    let mut done = 0;
    while done < interactions {
        let n = BATCH.min(interactions - done);
        let batch = (0..n).map(|_| h.interaction(customer_ids)).collect();
        store.create_interactions(batch)?;
        done += n;
        report(progress, done, total);
    }
    let mut made = 0;
    while made < orders {
        let n = BATCH.min(orders - made);
        let batch = (0..n).map(|_| h.order(customer_ids)).collect();
        store.create_orders(batch)?;
        made += n;
        report(progress, done + made, total);
    }
    Ok((interactions, orders))
}

fn report(progress: bool, done: usize, total: usize) {
    if progress {
        eprint!("\rseeded {done}/{total}");
        if done == total {
            eprintln!();
        }
    }
}

pub fn run(args: &SeedArgs, store: &mut Store, out: &Output) -> anyhow::Result<()> {
    let as_of = args.as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    // With history, customers are added over the years it covers, each before their first
    // logged contact, as in a real book; without, they are all added now.
    let ids = if args.interactions > 0 {
        let added = added_days(args.seed, as_of, args.customers, args.interactions, args.interactions / 4);
        write_dated(store, args.customers, args.seed, &added, !out.json)?
    } else {
        write(store, args.customers, args.seed, !out.json)?
    };
    let (interactions, orders) = write_history(store, &ids, args.interactions, args.seed, as_of, !out.json)?;
    let n = ids.len();
    out.emit(
        &serde_json::json!({ "customers": n, "interactions": interactions, "orders": orders, "seed": args.seed }),
        || {
            let mut t = format!("added {n} customers");
            if interactions > 0 {
                t.push_str(&format!(", {interactions} interactions and {orders} orders"));
            }
            format!("{t} (seed {})", args.seed)
        },
    );
    Ok(())
}

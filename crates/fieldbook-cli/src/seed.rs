//! `fieldbook seed`: fill a book with realistic sample customers.

use clap::Args;
use fieldbook_core::customers::CustomerInput;
use fieldbook_core::seed::Seeder;
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
pub fn write(store: &mut Store, customers: usize, seed: u64, progress: bool) -> anyhow::Result<usize> {
    let (orgs, people) = plan(customers, seed);
    let mut org_ids = Vec::with_capacity(orgs.len());
    let total = orgs.len() + people.len();
    let mut done = 0;
    for chunk in orgs.chunks(BATCH) {
        org_ids.extend(store.create_customers(chunk.to_vec())?);
        done += chunk.len();
        report(progress, done, total);
    }
    for chunk in people.chunks(BATCH) {
        let inputs = chunk
            .iter()
            .map(|(p, company)| CustomerInput { company_id: company.map(|i| org_ids[i].clone()), ..p.clone() })
            .collect();
        store.create_customers(inputs)?;
        done += chunk.len();
        report(progress, done, total);
    }
    Ok(total)
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
    let n = write(store, args.customers, args.seed, !out.json)?;
    out.emit(&serde_json::json!({ "customers": n, "seed": args.seed }), || {
        format!("added {n} customers (seed {})", args.seed)
    });
    Ok(())
}

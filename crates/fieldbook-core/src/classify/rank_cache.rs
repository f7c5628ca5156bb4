//! The book-wide facts and RFM/ABC ranking `classify_customer` ranks one customer against,
//! kept for one state of the book: any write moves the journal head and a new day moves
//! `today`, so a stale ranking is never used. Process-wide rather than per connection, so the
//! writer and every reader of the same book share one copy.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use super::{CustomerFacts, Rfm};
use crate::customers::Tier;
use crate::error::Result;

/// Which book, at which journal head, on which day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Key {
    pub device: String,
    pub head: i64,
    pub today: NaiveDate,
}

pub(crate) type Facts = HashMap<String, CustomerFacts>;
pub(crate) type Scores = HashMap<String, (Option<Rfm>, Tier)>;

pub(crate) struct RankCache {
    key: Key,
    pub facts: Facts,
    pub scores: Scores,
}

static CACHE: Mutex<Option<Arc<RankCache>>> = Mutex::new(None);

/// The ranking for `key`, built with `build` when the kept one is for another state. Built
/// outside the lock: a reader never waits for another's build (two may build at once; the
/// results are the same).
pub(crate) fn get_or_build(key: Key, build: impl FnOnce() -> Result<(Facts, Scores)>) -> Result<Arc<RankCache>> {
    let kept = CACHE.lock().unwrap_or_else(|p| p.into_inner()).clone();
    if let Some(c) = kept.filter(|c| c.key == key) {
        return Ok(c);
    }
    let (facts, scores) = build()?;
    let fresh = Arc::new(RankCache { key, facts, scores });
    *CACHE.lock().unwrap_or_else(|p| p.into_inner()) = Some(fresh.clone());
    Ok(fresh)
}

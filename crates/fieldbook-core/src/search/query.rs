//! Answering a type-ahead query from the search tables alone.
//!
//! 1. Prefix match on keys (name, pinyin, initials, email, phone digits, company, tags):
//!    an index range scan, ranked exact > prefix, then by field weight and key length.
//! 2. Substring match for what prefixes miss: the trigram FTS index for 3+ characters,
//!    the CJK gram table for 1–2 Chinese characters.

use std::collections::HashMap;

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::index::is_cjk;
use super::keys::normalize_query;
use crate::customers::CustomerSummary;
use crate::error::Result;
use crate::store::Store;

/// How many candidate rows each phase reads at most, whatever the limit: bounds the work
/// per keystroke for one-letter queries that match half the book.
const CANDIDATES: i64 = 300;
const EXACT: i64 = 0;
const PREFIX: i64 = 1000;
const SUBSTRING: i64 = 2000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SearchHit {
    #[serde(flatten)]
    #[ts(flatten)]
    pub customer: CustomerSummary,
    /// Lower is a better match.
    #[ts(type = "number")]
    pub score: i64,
}

impl Store {
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let ranked = self.search_ids(query, limit)?;
        let ids: Vec<String> = ranked.iter().map(|(id, _)| id.clone()).collect();
        let summaries = self.customer_summaries(&ids)?;
        Ok(summaries.into_iter().zip(ranked).map(|(customer, (_, score))| SearchHit { customer, score }).collect())
    }

    /// Best-first customer ids with their scores.
    pub fn search_ids(&self, query: &str, limit: usize) -> Result<Vec<(String, i64)>> {
        let q = normalize_query(query);
        if q.is_empty() || limit == 0 {
            return Ok(vec![]);
        }
        // "138-0013 8000" and "+86 138…" are phone queries: match on digits alone.
        let digits: String = query.chars().filter(char::is_ascii_digit).collect();
        let phone_like = !digits.is_empty() && query.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
        let q = if phone_like { digits } else { q };

        let conn = self.conn();
        let mut best: HashMap<i64, i64> = HashMap::new();
        let offer = |best: &mut HashMap<i64, i64>, doc: i64, score: i64| {
            let s = best.entry(doc).or_insert(score);
            *s = (*s).min(score);
        };

        let q_len = q.chars().count() as i64;
        let mut prefix = conn.prepare_cached(
            "SELECT doc_id, key, weight FROM search_keys WHERE key >= ?1 AND key < ?2 ORDER BY key LIMIT ?3",
        )?;
        let upper = format!("{q}\u{10FFFF}");
        for row in prefix.query_map(params![q, upper, CANDIDATES], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
        })? {
            let (doc, key, weight) = row?;
            let extra = key.chars().count() as i64 - q_len;
            let class = if extra == 0 { EXACT } else { PREFIX };
            offer(&mut best, doc, class + weight * 100 + extra.min(99));
        }

        if best.len() < limit {
            if q_len >= 3 {
                let phrase = format!("\"{}\"", q.replace('"', "\"\""));
                // The name text (name, pinyin, company, contacts, tags), then the free text
                // (title, notes): the same rank for a match in either.
                for sql in [
                    "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 LIMIT ?2",
                    "SELECT rowid FROM search_text_fts WHERE search_text_fts MATCH ?1 LIMIT ?2",
                ] {
                    let mut fts = conn.prepare_cached(sql)?;
                    for doc in fts.query_map(params![phrase, CANDIDATES], |r| r.get::<_, i64>(0))? {
                        offer(&mut best, doc?, SUBSTRING + 500);
                    }
                }
            } else if q.chars().all(is_cjk) {
                let mut grams = conn.prepare_cached("SELECT doc_id FROM search_grams WHERE gram = ?1 LIMIT ?2")?;
                for doc in grams.query_map(params![q, CANDIDATES], |r| r.get::<_, i64>(0))? {
                    offer(&mut best, doc?, SUBSTRING);
                }
            }
        }

        let mut ranked: Vec<(i64, i64)> = best.into_iter().collect();
        ranked.sort_by_key(|&(doc, score)| (score, doc));
        ranked.truncate(limit);
        let mut id_of = conn.prepare_cached("SELECT customer_id FROM search_docs WHERE doc_id = ?1")?;
        let mut out = Vec::with_capacity(ranked.len());
        for (doc, score) in ranked {
            out.push((id_of.query_row([doc], |r| r.get::<_, String>(0))?, score));
        }
        Ok(out)
    }
}

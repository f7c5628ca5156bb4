//! Keeping the search tables in step with customers, inside the writing transaction.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::keys::{name_keys, normalize_query, sort_key, NameKind};
use crate::customers::validate::phone_digits;
use crate::customers::{CustomerInput, CustomerKind};
use crate::error::Result;
use crate::store::Tx;

/// Field weights: lower ranks first when several customers match equally well.
pub const W_NAME: i64 = 0;
pub const W_INITIALS: i64 = 1;
pub const W_NAME_WORD: i64 = 2;
pub const W_CONTACT: i64 = 3;
pub const W_COMPANY: i64 = 4;
pub const W_TAG: i64 = 5;

/// What the index needs to know of one live customer.
struct Doc {
    kind: NameKind,
    name: String,
    company: Option<String>,
    title: Option<String>,
    tags: Vec<String>,
    notes: Option<String>,
    phones: Vec<String>,
    emails: Vec<String>,
}

/// Recompute the search rows and sort key of one customer (removing them if it is in the Trash).
pub fn reindex_customer(tx: &mut Tx<'_>, customer_id: &str) -> Result<()> {
    let conn = tx.conn();
    let Some(doc) = load_doc(conn, customer_id)? else {
        return remove_customer(tx, customer_id);
    };
    let doc_id = doc_id(conn, customer_id)?;
    clear(conn, doc_id)?;
    write_doc(conn, customer_id, doc_id, &doc)
}

/// Recompute only the trigram text of one customer, after a change to a field that only the
/// text holds (title, notes): its keys, grams and sort key stay as they are.
pub fn reindex_text(tx: &mut Tx<'_>, customer_id: &str) -> Result<()> {
    let conn = tx.conn();
    let existing = existing_doc_id(conn, customer_id)?;
    let (Some(doc_id), Some(doc)) = (existing, load_doc(conn, customer_id)?) else {
        // Not indexed yet, or in the Trash: the whole document decides.
        return reindex_customer(tx, customer_id);
    };
    let pinyin_line = name_keys(&doc.name, doc.kind).full.join(" ");
    conn.prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?.execute([doc_id])?;
    conn.prepare_cached("INSERT INTO search_fts (rowid, body) VALUES (?1, ?2)")?
        .execute(params![doc_id, fts_body(&doc, &pinyin_line)])?;
    Ok(())
}

/// Index a customer created in this transaction, from its input: nothing to read back or clear.
pub fn index_new_customer(tx: &mut Tx<'_>, customer_id: &str, c: &CustomerInput, company: Option<&str>) -> Result<()> {
    let conn = tx.conn();
    conn.prepare_cached("INSERT INTO search_docs (customer_id) VALUES (?1)")?.execute([customer_id])?;
    let doc = Doc {
        kind: if c.kind == CustomerKind::Organization { NameKind::Organization } else { NameKind::Person },
        name: c.name.clone(),
        company: company.map(str::to_string),
        title: c.title.clone(),
        tags: c.tags.clone(),
        notes: c.notes.clone(),
        phones: c.phones.iter().map(|p| p.value.clone()).collect(),
        emails: c.emails.iter().map(|p| p.value.clone()).collect(),
    };
    write_doc(conn, customer_id, conn.last_insert_rowid(), &doc)
}

fn write_doc(conn: &Connection, customer_id: &str, doc_id: i64, doc: &Doc) -> Result<()> {
    conn.prepare_cached("UPDATE customers SET sort_key = ?1 WHERE id = ?2")?
        .execute(params![sort_key(&doc.name, doc.kind), customer_id])?;
    let mut keys: BTreeMap<String, i64> = BTreeMap::new();
    let mut add = |key: String, weight: i64| {
        if !key.is_empty() {
            let w = keys.entry(key).or_insert(weight);
            *w = (*w).min(weight);
        }
    };
    let nk = name_keys(&doc.name, doc.kind);
    let pinyin_line = nk.full.join(" ");
    add(nk.text.clone(), W_NAME);
    nk.full.into_iter().for_each(|k| add(k, W_NAME));
    nk.initials.into_iter().for_each(|k| add(k, W_INITIALS));
    nk.words.into_iter().for_each(|k| add(k, W_NAME_WORD));
    if let Some(company) = &doc.company {
        let ck = name_keys(company, NameKind::Organization);
        add(ck.text, W_COMPANY);
        ck.full.into_iter().for_each(|k| add(k, W_COMPANY));
        ck.initials.into_iter().for_each(|k| add(k, W_COMPANY));
    }
    for p in &doc.phones {
        add(phone_digits(p), W_CONTACT);
    }
    // Normalised exactly as queries are, so case, width and accents never stop a match.
    for e in &doc.emails {
        add(normalize_query(e), W_CONTACT);
    }
    for t in &doc.tags {
        add(normalize_query(t), W_TAG);
    }
    let mut insert_key =
        conn.prepare_cached("INSERT OR IGNORE INTO search_keys (key, doc_id, weight) VALUES (?1, ?2, ?3)")?;
    for (key, weight) in &keys {
        insert_key.execute(params![key, doc_id, weight])?;
    }

    // One- and two-character CJK substrings: the trigram index cannot find them.
    let mut grams = std::collections::BTreeSet::new();
    for text in std::iter::once(&doc.name).chain(doc.company.iter()).chain(doc.tags.iter()) {
        for run in cjk_runs(text) {
            for (i, c) in run.iter().enumerate() {
                grams.insert(c.to_string());
                if let Some(next) = run.get(i + 1) {
                    grams.insert(format!("{c}{next}"));
                }
            }
        }
    }
    let mut insert_gram = conn.prepare_cached("INSERT OR IGNORE INTO search_grams (gram, doc_id) VALUES (?1, ?2)")?;
    for g in &grams {
        insert_gram.execute(params![g, doc_id])?;
    }

    // Everything else, for substrings of three or more characters anywhere.
    conn.prepare_cached("INSERT INTO search_fts (rowid, body) VALUES (?1, ?2)")?
        .execute(params![doc_id, fts_body(doc, &pinyin_line)])?;
    Ok(())
}

/// The text the trigram index holds for one customer.
fn fts_body(doc: &Doc, pinyin_line: &str) -> String {
    let mut body = vec![doc.name.clone(), pinyin_line.to_string()];
    body.extend(doc.company.iter().cloned());
    body.extend(doc.title.iter().cloned());
    body.extend(doc.phones.iter().map(|p| phone_digits(p)));
    body.extend(doc.emails.iter().cloned());
    body.extend(doc.tags.iter().cloned());
    body.extend(doc.notes.iter().cloned());
    body.join("\n")
}

/// The trigram-index text of a stored live customer (benchmarks rebuild the index rows
/// with it: the contentless FTS table cannot give its text back).
pub fn document_body(conn: &Connection, customer_id: &str) -> Result<Option<String>> {
    Ok(load_doc(conn, customer_id)?.map(|doc| fts_body(&doc, &name_keys(&doc.name, doc.kind).full.join(" "))))
}

/// Drop a customer from the search tables.
pub fn remove_customer(tx: &mut Tx<'_>, customer_id: &str) -> Result<()> {
    let conn = tx.conn();
    let existing = existing_doc_id(conn, customer_id)?;
    if let Some(doc_id) = existing {
        clear(conn, doc_id)?;
        conn.prepare_cached("DELETE FROM search_docs WHERE doc_id = ?1")?.execute([doc_id])?;
    }
    Ok(())
}

/// The customer's search document id, if it has one.
fn existing_doc_id(conn: &Connection, customer_id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT doc_id FROM search_docs WHERE customer_id = ?1")?
        .query_row([customer_id], |r| r.get(0))
        .optional()?)
}

/// The customer's search document id, created on first use.
fn doc_id(conn: &Connection, customer_id: &str) -> Result<i64> {
    conn.prepare_cached("INSERT OR IGNORE INTO search_docs (customer_id) VALUES (?1)")?.execute([customer_id])?;
    Ok(conn
        .prepare_cached("SELECT doc_id FROM search_docs WHERE customer_id = ?1")?
        .query_row([customer_id], |r| r.get(0))?)
}

fn clear(conn: &Connection, doc_id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM search_keys WHERE doc_id = ?1")?.execute([doc_id])?;
    conn.prepare_cached("DELETE FROM search_grams WHERE doc_id = ?1")?.execute([doc_id])?;
    conn.prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?.execute([doc_id])?;
    Ok(())
}

fn load_doc(conn: &Connection, id: &str) -> Result<Option<Doc>> {
    let row = conn
        .prepare_cached(
            "SELECT c.kind, c.name, o.name, c.title, c.tags, c.notes FROM customers c
             LEFT JOIN customers o ON o.id = c.company_id WHERE c.id = ?1 AND c.deleted_at IS NULL",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })
        .optional()?;
    let Some((kind, name, company, title, tags, notes)) = row else { return Ok(None) };
    let mut points = conn.prepare_cached(
        "SELECT kind, value FROM contact_points WHERE customer_id = ?1 AND deleted_at IS NULL AND kind IN ('phone','email')",
    )?;
    let (mut phones, mut emails) = (Vec::new(), Vec::new());
    for row in points.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (kind, value) = row?;
        if kind == "phone" {
            phones.push(value)
        } else {
            emails.push(value)
        }
    }
    Ok(Some(Doc {
        kind: if kind == "organization" { NameKind::Organization } else { NameKind::Person },
        name,
        company,
        title,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        notes,
        phones,
        emails,
    }))
}

pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}' | '〇')
}

/// Maximal runs of consecutive CJK characters in `text`.
fn cjk_runs(text: &str) -> Vec<Vec<char>> {
    let mut runs = vec![];
    let mut cur = vec![];
    for c in text.chars() {
        if is_cjk(c) {
            cur.push(c);
        } else if !cur.is_empty() {
            runs.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs
}

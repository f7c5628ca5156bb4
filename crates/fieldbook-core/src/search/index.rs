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

/// Recompute only the free text of one customer (title, notes), after a change to a field
/// that nothing else holds: its keys, grams, sort key and name text stay as they are, and its
/// name, phones and emails are not read (a synced batch of notes edits does this for each).
pub fn reindex_text(tx: &mut Tx<'_>, customer_id: &str) -> Result<()> {
    let conn = tx.conn();
    let existing = existing_doc_id(conn, customer_id)?;
    let text: Option<(Option<String>, Option<String>)> = conn
        .prepare_cached("SELECT title, notes FROM customers WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (Some(doc_id), Some((title, notes))) = (existing, text) else {
        // Not indexed yet, or in the Trash: the whole document decides.
        return reindex_customer(tx, customer_id);
    };
    conn.prepare_cached("DELETE FROM search_text_fts WHERE rowid = ?1")?.execute([doc_id])?;
    insert_text(conn, doc_id, title.as_deref(), notes.as_deref())
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
    insert_trigram_rows(conn, doc_id, doc, &pinyin_line)
}

/// Both trigram rows of one customer: its name text and its free text.
fn insert_trigram_rows(conn: &Connection, doc_id: i64, doc: &Doc, pinyin_line: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO search_fts (rowid, body) VALUES (?1, ?2)")?
        .execute(params![doc_id, fts_body(doc, pinyin_line)])?;
    insert_text(conn, doc_id, doc.title.as_deref(), doc.notes.as_deref())
}

/// The free text of one customer in its own trigram table, so that a notes edit rewrites
/// only the notes and title, not the name, pinyin and phone numbers beside them.
fn insert_text(conn: &Connection, doc_id: i64, title: Option<&str>, notes: Option<&str>) -> Result<()> {
    conn.prepare_cached("INSERT INTO search_text_fts (rowid, body) VALUES (?1, ?2)")?
        .execute(params![doc_id, text_body(title, notes)])?;
    Ok(())
}

/// What the name trigram table holds for one customer: everything searchable but its free text.
fn fts_body(doc: &Doc, pinyin_line: &str) -> String {
    let mut body = vec![doc.name.clone(), pinyin_line.to_string()];
    body.extend(doc.company.iter().cloned());
    body.extend(doc.phones.iter().map(|p| phone_digits(p)));
    body.extend(doc.emails.iter().cloned());
    body.extend(doc.tags.iter().cloned());
    body.join("\n")
}

/// What the free-text trigram table holds for one customer.
fn text_body(title: Option<&str>, notes: Option<&str>) -> String {
    title.into_iter().chain(notes).collect::<Vec<_>>().join("\n")
}

/// The two trigram-table texts of a stored live customer, name text then free text
/// (benchmarks rebuild the index rows with them: a contentless FTS table cannot give its
/// text back).
pub fn document_bodies(conn: &Connection, customer_id: &str) -> Result<Option<(String, String)>> {
    Ok(load_doc(conn, customer_id)?.map(|doc| {
        let body = fts_body(&doc, &name_keys(&doc.name, doc.kind).full.join(" "));
        (body, text_body(doc.title.as_deref(), doc.notes.as_deref()))
    }))
}

/// Fill both trigram tables from scratch for every indexed customer (migration 0017, which
/// split the customer's free text off into a table of its own).
pub(crate) fn refill_trigram_tables(conn: &Connection) -> Result<()> {
    let docs: Vec<(i64, String)> = {
        let mut stmt = conn.prepare("SELECT doc_id, customer_id FROM search_docs ORDER BY doc_id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (doc_id, customer_id) in docs {
        if let Some(doc) = load_doc(conn, &customer_id)? {
            insert_trigram_rows(conn, doc_id, &doc, &name_keys(&doc.name, doc.kind).full.join(" "))?;
        }
    }
    Ok(())
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
    conn.prepare_cached("DELETE FROM search_text_fts WHERE rowid = ?1")?.execute([doc_id])?;
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

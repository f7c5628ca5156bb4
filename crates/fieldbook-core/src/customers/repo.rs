//! Customer reads and writes on the store. Writes go through `Store::write`, so every field
//! change is stamped and journaled, and the search index is refreshed in the same transaction.

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::children::{self, PointKind};
use super::model::*;
use super::validate::normalize;
use crate::dates::DateSpec;
use crate::error::{CoreError, Result};
use crate::search::index;
use crate::store::{Entity, Store, Tx};

pub const CUSTOMERS: Entity = Entity {
    table: "customers",
    fields: &[
        "kind",
        "name",
        "gender",
        "title",
        "company_id",
        "source",
        "owner",
        "tier",
        "customer_type",
        "region",
        "interests",
        "tags",
        "notes",
        "birthday",
        "risk_preference",
        "deleted_at",
    ],
};

/// Largest page the list returns at once: the UI virtualizes and asks for what it shows.
pub const MAX_PAGE: u64 = 500;

impl Store {
    pub fn create_customer(&mut self, input: CustomerInput) -> Result<Customer> {
        let id = self.create_customers(vec![input]).map_err(|e| e.error)?.remove(0);
        self.customer(&id)
    }

    /// Create many customers in one transaction: all of them, or (on the first invalid one,
    /// reported with its index) none. A person may name an organization created earlier in
    /// the same batch as its company.
    pub fn create_customers(&mut self, inputs: Vec<CustomerInput>) -> Result<Vec<String>, BatchError> {
        self.write_with(|tx| {
            let mut ids = Vec::with_capacity(inputs.len());
            for (i, input) in inputs.into_iter().enumerate() {
                ids.push(create_in(tx, input).map_err(|e| BatchError { index: Some(i), error: e })?);
            }
            Ok(ids)
        })
    }

    /// Replace a customer's fields with `input`. Only fields that change are stamped.
    pub fn update_customer(&mut self, id: &str, input: CustomerInput) -> Result<Customer> {
        let before = self.customer(id)?;
        self.write(|tx| update_in(tx, &before, input))?;
        self.customer(id)
    }

    /// Move to the Trash: hidden from lists and search, restorable.
    pub fn delete_customer(&mut self, id: &str) -> Result<()> {
        let c = self.customer(id)?;
        if c.deleted_at.is_some() {
            return Ok(());
        }
        self.write(|tx| {
            let now = tx.now_text().to_string();
            tx.update(CUSTOMERS, id, &[("deleted_at", Value::Text(now))])?;
            index::reindex_customer(tx, id)
        })
    }

    pub fn restore_customer(&mut self, id: &str) -> Result<Customer> {
        self.customer(id)?;
        self.write(|tx| {
            tx.update(CUSTOMERS, id, &[("deleted_at", Value::Null)])?;
            index::reindex_customer(tx, id)
        })?;
        self.customer(id)
    }

    /// Delete for good. Only from the Trash, so nothing vanishes by one mis-click.
    pub fn purge_customer(&mut self, id: &str) -> Result<()> {
        let c = self.customer(id)?;
        if c.deleted_at.is_none() {
            return Err(CoreError::Conflict(format!("customer {id} is not in the Trash; delete it first")));
        }
        self.write(|tx| {
            crate::entities::purge_owned(tx, id)?;
            tx.purge(CUSTOMERS, id)?;
            index::remove_customer(tx, id)
        })
    }

    /// Empty the Trash; returns how many customers were removed for good.
    pub fn empty_trash(&mut self) -> Result<usize> {
        let ids: Vec<String> = {
            let mut stmt = self.conn().prepare("SELECT id FROM customers WHERE deleted_at IS NOT NULL")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        self.write(|tx| {
            for id in &ids {
                crate::entities::purge_owned(tx, id)?;
                tx.purge(CUSTOMERS, id)?;
                index::remove_customer(tx, id)?;
            }
            Ok(ids.len())
        })
    }

    /// One customer with its children, live or in the Trash.
    pub fn customer(&self, id: &str) -> Result<Customer> {
        let mut c = self.customer_record(id)?;
        if c.fields.kind == CustomerKind::Organization {
            c.members = self.summaries(
                // `+`: look members up by company (a few rows), not by walking the whole sorted
                // list for them (140 ms for an organization in a 100k book).
                "WHERE c.company_id = ?1 AND +c.deleted_at IS NULL ORDER BY c.sort_key, c.id LIMIT 1000",
                params![id],
            )?;
        }
        Ok(c)
    }

    /// One customer with its phones, emails, addresses and anniversaries, but without an
    /// organization's member list (`members` is empty): what an export of every customer needs.
    pub fn customer_record(&self, id: &str) -> Result<Customer> {
        let conn = self.conn();
        let mut c = conn
            .query_row(
                "SELECT c.id, c.kind, c.name, c.gender, c.title, c.company_id, c.source, c.owner, c.tier,
                        c.customer_type, c.region, c.interests, c.tags, c.notes, c.birthday,
                        c.created_at, c.updated_at, c.deleted_at, o.name, c.risk_preference
                 FROM customers c LEFT JOIN customers o ON o.id = c.company_id WHERE c.id = ?1",
                [id],
                read_customer,
            )
            .optional()?
            .ok_or_else(|| CoreError::not_found("customer", id))?;
        c.fields.phones = children::load_points(conn, id, PointKind::Phone)?;
        c.fields.emails = children::load_points(conn, id, PointKind::Email)?;
        c.fields.addresses = children::load_points(conn, id, PointKind::Address)?;
        c.fields.anniversaries = children::load_anniversaries(conn, id)?;
        Ok(c)
    }

    /// A page of the customer list, ordered by name (pinyin order for Chinese names).
    pub fn list_customers(&self, scope: ListScope, offset: u64, limit: u64) -> Result<CustomerPage> {
        self.list_customers_sorted(scope, ListSort::default(), offset, limit)
    }

    /// A page of the customer list in the chosen order (the Trash: latest deleted first).
    pub fn list_customers_sorted(
        &self,
        scope: ListScope,
        sort: ListSort,
        offset: u64,
        limit: u64,
    ) -> Result<CustomerPage> {
        let filter = scope_filter(scope);
        let total: i64 =
            self.conn().query_row(&format!("SELECT COUNT(*) FROM customers c WHERE {filter}"), [], |r| r.get(0))?;
        let total = total as u64;
        let limit = limit.min(MAX_PAGE);
        // Page through ids alone (a walk of an index), then load just this page: with OFFSET,
        // SQLite would otherwise build every skipped row, company join included.
        let ids = match (scope, sort_column(sort.column)) {
            (ListScope::Trash, _) => self.page_ids("", filter, "c.deleted_at DESC, c.id", offset, limit)?,
            (_, None) => {
                self.page_ids("", filter, &format!("c.sort_key {0}, c.id {0}", direction(sort)), offset, limit)?
            }
            (_, Some(by)) => {
                // Those with a value, by it, then the rest by name (SortedListSql).
                let sql = SortedListSql::new(filter, by, direction(sort));
                let valued: i64 = self.conn().query_row(&sql.count_valued, [], |r| r.get(0))?;
                let valued = valued as u64;
                let mut ids = if offset < valued { self.ids(&sql.valued_page, offset, limit)? } else { vec![] };
                let rest = limit - ids.len() as u64;
                if rest > 0 {
                    ids.extend(self.ids(&sql.rest_page, offset.saturating_sub(valued), rest)?);
                }
                ids
            }
        };
        let items = self.customer_summaries(&ids)?;
        Ok(CustomerPage { total, offset, items })
    }

    fn page_ids(&self, index: &str, filter: &str, order: &str, offset: u64, limit: u64) -> Result<Vec<String>> {
        self.ids(&page_sql(index, filter, order), offset, limit)
    }

    /// The ids a page query (`page_sql`) gives for this offset and limit.
    fn ids(&self, sql: &str, offset: u64, limit: u64) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(params![limit as i64, offset.min(i64::MAX as u64) as i64], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Summaries for the given ids, in the given order (search results).
    pub fn customer_summaries(&self, ids: &[String]) -> Result<Vec<CustomerSummary>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(self.summaries("WHERE c.id = ?1", params![id])?);
        }
        Ok(out)
    }

    fn summaries(&self, tail: &str, args: impl rusqlite::Params) -> Result<Vec<CustomerSummary>> {
        let sql = format!(
            "SELECT c.id, c.kind, c.name, o.name, c.tier, c.tags, c.updated_at, c.deleted_at,
               (SELECT value FROM contact_points p WHERE p.customer_id = c.id AND p.kind = 'phone' AND p.deleted_at IS NULL ORDER BY position LIMIT 1),
               (SELECT value FROM contact_points p WHERE p.customer_id = c.id AND p.kind = 'email' AND p.deleted_at IS NULL ORDER BY position LIMIT 1),
               c.region, c.owner, c.last_contact_at, c.next_follow_up_on,
               CASE WHEN c.kind = 'organization'
                 THEN (SELECT count(*) FROM customers m WHERE m.company_id = c.id AND m.deleted_at IS NULL) ELSE 0 END
             FROM customers c LEFT JOIN customers o ON o.id = c.company_id {tail}"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(args, |r| {
            Ok(CustomerSummary {
                id: r.get(0)?,
                kind: opt_enum(r.get(1)?).unwrap_or_default(),
                name: r.get(2)?,
                company_name: r.get(3)?,
                tier: opt_enum(r.get(4)?),
                tags: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default(),
                updated_at: r.get(6)?,
                deleted_at: r.get(7)?,
                phone: r.get(8)?,
                email: r.get(9)?,
                region: r.get(10)?,
                owner: r.get(11)?,
                last_contact_at: r.get(12)?,
                next_follow_up_on: crate::records::read_date(r.get(13)?),
                member_count: r.get(14)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Which customers a list scope holds.
fn scope_filter(scope: ListScope) -> &'static str {
    match scope {
        ListScope::Live => "c.deleted_at IS NULL",
        ListScope::Trash => "c.deleted_at IS NOT NULL",
        ListScope::Organizations => "c.deleted_at IS NULL AND c.kind = 'organization'",
    }
}

/// A page of ids of the customers matching `filter`, in `order`, through `index` if named.
fn page_sql(index: &str, filter: &str, order: &str) -> String {
    format!("SELECT c.id FROM customers c {index} WHERE {filter} ORDER BY {order} LIMIT ?1 OFFSET ?2")
}

/// A derived column the list can be ordered by, and its two indexes.
#[derive(Clone, Copy)]
struct SortedBy {
    column: &'static str,
    /// Those with a value, by it and then by name (migration 0013).
    valued_index: &'static str,
    /// Those without one, by name (migration 0016).
    rest_index: &'static str,
}

/// The derived column a list order reads; none for the name order.
fn sort_column(column: SortColumn) -> Option<SortedBy> {
    match column {
        SortColumn::Name => None,
        SortColumn::LastContact => Some(SortedBy {
            column: "c.last_contact_at",
            valued_index: "customers_live_by_last_contact",
            rest_index: "customers_live_no_contact",
        }),
        SortColumn::NextFollowUp => Some(SortedBy {
            column: "c.next_follow_up_on",
            valued_index: "customers_live_by_follow_up",
            rest_index: "customers_live_no_follow_up",
        }),
    }
}

/// The list ordered by a derived column: those with a value by it, then the rest by name, one
/// index walk each ("nulls last" in one ORDER BY has no index). Both indexes are named: left to
/// guess, SQLite took the contact index and looked each row up in the table to test the column
/// (~130 ms for the count, ~110 ms for a page deep in the rest, at 100k customers).
struct SortedListSql {
    count_valued: String,
    valued_page: String,
    rest_page: String,
}

impl SortedListSql {
    fn new(filter: &str, by: SortedBy, dir: &str) -> Self {
        let SortedBy { column, valued_index, rest_index } = by;
        let valued = format!("{filter} AND {column} IS NOT NULL");
        SortedListSql {
            count_valued: format!("SELECT COUNT(*) FROM customers c INDEXED BY {valued_index} WHERE {valued}"),
            valued_page: page_sql(
                &format!("INDEXED BY {valued_index}"),
                &valued,
                &format!("{column} {dir}, c.sort_key {dir}, c.id {dir}"),
            ),
            rest_page: page_sql(
                &format!("INDEXED BY {rest_index}"),
                &format!("{filter} AND {column} IS NULL"),
                "c.sort_key, c.id",
            ),
        }
    }
}

/// The same order as `list_customers_sorted` in one ORDER BY, for queries that sort all their
/// matches anyway (a segment's customers): valued rows by the column, then the rest by name.
pub(crate) fn order_by(sort: ListSort) -> String {
    let dir = direction(sort);
    match sort_column(sort.column) {
        None => format!("c.sort_key {dir}, c.id {dir}"),
        Some(SortedBy { column: x, .. }) => format!(
            "{x} IS NULL, {x} {dir}, CASE WHEN {x} IS NULL THEN c.sort_key END, \
             CASE WHEN {x} IS NULL THEN c.id END, c.sort_key {dir}, c.id {dir}"
        ),
    }
}

fn direction(sort: ListSort) -> &'static str {
    if sort.descending {
        "DESC"
    } else {
        "ASC"
    }
}

/// Create one customer inside the caller's transaction (a batch, or an import that also
/// merges): validated, stamped, journaled and indexed like any other create. Returns its id.
pub fn create_in(tx: &mut Tx<'_>, input: CustomerInput) -> Result<String> {
    let input = normalize(input)?;
    let company = check_company(tx.conn(), &input, None)?;
    let id = crate::new_id();
    tx.insert(CUSTOMERS, &id, &field_values(&input))?;
    save_children(tx, &id, &input, Existing::None)?;
    index::index_new_customer(tx, &id, &input, company.as_deref())?;
    Ok(id)
}

/// Replace the fields of `before` (as read just before the transaction) with `input`, inside
/// the caller's transaction. Only fields that change are stamped.
pub fn update_in(tx: &mut Tx<'_>, before: &Customer, input: CustomerInput) -> Result<()> {
    let id = before.id.as_str();
    let input = normalize(input)?;
    check_company(tx.conn(), &input, Some(id))?;
    if input.kind == CustomerKind::Person && !before.members.is_empty() {
        return Err(CoreError::invalid(
            "kind",
            "kind_has_members",
            "this organization still has people; move them first",
        ));
    }
    let changed = tx.update(CUSTOMERS, id, &field_values(&input))?;
    save_children(tx, id, &input, Existing::Stored(before))?;
    index::reindex_customer(tx, id)?;
    if changed.contains(&"name") {
        // Members are findable by their company's name.
        for m in &before.members {
            index::reindex_customer(tx, &m.id)?;
        }
    }
    Ok(())
}

/// A failed batch write: which input (if the failure was one input's) and why.
#[derive(Debug, thiserror::Error)]
#[error("{}{error}", index.map(|i| format!("record {}: ", i + 1)).unwrap_or_default())]
pub struct BatchError {
    pub index: Option<usize>,
    pub error: CoreError,
}

impl From<rusqlite::Error> for BatchError {
    fn from(e: rusqlite::Error) -> Self {
        BatchError { index: None, error: e.into() }
    }
}

/// The child rows a save starts from.
enum Existing<'a> {
    /// A customer being created has none: nothing to read back.
    None,
    Stored(&'a Customer),
}

fn save_children(tx: &mut Tx<'_>, id: &str, input: &CustomerInput, existing: Existing<'_>) -> Result<()> {
    let (phones, emails, addresses, anniversaries) = match existing {
        Existing::None => Default::default(),
        Existing::Stored(c) => (
            c.fields.phones.clone(),
            c.fields.emails.clone(),
            c.fields.addresses.clone(),
            c.fields.anniversaries.clone(),
        ),
    };
    children::save_points(tx, id, PointKind::Phone, &input.phones, phones)?;
    children::save_points(tx, id, PointKind::Email, &input.emails, emails)?;
    children::save_points(tx, id, PointKind::Address, &input.addresses, addresses)?;
    children::save_anniversaries(tx, id, &input.anniversaries, anniversaries)
}

/// A person's company must be a live organization (and not the person itself).
/// Returns the company's name, which the search index needs.
fn check_company(conn: &Connection, input: &CustomerInput, self_id: Option<&str>) -> Result<Option<String>> {
    let Some(company_id) = &input.company_id else { return Ok(None) };
    let found: Option<(String, String)> = conn
        .prepare_cached("SELECT kind, name FROM customers WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([company_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match found {
        Some((kind, name)) if kind == "organization" && self_id != Some(company_id.as_str()) => Ok(Some(name)),
        _ => Err(CoreError::invalid("company_id", "company_invalid", "the company must be an existing organization")),
    }
}

fn text(v: &Option<String>) -> Value {
    v.clone().map(Value::Text).unwrap_or(Value::Null)
}

fn enum_text<T: serde::Serialize>(v: &T) -> Value {
    match serde_json::to_value(v).expect("enums serialize") {
        serde_json::Value::String(s) => Value::Text(s),
        _ => Value::Null,
    }
}

fn field_values(c: &CustomerInput) -> Vec<(&'static str, Value)> {
    vec![
        ("kind", enum_text(&c.kind)),
        ("name", Value::Text(c.name.clone())),
        ("gender", c.gender.as_ref().map(enum_text).unwrap_or(Value::Null)),
        ("title", text(&c.title)),
        ("company_id", text(&c.company_id)),
        ("source", text(&c.source)),
        ("owner", text(&c.owner)),
        ("tier", c.tier.as_ref().map(enum_text).unwrap_or(Value::Null)),
        ("customer_type", c.customer_type.as_ref().map(enum_text).unwrap_or(Value::Null)),
        ("region", text(&c.region)),
        ("interests", text(&c.interests)),
        ("tags", Value::Text(serde_json::to_string(&c.tags).expect("tags serialize"))),
        ("notes", text(&c.notes)),
        (
            "birthday",
            c.birthday.map(|b| Value::Text(serde_json::to_string(&b).expect("dates serialize"))).unwrap_or(Value::Null),
        ),
        ("risk_preference", c.risk_preference.as_ref().map(enum_text).unwrap_or(Value::Null)),
    ]
}

/// Stored enums are their serde names. A value this version does not know (written by a
/// newer app and synced here) reads as none rather than failing the whole read.
fn opt_enum<T: serde::de::DeserializeOwned>(s: Option<String>) -> Option<T> {
    s.and_then(|s| serde_json::from_value(serde_json::Value::String(s)).ok())
}

fn read_customer(r: &Row<'_>) -> rusqlite::Result<Customer> {
    let birthday: Option<String> = r.get(14)?;
    Ok(Customer {
        id: r.get(0)?,
        fields: CustomerInput {
            kind: opt_enum(r.get(1)?).unwrap_or_default(),
            name: r.get(2)?,
            gender: opt_enum(r.get(3)?),
            title: r.get(4)?,
            company_id: r.get(5)?,
            source: r.get(6)?,
            owner: r.get(7)?,
            tier: opt_enum(r.get(8)?),
            customer_type: opt_enum(r.get(9)?),
            region: r.get(10)?,
            interests: r.get(11)?,
            tags: serde_json::from_str(&r.get::<_, String>(12)?).unwrap_or_default(),
            notes: r.get(13)?,
            birthday: birthday.and_then(|b| serde_json::from_str::<DateSpec>(&b).ok()),
            risk_preference: opt_enum(r.get(19)?),
            phones: vec![],
            emails: vec![],
            addresses: vec![],
            anniversaries: vec![],
        },
        company_name: r.get(18)?,
        members: vec![],
        created_at: r.get(15)?,
        updated_at: r.get(16)?,
        deleted_at: r.get(17)?,
    })
}

#[cfg(test)]
#[path = "repo_plan_tests.rs"]
mod plan_tests;

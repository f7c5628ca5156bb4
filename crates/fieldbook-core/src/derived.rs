//! Columns and tables computed from the book's data, never trusted from outside: a customer's
//! sort key, search rows, last contact and next follow-up, an order's total. Restoring a dump recomputes them
//! for the whole book; applying another laptop's changes, for the customers and orders touched.

use std::collections::BTreeMap;

use crate::error::{CoreError, Result};
use crate::orders::money;
use crate::search::index;
use crate::search::keys::{sort_key, NameKind};
use crate::store::Tx;

bitflags::bitflags! {
    /// Which of a customer's derived data a change can move.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub(crate) struct Rebuild: u8 {
        /// The list's sort key (name, kind).
        const SORT_KEY = 1;
        /// Every search row: keys, CJK grams and the trigram text (name, company, contacts,
        /// tags, in or out of the Trash).
        const SEARCH = 2;
        /// Only the trigram text (title, notes): keys and grams do not hold them.
        const SEARCH_TEXT = 4;
        /// Last contact and next follow-up (interactions, purchase orders, follow-up states).
        const CONTACT = 8;
        /// The search rows of the people of an organization (they are found by its name).
        const MEMBERS = 16;
    }
}

/// What a change to `field` of a row of `entity` feeds, for the customer the row belongs to
/// (`*` is the insert of a whole row, `*purged` its removal). Must follow `search::index`'s
/// document and the rules in `records` (last contact, next follow-up); a field named nowhere
/// here (an address, a tier, an interaction's summary) feeds nothing derived.
pub(crate) fn fed_by(entity: &str, field: &str) -> Rebuild {
    const ROW: &str = crate::store::ROW_FIELD;
    const PURGED: &str = crate::store::PURGED_FIELD;
    match (entity, field) {
        ("customers", ROW | PURGED) => Rebuild::all(),
        ("customers", "name") => Rebuild::SORT_KEY | Rebuild::SEARCH | Rebuild::MEMBERS,
        ("customers", "kind") => Rebuild::SORT_KEY | Rebuild::SEARCH,
        ("customers", "company_id" | "tags" | "deleted_at") => Rebuild::SEARCH,
        ("customers", "title" | "notes") => Rebuild::SEARCH_TEXT,
        ("contact_points", ROW | PURGED | "customer_id" | "kind" | "value" | "deleted_at") => Rebuild::SEARCH,
        ("interactions", ROW | PURGED | "customer_id" | "occurred_at" | "follow_up_on" | "deleted_at") => {
            Rebuild::CONTACT
        }
        ("orders", ROW | PURGED | "customer_id" | "ordered_on" | "status" | "deleted_at") => Rebuild::CONTACT,
        ("reminder_states", _) => Rebuild::CONTACT,
        _ => Rebuild::empty(),
    }
}

/// Every customer's and every order's derived data.
pub(crate) fn recompute_all(tx: &mut Tx<'_>) -> Result<()> {
    let customers: BTreeMap<String, Rebuild> =
        ids(tx, "SELECT id FROM customers ORDER BY id")?.into_iter().map(|id| (id, Rebuild::all())).collect();
    let orders = ids(tx, "SELECT id FROM orders ORDER BY id")?;
    recompute(tx, &customers, &orders)
}

/// The derived data of these customers (what each one's changes feed) and orders (ids that
/// no longer exist are skipped).
pub(crate) fn recompute(tx: &mut Tx<'_>, customers: &BTreeMap<String, Rebuild>, orders: &[String]) -> Result<()> {
    // The people of a renamed organization, unless they are rebuilt anyway.
    let mut members = Vec::new();
    for id in customers.iter().filter(|(_, what)| what.intersects(Rebuild::MEMBERS)).map(|(id, _)| id) {
        let mut stmt = tx.conn().prepare_cached("SELECT id FROM customers WHERE company_id = ?1")?;
        for m in stmt.query_map([id], |r| r.get::<_, String>(0))? {
            let m = m?;
            if !customers.get(&m).is_some_and(|what| what.intersects(Rebuild::SEARCH)) {
                members.push((m, Rebuild::SEARCH));
            }
        }
    }
    for (id, what) in customers.iter().map(|(id, what)| (id, *what)).chain(members.iter().map(|(m, w)| (m, *w))) {
        rebuild_customer(tx, id, what)?;
    }
    for order in orders {
        order_total(tx, order)?;
    }
    Ok(())
}

fn rebuild_customer(tx: &mut Tx<'_>, id: &str, what: Rebuild) -> Result<()> {
    if what.intersects(Rebuild::SORT_KEY) {
        let row: Option<(String, String)> = {
            let mut stmt = tx.conn().prepare_cached("SELECT name, kind FROM customers WHERE id = ?1")?;
            let mut rows = stmt.query([id])?;
            rows.next()?.map(|r| Ok::<_, rusqlite::Error>((r.get(0)?, r.get(1)?))).transpose()?
        };
        let Some((name, kind)) = row else {
            return index::remove_customer(tx, id).or_else(ignore_missing);
        };
        // The search index keeps the sort key of live customers; one in the Trash keeps the
        // key it had, so it sorts the same when restored.
        let kind = if kind == "organization" { NameKind::Organization } else { NameKind::Person };
        tx.conn()
            .prepare_cached("UPDATE customers SET sort_key = ?1 WHERE id = ?2")?
            .execute(rusqlite::params![sort_key(&name, kind), id])?;
    }
    // Both remove the rows of a customer that is gone or in the Trash.
    if what.intersects(Rebuild::SEARCH) {
        index::reindex_customer(tx, id)?;
    } else if what.intersects(Rebuild::SEARCH_TEXT) {
        index::reindex_text(tx, id)?;
    }
    if what.intersects(Rebuild::CONTACT) {
        crate::records::refresh_after_interaction(tx, id)?; // no row, nothing updated
    }
    Ok(())
}

fn ignore_missing(e: CoreError) -> Result<()> {
    match e {
        CoreError::NotFound { .. } => Ok(()),
        e => Err(e),
    }
}

fn ids(tx: &Tx<'_>, sql: &str) -> Result<Vec<String>> {
    let mut stmt = tx.conn().prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An order's total in minor units, from its live lines.
fn order_total(tx: &Tx<'_>, order: &str) -> Result<()> {
    let conn = tx.conn();
    let currency: Option<String> = {
        let mut stmt = conn.prepare_cached("SELECT currency FROM orders WHERE id = ?1")?;
        let mut rows = stmt.query([order])?;
        rows.next()?.map(|r| r.get(0)).transpose()?
    };
    let Some(currency) = currency else { return Ok(()) };
    let mut lines = conn.prepare_cached(
        "SELECT id, quantity, unit_price, discount_pct FROM order_lines WHERE order_id = ?1 AND deleted_at IS NULL",
    )?;
    let mut total = rust_decimal::Decimal::ZERO;
    let mut rows = lines.query([order])?;
    while let Some(r) = rows.next()? {
        let line: String = r.get(0)?;
        let num = |i: usize, name: &str| -> Result<rust_decimal::Decimal> {
            let s: String = r.get(i)?;
            s.parse().map_err(|_| {
                CoreError::invalid(
                    format!("tables.order_lines[{line}].{name}"),
                    "dump_value",
                    format!("{s:?} is not a decimal number"),
                )
            })
        };
        let t = money::line_total(num(1, "quantity")?, num(2, "unit_price")?, num(3, "discount_pct")?, &currency)?;
        total = money::sum([total, t])?;
    }
    conn.prepare_cached("UPDATE orders SET total_minor = ?1 WHERE id = ?2")?
        .execute(rusqlite::params![money::to_minor(total, &currency)?, order])?;
    Ok(())
}

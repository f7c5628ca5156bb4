//! Columns and tables computed from the book's data, never trusted from outside: a customer's
//! sort key, search rows, last contact and next follow-up, an order's total. Restoring a dump recomputes them
//! for the whole book; applying another laptop's changes, for the customers and orders touched.

use crate::error::{CoreError, Result};
use crate::orders::money;
use crate::search::index;
use crate::search::keys::{sort_key, NameKind};
use crate::store::Tx;

/// Every customer's and every order's derived data.
pub(crate) fn recompute_all(tx: &mut Tx<'_>) -> Result<()> {
    let customers = ids(tx, "SELECT id FROM customers ORDER BY id")?;
    let orders = ids(tx, "SELECT id FROM orders ORDER BY id")?;
    recompute(tx, &customers, &orders)
}

/// The derived data of these customers and orders (ids that no longer exist are skipped).
pub(crate) fn recompute(tx: &mut Tx<'_>, customers: &[String], orders: &[String]) -> Result<()> {
    for id in customers {
        let row: Option<(String, String)> = {
            let mut stmt = tx.conn().prepare_cached("SELECT name, kind FROM customers WHERE id = ?1")?;
            let mut rows = stmt.query([id])?;
            rows.next()?.map(|r| Ok::<_, rusqlite::Error>((r.get(0)?, r.get(1)?))).transpose()?
        };
        let Some((name, kind)) = row else {
            index::remove_customer(tx, id).or_else(ignore_missing)?;
            continue;
        };
        // The search index keeps the sort key of live customers; one in the Trash keeps the
        // key it had, so it sorts the same when restored.
        let kind = if kind == "organization" { NameKind::Organization } else { NameKind::Person };
        tx.conn()
            .prepare_cached("UPDATE customers SET sort_key = ?1 WHERE id = ?2")?
            .execute(rusqlite::params![sort_key(&name, kind), id])?;
        index::reindex_customer(tx, id)?;
        crate::records::refresh_after_interaction(tx, id)?;
    }
    for order in orders {
        order_total(tx, order)?;
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

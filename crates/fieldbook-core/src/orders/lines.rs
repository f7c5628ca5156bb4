//! Order lines: check a submitted line against the catalog, compute its total, and reconcile
//! the stored lines of an order with the submitted ones through the stamped write path.

use rusqlite::types::Value;
use rusqlite::{params, Connection};
use rust_decimal::Decimal;

use super::model::{OrderLine, OrderLineInput};
use super::money::line_total;
use super::products;
use crate::error::{CoreError, Result};
use crate::records;
use crate::store::{Entity, Tx};

pub const ORDER_LINES: Entity = Entity {
    table: "order_lines",
    fields: &[
        "order_id",
        "position",
        "product_id",
        "description",
        "quantity",
        "unit_price",
        "discount_pct",
        "deleted_at",
    ],
};

/// A line that passed the checks, with the product's defaults filled in.
pub(super) struct CheckedLine {
    pub id: Option<String>,
    pub product_id: Option<String>,
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Decimal,
    pub discount_pct: Decimal,
    pub total: Decimal,
}

/// Check one line; every invalid field of it is named in one error (see `CoreError::all_invalid`).
pub(super) fn check_line(conn: &Connection, i: usize, line: &OrderLineInput, currency: &str) -> Result<CheckedLine> {
    let field = |name: &str| format!("lines[{i}].{name}");
    let mut problems = Vec::new();
    let mut product_missing = false;
    let product = match line.product_id.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(pid) => match products::load(conn, pid)? {
            Some(p) if p.deleted_at.is_none() => Some(p),
            _ => {
                product_missing = true;
                problems.push(CoreError::invalid(
                    field("product_id"),
                    "product_not_found",
                    format!("no product {pid:?}"),
                ));
                None
            }
        },
        None => None,
    };
    let description = match (line.description.trim(), &product) {
        ("", Some(p)) => Some(p.fields.name.clone()),
        // The missing product is the problem; its name would have been the description.
        ("", None) if product_missing => None,
        ("", None) => {
            problems.push(CoreError::invalid(
                field("description"),
                "description_empty",
                "a free-text item needs a description",
            ));
            None
        }
        (d, _) => records::keep(records::required_text(&field("description"), "description_empty", d), &mut problems),
    };
    let unit_price = match (line.unit_price, &product) {
        (Some(p), _) => Some(p),
        (None, Some(p)) => match (p.fields.default_price, p.fields.currency.as_deref()) {
            (Some(price), None) => Some(price),
            (Some(price), Some(c)) if c == currency => Some(price),
            (Some(_), Some(c)) => {
                problems.push(CoreError::invalid(
                    field("unit_price"),
                    "price_currency_mismatch",
                    format!("the product's price is in {c}, the order in {currency}; enter a price"),
                ));
                None
            }
            (None, _) => {
                problems.push(CoreError::invalid(
                    field("unit_price"),
                    "price_missing",
                    "the product has no default price",
                ));
                None
            }
        },
        (None, None) if product_missing => None,
        (None, None) => {
            problems.push(CoreError::invalid(field("unit_price"), "price_missing", "enter a unit price"));
            None
        }
    };
    if line.quantity <= Decimal::ZERO {
        problems.push(CoreError::invalid(field("quantity"), "quantity_not_positive", "quantity must be above zero"));
    }
    if unit_price.is_some_and(|p| p < Decimal::ZERO) {
        problems.push(CoreError::invalid(field("unit_price"), "price_negative", "a price cannot be negative"));
    }
    if line.discount_pct < Decimal::ZERO || line.discount_pct > Decimal::ONE_HUNDRED {
        problems.push(CoreError::invalid(field("discount_pct"), "pct_out_of_range", "discount must be 0–100%"));
    }
    CoreError::all_invalid(problems)?;
    let (Some(description), Some(unit_price)) = (description, unit_price) else {
        // all_invalid found no problem, so every check above passed.
        return Err(CoreError::Conflict("order line checks disagree".into()));
    };
    let total = line_total(line.quantity, unit_price, line.discount_pct, currency)
        .map_err(|_| CoreError::invalid(field("quantity"), "amount_too_large", "the line total is too large"))?;
    Ok(CheckedLine {
        id: line.id.clone(),
        product_id: product.map(|p| p.id),
        description,
        quantity: line.quantity,
        unit_price,
        discount_pct: line.discount_pct,
        total,
    })
}

/// Make the order's live lines equal `wanted` (in order): known ids are updated in place,
/// new lines inserted, missing ones moved to the Trash.
pub(super) fn save_lines(tx: &mut Tx<'_>, order_id: &str, wanted: &[CheckedLine]) -> Result<()> {
    let existing: Vec<String> = {
        let mut stmt =
            tx.conn().prepare_cached("SELECT id FROM order_lines WHERE order_id = ?1 AND deleted_at IS NULL")?;
        let rows = stmt.query_map([order_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut kept = Vec::new();
    for (position, l) in wanted.iter().enumerate() {
        let fields = [
            ("position", Value::Integer(position as i64)),
            ("product_id", records::text(&l.product_id)),
            ("description", Value::Text(l.description.clone())),
            ("quantity", records::decimal_value(Some(l.quantity))),
            ("unit_price", records::decimal_value(Some(l.unit_price))),
            ("discount_pct", records::decimal_value(Some(l.discount_pct))),
        ];
        match l.id.as_deref().filter(|id| existing.iter().any(|e| e == id)) {
            Some(id) => {
                tx.update(ORDER_LINES, id, &fields)?;
                kept.push(id.to_string());
            }
            None => {
                let mut all = vec![("order_id", Value::Text(order_id.to_string()))];
                all.extend(fields);
                tx.insert(ORDER_LINES, &crate::new_id(), &all)?;
            }
        }
    }
    for id in existing.iter().filter(|id| !kept.contains(id)) {
        let now = tx.now_text().to_string();
        tx.update(ORDER_LINES, id, &[("deleted_at", Value::Text(now))])?;
    }
    Ok(())
}

/// An order's live lines in order, with their totals.
pub(super) fn load_lines(conn: &Connection, order_id: &str, currency: &str) -> Result<Vec<OrderLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, product_id, description, quantity, unit_price, discount_pct FROM order_lines
         WHERE order_id = ?1 AND deleted_at IS NULL ORDER BY position, id",
    )?;
    let rows = stmt.query_map(params![order_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
            records::read_decimal(r.get(3)?).unwrap_or_default(),
            records::read_decimal(r.get(4)?).unwrap_or_default(),
            records::read_decimal(r.get(5)?).unwrap_or_default(),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, product_id, description, quantity, unit_price, discount_pct) = row?;
        let total = line_total(quantity, unit_price, discount_pct, currency)?;
        out.push(OrderLine { id, product_id, description, quantity, unit_price, discount_pct, total });
    }
    Ok(out)
}

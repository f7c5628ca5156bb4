//! Order reads and writes. An order and its lines are written in one transaction through the
//! stamped write path; the order's `total_minor` is derived from its lines in the same step,
//! and so is the customer's last contact (the revisit anchor; only purchases count).

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};
use rust_decimal::Decimal;

use super::lines::{self, CheckedLine};
use super::model::*;
use super::money::{self, normalize_currency};
use crate::customers::BatchError;
use crate::error::{CoreError, Result};
use crate::records::{self, RecordScope, MAX_RECORD_PAGE};
use crate::store::{Entity, Store, Tx};

pub const ORDERS: Entity = Entity {
    table: "orders",
    fields: &[
        "customer_id",
        "ordered_on",
        "status",
        "currency",
        "notes",
        "expected_return_pct",
        "stop_loss_pct",
        "deleted_at",
    ],
};

const COLUMNS: &str = "id, customer_id, ordered_on, status, currency, notes, expected_return_pct, stop_loss_pct,
                       created_at, updated_at, deleted_at";

impl Store {
    pub fn create_order(&mut self, input: OrderInput) -> Result<Order> {
        let id = self.create_orders(vec![input]).map_err(|e| e.error)?.remove(0);
        self.order(&id)
    }

    /// Create many orders in one transaction: all, or (on the first invalid one) none.
    pub fn create_orders(&mut self, inputs: Vec<OrderInput>) -> Result<Vec<String>, BatchError> {
        self.write_with(|tx| {
            let mut ids = Vec::with_capacity(inputs.len());
            let mut customers = std::collections::BTreeSet::new();
            for (i, input) in inputs.iter().enumerate() {
                let at = |e| BatchError { index: Some(i), error: e };
                let (fields, lines) = check(tx.conn(), input).map_err(at)?;
                let id = crate::new_id();
                tx.insert(ORDERS, &id, &fields).map_err(at)?;
                save(tx, &id, &fields, &lines).map_err(at)?;
                ids.push(id);
                if input.status.is_purchase() {
                    customers.insert(input.customer_id.as_str());
                }
            }
            // Only a purchase is a contact; once per customer, not per order.
            for c in customers {
                records::refresh_last_contact(tx, c).map_err(|error| BatchError { index: None, error })?;
            }
            Ok(ids)
        })
    }

    /// Replace an order's fields and lines. Lines with a known id keep it (and their history).
    pub fn update_order(&mut self, id: &str, input: OrderInput) -> Result<Order> {
        let before = self.order(id)?;
        if before.deleted_at.is_some() {
            return Err(CoreError::Conflict(format!("order {id} is in the Trash; restore it first")));
        }
        self.write(|tx| {
            let (fields, lines) = check(tx.conn(), &input)?;
            tx.update(ORDERS, id, &fields)?;
            save(tx, id, &fields, &lines)?;
            // The date or the status (draft → paid, paid → cancelled) may have changed what
            // counts as the last purchase, or the order moved to another customer.
            records::refresh_last_contact(tx, &before.customer_id)?;
            if input.customer_id != before.customer_id {
                records::refresh_last_contact(tx, &input.customer_id)?;
            }
            Ok(())
        })?;
        self.order(id)
    }

    /// Move to the Trash (its lines stay with it).
    pub fn delete_order(&mut self, id: &str) -> Result<()> {
        let o = self.order(id)?;
        if o.deleted_at.is_some() {
            return Ok(());
        }
        self.write(|tx| {
            let now = tx.now_text().to_string();
            tx.update(ORDERS, id, &[("deleted_at", Value::Text(now))])?;
            records::refresh_last_contact(tx, &o.customer_id)
        })
    }

    /// Bring back from the Trash; its customer must be live.
    pub fn restore_order(&mut self, id: &str) -> Result<Order> {
        let o = self.order(id)?;
        records::check_live_customer(self.conn(), &o.customer_id)?;
        self.write(|tx| {
            tx.update(ORDERS, id, &[("deleted_at", Value::Null)])?;
            records::refresh_last_contact(tx, &o.customer_id)
        })?;
        self.order(id)
    }

    /// One order with its lines, live or in the Trash.
    pub fn order(&self, id: &str) -> Result<Order> {
        let mut o = self
            .conn()
            .query_row(&format!("SELECT {COLUMNS} FROM orders WHERE id = ?1"), [id], read_order)
            .optional()?
            .ok_or_else(|| CoreError::not_found("order", id))?;
        fill_lines(self.conn(), &mut o)?;
        Ok(o)
    }

    /// A page of one customer's orders with their lines, newest first.
    pub fn list_orders(&self, customer_id: &str, scope: RecordScope, offset: u64, limit: u64) -> Result<OrderPage> {
        let filter = scope.filter();
        let total: i64 = self.conn().query_row(
            &format!("SELECT COUNT(*) FROM orders WHERE customer_id = ?1 AND {filter}"),
            [customer_id],
            |r| r.get(0),
        )?;
        let order = match scope {
            RecordScope::Live => "ordered_on DESC, created_at DESC, id DESC",
            RecordScope::Trash => "deleted_at DESC, id DESC",
        };
        let mut items: Vec<Order> = {
            let mut stmt = self.conn().prepare_cached(&format!(
                "SELECT {COLUMNS} FROM orders WHERE customer_id = ?1 AND {filter} ORDER BY {order} LIMIT ?2 OFFSET ?3"
            ))?;
            let rows =
                stmt.query_map(params![customer_id, limit.min(MAX_RECORD_PAGE) as i64, offset as i64], read_order)?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for o in &mut items {
            fill_lines(self.conn(), o)?;
        }
        Ok(OrderPage { total: total as u64, offset, items })
    }
}

type Checked = (Vec<(&'static str, Value)>, Vec<CheckedLine>);

/// Check an input and turn it into stored field values and lines. Every invalid field (of the
/// order and of each line) is reported in one error, so the form marks them all at once.
fn check(conn: &Connection, input: &OrderInput) -> Result<Checked> {
    records::check_live_customer(conn, &input.customer_id)?;
    let mut problems = Vec::new();
    records::keep(records::check_date("ordered_on", input.ordered_on), &mut problems);
    let currency = records::keep(normalize_currency("currency", &input.currency), &mut problems);
    records::keep(check_pct("expected_return_pct", input.expected_return_pct, -100, 1000), &mut problems);
    records::keep(check_pct("stop_loss_pct", input.stop_loss_pct, 0, 100), &mut problems);
    let notes = records::keep(records::optional_text("notes", &input.notes), &mut problems);
    if input.lines.is_empty() && input.status != OrderStatus::Draft {
        problems.push(CoreError::invalid(
            "lines",
            "lines_empty",
            "an order needs at least one item (a draft may have none)",
        ));
    }
    let mut lines = Vec::with_capacity(input.lines.len());
    for (i, line) in input.lines.iter().enumerate() {
        // A bad currency leaves no currency to price the lines in; their own checks still run.
        let priced_in = currency.as_deref().unwrap_or("");
        if let Some(l) = records::keep(lines::check_line(conn, i, line, priced_in), &mut problems) {
            lines.push(l);
        }
    }
    CoreError::all_invalid(problems)?;
    let (Some(currency), Some(notes)) = (currency, notes) else {
        // all_invalid found no problem, so every check above passed.
        return Err(CoreError::Conflict("order checks disagree".into()));
    };
    let fields = vec![
        ("customer_id", Value::Text(input.customer_id.clone())),
        ("ordered_on", records::date_value(Some(input.ordered_on))),
        ("status", Value::Text(input.status.as_str().to_string())),
        ("currency", Value::Text(currency)),
        ("notes", records::text(&notes)),
        ("expected_return_pct", records::decimal_value(input.expected_return_pct)),
        ("stop_loss_pct", records::decimal_value(input.stop_loss_pct)),
    ];
    Ok((fields, lines))
}

fn check_pct(field: &str, v: Option<Decimal>, min: i64, max: i64) -> Result<()> {
    match v {
        Some(p) if p < Decimal::from(min) || p > Decimal::from(max) => {
            Err(CoreError::invalid(field, "pct_out_of_range", format!("{field} must be between {min}% and {max}%")))
        }
        _ => Ok(()),
    }
}

/// Write the lines and the derived total (the sum of the rounded line totals, in minor units).
fn save(tx: &mut Tx<'_>, id: &str, fields: &[(&'static str, Value)], lines: &[CheckedLine]) -> Result<()> {
    let currency = match fields.iter().find(|(n, _)| *n == "currency") {
        Some((_, Value::Text(c))) => c.clone(),
        _ => unreachable!("check() always sets the currency"),
    };
    lines::save_lines(tx, id, lines)?;
    let total = money::sum(lines.iter().map(|l| l.total))?;
    let minor = money::to_minor(total, &currency)?;
    tx.conn().prepare_cached("UPDATE orders SET total_minor = ?1 WHERE id = ?2")?.execute(params![minor, id])?;
    Ok(())
}

fn fill_lines(conn: &Connection, o: &mut Order) -> Result<()> {
    o.lines = lines::load_lines(conn, &o.id, &o.currency)?;
    o.total = money::round_money(money::sum(o.lines.iter().map(|l| l.total))?, &o.currency);
    Ok(())
}

fn read_order(r: &Row<'_>) -> rusqlite::Result<Order> {
    Ok(Order {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        ordered_on: records::read_date(r.get(2)?).unwrap_or_default(),
        status: records::read_enum(r.get(3)?).unwrap_or(OrderStatus::Draft),
        currency: r.get(4)?,
        notes: r.get(5)?,
        expected_return_pct: records::read_decimal(r.get(6)?),
        stop_loss_pct: records::read_decimal(r.get(7)?),
        lines: vec![],
        total: Decimal::ZERO,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
        deleted_at: r.get(10)?,
    })
}

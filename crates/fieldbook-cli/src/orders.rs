//! `fieldbook orders …`: record and list a customer's purchases.

use std::str::FromStr;

use chrono::Local;
use clap::{Args, Subcommand, ValueEnum};
use fieldbook_core::orders::{Order, OrderInput, OrderLineInput, OrderStatus};
use fieldbook_core::{CoreError, Store};
use rust_decimal::Decimal;

use crate::interactions::parse_date;
use crate::output::Output;
use crate::record_list::RecordListArgs;

#[derive(Subcommand)]
pub enum OrdersCommand {
    /// Record an order and print it.
    Add(AddArgs),
    /// A customer's orders with their lines, newest first.
    List(RecordListArgs),
    /// Move an order to the Trash.
    Delete { id: String },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Draft,
    Confirmed,
    Paid,
    Shipped,
    Completed,
    Cancelled,
    Refunded,
}

impl From<StatusArg> for OrderStatus {
    fn from(s: StatusArg) -> Self {
        match s {
            StatusArg::Draft => OrderStatus::Draft,
            StatusArg::Confirmed => OrderStatus::Confirmed,
            StatusArg::Paid => OrderStatus::Paid,
            StatusArg::Shipped => OrderStatus::Shipped,
            StatusArg::Completed => OrderStatus::Completed,
            StatusArg::Cancelled => OrderStatus::Cancelled,
            StatusArg::Refunded => OrderStatus::Refunded,
        }
    }
}

#[derive(Args)]
pub struct AddArgs {
    #[arg(long)]
    customer: String,
    /// An item as "description:quantity:unit_price[:discount_percent]"; repeat for more items.
    #[arg(long = "item", required = true)]
    items: Vec<String>,
    /// ISO 4217 currency code.
    #[arg(long, default_value = "CNY")]
    currency: String,
    /// Order date, YYYY-MM-DD (default today).
    #[arg(long)]
    date: Option<String>,
    #[arg(long, value_enum, default_value = "completed")]
    status: StatusArg,
    #[arg(long)]
    notes: Option<String>,
    /// Financial products: expected return in percent.
    #[arg(long)]
    expected_return: Option<String>,
    /// Financial products: stop-loss threshold in percent.
    #[arg(long)]
    stop_loss: Option<String>,
}

pub fn run(cmd: OrdersCommand, store: &mut Store, out: &Output) -> anyhow::Result<()> {
    match cmd {
        OrdersCommand::Add(a) => {
            let lines = a.items.iter().enumerate().map(|(i, s)| parse_item(i, s)).collect::<anyhow::Result<_>>()?;
            let input = OrderInput {
                customer_id: a.customer,
                ordered_on: match &a.date {
                    Some(d) => parse_date("ordered_on", d)?,
                    None => Local::now().date_naive(),
                },
                status: a.status.into(),
                currency: a.currency,
                notes: a.notes,
                expected_return_pct: a
                    .expected_return
                    .as_deref()
                    .map(|p| decimal("expected_return_pct", p))
                    .transpose()?,
                stop_loss_pct: a.stop_loss.as_deref().map(|p| decimal("stop_loss_pct", p)).transpose()?,
                lines,
            };
            let o = store.create_order(input)?;
            out.emit(&o, || format!("{}\n{}", o.id, detail(&o)));
        }
        OrdersCommand::List(list) => {
            store.customer(&list.customer)?;
            let page = store.list_orders(&list.customer, list.scope(), list.offset, list.limit)?;
            out.emit(&page, || {
                let mut s = page.items.iter().map(detail).collect::<Vec<_>>().join("\n");
                s.push_str(&format!("\n({} of {} shown)", page.items.len(), page.total));
                s
            });
        }
        OrdersCommand::Delete { id } => {
            store.delete_order(&id)?;
            out.emit(&serde_json::json!({ "id": id, "deleted": true }), || format!("moved {id} to the Trash"));
        }
    }
    Ok(())
}

/// "desc:qty:price[:discount]". The description may itself contain colons: the numbers are
/// taken from the right.
fn parse_item(i: usize, s: &str) -> anyhow::Result<OrderLineInput> {
    let field = format!("lines[{i}]");
    let numbers = |parts: &[&str]| parts.iter().map(|p| Decimal::from_str(p.trim()).ok()).collect::<Option<Vec<_>>>();
    let parts: Vec<&str> = s.rsplitn(4, ':').collect();
    let (description, qty, price, discount) = match parts.as_slice() {
        [d, p, q, desc] if numbers(&[d, p, q]).is_some() => (*desc, *q, *p, Some(*d)),
        _ => match s.rsplitn(3, ':').collect::<Vec<_>>().as_slice() {
            [p, q, desc] => (*desc, *q, *p, None),
            _ => {
                return Err(CoreError::invalid(
                    field,
                    "item_format",
                    format!("{s:?} is not an item of the form description:quantity:unit_price[:discount]"),
                )
                .into())
            }
        },
    };
    Ok(OrderLineInput {
        id: None,
        product_id: None,
        description: description.to_string(),
        quantity: decimal(&format!("{field}.quantity"), qty)?,
        unit_price: Some(decimal(&format!("{field}.unit_price"), price)?),
        discount_pct: discount.map(|d| decimal(&format!("{field}.discount_pct"), d)).transpose()?.unwrap_or_default(),
    })
}

fn decimal(field: &str, s: &str) -> anyhow::Result<Decimal> {
    Decimal::from_str(s.trim()).map_err(|_| {
        CoreError::invalid(field.to_string(), "number_invalid", format!("{s:?} is not a number like 19.99")).into()
    })
}

fn detail(o: &Order) -> String {
    let mut lines = vec![format!("{}  {}  {:<9} {} {}", o.id, o.ordered_on, o.status.as_str(), o.currency, o.total)];
    for l in &o.lines {
        let discount = if l.discount_pct.is_zero() { String::new() } else { format!(" −{}%", l.discount_pct) };
        lines.push(format!("    {} × {} @ {}{} = {}", l.description, l.quantity, l.unit_price, discount, l.total));
    }
    lines.join("\n")
}

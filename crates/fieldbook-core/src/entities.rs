//! The registry of synced entities: every table written through the journaled write path,
//! and how each row belongs to a customer. One list serves purging a customer's records,
//! telling the UI which customers a change touched, and (later) applying changes from
//! another laptop, so a new table is registered once instead of named in each of them.

use crate::calendar::holidays::HOLIDAY_CALENDARS;
use crate::cleaning::MERGES;
use crate::complaints::COMPLAINTS;
use crate::customers::{ANNIVERSARIES, CONTACT_POINTS, CUSTOMERS};
use crate::interactions::INTERACTIONS;
use crate::orders::{ORDERS, ORDER_LINES, PRODUCTS};
use crate::reminders::{CUSTOM_REMINDERS, REMINDER_STATES, REVISIT_CADENCES};
use crate::segments::SEGMENTS;
use crate::settings::SETTINGS;
use crate::store::Entity;

/// How a row of an entity belongs to a customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The row is a customer.
    IsCustomer,
    /// The row's id is its customer's id (one row per customer, e.g. a revisit cadence).
    SameIdAsCustomer,
    /// The column names the customer (it may be empty for a row of no one, e.g. a custom
    /// reminder without a customer).
    Customer(&'static str),
    /// The column names a row of `parent`, which belongs to a customer (an order's lines).
    Parent { column: &'static str, parent: &'static str },
    /// A row of the book, not of one customer (products, segments, settings …).
    Book,
}

#[derive(Debug, Clone, Copy)]
pub struct Synced {
    pub entity: Entity,
    pub owner: Owner,
}

/// Every synced entity. Rows owned by a customer come after what they hang off, and a
/// child after its parent, so walking the list backwards removes children first.
pub const SYNCED: &[Synced] = &[
    Synced { entity: CUSTOMERS, owner: Owner::IsCustomer },
    Synced { entity: CONTACT_POINTS, owner: Owner::Customer("customer_id") },
    Synced { entity: ANNIVERSARIES, owner: Owner::Customer("customer_id") },
    Synced { entity: INTERACTIONS, owner: Owner::Customer("customer_id") },
    Synced { entity: ORDERS, owner: Owner::Customer("customer_id") },
    Synced { entity: ORDER_LINES, owner: Owner::Parent { column: "order_id", parent: "orders" } },
    Synced { entity: COMPLAINTS, owner: Owner::Customer("customer_id") },
    Synced { entity: CUSTOM_REMINDERS, owner: Owner::Customer("customer_id") },
    Synced { entity: REVISIT_CADENCES, owner: Owner::SameIdAsCustomer },
    Synced { entity: REMINDER_STATES, owner: Owner::Book },
    Synced { entity: PRODUCTS, owner: Owner::Book },
    Synced { entity: SEGMENTS, owner: Owner::Book },
    Synced { entity: SETTINGS, owner: Owner::Book },
    Synced { entity: MERGES, owner: Owner::Book },
    Synced { entity: HOLIDAY_CALENDARS, owner: Owner::Book },
];

/// The registered entity stored in `table`.
pub fn synced(table: &str) -> Option<&'static Synced> {
    SYNCED.iter().find(|s| s.entity.table == table)
}

/// SQL selecting the ids of the rows of `s` that belong to the customer bound as `?1`, or
/// None for an entity that is not a customer's.
pub fn owned_ids_sql(s: &Synced) -> Option<String> {
    let table = s.entity.table;
    match s.owner {
        Owner::IsCustomer | Owner::Book => None,
        Owner::SameIdAsCustomer => Some(format!("SELECT id FROM {table} WHERE id = ?1")),
        Owner::Customer(column) => Some(format!("SELECT id FROM {table} WHERE {column} = ?1")),
        Owner::Parent { column, parent } => {
            let parent_sql = owned_ids_sql(synced(parent)?)?;
            Some(format!("SELECT id FROM {table} WHERE {column} IN ({parent_sql})"))
        }
    }
}

/// SQL giving the customer id (or NULL) of the row of `s` whose id is bound as `?1`, or
/// None for an entity that is not a customer's.
pub fn customer_of_sql(s: &Synced) -> Option<String> {
    let table = s.entity.table;
    match s.owner {
        Owner::Book => None,
        Owner::IsCustomer | Owner::SameIdAsCustomer => Some("SELECT ?1".to_string()),
        Owner::Customer(column) => Some(format!("SELECT {column} FROM {table} WHERE id = ?1")),
        Owner::Parent { column, parent } => {
            let parent = synced(parent)?;
            let Owner::Customer(parent_column) = parent.owner else { return None };
            Some(format!(
                "SELECT p.{parent_column} FROM {table} c JOIN {} p ON p.id = c.{column} WHERE c.id = ?1",
                parent.entity.table
            ))
        }
    }
}

/// The customer a row of `entity` belongs to: None for a row of the book, a row already gone,
/// or one of no customer (an empty owner column).
pub(crate) fn customer_of(conn: &rusqlite::Connection, entity: &str, id: &str) -> crate::Result<Option<String>> {
    use rusqlite::OptionalExtension;
    let Some(sql) = synced(entity).and_then(customer_of_sql) else { return Ok(None) };
    let owner: Option<Option<String>> = conn.prepare_cached(&sql)?.query_row([id], |r| r.get(0)).optional()?;
    Ok(owner.flatten().filter(|s| !s.is_empty()))
}

/// Remove for good every row a purged customer owns (children before parents), each with a
/// `*purged` journal entry so the removal syncs.
pub(crate) fn purge_owned(tx: &mut crate::store::Tx<'_>, customer_id: &str) -> crate::Result<()> {
    for s in SYNCED.iter().rev() {
        let Some(sql) = owned_ids_sql(s) else { continue };
        let ids: Vec<String> = {
            let mut stmt = tx.conn().prepare_cached(&sql)?;
            let rows = stmt.query_map([customer_id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for id in ids {
            tx.purge(s.entity, &id)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transfer::dump::is_local_table;

    /// The write path's own tables: they record changes to the registered ones.
    const WRITE_PATH_TABLES: &[&str] = &["change_journal", "field_clocks"];

    #[test]
    fn every_table_of_the_schema_is_registered_or_local() {
        let store = crate::Store::open_in_memory(std::sync::Arc::new(crate::clock::SystemClock)).unwrap();
        let mut stmt = store
            .conn()
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap();
        let tables: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
        let unregistered: Vec<&String> = tables
            .iter()
            .filter(|t| !is_local_table(t) && !WRITE_PATH_TABLES.contains(&t.as_str()) && synced(t).is_none())
            .collect();
        assert!(unregistered.is_empty(), "synced tables missing from entities::SYNCED: {unregistered:?}");
    }

    #[test]
    fn a_parent_comes_before_its_children_so_purging_backwards_removes_children_first() {
        for (i, s) in SYNCED.iter().enumerate() {
            if let Owner::Parent { parent, .. } = s.owner {
                let p = SYNCED.iter().position(|x| x.entity.table == parent).expect("parent registered");
                assert!(p < i, "{} must come after its parent {parent}", s.entity.table);
            }
        }
    }

    #[test]
    fn every_owner_column_is_a_synced_field_of_its_entity() {
        for s in SYNCED {
            let column = match s.owner {
                Owner::Customer(c) | Owner::Parent { column: c, .. } => c,
                _ => continue,
            };
            assert!(s.entity.fields.contains(&column), "{}.{column} is not a synced field", s.entity.table);
        }
    }
}

//! The product catalog: create, edit, Trash and restore, list by name.

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};
use rust_decimal::Decimal;

use super::model::{Product, ProductInput};
use super::money::normalize_currency;
use crate::error::{CoreError, Result};
use crate::records::{self, RecordScope, MAX_RECORD_PAGE};
use crate::store::{Entity, Store};

pub const PRODUCTS: Entity =
    Entity { table: "products", fields: &["name", "sku", "default_price", "currency", "category", "deleted_at"] };

const COLUMNS: &str = "id, name, sku, default_price, currency, category, created_at, updated_at, deleted_at";

impl Store {
    pub fn create_product(&mut self, input: ProductInput) -> Result<Product> {
        let fields = field_values(&input)?;
        let id = crate::new_id();
        self.write(|tx| tx.insert(PRODUCTS, &id, &fields))?;
        self.product(&id)
    }

    pub fn update_product(&mut self, id: &str, input: ProductInput) -> Result<Product> {
        self.product(id)?;
        let fields = field_values(&input)?;
        self.write(|tx| tx.update(PRODUCTS, id, &fields).map(drop))?;
        self.product(id)
    }

    /// Move to the Trash. Order lines that name it keep their description and price.
    pub fn delete_product(&mut self, id: &str) -> Result<()> {
        if self.product(id)?.deleted_at.is_some() {
            return Ok(());
        }
        self.write(|tx| {
            let now = tx.now_text().to_string();
            tx.update(PRODUCTS, id, &[("deleted_at", Value::Text(now))]).map(drop)
        })
    }

    pub fn restore_product(&mut self, id: &str) -> Result<Product> {
        self.product(id)?;
        self.write(|tx| tx.update(PRODUCTS, id, &[("deleted_at", Value::Null)]).map(drop))?;
        self.product(id)
    }

    pub fn product(&self, id: &str) -> Result<Product> {
        load(self.conn(), id)?.ok_or_else(|| CoreError::not_found("product", id))
    }

    /// Products by name (at most 500).
    pub fn list_products(&self, scope: RecordScope) -> Result<Vec<Product>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM products WHERE {} ORDER BY name, id LIMIT ?1",
            scope.filter()
        ))?;
        let rows = stmt.query_map(params![MAX_RECORD_PAGE as i64], read_product)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

pub(super) fn load(conn: &Connection, id: &str) -> Result<Option<Product>> {
    Ok(conn.query_row(&format!("SELECT {COLUMNS} FROM products WHERE id = ?1"), [id], read_product).optional()?)
}

fn field_values(input: &ProductInput) -> Result<Vec<(&'static str, Value)>> {
    let name = records::required_text("name", "name_empty", &input.name)?;
    if input.default_price.is_some_and(|p| p < Decimal::ZERO) {
        return Err(CoreError::invalid("default_price", "price_negative", "a price cannot be negative"));
    }
    let currency = input.currency.as_deref().map(|c| normalize_currency("currency", c)).transpose()?;
    Ok(vec![
        ("name", Value::Text(name)),
        ("sku", records::text(&records::optional_text("sku", &input.sku)?)),
        ("default_price", records::decimal_value(input.default_price)),
        ("currency", records::text(&currency)),
        ("category", records::text(&records::optional_text("category", &input.category)?)),
    ])
}

fn read_product(r: &Row<'_>) -> rusqlite::Result<Product> {
    Ok(Product {
        id: r.get(0)?,
        fields: ProductInput {
            name: r.get(1)?,
            sku: r.get(2)?,
            default_price: records::read_decimal(r.get(3)?),
            currency: r.get(4)?,
            category: r.get(5)?,
        },
        created_at: r.get(6)?,
        updated_at: r.get(7)?,
        deleted_at: r.get(8)?,
    })
}

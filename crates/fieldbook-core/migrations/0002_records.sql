-- The customer's whole story: interactions, products, orders with line items, complaints,
-- and the customer's risk preference. Never edit once shipped: add a new migration instead.
--
-- Same rules as 0001: synced tables have UUIDv7 text ids, created_at/updated_at/deleted_at,
-- and no UNIQUE or FOREIGN KEY constraints. Money is TEXT holding a rust_decimal value, never REAL.

-- Financial-product customers: conservative | moderate | balanced | growth | aggressive.
ALTER TABLE customers ADD COLUMN risk_preference TEXT;

CREATE TABLE interactions (
  id            TEXT PRIMARY KEY NOT NULL,
  customer_id   TEXT NOT NULL,
  kind          TEXT NOT NULL,                  -- visit | call | message | wechat | sms | email | meeting | gift | other
  occurred_at   TEXT NOT NULL,                  -- RFC 3339 UTC with milliseconds (sorts as text)
  summary       TEXT NOT NULL,
  outcome       TEXT,
  next_step     TEXT,
  follow_up_on  TEXT,                           -- YYYY-MM-DD, NULL if none
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  deleted_at    TEXT
);
CREATE INDEX interactions_customer ON interactions (customer_id, occurred_at, id);
CREATE INDEX interactions_follow_up ON interactions (follow_up_on) WHERE follow_up_on IS NOT NULL;

CREATE TABLE products (
  id             TEXT PRIMARY KEY NOT NULL,
  name           TEXT NOT NULL,
  sku            TEXT,
  default_price  TEXT,                          -- decimal
  currency       TEXT,                          -- ISO 4217
  category       TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  deleted_at     TEXT
);
CREATE INDEX products_name ON products (deleted_at, name);

CREATE TABLE orders (
  id                   TEXT PRIMARY KEY NOT NULL,
  customer_id          TEXT NOT NULL,
  ordered_on           TEXT NOT NULL,           -- YYYY-MM-DD
  status               TEXT NOT NULL,           -- draft | confirmed | paid | shipped | completed | cancelled | refunded
  currency             TEXT NOT NULL,           -- ISO 4217, upper case
  notes                TEXT,
  expected_return_pct  TEXT,                    -- decimal percent, e.g. "6.5"
  stop_loss_pct        TEXT,                    -- decimal percent
  -- Derived (not synced): the order total in the currency's minor units, recomputed from the
  -- live lines on every write, so reports can SUM exactly in SQL. A sync applier recomputes it.
  total_minor          INTEGER NOT NULL DEFAULT 0,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  deleted_at           TEXT
);
CREATE INDEX orders_customer ON orders (customer_id, ordered_on, id);
CREATE INDEX orders_date ON orders (ordered_on);

CREATE TABLE order_lines (
  id            TEXT PRIMARY KEY NOT NULL,
  order_id      TEXT NOT NULL,
  position      INTEGER NOT NULL DEFAULT 0,
  product_id    TEXT,                           -- NULL for a free-text item
  description   TEXT NOT NULL,
  quantity      TEXT NOT NULL,                  -- decimal
  unit_price    TEXT NOT NULL,                  -- decimal
  discount_pct  TEXT NOT NULL DEFAULT '0',      -- decimal percent 0..100
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  deleted_at    TEXT
);
CREATE INDEX order_lines_order ON order_lines (order_id, position);

CREATE TABLE complaints (
  id               TEXT PRIMARY KEY NOT NULL,
  customer_id      TEXT NOT NULL,
  opened_on        TEXT NOT NULL,               -- YYYY-MM-DD
  subject          TEXT NOT NULL,
  details          TEXT,
  status           TEXT NOT NULL,               -- open | in_progress | resolved
  resolution       TEXT,
  satisfaction     INTEGER,                     -- 1..5 from the return visit, NULL if not asked
  return_visit_on  TEXT,                        -- YYYY-MM-DD
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  deleted_at       TEXT
);
CREATE INDEX complaints_customer ON complaints (customer_id, opened_on, id);
CREATE INDEX complaints_status ON complaints (status) WHERE deleted_at IS NULL;

-- Fieldbook foundation schema. Never edit once shipped: add a new migration instead.
--
-- Synced tables: UUIDv7 text ids, created_at/updated_at/deleted_at (RFC 3339 UTC), and no
-- UNIQUE or FOREIGN KEY constraints a merge from another laptop could violate.
-- Local tables (device, field clocks, journal, search index) never leave this machine.

CREATE TABLE device (
  id          TEXT NOT NULL,          -- this database's device id (one row, created once)
  created_at  TEXT NOT NULL
);

CREATE TABLE customers (
  id            TEXT PRIMARY KEY NOT NULL,
  kind          TEXT NOT NULL DEFAULT 'person',   -- person | organization
  name          TEXT NOT NULL,
  gender        TEXT,                             -- male | female | other
  title         TEXT,                             -- title / occupation
  company_id    TEXT,                             -- a person's organization (customers.id)
  source        TEXT,
  owner         TEXT,
  tier          TEXT,                             -- A | B | C | VIP
  customer_type TEXT,                             -- potential | existing | repeat | loyal | negative | lost | partner
  region        TEXT,
  interests     TEXT,
  tags          TEXT NOT NULL DEFAULT '[]',       -- JSON array of strings, sorted
  notes         TEXT,
  birthday      TEXT,                             -- JSON DateSpec (gregorian or lunar), NULL if unknown
  sort_key      TEXT NOT NULL DEFAULT '',         -- derived: pinyin/latin ordering key (not synced)
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  deleted_at    TEXT
);
CREATE INDEX customers_live_sort ON customers (deleted_at, sort_key, id);
CREATE INDEX customers_company ON customers (company_id);

-- Phones, emails and addresses, each with a label ("mobile", "work", "家庭" …).
CREATE TABLE contact_points (
  id           TEXT PRIMARY KEY NOT NULL,
  customer_id  TEXT NOT NULL,
  kind         TEXT NOT NULL,                     -- phone | email | address
  label        TEXT NOT NULL DEFAULT '',
  value        TEXT NOT NULL,
  position     INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  deleted_at   TEXT
);
CREATE INDEX contact_points_customer ON contact_points (customer_id, kind, position);

CREATE TABLE anniversaries (
  id           TEXT PRIMARY KEY NOT NULL,
  customer_id  TEXT NOT NULL,
  label        TEXT NOT NULL,
  date         TEXT NOT NULL,                     -- JSON DateSpec
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  deleted_at   TEXT
);
CREATE INDEX anniversaries_customer ON anniversaries (customer_id);

CREATE TABLE settings (
  id           TEXT PRIMARY KEY NOT NULL,         -- the setting's key, e.g. "ui.locale"
  value        TEXT NOT NULL,                     -- JSON
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  deleted_at   TEXT
);

-- Per-field hybrid logical clocks: the newest stamp of every field of every synced row.
CREATE TABLE field_clocks (
  entity   TEXT NOT NULL,
  row_id   TEXT NOT NULL,
  field    TEXT NOT NULL,
  hlc      TEXT NOT NULL,                         -- sortable Hlc encoding
  PRIMARY KEY (entity, row_id, field)
) WITHOUT ROWID;

-- Every field change, in local order: feeds sync, per-record history and change events.
CREATE TABLE change_journal (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  hlc        TEXT NOT NULL,
  entity     TEXT NOT NULL,
  row_id     TEXT NOT NULL,
  field      TEXT NOT NULL,
  old_value  TEXT,                                -- JSON
  new_value  TEXT,                                -- JSON
  origin     TEXT NOT NULL                        -- device id that made the change
);
CREATE INDEX change_journal_row ON change_journal (entity, row_id, seq);

-- Search index (local, derived from customers on every write).
-- search_docs maps a customer to a stable integer id used by the FTS table.
CREATE TABLE search_docs (
  doc_id       INTEGER PRIMARY KEY,
  customer_id  TEXT NOT NULL UNIQUE
);
-- Prefix keys: name, pinyin spellings and initials, email, company, tags, phone digits.
-- weight orders fields (0 = name, higher = less important) for ranking.
CREATE TABLE search_keys (
  key          TEXT NOT NULL,
  doc_id       INTEGER NOT NULL,
  weight       INTEGER NOT NULL,
  PRIMARY KEY (key, doc_id)
) WITHOUT ROWID;
CREATE INDEX search_keys_doc ON search_keys (doc_id);
-- One- and two-character substrings of CJK text, which the trigram index cannot find.
CREATE TABLE search_grams (
  gram         TEXT NOT NULL,
  doc_id       INTEGER NOT NULL,
  PRIMARY KEY (gram, doc_id)
) WITHOUT ROWID;
CREATE INDEX search_grams_doc ON search_grams (doc_id);
-- Substrings of three or more characters anywhere in the searchable text.
CREATE VIRTUAL TABLE search_fts USING fts5(body, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1');

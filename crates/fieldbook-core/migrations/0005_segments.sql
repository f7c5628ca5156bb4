-- Saved segments (客户分群) and the indexes the segment filter and handover lean on.
-- Depends on 0001 (customers), 0003 and 0004 (derived customer columns). Never edit once shipped.

-- A named, saved customer filter (synced). filter is the JSON of segments::SegmentFilter.
-- Names are unique among live segments, but that is the app's rule, not a constraint:
-- two laptops may each create "VIP 上海" and a merge must not fail.
CREATE TABLE segments (
  id          TEXT PRIMARY KEY NOT NULL,
  name        TEXT NOT NULL,
  filter      TEXT NOT NULL,                    -- JSON SegmentFilter
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  deleted_at  TEXT
);
CREATE INDEX segments_live_name ON segments (deleted_at, name);

-- Handover and the owner condition look customers up by owner.
CREATE INDEX customers_owner ON customers (owner) WHERE deleted_at IS NULL;
-- "No contact for N days" and the lifecycle stages are ranges over the last contact.
CREATE INDEX customers_last_contact ON customers (last_contact_at) WHERE deleted_at IS NULL;

-- Customer merges from the duplicate finder (数据清洗), kept so a merge can be undone.
-- Depends only on 0001. Never edit once shipped.
--
-- A synced table like the others (UUIDv7 id, created_at/updated_at/deleted_at, no UNIQUE or
-- FOREIGN KEY constraints). `merged_ids` and `moves` are JSON; `survivor_before` and
-- `survivor_after` are JSON objects of the survivor's fields the merge changed (old and new
-- values), so an undo puts back only what the merge set and leaves later edits alone.
CREATE TABLE merges (
  id               TEXT PRIMARY KEY NOT NULL,
  survivor_id      TEXT NOT NULL,                -- the customer that was kept
  merged_ids       TEXT NOT NULL,                -- JSON array: customers merged away (to the Trash)
  moves            TEXT NOT NULL,                -- JSON array of {entity, row_id, field, from}: rows re-pointed
  survivor_before  TEXT NOT NULL,                -- JSON object: survivor fields before the merge
  survivor_after   TEXT NOT NULL,                -- JSON object: the same fields as the merge left them
  undone_at        TEXT,                         -- RFC 3339 UTC: when the merge was undone
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  deleted_at       TEXT
);
CREATE INDEX merges_survivor ON merges (survivor_id);

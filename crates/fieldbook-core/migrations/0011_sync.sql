-- Sync bookkeeping. All local to this laptop: never dumped, never synced.

-- sent_through_seq (journal), next_segment_seq, last_segment (name), place.
CREATE TABLE sync_state (
  key    TEXT PRIMARY KEY NOT NULL,
  value  TEXT NOT NULL
);

-- Segments applied here, by content hash: a copy of one (a Syncthing conflict copy) is
-- recognized and skipped.
CREATE TABLE sync_applied (
  hash        TEXT PRIMARY KEY NOT NULL,
  device      TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  applied_at  TEXT NOT NULL
);

-- Changes that cannot be applied yet: to a row whose insert has not arrived, or to a table
-- or column this version does not know. Replayed after every sync (and after an upgrade).
CREATE TABLE sync_parked (
  id      INTEGER PRIMARY KEY,
  entity  TEXT NOT NULL,
  row_id  TEXT NOT NULL,
  field   TEXT NOT NULL,
  value   TEXT,
  old     TEXT,
  hlc     TEXT NOT NULL,
  reason  TEXT NOT NULL              -- missing_row | unknown_entity | unknown_field
);
CREATE INDEX sync_parked_row ON sync_parked (entity, row_id);

-- Rows removed for good (from a Trash) anywhere: a late change to one never brings it back.
CREATE TABLE sync_purged (
  entity  TEXT NOT NULL,
  row_id  TEXT NOT NULL,
  hlc     TEXT NOT NULL,
  PRIMARY KEY (entity, row_id)
);

-- The losing value of every concurrent edit of one field: nothing typed is silently lost.
CREATE TABLE sync_conflicts (
  id            TEXT PRIMARY KEY NOT NULL,
  entity        TEXT NOT NULL,
  row_id        TEXT NOT NULL,
  field         TEXT NOT NULL,
  customer_id   TEXT,
  value         TEXT,               -- JSON of the losing value
  hlc           TEXT NOT NULL,      -- its clock (device and time of the edit)
  winner_value  TEXT,
  winner_hlc    TEXT NOT NULL,
  detected_at   TEXT NOT NULL,
  restored_at   TEXT
);
CREATE INDEX sync_conflicts_customer ON sync_conflicts (customer_id, detected_at);

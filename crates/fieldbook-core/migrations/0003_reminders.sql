-- Reminders: birthday lookup keys, reminder state, custom reminders, revisit overrides,
-- imported holiday data, and the local record of fired notifications.
-- Depends only on 0001 (customers, anniversaries). Never edit once shipped.

-- The year-less day a birthday falls on, as a key the agenda looks up by index instead of
-- converting every customer's date: 'g0229' (Gregorian Feb 29), 'l0815' (lunar 八月十五),
-- 'lL0415' (lunar 闰四月十五). Computed by SQLite from the synced `birthday` JSON, so it can
-- never be stale, whichever path wrote the row. Must match reminders::rules::spec_key.
ALTER TABLE customers ADD COLUMN birthday_key TEXT GENERATED ALWAYS AS (
  CASE WHEN json_valid(birthday) THEN
    CASE json_extract(birthday, '$.calendar')
      WHEN 'gregorian' THEN printf('g%02d%02d', json_extract(birthday, '$.month'), json_extract(birthday, '$.day'))
      WHEN 'lunar' THEN printf('l%s%02d%02d', CASE WHEN json_extract(birthday, '$.leap') THEN 'L' ELSE '' END,
                               json_extract(birthday, '$.month'), json_extract(birthday, '$.day'))
    END
  END
) VIRTUAL;
CREATE INDEX customers_birthday_key ON customers (birthday_key) WHERE deleted_at IS NULL;

-- Revisit cadence: customers of a tier are due `interval` days after their last contact
-- (for now: creation). The index makes "due between two dates" a range scan per tier.
CREATE INDEX customers_tier_created ON customers (tier, created_at) WHERE deleted_at IS NULL;

ALTER TABLE anniversaries ADD COLUMN date_key TEXT GENERATED ALWAYS AS (
  CASE WHEN json_valid(date) THEN
    CASE json_extract(date, '$.calendar')
      WHEN 'gregorian' THEN printf('g%02d%02d', json_extract(date, '$.month'), json_extract(date, '$.day'))
      WHEN 'lunar' THEN printf('l%s%02d%02d', CASE WHEN json_extract(date, '$.leap') THEN 'L' ELSE '' END,
                               json_extract(date, '$.month'), json_extract(date, '$.day'))
    END
  END
) VIRTUAL;
CREATE INDEX anniversaries_date_key ON anniversaries (date_key) WHERE deleted_at IS NULL;

-- What the user did about one occurrence (synced, so "done" on one laptop is done on all).
-- id is the occurrence key, e.g. 'birthday:<customer id>:2026-03-14': stable across
-- laptops, and a new year's birthday has a new key, so it comes back.
CREATE TABLE reminder_states (
  id             TEXT PRIMARY KEY NOT NULL,
  status         TEXT NOT NULL,                 -- done | snoozed | dismissed
  snoozed_until  TEXT,                          -- RFC 3339 UTC, for snoozed
  acted_at       TEXT NOT NULL,                 -- RFC 3339 UTC: when the user acted
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  deleted_at     TEXT
);

-- A customer's own reminders: one-off or repeating.
CREATE TABLE custom_reminders (
  id           TEXT PRIMARY KEY NOT NULL,
  customer_id  TEXT,                            -- NULL: a general reminder
  title        TEXT NOT NULL,
  start_date   TEXT NOT NULL,                   -- YYYY-MM-DD: the first (or only) occurrence
  repeat       TEXT NOT NULL DEFAULT 'none',    -- none | daily | weekly | monthly | yearly
  until_date   TEXT,                            -- YYYY-MM-DD: last possible occurrence
  notes        TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  deleted_at   TEXT
);
CREATE INDEX custom_reminders_customer ON custom_reminders (customer_id);

-- A customer's own revisit interval, overriding the tier's (id = the customer id).
CREATE TABLE revisit_cadences (
  id             TEXT PRIMARY KEY NOT NULL,
  interval_days  INTEGER,                       -- NULL: back to the tier's interval
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  deleted_at     TEXT
);

-- Statutory-holiday years imported by the user (same JSON schema as the bundled files),
-- synced so one import serves the team. id is '<country>-<year>', e.g. 'CN-2027'.
CREATE TABLE holiday_calendars (
  id          TEXT PRIMARY KEY NOT NULL,
  country     TEXT NOT NULL,
  year        INTEGER NOT NULL,
  data        TEXT NOT NULL,                    -- the validated JSON file
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  deleted_at  TEXT
);

-- Local: which notifications this laptop has shown, so each fires once (also across
-- restarts and catch-up). fire_at distinguishes a snoozed occurrence firing again.
CREATE TABLE fired_notifications (
  key       TEXT NOT NULL,
  fire_at   TEXT NOT NULL,                      -- RFC 3339 UTC: when it was due
  fired_at  TEXT NOT NULL,                      -- RFC 3339 UTC: when it was shown
  PRIMARY KEY (key, fire_at)
) WITHOUT ROWID;

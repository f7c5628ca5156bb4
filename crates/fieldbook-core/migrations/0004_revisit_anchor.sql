-- Revisit anchor: a customer's revisit is due an interval after the LATER of their creation and
-- their last contact (last live interaction, or last live order that is a purchase).
-- Depends on 0002 (interactions, orders) and 0003 (the revisit index it replaces).
-- Never edit once shipped.

-- Derived (local, not synced, like sort_key): the last contact as RFC 3339 UTC with
-- milliseconds, the format of created_at and interactions.occurred_at, so max() and text
-- ranges compare correctly. An order's YYYY-MM-DD counts as midnight UTC of that day.
-- NULL: never contacted. Recomputed in the writing transaction by
-- records::refresh_last_contact on every interaction or order write; a sync applier must
-- do the same.
ALTER TABLE customers ADD COLUMN last_contact_at TEXT;

-- What the revisit counts from: a contact before creation (imported history) still counts
-- from creation. Computed by SQLite, so it cannot disagree with its inputs.
ALTER TABLE customers ADD COLUMN revisit_anchor TEXT GENERATED ALWAYS AS (
  max(created_at, coalesce(last_contact_at, ''))
) VIRTUAL;

-- "Due between two dates" stays a range scan per tier, now on the anchor.
DROP INDEX customers_tier_created;
CREATE INDEX customers_tier_revisit ON customers (tier, revisit_anchor) WHERE deleted_at IS NULL;

-- Backfill from the history already logged. Must match records::LAST_CONTACT_SQL.
UPDATE customers SET last_contact_at = (
  SELECT max(t) FROM (
    SELECT max(i.occurred_at) AS t FROM interactions i
     WHERE i.customer_id = customers.id AND i.deleted_at IS NULL
    UNION ALL
    SELECT max(o.ordered_on) || 'T00:00:00.000Z' FROM orders o
     WHERE o.customer_id = customers.id AND o.deleted_at IS NULL
       AND o.status IN ('confirmed', 'paid', 'shipped', 'completed')
  )
);

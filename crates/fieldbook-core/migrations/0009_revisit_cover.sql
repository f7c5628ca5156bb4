-- Revisits due in a window read the customer's id, name and the anchor's inputs straight from
-- the index (a covering index), so a window in which tens of thousands of customers fall due
-- no longer pays one table lookup per customer. SQLite never treats an index on a VIRTUAL
-- generated column as covering, so this one is on the anchor's expression itself, which the
-- revisit queries repeat verbatim (reminders::revisit::ANCHOR_SQL); the generated column
-- `revisit_anchor` from 0004 stays as the readable definition.
-- Depends on 0004. Never edit once shipped.
CREATE INDEX customers_tier_revisit_cover ON customers (
  tier, max(created_at, coalesce(last_contact_at, '')), id, name, created_at, last_contact_at, deleted_at
) WHERE deleted_at IS NULL;
DROP INDEX customers_tier_revisit;

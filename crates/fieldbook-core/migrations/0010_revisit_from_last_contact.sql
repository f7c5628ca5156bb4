-- Revisit anchor, corrected: a customer's revisit counts from their LAST LOGGED CONTACT when
-- there is one, and from their creation only when there is none (`last_contact::ANCHOR_SQL`).
-- 0004 counted from the later of the two, so a customer entered today with history logged at
-- its real, earlier dates (a paper or Excel book moved in, an import with history) looked
-- freshly contacted: 350 lost customers and an overdue count of 0 (issue 13).
-- Depends on 0004 (last_contact_at, revisit_anchor) and 0009 (the index it replaces).
-- Never edit once shipped.

-- The readable definition, redefined. SQLite cannot alter a generated column, but it can
-- drop a VIRTUAL one that nothing indexes (0009 dropped the index on it) and add it back.
ALTER TABLE customers DROP COLUMN revisit_anchor;
ALTER TABLE customers ADD COLUMN revisit_anchor TEXT GENERATED ALWAYS AS (
  coalesce(last_contact_at, created_at)
) VIRTUAL;

-- As in 0009: a covering index on the anchor EXPRESSION (SQLite never treats an index on a
-- VIRTUAL column as covering), which the revisit queries repeat verbatim, per tier. Revisits
-- due in a window, the overdue count and the most overdue customers are index range scans
-- that never read the table.
CREATE INDEX customers_tier_contact_cover ON customers (
  tier, coalesce(last_contact_at, created_at), id, name, created_at, last_contact_at, deleted_at
) WHERE deleted_at IS NULL;
DROP INDEX customers_tier_revisit_cover;

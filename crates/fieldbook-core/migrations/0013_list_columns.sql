-- The customer list's "next follow-up" column, and sorting the list by it or by last contact
-- (issue 14: "a list that says whom to call"). Depends on 0002 (interactions), 0003
-- (reminder_states) and 0004 (last_contact_at). Never edit once shipped.

-- Derived (local, not synced, like last_contact_at): the earliest follow-up date (YYYY-MM-DD)
-- among the customer's live interactions whose follow-up was not marked done or dismissed.
-- NULL: nothing to follow up. Recomputed in the writing transaction by
-- records::refresh_next_follow_up on every interaction write and every follow-up's reminder
-- state change; a sync applier must do the same. Must match records::NEXT_FOLLOW_UP_SQL.
ALTER TABLE customers ADD COLUMN next_follow_up_on TEXT;

UPDATE customers SET next_follow_up_on = (
  SELECT min(i.follow_up_on) FROM interactions i
   WHERE i.customer_id = customers.id AND i.deleted_at IS NULL AND i.follow_up_on IS NOT NULL
     AND NOT EXISTS (
       SELECT 1 FROM reminder_states s
        WHERE s.id = 'follow_up:' || i.id || ':' || i.follow_up_on
          AND s.deleted_at IS NULL AND s.status IN ('done', 'dismissed')
     )
);

-- Sorting the live list by either column pages through the customers that have a value by
-- an index range (ties by name), then through the rest by name (customers_live_sort).
CREATE INDEX customers_live_by_last_contact ON customers (last_contact_at, sort_key, id)
  WHERE deleted_at IS NULL AND last_contact_at IS NOT NULL;
CREATE INDEX customers_live_by_follow_up ON customers (next_follow_up_on, sort_key, id)
  WHERE deleted_at IS NULL AND next_follow_up_on IS NOT NULL;

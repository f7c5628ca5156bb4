-- One per-row index on the change journal instead of two (issue 10: applying 10,000 synced
-- edits within a second). Depends on 0001 and 0006 (change_journal and its indexes). Never
-- edit once shipped.

-- change_journal_row (entity, row_id, seq) and change_journal_row_hlc (entity, row_id, hlc)
-- both find a row's entries; every journaled change wrote both, scattered over the whole
-- index: at 100k customers a sync of 10,000 edits dirtied ~4,000 pages of each. The row's
-- entries are few, so a lookup that wants them in journal order (the applier's "what did our
-- last edit of this field overwrite") sorts them after the (entity, row_id) range of the one
-- kept; the timeline reads it by clock as before.
DROP INDEX change_journal_row;

-- The trigram index's merge rule for removed text (issue 10: applying 10,000 synced notes edits
-- within a second). Depends on 0001 (search_fts). Never edit once shipped.

-- search_fts is contentless_delete: replacing a customer's text leaves a tombstone in the
-- segment that held the old text, and FTS5 (by its default 'deletemerge' of 10%) rewrites a
-- whole level of the index once a tenth of its entries are tombstones, each removal counting
-- as a page of merge work. 10,000 notes edits in a 100k-customer book are a tenth of it: the
-- sync that applied them spent ~20% of its time rewriting the index. With 0, levels merge as
-- in an ordinary FTS5 table (when enough segments gather), and a merge drops the removed
-- entries; until then a search reads and skips them.
INSERT INTO search_fts (search_fts, rank) VALUES ('deletemerge', 0);

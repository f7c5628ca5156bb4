-- A customer's free text (title, notes) in a trigram table of its own (issue 10: applying
-- 10,000 synced notes edits within a second). Depends on 0001 and 0014 (search_fts). Never
-- edit once shipped.

-- Until now search_fts held one text per customer: name, pinyin, company, title, phones,
-- emails, tags and notes. The table is contentless, so replacing a customer's notes meant
-- reading the whole customer back (its phones and emails too) and rewriting every one of
-- those trigrams. Now search_fts holds everything but the free text, search_text_fts the
-- title and notes, under the same rowid (search_docs.doc_id); a search matches either.
-- Both are rebuilt from the customers by the migration's hook (refill_trigram_tables).
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(body, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1');
INSERT INTO search_fts (search_fts, rank) VALUES ('deletemerge', 0);
CREATE VIRTUAL TABLE search_text_fts USING fts5(body, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1');
INSERT INTO search_text_fts (search_text_fts, rank) VALUES ('deletemerge', 0);

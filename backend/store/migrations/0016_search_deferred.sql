-- Deferred search indexing, version 16. The search index (accounts_fts)
-- was kept by triggers, row by row, and FTS5 writes what it holds to disk
-- at every statement of a transaction once it holds something: a sync
-- commit creating accounts page after page wrote one small index segment
-- per page and then merged them (~7% of a first Stripe sync's writer in a
-- CPU profile). A write that creates many accounts now marks the transaction
-- (a row in search_deferred: accounts with a greater id wait), and the
-- store indexes those accounts in one statement before the transaction
-- commits (Tx.deferSearch, Tx.flushSearch). The row never outlives its
-- transaction, so outside one every account is indexed as before.
CREATE TABLE search_deferred (
  after_id INTEGER NOT NULL -- accounts with a greater id are indexed at commit
);
DROP TRIGGER accounts_fts_ai;
DROP TRIGGER accounts_fts_ad;
DROP TRIGGER accounts_fts_au;
CREATE TRIGGER accounts_fts_ai AFTER INSERT ON accounts
WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE new.id > after_id) BEGIN
  INSERT INTO accounts_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER accounts_fts_ad AFTER DELETE ON accounts
WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE old.id > after_id) BEGIN
  INSERT INTO accounts_fts(accounts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER accounts_fts_au AFTER UPDATE OF search_text ON accounts
WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE old.id > after_id) BEGIN
  INSERT INTO accounts_fts(accounts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO accounts_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;

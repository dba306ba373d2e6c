-- rebuilds tables: foreign keys off
-- Current scores keyed by account, version 15. health_current's key was its
-- INTEGER PRIMARY KEY (the rowid), and an insert of many rows that names a
-- rowid makes SQLite keep a statement journal (the rowid must be checked to
-- be an integer, and that check can stop the statement half way): every
-- page of health_current and its score index that the insert touched and
-- that was in the file before it was copied to the journal first, which was
-- about a tenth of a 100,000-account recompute's writing. The table is now
-- WITHOUT ROWID with account_id as its primary key: the same key, the same
-- columns and index, and an insert that needs no journal.
DROP TRIGGER accounts_current_au;
DROP TRIGGER accounts_current_ad;
CREATE TABLE health_current_new (
  account_id     INTEGER PRIMARY KEY,
  snapshot_id    INTEGER NOT NULL,
  row_hash       INTEGER NOT NULL,
  tracked        INTEGER NOT NULL,
  score          INTEGER NOT NULL,
  level          TEXT NOT NULL,
  arr_base_minor INTEGER NOT NULL,
  active_users   INTEGER,
  renewal_at     TEXT NOT NULL,
  factor_count   INTEGER NOT NULL,
  name           TEXT NOT NULL COLLATE NOCASE,
  search_text    TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO health_current_new SELECT account_id, snapshot_id, row_hash, tracked, score, level, arr_base_minor,
  active_users, renewal_at, factor_count, name, search_text FROM health_current;
DROP TABLE health_current;
ALTER TABLE health_current_new RENAME TO health_current;
CREATE INDEX health_current_score ON health_current(tracked, score, arr_base_minor DESC, level, search_text);
CREATE TRIGGER accounts_current_au AFTER UPDATE OF name, tracked, search_text ON accounts BEGIN
  UPDATE health_current SET name = new.name, tracked = new.tracked, search_text = new.search_text
  WHERE account_id = new.id;
END;
CREATE TRIGGER accounts_current_ad AFTER DELETE ON accounts BEGIN
  DELETE FROM health_current WHERE account_id = old.id;
END;

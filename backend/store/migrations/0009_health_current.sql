-- rebuilds tables: foreign keys off
-- Cheaper score writes, version 9. A recompute writes a health_current row
-- per changed account; two of the work SQLite did per row are gone:
--
-- 1. The foreign key to accounts. The row is only ever written from a join
-- with accounts (Tx.AddEncodedBatch, Tx.AddEncoded), so it cannot name a
-- missing account; a trigger deletes it with its account, as ON DELETE
-- CASCADE did.
--
-- 2. The index on (tracked, level, score, ...). An account's level is a
-- range of its score under the latest snapshot's cut-offs (every row is
-- rewritten when its level changes), so the Health table filters a level
-- as a score range on the score index, which now ends with the level so
-- that the filter's check of the level itself reads no table row.
--
-- SQLite cannot drop a foreign key, so the table is rebuilt with the same
-- columns and rows; the trigger that reads it is dropped and made again
-- around the rebuild.
DROP TRIGGER accounts_current_au;
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
);
INSERT INTO health_current_new(account_id, snapshot_id, row_hash, tracked, score, level, arr_base_minor, active_users,
  renewal_at, factor_count, name, search_text)
SELECT account_id, snapshot_id, row_hash, tracked, score, level, arr_base_minor, active_users,
  renewal_at, factor_count, name, search_text
FROM health_current WHERE account_id IN (SELECT id FROM accounts);
DROP TABLE health_current;
ALTER TABLE health_current_new RENAME TO health_current;
CREATE INDEX health_current_score ON health_current(tracked, score, arr_base_minor DESC, level);
CREATE TRIGGER accounts_current_au AFTER UPDATE OF name, tracked, search_text ON accounts BEGIN
  UPDATE health_current SET name = new.name, tracked = new.tracked, search_text = new.search_text
  WHERE account_id = new.id;
END;
CREATE TRIGGER accounts_current_ad AFTER DELETE ON accounts BEGIN
  DELETE FROM health_current WHERE account_id = old.id;
END;

-- rebuilds tables: foreign keys off
-- Cheaper score history writes, version 10. A first recompute writes a
-- health_scores row per account, 64 to a statement. The foreign key to
-- accounts made SQLite check the account of every row and keep a
-- statement journal (a copy of each page the statement changed) in case a
-- check failed halfway. Both are gone:
--
-- 1. No foreign key to accounts. Rows are written only by a recompute,
-- which holds the write lock from before it reads the book until its
-- snapshot commits, so each row names an account that exists
-- (Tx.AddEncodedBatch); the single-row path checks it (Tx.AddEncoded). A
-- trigger deletes an account's history with it, as ON DELETE CASCADE did.
--
-- 2. Score rows are written with INSERT OR FAIL, which needs no statement
-- journal: a failed check stops the statement where it is instead of
-- undoing it, and the error rolls back the whole write transaction, so no
-- snapshot is ever kept half written.
--
-- 3. The level CHECK is spelled as comparisons (see version 8): "IN" with
-- three values built a temporary b-tree for every row.
--
-- SQLite cannot drop a foreign key, so the table is rebuilt with the same
-- columns, rows and rowids.
CREATE TABLE health_scores_new (
  account_id       INTEGER NOT NULL,
  snapshot_id      INTEGER NOT NULL,
  computed_at      TEXT NOT NULL,
  score            INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  level            TEXT NOT NULL CHECK (level = 'critical' OR level = 'at_risk' OR level = 'healthy'),
  factors_json     TEXT NOT NULL,
  missing_json     TEXT NOT NULL,
  active_users     INTEGER,
  licensed_users   INTEGER NOT NULL,
  trend_pct        REAL,
  arr_minor        INTEGER NOT NULL,
  arr_currency     TEXT NOT NULL,
  arr_base_minor   INTEGER NOT NULL,
  mrr_minor        INTEGER NOT NULL,
  renewal_at       TEXT NOT NULL,
  payment_status   TEXT NOT NULL,
  last_activity_at TEXT NOT NULL,
  UNIQUE (account_id, snapshot_id)
);
INSERT INTO health_scores_new(rowid, account_id, snapshot_id, computed_at, score, level, factors_json, missing_json,
  active_users, licensed_users, trend_pct, arr_minor, arr_currency, arr_base_minor, mrr_minor, renewal_at,
  payment_status, last_activity_at)
SELECT rowid, account_id, snapshot_id, computed_at, score, level, factors_json, missing_json,
  active_users, licensed_users, trend_pct, arr_minor, arr_currency, arr_base_minor, mrr_minor, renewal_at,
  payment_status, last_activity_at
FROM health_scores WHERE account_id IN (SELECT id FROM accounts);
DROP TABLE health_scores;
ALTER TABLE health_scores_new RENAME TO health_scores;
CREATE TRIGGER accounts_scores_ad AFTER DELETE ON accounts BEGIN
  DELETE FROM health_scores WHERE account_id = old.id;
END;

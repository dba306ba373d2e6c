-- rebuilds tables: foreign keys off
-- Weekly billing, version 6: a Stripe price billed every week keeps its
-- interval, so that ARR is exactly 52 times the amount. SQLite cannot alter
-- a CHECK constraint, so revenue_sources is rebuilt with the same rows and
-- ids (invoices keep pointing at them).
CREATE TABLE revenue_sources_new (
  id                   INTEGER PRIMARY KEY,
  account_id           INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  source               TEXT NOT NULL CHECK (source IN ('salesbricks', 'stripe')),
  external_id          TEXT NOT NULL,
  product              TEXT NOT NULL DEFAULT '',
  status               TEXT NOT NULL CHECK (status IN ('active','trialing','past_due','canceled','expired','pending','draft')),
  interval             TEXT NOT NULL CHECK (interval IN ('weekly','monthly','quarterly','annual')),
  amount_minor         INTEGER NOT NULL,
  currency             TEXT NOT NULL,
  mrr_minor            INTEGER NOT NULL,
  arr_minor            INTEGER NOT NULL,
  seats                INTEGER NOT NULL DEFAULT 0,
  term_start           TEXT NOT NULL DEFAULT '',
  term_end             TEXT NOT NULL DEFAULT '',
  trial_end            TEXT NOT NULL DEFAULT '',
  cancel_at_period_end INTEGER NOT NULL DEFAULT 0,
  sync_key             TEXT NOT NULL DEFAULT '',
  sync_pass            INTEGER NOT NULL DEFAULT 0,
  UNIQUE (source, external_id)
);
INSERT INTO revenue_sources_new (id, account_id, source, external_id, product, status, interval, amount_minor, currency,
  mrr_minor, arr_minor, seats, term_start, term_end, trial_end, cancel_at_period_end, sync_key, sync_pass)
SELECT id, account_id, source, external_id, product, status, interval, amount_minor, currency,
  mrr_minor, arr_minor, seats, term_start, term_end, trial_end, cancel_at_period_end, sync_key, sync_pass
FROM revenue_sources;
DROP TABLE revenue_sources;
ALTER TABLE revenue_sources_new RENAME TO revenue_sources;
CREATE INDEX revenue_sources_account ON revenue_sources(account_id);

-- rebuilds tables: foreign keys off
-- Cheaper writes for a sync, version 8.
--
-- 1. The value-list CHECK constraints of revenue_sources, invoices and
-- activities are spelled as comparisons. SQLite evaluates a CHECK of the
-- form "x IN (a, b, c, ...)" (more than two values) by building a
-- temporary b-tree of the list for every row written, which was a large
-- part of inserting a synced row; "x = a OR x = b OR ..." accepts and
-- rejects exactly the same values (NULL included) without it. SQLite
-- cannot alter a CHECK constraint, so the three tables are rebuilt with the
-- same columns, rows, ids and indexes (documented twelve-step procedure).
--
-- 2. The accounts' trigram index merges less eagerly. A sync writes
-- accounts a page at a time, and each commit adds a small segment; with
-- FTS5's default automerge (4) every few segments were merged again, so a
-- first import rewrote its index pages several times over. With 16,
-- segments merge in larger, rarer steps (crisismerge stays 16, so a level
-- never holds more than 16). Searches return the same rows.

CREATE TABLE revenue_sources_new (
  id                   INTEGER PRIMARY KEY,
  account_id           INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  source               TEXT NOT NULL CHECK (source = 'salesbricks' OR source = 'stripe'),
  external_id          TEXT NOT NULL,
  product              TEXT NOT NULL DEFAULT '',
  status               TEXT NOT NULL CHECK (status = 'active' OR status = 'trialing' OR status = 'past_due'
                         OR status = 'canceled' OR status = 'expired' OR status = 'pending' OR status = 'draft'),
  interval             TEXT NOT NULL CHECK (interval = 'weekly' OR interval = 'monthly' OR interval = 'quarterly'
                         OR interval = 'annual'),
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

CREATE TABLE invoices_new (
  id                INTEGER PRIMARY KEY,
  account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  revenue_source_id INTEGER REFERENCES revenue_sources(id) ON DELETE SET NULL,
  source            TEXT NOT NULL,
  external_id       TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status = 'paid' OR status = 'open' OR status = 'failed' OR status = 'void'),
  amount_due_minor  INTEGER NOT NULL,
  amount_paid_minor INTEGER NOT NULL DEFAULT 0,
  currency          TEXT NOT NULL,
  issued_at         TEXT NOT NULL,
  due_at            TEXT NOT NULL DEFAULT '',
  paid_at           TEXT NOT NULL DEFAULT '',
  attempts          INTEGER NOT NULL DEFAULT 0,
  last_failure_at   TEXT NOT NULL DEFAULT '',
  next_attempt_at   TEXT NOT NULL DEFAULT '',
  failure_reason    TEXT NOT NULL DEFAULT '',
  sync_key          TEXT NOT NULL DEFAULT '',
  sync_pass         INTEGER NOT NULL DEFAULT 0,
  UNIQUE (source, external_id)
);
INSERT INTO invoices_new (id, account_id, revenue_source_id, source, external_id, status, amount_due_minor,
  amount_paid_minor, currency, issued_at, due_at, paid_at, attempts, last_failure_at, next_attempt_at, failure_reason,
  sync_key, sync_pass)
SELECT id, account_id, revenue_source_id, source, external_id, status, amount_due_minor,
  amount_paid_minor, currency, issued_at, due_at, paid_at, attempts, last_failure_at, next_attempt_at, failure_reason,
  sync_key, sync_pass
FROM invoices;
DROP TABLE invoices;
ALTER TABLE invoices_new RENAME TO invoices;
CREATE INDEX invoices_account ON invoices(account_id, issued_at);
CREATE INDEX invoices_unpaid ON invoices(status) WHERE status IN ('open', 'failed');
CREATE INDEX invoices_failed_at ON invoices(last_failure_at) WHERE last_failure_at <> '';
CREATE INDEX invoices_paid_at ON invoices(paid_at) WHERE paid_at <> '';

CREATE TABLE activities_new (
  id          INTEGER PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  source      TEXT NOT NULL,
  external_id TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind = 'call' OR kind = 'email' OR kind = 'project' OR kind = 'signal'
                OR kind = 'contract_change' OR kind = 'payment'),
  signal      TEXT NOT NULL DEFAULT '' CHECK (signal = '' OR signal = 'feature_request' OR signal = 'complaint'
                OR signal = 'escalation' OR signal = 'nps' OR signal = 'praise'),
  occurred_at TEXT NOT NULL,
  title       TEXT NOT NULL DEFAULT '',
  body        TEXT NOT NULL DEFAULT '',
  actor       TEXT NOT NULL DEFAULT '',
  score       INTEGER,
  sync_key    TEXT NOT NULL DEFAULT '',
  UNIQUE (source, external_id)
);
INSERT INTO activities_new (id, account_id, source, external_id, kind, signal, occurred_at, title, body, actor, score,
  sync_key)
SELECT id, account_id, source, external_id, kind, signal, occurred_at, title, body, actor, score, sync_key
FROM activities;
DROP TABLE activities;
ALTER TABLE activities_new RENAME TO activities;
CREATE INDEX activities_account ON activities(account_id, occurred_at);
CREATE INDEX activities_kind ON activities(kind, account_id, occurred_at);

INSERT INTO accounts_fts(accounts_fts, rank) VALUES ('automerge', 16);

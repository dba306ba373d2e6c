-- Success Desk schema, version 1.
-- Timestamps are RFC 3339 UTC text ('' when unknown); money is integer minor
-- units beside an ISO currency; every synced table has UNIQUE(source, external_id).

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY,
  domain        TEXT UNIQUE,               -- NULL when no clean domain is known
  name          TEXT NOT NULL,
  primary_email TEXT NOT NULL DEFAULT '',
  owner         TEXT NOT NULL DEFAULT '',
  tracked       INTEGER NOT NULL DEFAULT 1 CHECK (tracked IN (0, 1)),
  search_text   TEXT NOT NULL DEFAULT '',  -- lower-case name, domain and contact e-mails
  created_at    TEXT NOT NULL
);

-- Substring search over name, domain and contact e-mails (trigram index).
CREATE VIRTUAL TABLE accounts_fts USING fts5(search_text, content='accounts', content_rowid='id', tokenize='trigram');
CREATE TRIGGER accounts_fts_ai AFTER INSERT ON accounts BEGIN
  INSERT INTO accounts_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER accounts_fts_ad AFTER DELETE ON accounts BEGIN
  INSERT INTO accounts_fts(accounts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER accounts_fts_au AFTER UPDATE OF search_text ON accounts BEGIN
  INSERT INTO accounts_fts(accounts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO accounts_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TABLE contacts (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  source     TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name       TEXT NOT NULL DEFAULT '',
  email      TEXT NOT NULL DEFAULT '',
  title      TEXT NOT NULL DEFAULT '',
  UNIQUE (source, external_id)
);
CREATE INDEX contacts_account ON contacts(account_id);

CREATE TABLE revenue_sources (
  id                   INTEGER PRIMARY KEY,
  account_id           INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  source               TEXT NOT NULL CHECK (source IN ('salesbricks', 'stripe')),
  external_id          TEXT NOT NULL,
  product              TEXT NOT NULL DEFAULT '',
  status               TEXT NOT NULL CHECK (status IN ('active','trialing','past_due','canceled','expired','pending','draft')),
  interval             TEXT NOT NULL CHECK (interval IN ('monthly','quarterly','annual')),
  amount_minor         INTEGER NOT NULL,
  currency             TEXT NOT NULL,
  mrr_minor            INTEGER NOT NULL,
  arr_minor            INTEGER NOT NULL,
  seats                INTEGER NOT NULL DEFAULT 0,
  term_start           TEXT NOT NULL DEFAULT '',
  term_end             TEXT NOT NULL DEFAULT '',
  trial_end            TEXT NOT NULL DEFAULT '',
  cancel_at_period_end INTEGER NOT NULL DEFAULT 0,
  UNIQUE (source, external_id)
);
CREATE INDEX revenue_sources_account ON revenue_sources(account_id);

CREATE TABLE invoices (
  id                INTEGER PRIMARY KEY,
  account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  revenue_source_id INTEGER REFERENCES revenue_sources(id) ON DELETE SET NULL,
  source            TEXT NOT NULL,
  external_id       TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('paid','open','failed','void')),
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
  UNIQUE (source, external_id)
);
CREATE INDEX invoices_account ON invoices(account_id, issued_at);
CREATE INDEX invoices_unpaid ON invoices(status) WHERE status IN ('open', 'failed');
CREATE INDEX invoices_failed_at ON invoices(last_failure_at) WHERE last_failure_at <> '';
CREATE INDEX invoices_paid_at ON invoices(paid_at) WHERE paid_at <> '';

CREATE TABLE usage_weeks (
  account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  week_start   TEXT NOT NULL,
  active_users INTEGER NOT NULL CHECK (active_users >= 0),
  PRIMARY KEY (account_id, week_start)
) WITHOUT ROWID;

CREATE TABLE activities (
  id          INTEGER PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  source      TEXT NOT NULL,
  external_id TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('call','email','project','signal','contract_change','payment')),
  signal      TEXT NOT NULL DEFAULT '' CHECK (signal IN ('','feature_request','complaint','escalation','nps','praise')),
  occurred_at TEXT NOT NULL,
  title       TEXT NOT NULL DEFAULT '',
  body        TEXT NOT NULL DEFAULT '',
  actor       TEXT NOT NULL DEFAULT '',
  score       INTEGER,
  UNIQUE (source, external_id)
);
CREATE INDEX activities_account ON activities(account_id, occurred_at);
CREATE INDEX activities_kind ON activities(kind, account_id, occurred_at);

CREATE TABLE deals (
  id          INTEGER PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  source      TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name        TEXT NOT NULL,
  stage       TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL CHECK (status IN ('open','won','lost')),
  value_minor INTEGER NOT NULL DEFAULT 0,
  currency    TEXT NOT NULL DEFAULT 'USD',
  owner       TEXT NOT NULL DEFAULT '',
  close_date  TEXT NOT NULL DEFAULT '',
  lost_at     TEXT NOT NULL DEFAULT '',
  lost_reason TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  UNIQUE (source, external_id)
);
CREATE INDEX deals_account ON deals(account_id);

CREATE TABLE releases (
  id          INTEGER PRIMARY KEY,
  source      TEXT NOT NULL,
  external_id TEXT NOT NULL,
  title       TEXT NOT NULL,
  body        TEXT NOT NULL DEFAULT '',
  url         TEXT NOT NULL DEFAULT '',
  shipped_at  TEXT NOT NULL,
  UNIQUE (source, external_id)
);

CREATE TABLE enrichments (
  account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  source      TEXT NOT NULL,
  industry    TEXT NOT NULL DEFAULT '',
  employees   INTEGER NOT NULL DEFAULT 0,
  location    TEXT NOT NULL DEFAULT '',
  custom_json TEXT NOT NULL DEFAULT '{}',
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (account_id, source)
);

-- A route moves an account to a section. The newest route of an account is
-- its active one (active = 1); clearing it unpins the account.
CREATE TABLE routes (
  id           INTEGER PRIMARY KEY,
  account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  from_section TEXT NOT NULL CHECK (from_section IN ('health','convert','contracts','pipeline','reengage','loop')),
  to_section   TEXT NOT NULL CHECK (to_section IN ('health','convert','contracts','pipeline','reengage','loop')),
  reason       TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  replaced_id  INTEGER REFERENCES routes(id) ON DELETE SET NULL -- the route that was active before, for undo
);
CREATE UNIQUE INDEX routes_one_active ON routes(account_id) WHERE active = 1;
CREATE INDEX routes_to ON routes(to_section, active);
CREATE INDEX routes_account ON routes(account_id, id);

-- One row per recompute. Scores are stored as changes: an account gets a
-- health_scores row only in the snapshots where its score row changed, so a
-- recompute over unchanged data writes almost nothing and history stays small.
CREATE TABLE health_snapshots (
  id            INTEGER PRIMARY KEY,
  computed_at   TEXT NOT NULL,
  settings_json TEXT NOT NULL,
  accounts      INTEGER NOT NULL,
  changed       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE health_scores (
  account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  snapshot_id      INTEGER NOT NULL,
  computed_at      TEXT NOT NULL,
  score            INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  level            TEXT NOT NULL CHECK (level IN ('critical','at_risk','healthy')),
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

-- Each account's current score, compact and indexed for the Health table's
-- filters and sorts; snapshot_id names its health_scores row (the last
-- change). name, tracked and search text are copied from accounts and kept
-- in step by a trigger.
CREATE TABLE health_current (
  account_id     INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
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
CREATE INDEX health_current_level ON health_current(tracked, level, score, arr_base_minor DESC);
CREATE INDEX health_current_score ON health_current(tracked, score, arr_base_minor DESC);
CREATE TRIGGER accounts_current_au AFTER UPDATE OF name, tracked, search_text ON accounts BEGIN
  UPDATE health_current SET name = new.name, tracked = new.tracked, search_text = new.search_text
  WHERE account_id = new.id;
END;

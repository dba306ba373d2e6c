-- Sync bookkeeping, version 2.
-- sync_state: one row per source, written by backend/syncer. cursor is opaque
-- text owned by the source's connector ('' = start from the beginning); it is
-- saved in the same transaction as the page it follows, so a crash resumes
-- from the last committed page. last_error is a message already safe to show
-- (never a token or a raw upstream body); error_count counts failed runs since
-- the last success.
CREATE TABLE sync_state (
  source          TEXT PRIMARY KEY CHECK (source IN ('salesbricks','stripe','posthog','attio','hubspot',
                                                     'salesforce','buildbetter','github','rss')),
  cursor          TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL DEFAULT 'idle' CHECK (status IN ('idle','running','failed','reconnect')),
  run_started_at  TEXT NOT NULL DEFAULT '',
  last_success_at TEXT NOT NULL DEFAULT '',
  last_error      TEXT NOT NULL DEFAULT '',
  error_count     INTEGER NOT NULL DEFAULT 0 CHECK (error_count >= 0),
  items_synced    INTEGER NOT NULL DEFAULT 0 CHECK (items_synced >= 0),
  updated_at      TEXT NOT NULL
);

-- sync_account_keys: which account a source's own customer key (a Stripe
-- customer id, a Salesbricks customer id, ...) resolved to. It makes account
-- resolution idempotent for records without a domain, and it is the row a
-- hand-made merge or split will re-point so that the choice survives re-syncs.
CREATE TABLE sync_account_keys (
  source     TEXT NOT NULL,
  key        TEXT NOT NULL,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  PRIMARY KEY (source, key)
) WITHOUT ROWID;
CREATE INDEX sync_account_keys_account ON sync_account_keys(account_id);

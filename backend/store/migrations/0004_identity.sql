-- One account per company, version 4.
--
-- The normalized domain is an account's key (accounts.domain). A merge of
-- two accounts keeps the dropped account's domain in account_domains, so
-- records arriving later under either domain resolve to the kept account.
CREATE TABLE account_domains (
  domain     TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX account_domains_account ON account_domains(account_id);

-- sync_account_keys remembers what the source said of each customer key
-- (its name, domain and e-mail), for the "needs matching" list and for a
-- split. matched_by = 'person' marks a link a person chose (attach, merge
-- or split): the sync keeps such a link, and the record leaves the list.
ALTER TABLE sync_account_keys ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_account_keys ADD COLUMN domain TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_account_keys ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_account_keys ADD COLUMN matched_by TEXT NOT NULL DEFAULT 'sync' CHECK (matched_by IN ('sync', 'person'));

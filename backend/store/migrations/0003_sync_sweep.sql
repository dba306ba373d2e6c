-- Mark and sweep for full passes, version 3.
--
-- A full pass of a source lists every record the source holds. Each pass
-- gets the next number in sync_state.full_pass (full_pass_open = 1 until
-- its last page commits); every row a pass writes is stamped with that
-- number (sync_pass) and with the source's customer key it belongs to
-- (sync_key). When the last page commits, in the same transaction, the
-- rows of the source stamped with an older number are the ones the source
-- no longer has: they are deleted, with the customer keys the pass did not
-- deliver. A failed or canceled pass leaves full_pass_open = 1 and sweeps
-- nothing; a resumed one keeps its number, so a crash loses no stamp.
-- Activities are history: they carry sync_key (so a deleted customer's
-- feed goes with it) but no pass.
--
-- accounts.created_by names the source whose sync created the account
-- ('' for accounts made by people, the demo or an import): only those are
-- removed once no source and no person refers to them any more.
ALTER TABLE sync_state ADD COLUMN full_pass INTEGER NOT NULL DEFAULT 0 CHECK (full_pass >= 0);
ALTER TABLE sync_state ADD COLUMN full_pass_open INTEGER NOT NULL DEFAULT 0 CHECK (full_pass_open IN (0, 1));
ALTER TABLE sync_state ADD COLUMN full_pass_started_at TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_state ADD COLUMN last_full_pass_at TEXT NOT NULL DEFAULT '';

ALTER TABLE revenue_sources ADD COLUMN sync_key TEXT NOT NULL DEFAULT '';
ALTER TABLE revenue_sources ADD COLUMN sync_pass INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN sync_key TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN sync_pass INTEGER NOT NULL DEFAULT 0;
ALTER TABLE activities ADD COLUMN sync_key TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_account_keys ADD COLUMN sync_pass INTEGER NOT NULL DEFAULT 0;

ALTER TABLE accounts ADD COLUMN created_by TEXT NOT NULL DEFAULT '';

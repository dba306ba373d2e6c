-- Search indexing at commit, version 18. Every write that creates accounts
-- now defers their search indexing to the end of its transaction
-- (Tx.deferSearch, Tx.flushSearch: InsertAccount as well as the sync's
-- bulk insert), so the insert trigger never indexes an account the store
-- writes. It still ran for each new row, and a trigger program per row is
-- not free: ~3% of SQLite's instructions in a first Stripe sync, to decide
-- to do nothing. Accounts inserted by plain SQL outside the store are no
-- longer indexed by themselves: the store is the only writer.
DROP TRIGGER accounts_fts_ai;

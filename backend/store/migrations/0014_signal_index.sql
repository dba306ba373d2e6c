-- Signals, version 14. The index on (kind, account_id, occurred_at) served
-- one reader, the health recompute, which reads each account range's
-- conversation signals; every other feed query goes by account. It held
-- every activity, so each synced payment and contract change (most of a
-- billing source's rows) paid for an entry no query read. A partial index
-- holds the signals alone, in the order the recompute reads them.
DROP INDEX activities_kind;
CREATE INDEX activities_signals ON activities(account_id, occurred_at) WHERE kind = 'signal';

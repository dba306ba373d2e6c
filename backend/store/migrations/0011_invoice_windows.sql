-- Invoice windows by account range, version 11. A recompute reads the
-- invoices that can move a score (unpaid, failed lately, paid after the
-- moment scored) through three partial indexes, one account-id range per
-- reader. The indexes held only the column they are ordered by, so every
-- range looked up every such invoice's row to learn its account and kept a
-- quarter of them. With the account id beside it, each index answers the
-- range by itself and only the range's invoices are read.
DROP INDEX invoices_unpaid;
DROP INDEX invoices_failed_at;
DROP INDEX invoices_paid_at;
CREATE INDEX invoices_unpaid ON invoices(status, account_id) WHERE status IN ('open', 'failed');
CREATE INDEX invoices_failed_at ON invoices(last_failure_at, account_id) WHERE last_failure_at <> '';
CREATE INDEX invoices_paid_at ON invoices(paid_at, account_id) WHERE paid_at <> '';

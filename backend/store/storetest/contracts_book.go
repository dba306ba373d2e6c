package storetest

import (
	"context"
	"database/sql"
	"path/filepath"
)

// ContractsBook writes, into the migrated store file at path, a book of
// 100,000 revenue sources over 80,000 accounts in bulk: every account has a
// contract or a subscription (by parity), every fourth also a Stripe
// subscription of its contract's product (a merged row, a third of them at
// another price), in USD, EUR, GBP and JPY, in every status, with three
// invoices per billed record (the last unpaid for past-due and some other
// records). Dates are relative to 2026-11-25. The Contracts and Convert
// benchmarks share it.
func ContractsBook(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)")
	if err != nil {
		return err
	}
	defer db.Close()
	for _, q := range contractsBookSQL {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

var contractsBookSQL = []string{
	`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 79999)
	INSERT INTO accounts(id, domain, name, primary_email, tracked, search_text, created_at)
	SELECT i + 1, printf('company%06d.com', i), printf('Company %06d Labs', i), printf('ops@company%06d.com', i), 1,
		printf('company %06d labs company%06d.com ops@company%06d.com', i, i, i), '2024-01-01T00:00:00Z' FROM n`,
	`INSERT INTO accounts_fts(rowid, search_text) SELECT id, search_text FROM accounts`, // as the store indexes new accounts
	`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999),
	s AS (SELECT i, CASE WHEN i < 80000 THEN i ELSE (i - 80000) * 4 END AS j, i >= 80000 AS mirror FROM n),
	v AS (SELECT i, j, mirror,
		CASE WHEN mirror OR j % 2 = 1 THEN 'stripe' ELSE 'salesbricks' END AS source,
		CASE j % 4 WHEN 0 THEN 'Pied Piper Starter' WHEN 1 THEN 'Pied Piper Pro' WHEN 2 THEN 'Pied Piper Scale'
			ELSE 'Pied Piper Enterprise' END AS product,
		CASE WHEN mirror THEN (CASE WHEN j % 40 = 0 THEN 'canceled' ELSE 'active' END)
			WHEN (j * 7) % 100 < 70 THEN 'active' WHEN (j * 7) % 100 < 78 THEN 'trialing'
			WHEN (j * 7) % 100 < 83 THEN 'past_due' WHEN (j * 7) % 100 < 91 THEN 'canceled'
			WHEN (j * 7) % 100 < 96 THEN 'expired' WHEN (j * 7) % 100 < 98 THEN 'pending' ELSE 'draft' END AS status,
		CASE j % 3 WHEN 0 THEN 'monthly' WHEN 1 THEN 'annual' ELSE 'quarterly' END AS interval,
		((j % 50) + 1) * 1000 * (CASE WHEN mirror AND j % 12 = 4 THEN 9 ELSE 10 END) AS amount,
		CASE WHEN j % 50 < 40 THEN 'USD' WHEN j % 50 < 45 THEN 'EUR' WHEN j % 50 < 48 THEN 'GBP' ELSE 'JPY' END AS currency,
		(j * 37) % 400 - 30 AS days
		FROM s)
	INSERT INTO revenue_sources(id, account_id, source, external_id, product, status, interval, amount_minor, currency,
		mrr_minor, arr_minor, seats, term_start, term_end, trial_end, cancel_at_period_end)
	SELECT i + 1, j + 1, source, printf('%s_%06d', source, i), product, status, interval, amount, currency,
		CASE interval WHEN 'monthly' THEN amount WHEN 'annual' THEN (amount + 6) / 12 ELSE (amount + 1) / 3 END,
		CASE interval WHEN 'monthly' THEN amount * 12 WHEN 'annual' THEN amount ELSE amount * 4 END,
		(j % 40) + 1,
		strftime('%Y-%m-%dT00:00:00Z', '2026-11-25', printf('%+d days', days - 365)),
		CASE WHEN j % 97 = 0 THEN '' ELSE strftime('%Y-%m-%dT00:00:00Z', '2026-11-25', printf('%+d days', days)) END,
		CASE WHEN status = 'trialing' THEN strftime('%Y-%m-%dT00:00:00Z', '2026-11-25', printf('%+d days', j % 14)) ELSE '' END,
		j % 29 = 0
	FROM v`,
	`WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < 2),
	x AS (SELECT r.id, r.account_id, r.source, r.amount_minor, r.currency, k.n,
		CASE WHEN k.n < 2 THEN 'paid' WHEN r.status = 'past_due' THEN 'failed' WHEN r.id % 20 = 0 THEN 'open' ELSE 'paid' END AS st,
		-30 * (3 - k.n) + r.id % 20 AS issued
		FROM revenue_sources r, k WHERE r.id <= 80000 AND r.status NOT IN ('trialing', 'pending', 'draft'))
	INSERT INTO invoices(account_id, revenue_source_id, source, external_id, status, amount_due_minor, amount_paid_minor,
		currency, issued_at, due_at, paid_at, attempts, last_failure_at, next_attempt_at, failure_reason)
	SELECT account_id, id, source, printf('in_%06d_%d', id, n), st, amount_minor, CASE st WHEN 'paid' THEN amount_minor ELSE 0 END,
		currency, strftime('%Y-%m-%dT00:00:00Z', '2026-11-25', printf('%+d days', issued)),
		strftime('%Y-%m-%dT00:00:00Z', '2026-11-25', printf('%+d days', issued + 14)),
		CASE st WHEN 'paid' THEN strftime('%Y-%m-%dT00:00:00Z', '2026-11-25', printf('%+d days', issued + 1)) ELSE '' END,
		CASE st WHEN 'failed' THEN 2 WHEN 'paid' THEN 1 ELSE 0 END,
		CASE st WHEN 'failed' THEN strftime('%Y-%m-%dT00:00:00Z', '2026-11-25', printf('%+d days', issued + 3)) ELSE '' END,
		CASE st WHEN 'failed' THEN '2026-11-30T00:00:00Z' ELSE '' END,
		CASE st WHEN 'failed' THEN 'card_declined' ELSE '' END
	FROM x`,
}

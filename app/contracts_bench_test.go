package app_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// contractsBookSQL writes a book of 100,000 revenue sources over 80,000
// accounts in bulk: every account has a contract or a subscription (by
// parity), every fourth also a Stripe subscription of its contract's
// product (a merged row, a third of them at another price), in USD, EUR,
// GBP and JPY, in every status, with three invoices per billed record.
// It is the book of backend/store/ledger_bench_test.go.
var contractsBookSQL = []string{
	`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 79999)
	INSERT INTO accounts(id, domain, name, primary_email, tracked, search_text, created_at)
	SELECT i + 1, printf('company%06d.com', i), printf('Company %06d Labs', i), printf('ops@company%06d.com', i), 1,
		printf('company %06d labs company%06d.com ops@company%06d.com', i, i, i), '2024-01-01T00:00:00Z' FROM n`,
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

var (
	contractsBenchOnce sync.Once
	contractsBenchWS   *app.Workspace
	contractsBenchErr  error
)

// contractsBench opens the 100,000-contract book once per test binary, in
// the directory TestMain removes.
func contractsBench(b *testing.B) *app.Workspace {
	contractsBenchOnce.Do(func() {
		ctx := context.Background()
		path := filepath.Join(filepath.Dir(demoTemplate), "contracts-100k.db")
		st, err := store.Open(ctx, path)
		if err != nil {
			contractsBenchErr = err
			return
		}
		db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)")
		if err != nil {
			contractsBenchErr = err
			return
		}
		defer db.Close()
		for _, q := range contractsBookSQL {
			if _, err := db.ExecContext(ctx, q); err != nil {
				contractsBenchErr = err
				return
			}
		}
		contractsBenchWS = &app.Workspace{Store: st, Mode: app.ModeDemo, FX: domain.DefaultFXRates(), Now: func() time.Time { return now }}
	})
	if contractsBenchErr != nil {
		b.Fatal(contractsBenchErr)
	}
	return contractsBenchWS
}

// contractsBenchPages are the filtered pages measured: "broad" is active
// contracts matching "labs" (every account) by MRR, largest first, the
// worst case for an in-memory filter; "selective" is a search for one
// company prefix, renewal soonest first.
var contractsBenchPages = []struct {
	name  string
	q     app.ContractsQuery
	where string // the same filter and order in SQL, for the raw baseline
	order string
}{
	{"broad", app.ContractsQuery{Status: "active", Search: "labs", Sort: "mrr", Desc: true, Limit: 100},
		`r.status = 'active' AND (a.search_text LIKE '%labs%' OR r.product LIKE '%labs%')`, `r.mrr_minor DESC, r.id`},
	{"selective", app.ContractsQuery{Search: "company0123", Limit: 100},
		`(a.search_text LIKE '%company0123%' OR r.product LIKE '%company0123%')`, `r.term_end = '', r.term_end, r.id`},
}

// BenchmarkContractsList is one filtered Contracts page (filter, search,
// sort, 100 rows, count) over 100,000 contracts once the ledger is built.
func BenchmarkContractsList(b *testing.B) {
	ws := contractsBench(b)
	svc := app.NewContractsService(ws)
	for _, p := range contractsBenchPages {
		b.Run(p.name, func(b *testing.B) {
			if _, err := svc.List(p.q); err != nil { // builds the ledger and this sort's order
				b.Fatal(err)
			}
			for b.Loop() {
				l, err := svc.List(p.q)
				if err != nil || len(l.Rows) == 0 {
					b.Fatalf("%d rows, %v", len(l.Rows), err)
				}
			}
		})
	}
}

// BenchmarkContractsListCold is the first page after the book changed: the
// ledger read and built from the store, then the page.
func BenchmarkContractsListCold(b *testing.B) {
	ws := contractsBench(b)
	for b.Loop() {
		l, err := app.NewContractsService(ws).List(contractsBenchPages[0].q)
		if err != nil || len(l.Rows) == 0 {
			b.Fatalf("%d rows, %v", len(l.Rows), err)
		}
	}
}

// BenchmarkContractsSummary is the cards over 100,000 contracts.
func BenchmarkContractsSummary(b *testing.B) {
	svc := app.NewContractsService(contractsBench(b))
	if _, err := svc.Summary(app.ContractsQuery{}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if s, err := svc.Summary(app.ContractsQuery{}); err != nil || s.Total == 0 {
			b.Fatalf("%+v %v", s, err)
		}
	}
}

// BenchmarkContractsRawSQL is the floor the page is measured against: the
// same filtered pages as one SQL count and one SQL page each, straight
// through database/sql, with no merging of linked records and no currency
// conversion.
func BenchmarkContractsRawSQL(b *testing.B) {
	ws := contractsBench(b)
	ctx := context.Background()
	db := ws.Store.DB()
	for _, p := range contractsBenchPages {
		b.Run(p.name, func(b *testing.B) {
			from := ` FROM revenue_sources r JOIN accounts a ON a.id = r.account_id WHERE ` + p.where
			for b.Loop() {
				var total int
				if err := db.QueryRowContext(ctx, `SELECT count(*)`+from).Scan(&total); err != nil || total == 0 {
					b.Fatalf("count %d, %v", total, err)
				}
				rows, err := db.QueryContext(ctx, `SELECT r.id, a.id, a.name, COALESCE(a.domain, ''), a.primary_email, r.product,
					r.status, r.source, r.amount_minor, r.currency, r.mrr_minor, r.arr_minor, r.interval, r.term_end`+from+
					` ORDER BY `+p.order+` LIMIT 100`)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for rows.Next() {
					var id, acct, amount, mrr, arr int64
					var name, dom, email, product, status, source, cur, iv, end string
					if err := rows.Scan(&id, &acct, &name, &dom, &email, &product, &status, &source, &amount, &cur, &mrr, &arr, &iv, &end); err != nil {
						b.Fatal(err)
					}
					n++
				}
				rows.Close()
				if n == 0 {
					b.Fatal("no rows")
				}
			}
		})
	}
}

package app_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/domain"
	"successdesk/backend/store"
	"successdesk/backend/store/storetest"
)

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
		if err := storetest.ContractsBook(ctx, path); err != nil {
			contractsBenchErr = err
			return
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

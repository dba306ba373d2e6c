package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"

	"successdesk/backend/store"
	"successdesk/backend/store/storetest"
)

var (
	contractsOnce  sync.Once
	contractsStore *store.Store
	contractsErr   error
)

// contractsBench opens the 100,000-contract book once per test binary.
func contractsBench(b *testing.B) *store.Store {
	contractsOnce.Do(func() {
		ctx := context.Background()
		dir, _ := mkdirTemp()
		st, err := store.Open(ctx, filepath.Join(dir, "contracts.db"))
		if err != nil {
			contractsErr = err
			return
		}
		if err := storetest.ContractsBook(ctx, st.Path()); err != nil {
			contractsErr = err
			return
		}
		contractsStore = st
	})
	if contractsErr != nil {
		b.Fatal(contractsErr)
	}
	return contractsStore
}

// BenchmarkReadLedger100k reads everything the Contracts ledger is built
// from: 100,000 revenue sources with their accounts and invoice states.
func BenchmarkReadLedger100k(b *testing.B) {
	st := contractsBench(b)
	ctx := context.Background()
	for b.Loop() {
		accts, err := st.ReadLedger(ctx)
		n := 0
		for _, a := range accts {
			n += len(a.Revenue)
		}
		if err != nil || n != 100_000 {
			b.Fatalf("%d revenue sources, %v", n, err)
		}
	}
}

// contractsRawQueries are the Contracts page's filtered pages as one SQL
// count and one SQL page each: "broad" is active contracts matching
// "labs" (every account) by MRR, largest first; "selective" is a search
// for one company prefix by renewal date.
var contractsRawQueries = map[string][2]string{
	"broad": {`r.status = 'active' AND (a.search_text LIKE '%labs%' OR r.product LIKE '%labs%')`,
		`r.mrr_minor DESC, r.id`},
	"selective": {`(a.search_text LIKE '%company0123%' OR r.product LIKE '%company0123%')`,
		`r.term_end = '', r.term_end, r.id`},
}

// rawContractsPage runs one raw page: the count, then 100 rows scanned
// into primitives. It returns the count and the rows read.
func rawContractsPage(b *testing.B, db *sql.DB, where, order string) (int, int) {
	ctx := context.Background()
	var total int
	from := ` FROM revenue_sources r JOIN accounts a ON a.id = r.account_id WHERE ` + where
	if err := db.QueryRowContext(ctx, `SELECT count(*)`+from).Scan(&total); err != nil {
		b.Fatal(err)
	}
	rows, err := db.QueryContext(ctx, `SELECT r.id, a.id, a.name, COALESCE(a.domain, ''), a.primary_email, r.product, r.status,
		r.source, r.amount_minor, r.currency, r.mrr_minor, r.arr_minor, r.interval, r.term_end`+from+` ORDER BY `+order+` LIMIT 100`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id, acct, amount, mrr, arr int64
		var name, dom, email, product, status, source, cur, iv, end string
		if err := rows.Scan(&id, &acct, &name, &dom, &email, &product, &status, &source, &amount, &cur, &mrr, &arr, &iv, &end); err != nil {
			b.Fatal(err)
		}
		n++
	}
	return total, n
}

// BenchmarkContractsRawSQL100k is the floor the Contracts page is measured
// against: its filtered pages straight through database/sql, with no
// merging of linked records and no currency conversion.
func BenchmarkContractsRawSQL100k(b *testing.B) {
	st := contractsBench(b)
	for _, name := range []string{"broad", "selective"} {
		q := contractsRawQueries[name]
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if total, n := rawContractsPage(b, st.DB(), q[0], q[1]); total == 0 || n == 0 {
					b.Fatalf("total %d rows %d", total, n)
				}
			}
		})
	}
}

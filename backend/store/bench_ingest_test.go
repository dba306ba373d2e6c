package store_test

import (
	"context"
	"database/sql"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/connector/stripe"
	"successdesk/backend/connector/stripe/stripefake"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
	"successdesk/backend/store"
	"successdesk/backend/syncer"
)

// ingestBook is the size of the benchmark's Stripe book: 10,000
// subscriptions, about 9,000 customers and 24,000 invoices.
const ingestBook = 10000

// ingestServer serves the generated book on loopback, with no latency.
func ingestServer(b *testing.B) (*stripefake.Server, *httptest.Server) {
	b.Helper()
	f := stripefake.New(stripefake.Options{Subscriptions: ingestBook, Now: func() time.Time { return t0 }})
	srv := httptest.NewServer(f)
	b.Cleanup(srv.Close)
	return f, srv
}

func ingestConnector(srv *httptest.Server) connector.Connector {
	hc := httpx.New(httpx.Policy{Source: "Stripe", MaxAttempts: 1}, httpx.WithHTTPClient(srv.Client()))
	return stripe.New(stripefake.DefaultKey, hc, stripe.WithBaseURL(srv.URL), stripe.WithClock(func() time.Time { return t0 }))
}

func benchStoreAt(b *testing.B, dir string) *store.Store {
	b.Helper()
	st, err := store.Open(context.Background(), filepath.Join(dir, "ingest.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// BenchmarkStripeIngest is a full Stripe pass from the fake book through
// the connector (HTTP, decoding, mapping) and the syncer's StoreSink into
// a real store: "fresh" into an empty store (every account created),
// "resync" over a store that already holds the book. objects/s counts the
// customers, subscriptions and invoices served; cores is the process's CPU
// time over the same time (the fake, fetcher, writer and runtime together),
// so how close the pass comes to keeping every core busy.
//
// Every measured run is a full pass (the cursor is reset, so a run never
// turns into a short incremental one) and starts from a checkpointed file,
// as a sync that follows an idle spell does: the log the previous run left
// is not copied back during the next one.
func BenchmarkStripeIngest(b *testing.B) {
	f, srv := ingestServer(b)
	ctx := context.Background()
	for _, mode := range []string{"fresh", "resync"} {
		b.Run(mode, func(b *testing.B) {
			var objects int64
			var elapsed, cpu time.Duration
			var st *store.Store
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				if st == nil || mode == "fresh" {
					st = benchStoreAt(b, b.TempDir())
					if mode == "resync" {
						syncOnce(b, st, srv)
					}
				}
				if mode == "resync" {
					if err := st.Write(ctx, func(tx *store.Tx) error {
						return tx.ResetCursor(ctx, domain.SourceStripe, t0)
					}); err != nil {
						b.Fatal(err)
					}
				}
				if err := st.Checkpoint(ctx); err != nil {
					b.Fatal(err)
				}
				before := f.Served()
				b.StartTimer()
				start, cpu0 := time.Now(), processCPU()
				syncOnce(b, st, srv)
				elapsed += time.Since(start)
				cpu += processCPU() - cpu0
				objects += f.Served() - before
			}
			b.ReportMetric(float64(objects)/elapsed.Seconds(), "objects/s")
			if cpu > 0 { // measured (see processCPU)
				b.ReportMetric(cpu.Seconds()/elapsed.Seconds(), "cores")
			}
		})
	}
}

// BenchmarkStripeWrite is the store side of BenchmarkStripeIngest alone:
// the same book's pages, fetched and mapped once outside the timer, written
// by the syncer's StoreSink into an empty store in commits of
// syncer.DefaultBatchPages pages. Its work does not depend on timing (the
// commits group the same pages every run), so it is the benchmark to count
// instructions on when comparing two builds on a noisy host:
//
//	valgrind --tool=cachegrind --cache-sim=no ./store.test -test.run '^$' -test.bench StripeWrite -test.benchtime 1x
//
// Its time is not an ingest figure: it holds every decoded page in memory at
// once, which the ingest never does, and its commits are all full.
func BenchmarkStripeWrite(b *testing.B) {
	_, srv := ingestServer(b)
	ctx := context.Background()
	c := ingestConnector(srv)
	var pages []connector.Page
	for cur := ""; ; {
		p, err := c.Fetch(ctx, cur)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, p)
		if p.Done || p.Len() == 0 {
			break
		}
		cur = p.Next
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		sink := syncer.NewStoreSink(benchStoreAt(b, b.TempDir()), func() time.Time { return t0 })
		b.StartTimer()
		for j := 0; j < len(pages); j += syncer.DefaultBatchPages {
			batch := pages[j:min(len(pages), j+syncer.DefaultBatchPages)]
			if _, err := sink.Commit(ctx, domain.SourceStripe, batch...); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func syncOnce(b *testing.B, st *store.Store, srv *httptest.Server) {
	s, err := syncer.New(st, []connector.Connector{ingestConnector(srv)}, syncer.Options{Now: func() time.Time { return t0 }})
	if err != nil {
		b.Fatal(err)
	}
	rep, err := s.Run(context.Background())
	if err != nil || rep.Sources[0].Err != nil {
		b.Fatalf("sync: %+v %v", rep, err)
	}
}

// BenchmarkRawUpsert is the baseline for BenchmarkStripeIngest: the same
// records (fetched and mapped once, outside the timer) written by plain
// prepared INSERT ... ON CONFLICT statements, one per record, through
// database/sql on the same kind of store, no HTTP, accounts resolved
// through a map: "fresh" into an empty store, "resync" over a store that
// holds them. Each commits one transaction per page of 100; the "-16"
// variants commit 16 pages per transaction, as the sync does when pages
// wait for the store. objects/s counts the same objects as
// BenchmarkStripeIngest.
func BenchmarkRawUpsert(b *testing.B) {
	f, srv := ingestServer(b)
	c := ingestConnector(srv)
	var pages []connector.Page
	for cur := ""; ; {
		p, err := c.Fetch(context.Background(), cur)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, p)
		if p.Done {
			break
		}
		cur = p.Next
	}
	objects := f.Served()
	for _, mode := range []struct {
		name  string
		fresh bool
		group int
	}{{"fresh", true, 1}, {"resync", false, 1}, {"fresh-16", true, 16}, {"resync-16", false, 16}} {
		b.Run(mode.name, func(b *testing.B) {
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st := benchStoreAt(b, b.TempDir())
				db := rawDB(b, st.Path())
				if !mode.fresh {
					rawWrite(b, db, pages, mode.group)
				}
				b.StartTimer()
				start := time.Now()
				rawWrite(b, db, pages, mode.group)
				elapsed += time.Since(start)
				b.StopTimer()
				db.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(objects)*float64(b.N)/elapsed.Seconds(), "objects/s")
		})
	}
}

// rawDB opens path as the store's writer does.
func rawDB(b testing.TB, path string) *sql.DB {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(5000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)", "temp_store(MEMORY)", "cache_size(-8192)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?"+q.Encode())
	if err != nil {
		b.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return db
}

// rawWrite writes pages, group pages per transaction.
func rawWrite(b testing.TB, db *sql.DB, pages []connector.Page, group int) {
	ctx := context.Background()
	prep := func(q string) *sql.Stmt {
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		return st
	}
	account := prep(`INSERT INTO accounts(domain, name, primary_email, tracked, search_text, created_at) VALUES (?, ?, ?, 1, ?, ?)
		ON CONFLICT(domain) DO UPDATE SET name = accounts.name RETURNING id`)
	index := prep(`INSERT INTO accounts_fts(rowid, search_text) VALUES (?, ?)`) // a new account's search entry
	link := prep(`INSERT INTO sync_account_keys(source, key, account_id) VALUES ('stripe', ?, ?)
		ON CONFLICT(source, key) DO UPDATE SET account_id = excluded.account_id`)
	revenue := prep(`INSERT INTO revenue_sources(account_id, source, external_id, product, status, interval, amount_minor,
		currency, mrr_minor, arr_minor, seats, term_start, term_end, trial_end, cancel_at_period_end)
		VALUES (?, 'stripe', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source, external_id) DO UPDATE SET
		account_id = excluded.account_id, status = excluded.status, amount_minor = excluded.amount_minor`)
	invoice := prep(`INSERT INTO invoices(account_id, source, external_id, status, amount_due_minor, amount_paid_minor, currency,
		issued_at, due_at, paid_at, attempts, last_failure_at, next_attempt_at, failure_reason)
		VALUES (?, 'stripe', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source, external_id) DO UPDATE SET
		status = excluded.status, amount_paid_minor = excluded.amount_paid_minor`)
	activity := prep(`INSERT INTO activities(account_id, source, external_id, kind, occurred_at, title, body)
		VALUES (?, 'stripe', ?, 'payment', ?, ?, ?) ON CONFLICT(source, external_id) DO UPDATE SET body = excluded.body`)
	ids := map[string]int64{}
	ts := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	var maxID int64 // an account with a greater id is new
	must(db.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) FROM accounts`).Scan(&maxID))
	for start := 0; start < len(pages); start += group {
		tx, err := db.BeginTx(ctx, nil)
		must(err)
		index := tx.Stmt(index)
		account, link, revenue, invoice, activity := tx.Stmt(account), tx.Stmt(link), tx.Stmt(revenue), tx.Stmt(invoice), tx.Stmt(activity)
		for _, p := range pages[start:min(start+group, len(pages))] {
			for _, a := range p.Accounts {
				var d any
				if a.Domain != "" {
					d = a.Domain
				}
				var id int64
				must(account.QueryRow(d, a.Name, a.PrimaryEmail, a.Name, ts(t0)).Scan(&id))
				if id > maxID {
					_, err := index.Exec(id, a.Name)
					must(err)
					maxID = id
				}
				_, err := link.Exec(a.Key, id)
				must(err)
				ids[a.Key] = id
			}
			for _, r := range p.Revenue {
				_, err := revenue.Exec(ids[r.AccountKey], r.ExternalID, r.Product, r.Status, r.Interval, r.Amount.AmountMinor,
					r.Amount.Currency, r.MRRMinor, r.ARRMinor, r.Seats, ts(r.TermStart), ts(r.TermEnd), ts(r.TrialEnd), r.CancelAtPeriodEnd)
				must(err)
			}
			for _, r := range p.Invoices {
				_, err := invoice.Exec(ids[r.AccountKey], r.ExternalID, r.Status, r.AmountDue.AmountMinor, r.AmountPaidMinor,
					r.AmountDue.Currency, ts(r.IssuedAt), ts(r.DueAt), ts(r.PaidAt), r.Attempts, ts(r.LastFailureAt), ts(r.NextAttemptAt), r.FailureReason)
				must(err)
			}
			for _, r := range p.Activities {
				_, err := activity.Exec(ids[r.AccountKey], r.ExternalID, ts(r.OccurredAt), r.Title, r.Body)
				must(err)
			}
		}
		must(tx.Commit())
	}
}

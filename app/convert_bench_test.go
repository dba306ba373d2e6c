package app_test

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/domain"
	"successdesk/backend/health"
	"successdesk/backend/store"
	"successdesk/backend/store/storetest"
)

// The Convert benchmarks share one book of 100,000 contracts, written once
// per test binary:
//
//	go test -run '^$' -bench 'Convert' -benchtime 20x ./app/
var (
	convertBookOnce sync.Once
	convertBookPath string
	convertBookErr  error
)

// convertBenchWorkspace opens the 100,000-contract book (writing it on
// first use) as a live workspace.
func convertBenchWorkspace(b *testing.B) *app.Workspace {
	b.Helper()
	convertBookOnce.Do(func() {
		// Beside the demo template, in the directory TestMain removes.
		convertBookPath = filepath.Join(filepath.Dir(demoTemplate), "convert-bench.db")
		ctx := context.Background()
		st, err := store.Open(ctx, convertBookPath)
		if err != nil {
			convertBookErr = err
			return
		}
		defer st.Close()
		convertBookErr = st.Write(ctx, func(tx *store.Tx) error {
			_, err := storetest.ConvertBook(ctx, tx, now)
			return err
		})
	})
	if convertBookErr != nil {
		b.Fatal(convertBookErr)
	}
	st, err := store.Open(context.Background(), convertBookPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	fx := domain.DefaultFXRates()
	return &app.Workspace{Store: st, Mode: app.ModeLive, FX: fx, Scorer: health.New(st, fx), Events: app.NopEmitter{},
		Now: func() time.Time { return now }, Version: "bench"}
}

// BenchmarkConvertRetally is what the Settings tab's autosave costs with
// 100,000 contracts in the book: save changed settings (each iteration
// moves the cut-offs, the urgency window and the minimum value), re-tally
// the queue in memory (select, score and tier every candidate), and read
// the first page (100 rows with their factors) and the cards.
func BenchmarkConvertRetally(b *testing.B) {
	ws := convertBenchWorkspace(b)
	svc := app.NewConvertService(ws)
	set, err := svc.Settings(app.InfoRequest{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := svc.List(app.ConvertQuery{}); err != nil { // the cold load, not timed
		b.Fatal(err)
	}
	total := 0
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		v := set.Settings
		v.HighCutoff, v.MediumCutoff, v.UrgencyDays, v.MinValueMinor = 70-i%2, 40+i%3, 7+i%2, int64(i%2)*500_00
		if _, err := svc.SaveSettings(v); err != nil {
			b.Fatal(err)
		}
		page, err := svc.List(app.ConvertQuery{})
		if err != nil || len(page.Rows) != 100 {
			b.Fatalf("%d rows (%v)", len(page.Rows), err)
		}
		if _, err := svc.Summary(app.ConvertQuery{}); err != nil {
			b.Fatal(err)
		}
		total = page.Total
	}
	b.ReportMetric(float64(total), "candidates")
}

// BenchmarkConvertColdLoad is a re-tally after new data: the candidates'
// facts are read again from the book (its caches reset), then tallied,
// and the first page and the cards read.
func BenchmarkConvertColdLoad(b *testing.B) {
	ws := convertBenchWorkspace(b)
	svc := app.NewConvertService(ws)
	b.ResetTimer()
	for b.Loop() {
		ws.Store.ResetCaches()
		page, err := svc.List(app.ConvertQuery{})
		if err != nil || len(page.Rows) != 100 {
			b.Fatalf("%d rows (%v)", len(page.Rows), err)
		}
		if _, err := svc.Summary(app.ConvertQuery{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConvertRoute is routing an account into Convert, and out again
// on the next iteration, as Health's row menu does: the queue re-reads the
// routes and the routed account's facts, not the book, re-tallies, and
// reads the first page and the cards.
func BenchmarkConvertRoute(b *testing.B) {
	ws := convertBenchWorkspace(b)
	svc := app.NewConvertService(ws)
	ctx := context.Background()
	if _, err := svc.List(app.ConvertQuery{}); err != nil { // the cold load, not timed
		b.Fatal(err)
	}
	var paying int64
	if err := ws.Store.DB().QueryRow(`SELECT a.id FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM revenue_sources r
		WHERE r.account_id = a.id AND r.status IN ('trialing', 'pending', 'draft')) ORDER BY a.id LIMIT 1`).Scan(&paying); err != nil {
		b.Fatal(err)
	}
	loads := app.ConvertLoads(svc)
	var routeID int64
	b.ResetTimer()
	for b.Loop() {
		err := ws.Store.Write(ctx, func(tx *store.Tx) error {
			if routeID != 0 {
				_, err := tx.UndoRoute(ctx, routeID)
				routeID = 0
				return err
			}
			r := domain.Route{AccountID: paying, From: domain.SectionHealth, To: domain.SectionConvert, Reason: "Asked about seats", CreatedAt: ws.Now()}
			err := tx.InsertRoute(ctx, &r)
			routeID = r.ID
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		page, err := svc.List(app.ConvertQuery{})
		if err != nil || len(page.Rows) != 100 {
			b.Fatalf("%d rows (%v)", len(page.Rows), err)
		}
		listed := slices.ContainsFunc(page.Rows, func(r app.ConvertRowDTO) bool { return r.AccountID == paying && r.Routed != nil })
		if listed != (routeID != 0) {
			b.Fatalf("routed %v, pinned on the first page %v", routeID != 0, listed)
		}
		if _, err := svc.Summary(app.ConvertQuery{}); err != nil {
			b.Fatal(err)
		}
	}
	if n := app.ConvertLoads(svc); n != loads {
		b.Fatalf("routing read the book's facts again %d times", n-loads)
	}
}

// BenchmarkConvertRawSQL is the floor the re-tally is measured against:
// candidate selection (statuses, sources, company domain, not paying,
// minimum value) and a simplified score (seats in use this week, calls and
// e-mails of the last 14 days, plan value; no trend, signals, urgency,
// currencies or routes) in one SQL query through database/sql, returning
// the first page of 100 and the total.
func BenchmarkConvertRawSQL(b *testing.B) {
	ws := convertBenchWorkspace(b)
	db := ws.Store.DB()
	ctx := context.Background()
	ts := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	day := now.Truncate(24 * time.Hour)
	since, week := ts(day.AddDate(0, 0, -13)), ts(domain.WeekStart(now))
	const q = `WITH c AS (
		SELECT rs.id, rs.account_id, rs.source, rs.seats, rs.arr_minor, rs.trial_end, a.name, a.domain
		FROM revenue_sources rs JOIN accounts a ON a.id = rs.account_id
		WHERE rs.status IN ('trialing', 'pending', 'draft') AND rs.source IN ('salesbricks', 'stripe') AND a.domain IS NOT NULL
		AND rs.arr_minor >= ? AND NOT EXISTS (SELECT 1 FROM revenue_sources p WHERE p.account_id = rs.account_id
			AND p.status IN ('active', 'past_due'))),
	s AS (
		SELECT c.*, (CASE WHEN c.seats > 0 THEN min(30, 30 * min(coalesce(u.active_users, 0), c.seats) / c.seats)
			ELSE min(30, 3 * coalesce(u.active_users, 0)) END)
			+ (SELECT min(10, 5 * count(*)) FROM activities x WHERE x.account_id = c.account_id AND x.kind = 'call' AND x.occurred_at >= ?)
			+ (SELECT min(6, 2 * count(*)) FROM activities x WHERE x.account_id = c.account_id AND x.kind = 'email' AND x.occurred_at >= ?)
			+ (CASE WHEN c.arr_minor >= 5000000 THEN 7 WHEN c.arr_minor >= 1500000 THEN 5 WHEN c.arr_minor >= 500000 THEN 3 ELSE 1 END)
			+ 3 AS score
		FROM c LEFT JOIN usage_weeks u ON u.account_id = c.account_id AND u.week_start = ?)
	SELECT id, name, domain, source, score, arr_minor, trial_end, count(*) OVER () FROM s
	ORDER BY score DESC, arr_minor DESC, id LIMIT 100`
	total := 0
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		rows, err := db.QueryContext(ctx, q, (i%2)*500_00, since, since, week)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var id, arr int64
			var name, dom, src, trialEnd string
			var score int
			if err := rows.Scan(&id, &name, &dom, &src, &score, &arr, &trialEnd, &total); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		if n != 100 {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(total), "candidates")
}

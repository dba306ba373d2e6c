package app_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/domain"
	"successdesk/backend/health"
	"successdesk/backend/store"
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
		convertBookErr = st.Write(ctx, func(tx *store.Tx) error { return writeConvertBenchBook(ctx, tx) })
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

// writeConvertBenchBook writes 85,000 accounts, each with a main record
// (10% Stripe trials, 4% Salesbricks draft or pending orders, the rest
// active, past due, canceled or expired) and 15,000 second records (a third
// of them draft expansion orders of paying accounts): 100,000 contracts,
// about 17,000 of them candidate records. Candidate accounts get eight
// usage weeks and up to four conversations, the others two weeks and up to
// one; 50 accounts are routed to Convert.
func writeConvertBenchBook(ctx context.Context, tx *store.Tx) error {
	const accounts, extras = 85_000, 15_000
	rng := rand.New(rand.NewPCG(3, 5))
	wk := domain.WeekStart(now)
	extra, ext := 0, 0
	rev := func(a int64, src domain.Source, st domain.RevenueStatus, monthly int64, seats int, trialEnd time.Time) error {
		ext++
		r := domain.RevenueSource{AccountID: a, Source: src, ExternalID: fmt.Sprintf("rec_%07d", ext), Product: "Pied Piper Pro",
			Status: st, Interval: domain.IntervalMonthly, Amount: domain.Money{AmountMinor: monthly, Currency: []string{"USD", "USD", "EUR", "GBP"}[rng.IntN(4)]},
			MRRMinor: monthly, ARRMinor: monthly * 12, Seats: seats, TermStart: now.AddDate(0, -rng.IntN(24), -rng.IntN(28)), TrialEnd: trialEnd}
		return tx.UpsertRevenueSource(ctx, &r)
	}
	for i := 0; i < accounts; i++ {
		d := fmt.Sprintf("company%06d.com", i)
		a := domain.Account{Domain: d, Name: fmt.Sprintf("Company %06d Labs", i), PrimaryEmail: "ops@" + d, Tracked: true, CreatedAt: now}
		if i%50 == 7 {
			a.Domain, a.PrimaryEmail = "", fmt.Sprintf("founder%d@gmail.com", i)
		}
		if err := tx.InsertAccount(ctx, &a); err != nil {
			return err
		}
		seats, monthly := 5+rng.IntN(60), int64(2_000+rng.IntN(400_000))
		cand := true
		var err error
		switch k := i % 100; {
		case k < 10:
			err = rev(a.ID, domain.SourceStripe, domain.StatusTrialing, monthly, seats, now.AddDate(0, 0, rng.IntN(30)-3))
		case k < 14:
			err = rev(a.ID, domain.SourceSalesbricks, []domain.RevenueStatus{domain.StatusDraft, domain.StatusPending}[k%2], monthly, seats, time.Time{})
		default:
			cand = false
			st := []domain.RevenueStatus{domain.StatusActive, domain.StatusActive, domain.StatusActive, domain.StatusPastDue,
				domain.StatusCanceled, domain.StatusExpired}[rng.IntN(6)]
			err = rev(a.ID, domain.SourceSalesbricks, st, monthly, seats, time.Time{})
			if err == nil && extra < extras && k >= 20 {
				extra++
				if extra%3 == 0 {
					err = rev(a.ID, domain.SourceSalesbricks, domain.StatusDraft, monthly/4, seats/4, time.Time{})
				} else {
					err = rev(a.ID, domain.SourceStripe, domain.StatusActive, 29_900, 0, time.Time{})
				}
			}
		}
		if err != nil {
			return err
		}
		nweeks, nact := 2, rng.IntN(2)
		if cand {
			nweeks, nact = 8, rng.IntN(5)
		}
		users := rng.IntN(seats + 1)
		for w := nweeks - 1; w >= 0; w-- {
			users = max(0, users+rng.IntN(7)-3)
			if err := tx.ReplaceUsageWeek(ctx, domain.UsageWeek{AccountID: a.ID, WeekStart: wk.AddDate(0, 0, -7*w), ActiveUsers: users}); err != nil {
				return err
			}
		}
		for j := 0; j < nact; j++ {
			x := domain.Activity{AccountID: a.ID, Source: domain.SourceBuildBetter, ExternalID: fmt.Sprintf("act_%d_%d", i, j),
				OccurredAt: now.Add(-time.Duration(rng.IntN(20*24)) * time.Hour), Title: "Weekly sync",
				Kind: []domain.ActivityKind{domain.ActivityCall, domain.ActivityEmail, domain.ActivitySignal}[rng.IntN(3)]}
			if x.Kind == domain.ActivitySignal {
				x.Signal = []domain.SignalKind{domain.SignalFeatureRequest, domain.SignalComplaint, domain.SignalPraise}[rng.IntN(3)]
			}
			if err := tx.UpsertActivity(ctx, &x); err != nil {
				return err
			}
		}
		if i%1700 == 3 || i%1700 == 20 { // trials, and accounts without a candidate record
			r := domain.Route{AccountID: a.ID, From: domain.SectionHealth, To: domain.SectionConvert, Reason: "Asked about upgrading", CreatedAt: now}
			if err := tx.InsertRoute(ctx, &r); err != nil {
				return err
			}
		}
	}
	return nil
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

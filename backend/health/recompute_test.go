package health

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
	"successdesk/backend/store/storetest"
)

// now1 is a Wednesday; its week starts Monday 2026-10-12.
var now1 = time.Date(2026, 10, 14, 15, 0, 0, 0, time.UTC)

// openStore opens a fresh store on a real file (see storetest.Open).
func openStore(t *testing.T) *store.Store { return storetest.Open(t) }

// account is one hand-made account of the test book.
type account struct {
	domain.Account
	revenue  []domain.RevenueSource
	invoices []domain.Invoice
	usage    []int // active users, oldest week first, the last one now1's week
	acts     []domain.Activity
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func activeContract(ext string, seats int, end time.Time) domain.RevenueSource {
	return domain.RevenueSource{Source: domain.SourceSalesbricks, ExternalID: ext, Product: "Platform",
		Status: domain.StatusActive, Interval: domain.IntervalAnnual, Amount: domain.Money{AmountMinor: 1_200_000, Currency: "USD"},
		MRRMinor: 100_000, ARRMinor: 1_200_000, Seats: seats, TermStart: day(2026, 1, 1), TermEnd: end}
}

func invoice(ext string, st domain.InvoiceStatus, issued time.Time) domain.Invoice {
	inv := domain.Invoice{Source: domain.SourceStripe, ExternalID: ext, Status: st,
		AmountDue: domain.Money{AmountMinor: 120_000, Currency: "USD"}, IssuedAt: issued, DueAt: issued.AddDate(0, 0, 30)}
	if st == domain.InvoicePaid {
		inv.PaidAt, inv.AmountPaidMinor = issued.AddDate(0, 0, 3), 120_000
	}
	return inv
}

func activity(ext string, sig domain.SignalKind, at time.Time, title string) domain.Activity {
	kind := domain.ActivitySignal
	if sig == "" {
		kind = domain.ActivityCall
	}
	return domain.Activity{Source: domain.SourceBuildBetter, ExternalID: ext, Kind: kind, Signal: sig, OccurredAt: at, Title: title}
}

// testBook is four accounts with known problems:
//
//	hooli      healthy: 22 of 25 seats active, paid, renewal far away
//	piedpiper  past-due invoice, failed payment: payment trouble
//	aviato     4 of 25 seats active, an escalation 24 days before now1: adoption trouble
//	raviga     untracked, no data at all
func testBook() []account {
	return []account{
		{Account: domain.Account{Domain: "hooli.com", Name: "Hooli", Tracked: true},
			revenue:  []domain.RevenueSource{activeContract("sb_hooli", 25, day(2027, 3, 1))},
			invoices: []domain.Invoice{invoice("in_hooli_1", domain.InvoicePaid, day(2026, 9, 1))},
			usage:    []int{21, 22, 22, 22},
			acts:     []domain.Activity{activity("call_hooli", "", day(2026, 10, 9), "QBR")}},
		{Account: domain.Account{Domain: "piedpiper.com", Name: "Pied Piper", Tracked: true},
			revenue: []domain.RevenueSource{activeContract("sb_pp", 20, day(2027, 2, 1))},
			invoices: []domain.Invoice{invoice("in_pp_1", domain.InvoiceOpen, day(2026, 8, 20)),
				func() domain.Invoice {
					inv := invoice("in_pp_2", domain.InvoiceFailed, day(2026, 10, 1))
					inv.Attempts, inv.LastFailureAt, inv.FailureReason = 2, day(2026, 10, 5), "card_declined"
					return inv
				}()},
			usage: []int{12, 12, 12, 12}},
		{Account: domain.Account{Domain: "aviato.com", Name: "Aviato", Tracked: true},
			revenue:  []domain.RevenueSource{activeContract("sb_aviato", 25, day(2027, 2, 1))},
			invoices: []domain.Invoice{invoice("in_av_1", domain.InvoicePaid, day(2026, 9, 1))},
			usage:    []int{4, 4, 4, 4},
			acts:     []domain.Activity{activity("sig_av_esc", domain.SignalEscalation, day(2026, 9, 20), "Data export broken")}},
		{Account: domain.Account{Domain: "raviga.com", Name: "Raviga", Tracked: false}},
	}
}

// writeBook inserts accounts through the store's write API and returns their ids.
func writeBook(t *testing.T, st *store.Store, book []account) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	ids := map[string]int64{}
	err := st.Write(ctx, func(tx *store.Tx) error {
		for _, a := range book {
			acct := a.Account
			acct.CreatedAt = day(2025, 1, 1)
			if err := tx.InsertAccount(ctx, &acct); err != nil {
				return err
			}
			ids[acct.Domain] = acct.ID
			for _, r := range a.revenue {
				r.AccountID = acct.ID
				if err := tx.UpsertRevenueSource(ctx, &r); err != nil {
					return err
				}
			}
			for _, inv := range a.invoices {
				inv.AccountID = acct.ID
				if err := tx.UpsertInvoice(ctx, &inv); err != nil {
					return err
				}
			}
			cur := domain.WeekStart(now1)
			for i, n := range a.usage {
				w := cur.AddDate(0, 0, -7*(len(a.usage)-1-i))
				if err := tx.ReplaceUsageWeek(ctx, domain.UsageWeek{AccountID: acct.ID, WeekStart: w, ActiveUsers: n}); err != nil {
					return err
				}
			}
			for _, act := range a.acts {
				act.AccountID = acct.ID
				if err := tx.UpsertActivity(ctx, &act); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func codes(h domain.HealthScore) []string {
	var out []string
	for _, f := range h.Factors {
		out = append(out, f.Code)
	}
	return out
}

func pageNames(p store.HealthPage) []string {
	var out []string
	for _, r := range p.Rows {
		out = append(out, r.Account.Name)
	}
	return out
}

func TestRecomputeWritesSnapshot(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	ids := writeBook(t, st, testBook())
	r := New(st, domain.DefaultFXRates())

	snap, err := r.Recompute(ctx, domain.DefaultHealthSettings(), now1.Add(123*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if snap.ID == 0 || snap.Accounts != 4 || !snap.ComputedAt.Equal(now1) || snap.Settings != domain.DefaultHealthSettings() {
		t.Fatalf("snapshot = %+v", snap)
	}
	latest, err := st.LatestSnapshot(ctx)
	if err != nil || latest.ID != snap.ID || !latest.ComputedAt.Equal(snap.ComputedAt) || latest.Accounts != 4 {
		t.Fatalf("LatestSnapshot = %+v, %v; Recompute returned %+v", latest, err, snap)
	}

	page, err := st.ListHealth(ctx, store.HealthQuery{IncludeUntracked: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := pageNames(page), []string{"Aviato", "Pied Piper", "Hooli", "Raviga"}; !slices.Equal(got, want) {
		t.Errorf("Health table order = %v, want %v (worst first)", got, want)
	}
	want := map[string]struct {
		score int
		level domain.RiskLevel
		codes []string
	}{
		"Pied Piper": {75, domain.RiskHealthy, []string{"past_due_invoice", "failed_payment"}},
		"Aviato":     {73, domain.RiskHealthy, []string{"very_low_adoption", "escalation"}},
		"Hooli":      {100, domain.RiskHealthy, []string{"high_adoption"}},
		"Raviga":     {100, domain.RiskHealthy, nil},
	}
	for _, row := range page.Rows {
		w := want[row.Account.Name]
		if row.Score.Score != w.score || row.Score.Level != w.level || !slices.Equal(codes(row.Score), w.codes) {
			t.Errorf("%s: %d %s %v, want %d %s %v", row.Account.Name, row.Score.Score, row.Score.Level,
				codes(row.Score), w.score, w.level, w.codes)
		}
	}

	h, at, err := st.LatestScore(ctx, ids["piedpiper.com"])
	if err != nil || !at.Equal(now1) {
		t.Fatalf("LatestScore: %v at %v", err, at)
	}
	if h.PaymentStatus != "past_due" || h.LicensedUsers != 20 || h.ActiveUsers == nil || *h.ActiveUsers != 12 ||
		h.ARR != (domain.Money{AmountMinor: 1_200_000, Currency: "USD"}) || !h.RenewalAt.Equal(day(2027, 2, 1)) {
		t.Errorf("Pied Piper columns = %+v", h)
	}
	pd := h.Factors[0]
	if pd.Code != "past_due_invoice" || pd.Points != -15 || pd.Base != -15 || pd.Detail == "" ||
		len(pd.Evidence) != 1 || pd.Evidence[0].Kind != "invoice" || pd.Evidence[0].Ref != "in_pp_1" ||
		!pd.Evidence[0].At.Equal(day(2026, 9, 19)) {
		t.Errorf("stored past-due factor = %+v", pd)
	}

	h, _, err = st.LatestScore(ctx, ids["raviga.com"])
	if err != nil {
		t.Fatal(err)
	}
	var missing []domain.Category
	for _, m := range h.Missing {
		missing = append(missing, m.Category)
	}
	if want := []domain.Category{domain.CategoryAdoption, domain.CategoryPayment, domain.CategoryRenewal}; !slices.Equal(missing, want) {
		t.Errorf("Raviga missing = %v, want %v", missing, want)
	}
	if h.ActiveUsers != nil || h.PaymentStatus != "none" || !h.RenewalAt.IsZero() {
		t.Errorf("Raviga columns = %+v", h)
	}

	h, _, err = st.LatestScore(ctx, ids["aviato.com"])
	if err != nil {
		t.Fatal(err)
	}
	if esc := h.Factors[1]; esc.Evidence[0].Kind != "signal" || esc.Evidence[0].Ref != "sig_av_esc" || esc.Evidence[0].Label != "Data export broken" {
		t.Errorf("stored escalation evidence = %+v", esc.Evidence)
	}
}

func TestRecomputeAddsHistory(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	ids := writeBook(t, st, testBook())
	r := New(st, domain.DefaultFXRates())
	first, err := r.Recompute(ctx, domain.DefaultHealthSettings(), now1)
	if err != nil {
		t.Fatal(err)
	}
	// A week on, Aviato's escalation (2026-09-20) is older than 30 days.
	later := now1.AddDate(0, 0, 7)
	second, err := r.Recompute(ctx, domain.DefaultHealthSettings(), later)
	if err != nil {
		t.Fatal(err)
	}
	if second.ID <= first.ID {
		t.Fatalf("second snapshot id %d not after %d", second.ID, first.ID)
	}
	hist, err := st.ScoreHistory(ctx, ids["aviato.com"], 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].SnapshotID != first.ID || hist[1].SnapshotID != second.ID ||
		!hist[0].ComputedAt.Equal(now1) || !hist[1].ComputedAt.Equal(later) {
		t.Fatalf("history = %+v", hist)
	}
	if hist[0].Score.Score != 73 || hist[1].Score.Score != 85 || slices.Contains(codes(hist[1].Score), "escalation") {
		t.Errorf("Aviato history scores %d → %d (%v), want 73 → 85 without the escalation",
			hist[0].Score.Score, hist[1].Score.Score, codes(hist[1].Score))
	}
}

func TestRecomputeWeightsChangeOrder(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	writeBook(t, st, testBook())
	r := New(st, domain.DefaultFXRates())
	tracked := store.HealthQuery{Limit: 2}

	if _, err := r.Recompute(ctx, domain.DefaultHealthSettings(), now1); err != nil {
		t.Fatal(err)
	}
	page, err := st.ListHealth(ctx, tracked)
	if err != nil {
		t.Fatal(err)
	}
	if got := pageNames(page); !slices.Equal(got, []string{"Aviato", "Pied Piper"}) {
		t.Fatalf("default order = %v, want Aviato (73) before Pied Piper (75)", got)
	}

	paymentFirst := domain.DefaultHealthSettings()
	paymentFirst.Weights = domain.Weights{Adoption: 5, Payment: 100, Renewal: 20, Signals: 20}
	if _, err := r.Recompute(ctx, paymentFirst, now1.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	page, err = st.ListHealth(ctx, tracked)
	if err != nil {
		t.Fatal(err)
	}
	if got := pageNames(page); !slices.Equal(got, []string{"Pied Piper", "Aviato"}) {
		t.Errorf("payment-weighted order = %v, want Pied Piper first", got)
	}
	if page.Snapshot.Settings != paymentFirst {
		t.Errorf("snapshot settings = %+v, want %+v", page.Snapshot.Settings, paymentFirst)
	}
	// Pied Piper: (-15 -10) × 100/25 = -100; Aviato: -15 × 5/35 → -2, escalation -12.
	if got := page.Rows[0].Score; got.Score != 0 || got.Level != domain.RiskCritical {
		t.Errorf("Pied Piper payment-weighted = %d %s, want 0 critical", got.Score, got.Level)
	}
	if got := page.Rows[1].Score; got.Score != 86 || !slices.Equal(codes(got), []string{"escalation", "very_low_adoption"}) {
		t.Errorf("Aviato payment-weighted = %d %v, want 86 [escalation very_low_adoption]", got.Score, codes(got))
	}
}

func TestRecomputeRejectsInvalidSettings(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	writeBook(t, st, testBook())
	bad := domain.DefaultHealthSettings()
	bad.Weights.Payment = 101
	_, err := New(st, domain.DefaultFXRates()).Recompute(ctx, bad, now1)
	if domain.ErrorCode(err) != domain.EInvalid {
		t.Fatalf("err = %v, want code %s", err, domain.EInvalid)
	}
	if _, err := st.LatestSnapshot(ctx); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("a snapshot was written: %v", err)
	}
}

func TestRecomputeCanceled(t *testing.T) {
	st := openStore(t)
	writeBook(t, st, testBook())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New(st, domain.DefaultFXRates()).Recompute(ctx, domain.DefaultHealthSettings(), now1)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if _, err := st.LatestSnapshot(context.Background()); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("a snapshot was written: %v", err)
	}
}

// TestSeedBook checks the benchmark fixture on a small book: every account
// is scored, and the mix reaches every level and every category.
func TestSeedBook(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	stats, err := seedBook(ctx, st, 600, now1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if stats.accounts != 600 || stats.usage == 0 || stats.invoices != 2400 {
		t.Fatalf("stats = %v", stats)
	}
	snap, err := New(st, domain.DefaultFXRates()).Recompute(ctx, domain.DefaultHealthSettings(), now1)
	if err != nil || snap.Accounts != 600 {
		t.Fatalf("snapshot %+v, err %v", snap, err)
	}
	levels := map[domain.RiskLevel]bool{}
	cats := map[domain.Category]bool{}
	page, err := st.ListHealth(ctx, store.HealthQuery{IncludeUntracked: true, Limit: 600})
	if err != nil || page.Total != 600 {
		t.Fatalf("page total %d, err %v", page.Total, err)
	}
	for _, row := range page.Rows {
		levels[row.Score.Level] = true
		for _, f := range row.Score.Factors {
			cats[f.Category] = true
		}
	}
	if len(levels) != 3 || len(cats) != 4 {
		t.Errorf("levels %v, categories %v: the fixture should reach all", levels, cats)
	}
}

// TestRecomputeReadFailureKeepsLastSnapshot breaks the usage row of the
// book's last account, so the read fails after earlier batches were already
// written in the open transaction: the recompute says which side failed,
// and the store keeps the previous snapshot and scores exactly.
func TestRecomputeReadFailureKeepsLastSnapshot(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	if _, err := seedBook(ctx, st, 600, now1, 1); err != nil {
		t.Fatal(err)
	}
	r := New(st, domain.DefaultFXRates())
	first, err := r.Recompute(ctx, domain.DefaultHealthSettings(), now1)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := openWriter(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var rowsBefore int
	if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM health_scores`).Scan(&rowsBefore); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, `UPDATE usage_series SET weeks = json_set(weeks, '$.x', 'many')
		WHERE account_id = (SELECT max(id) FROM accounts)`); err != nil {
		t.Fatal(err)
	}
	s := domain.DefaultHealthSettings()
	s.Weights.Adoption, s.Weights.Payment = 20, 40 // every score changes
	_, err = r.Recompute(ctx, s, now1.Add(time.Hour))
	if err == nil || !strings.Contains(err.Error(), "read health inputs") {
		t.Fatalf("err = %v, want a read failure", err)
	}
	latest, err := st.LatestSnapshot(ctx)
	if err != nil || latest.ID != first.ID {
		t.Fatalf("latest snapshot = %+v (err %v), want %d", latest, err, first.ID)
	}
	var rowsAfter int
	if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM health_scores`).Scan(&rowsAfter); err != nil {
		t.Fatal(err)
	}
	if rowsAfter != rowsBefore {
		t.Errorf("health_scores rows %d → %d: a failed recompute wrote scores", rowsBefore, rowsAfter)
	}
}

// TestRecomputeWhileAccountsAreDeleted deletes an account at the moment
// each of 20 recomputes starts, in its own transaction: every recompute
// succeeds (an account deleted between the scan and the write used to fail
// the snapshot on the foreign key), every deletion lands, and no score row
// names a missing account.
func TestRecomputeWhileAccountsAreDeleted(t *testing.T) {
	ctx := context.Background()
	st, raw := seededWithWriter(t, 600)
	const runs = 20
	start, done := make(chan struct{}), make(chan error)
	go func() {
		for range start {
			res, err := raw.ExecContext(ctx, `DELETE FROM accounts WHERE id = (SELECT max(id) FROM accounts)`)
			if err == nil {
				if n, _ := res.RowsAffected(); n != 1 {
					err = fmt.Errorf("deleted %d accounts, want 1", n)
				}
			}
			done <- err
		}
	}()
	defer close(start)
	r := New(st, domain.DefaultFXRates())
	for i := range runs {
		s := domain.DefaultHealthSettings()
		s.Weights.Adoption = 20 + i // every score changes, so every row is written
		start <- struct{}{}
		_, rerr := r.Recompute(ctx, s, now1.Add(time.Duration(i)*time.Minute))
		if derr := <-done; derr != nil {
			t.Fatalf("delete %d: %v", i, derr)
		}
		if rerr != nil {
			t.Fatalf("recompute %d: %v", i, rerr)
		}
	}
	var accounts, orphans int
	if err := raw.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM accounts),
		(SELECT count(*) FROM health_scores WHERE account_id NOT IN (SELECT id FROM accounts))
		+ (SELECT count(*) FROM health_current WHERE account_id NOT IN (SELECT id FROM accounts))`).Scan(&accounts, &orphans); err != nil {
		t.Fatal(err)
	}
	if accounts != 600-runs || orphans != 0 {
		t.Fatalf("%d accounts left, want %d; %d score rows name a missing account", accounts, 600-runs, orphans)
	}
}

// TestRecomputeCopiesAccountListing: the Health list's copy of each
// account's name, tracked flag and search text (health_current, copied
// when a score is written and kept by a trigger on accounts) matches
// accounts after a first recompute, and after renames, untracking and a
// recompute that rewrites every row.
func TestRecomputeCopiesAccountListing(t *testing.T) {
	ctx := context.Background()
	st, raw := seededWithWriter(t, 300)
	r := New(st, domain.DefaultFXRates())
	check := func(when string) {
		t.Helper()
		var current, accounts, differ int
		if err := raw.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM health_current), (SELECT count(*) FROM accounts),
			(SELECT count(*) FROM health_current c JOIN accounts a ON a.id = c.account_id
			 WHERE (c.tracked, c.name, c.search_text) IS NOT (a.tracked, a.name, a.search_text))`).Scan(&current, &accounts, &differ); err != nil {
			t.Fatal(err)
		}
		if current != accounts || accounts != 300 || differ != 0 {
			t.Fatalf("%s: %d current rows for %d accounts, %d differ from their account", when, current, accounts, differ)
		}
	}
	if _, err := r.Recompute(ctx, domain.DefaultHealthSettings(), now1); err != nil {
		t.Fatal(err)
	}
	check("first recompute")
	for _, q := range []string{
		`UPDATE accounts SET tracked = 0 WHERE id % 7 = 0`,
		`UPDATE accounts SET name = name || ' <b>Renamed</b>', search_text = search_text || ' renamed' WHERE id % 5 = 0`,
	} {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	s := domain.DefaultHealthSettings()
	s.Weights.Adoption++ // every score changes, so every row is rewritten
	if _, err := r.Recompute(ctx, s, now1.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	check("after renames")
	var renamed, untracked int
	if err := raw.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM health_current WHERE name LIKE '%<b>Renamed</b>'),
		(SELECT count(*) FROM health_current WHERE tracked = 0)`).Scan(&renamed, &untracked); err != nil || renamed == 0 || untracked == 0 {
		t.Fatalf("%d renamed and %d untracked rows (%v)", renamed, untracked, err)
	}
}

// seededWithWriter opens a store seeded with a generated book of n
// accounts, and a second writer on its file for changes made behind the
// recompute's back; both close with the test.
func seededWithWriter(t *testing.T, n int) (*store.Store, *sql.DB) {
	t.Helper()
	st := openStore(t)
	if _, err := seedBook(context.Background(), st, n, now1, 1); err != nil {
		t.Fatal(err)
	}
	raw, err := openWriter(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return st, raw
}

package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

type seedAccount struct {
	name, domain, email string
	score               int
	arr                 int64
	renewalDays         int
	tracked             bool
	factors             int
}

// seedHealth writes accounts and one snapshot of hand-made scores.
func seedHealth(t *testing.T, st *store.Store, accts []seedAccount) []int64 {
	t.Helper()
	ctx := context.Background()
	cut := domain.DefaultHealthSettings().Cutoffs
	ids := make([]int64, len(accts))
	err := st.Write(ctx, func(tx *store.Tx) error {
		for i, s := range accts {
			a := domain.Account{Domain: s.domain, Name: s.name, PrimaryEmail: "ops@" + s.domain, Tracked: s.tracked, CreatedAt: t0}
			if err := tx.InsertAccount(ctx, &a, s.email); err != nil {
				return err
			}
			ids[i] = a.ID
		}
		snap, err := tx.BeginSnapshot(ctx, t0, domain.DefaultHealthSettings(), len(accts))
		if err != nil {
			return err
		}
		for i, s := range accts {
			fs := make([]domain.RiskFactor, s.factors)
			for j := range fs {
				fs[j] = domain.RiskFactor{Code: "f", Category: domain.CategoryPayment, Label: "F", Points: -1, Base: -1}
			}
			h := domain.HealthScore{AccountID: ids[i], Score: s.score, Level: cut.Level(s.score), Factors: fs,
				ARR: domain.Money{AmountMinor: s.arr, Currency: "USD"}, ARRBaseMinor: s.arr,
				RenewalAt: t0.AddDate(0, 0, s.renewalDays), PaymentStatus: "active"}
			if _, err := tx.AddScore(ctx, snap, &h); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func names(p store.HealthPage) []string {
	out := []string{}
	for _, r := range p.Rows {
		out = append(out, r.Account.Name)
	}
	return out
}

func eq(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestListHealth(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	if _, err := st.ListHealth(ctx, store.HealthQuery{}); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("no snapshot yet: %v", err)
	}
	ids := seedHealth(t, st, []seedAccount{
		{"Hooli", "hooli.com", "gavin@hooli.com", 30, 500_00, 5, true, 3},
		{"Aviato", "aviato.com", "erlich@aviato.com", 55, 900_00, 40, true, 2},
		{"Initech", "initech.com", "bill@initech.com", 90, 300_00, 200, true, 0},
		{"Raviga", "raviga.com", "laurie@raviga.com", 30, 800_00, 20, true, 1},
		{"Untracked Co", "untracked.io", "x@untracked.io", 10, 100_00, 3, false, 4},
		{"Foo_Bar 100%", "foobar.io", "a@foobar.io", 80, 1_00, 100, true, 0},
	})
	cases := []struct {
		name string
		q    store.HealthQuery
		want []string
	}{
		{"default worst first, ARR breaks ties", store.HealthQuery{}, []string{"Raviga", "Hooli", "Aviato", "Foo_Bar 100%", "Initech"}},
		{"critical only", store.HealthQuery{Risk: domain.RiskCritical}, []string{"Raviga", "Hooli"}},
		{"untracked shown", store.HealthQuery{Risk: domain.RiskCritical, IncludeUntracked: true}, []string{"Untracked Co", "Raviga", "Hooli"}},
		{"search contact e-mail", store.HealthQuery{Search: "ERLICH@"}, []string{"Aviato"}},
		{"search domain", store.HealthQuery{Search: "initech.com"}, []string{"Initech"}},
		{"like wildcards are literal", store.HealthQuery{Search: "_bar 100%"}, []string{"Foo_Bar 100%"}},
		{"percent alone matches nothing", store.HealthQuery{Search: "%%"}, []string{}},
		{"sort ARR desc", store.HealthQuery{Sort: store.SortARR, Desc: true}, []string{"Aviato", "Raviga", "Hooli", "Initech", "Foo_Bar 100%"}},
		{"sort account", store.HealthQuery{Sort: store.SortAccount}, []string{"Aviato", "Foo_Bar 100%", "Hooli", "Initech", "Raviga"}},
		{"sort renewal", store.HealthQuery{Sort: store.SortRenewal}, []string{"Hooli", "Raviga", "Aviato", "Foo_Bar 100%", "Initech"}},
		{"sort factors desc", store.HealthQuery{Sort: store.SortFactors, Desc: true}, []string{"Hooli", "Aviato", "Raviga", "Foo_Bar 100%", "Initech"}},
		{"paging", store.HealthQuery{Limit: 2, Offset: 1}, []string{"Hooli", "Aviato"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := st.ListHealth(ctx, c.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(p); !eq(got, c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			if c.q.Limit == 0 && p.Total != len(c.want) {
				t.Fatalf("total %d, want %d", p.Total, len(c.want))
			}
		})
	}
	// An account routed into Health is pinned first and carries its route.
	r := domain.Route{AccountID: ids[2], From: domain.SectionContracts, To: domain.SectionHealth, Reason: "Payment fixed", CreatedAt: t0}
	if err := st.Write(ctx, func(tx *store.Tx) error { return tx.InsertRoute(ctx, &r) }); err != nil {
		t.Fatal(err)
	}
	p, err := st.ListHealth(ctx, store.HealthQuery{PinSection: domain.SectionHealth})
	if err != nil {
		t.Fatal(err)
	}
	if p.Rows[0].Account.Name != "Initech" || p.Rows[0].Route == nil || p.Rows[0].Route.Reason != "Payment fixed" ||
		p.Rows[0].Route.From != domain.SectionContracts {
		t.Fatalf("pinned row: %+v", p.Rows[0])
	}
	if p.Rows[1].Route != nil {
		t.Fatalf("unrouted row carries a route: %+v", p.Rows[1])
	}
}

func TestSummarizeHealth(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	seedHealth(t, st, []seedAccount{
		{"A", "a.com", "", 30, 100_00, 0, true, 0},
		{"B", "b.com", "", 50, 200_00, 30, true, 0},
		{"C", "c.com", "", 90, 400_00, 31, true, 0},
		{"D", "d.com", "", 20, 800_00, 5, false, 0},
		{"E", "e.com", "", 95, 1600_00, -1, true, 0},
	})
	sum, err := st.SummarizeHealth(ctx, store.HealthQuery{Risk: domain.RiskHealthy}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Count[domain.RiskCritical] != 1 || sum.Count[domain.RiskAtRisk] != 1 || sum.Count[domain.RiskHealthy] != 2 {
		t.Fatalf("counts ignore the risk filter and hide untracked: %+v", sum.Count)
	}
	if sum.Renewing30 != 2 {
		t.Fatalf("renewing in 30 days (today and day 30 count, day 31 and past do not): %d", sum.Renewing30)
	}
	if got := sum.ARRBaseMinor[domain.RiskHealthy]; got != 2000_00 {
		t.Fatalf("healthy ARR %d", got)
	}
	sum, _ = st.SummarizeHealth(ctx, store.HealthQuery{IncludeUntracked: true, Search: "d.com"}, t0)
	if sum.Accounts != 1 || sum.ARRBaseMinor[domain.RiskCritical] != 800_00 {
		t.Fatalf("search + untracked: %+v", sum)
	}
}

func TestScanFactsMergesByAccount(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	var ids []int64
	err := st.Write(ctx, func(tx *store.Tx) error {
		for i, d := range []string{"a.com", "b.com", "c.com"} {
			a := domain.Account{Domain: d, Name: d, CreatedAt: t0}
			if err := tx.InsertAccount(ctx, &a); err != nil {
				return err
			}
			ids = append(ids, a.ID)
			// b.com gets nothing; a.com and c.com get usage, signals, invoices.
			if i == 1 {
				continue
			}
			for w := 0; w < 3; w++ {
				u := domain.UsageWeek{AccountID: a.ID, WeekStart: domain.WeekStart(t0).AddDate(0, 0, -7*w), ActiveUsers: 10 + w}
				if err := tx.ReplaceUsageWeek(ctx, u); err != nil {
					return err
				}
			}
			old := domain.UsageWeek{AccountID: a.ID, WeekStart: t0.AddDate(-1, 0, 0), ActiveUsers: 99}
			if err := tx.ReplaceUsageWeek(ctx, old); err != nil {
				return err
			}
			sig := domain.Activity{AccountID: a.ID, Source: domain.SourceBuildBetter, ExternalID: "sig-" + d,
				Kind: domain.ActivitySignal, Signal: domain.SignalComplaint, OccurredAt: t0.AddDate(0, 0, -2)}
			call := domain.Activity{AccountID: a.ID, Source: domain.SourceBuildBetter, ExternalID: "call-" + d,
				Kind: domain.ActivityCall, OccurredAt: t0.AddDate(0, 0, -1)}
			if err := tx.UpsertActivity(ctx, &sig); err != nil {
				return err
			}
			if err := tx.UpsertActivity(ctx, &call); err != nil {
				return err
			}
			paid := domain.Invoice{AccountID: a.ID, Source: domain.SourceStripe, ExternalID: "in-paid-" + d, Status: domain.InvoicePaid,
				AmountDue: domain.Money{AmountMinor: 100, Currency: "USD"}, IssuedAt: t0.AddDate(0, -1, 0), PaidAt: t0.AddDate(0, -1, 1)}
			open := domain.Invoice{AccountID: a.ID, Source: domain.SourceStripe, ExternalID: "in-open-" + d, Status: domain.InvoiceOpen,
				AmountDue: domain.Money{AmountMinor: 100, Currency: "USD"}, IssuedAt: t0.AddDate(-2, 0, 0)}
			for _, inv := range []*domain.Invoice{&paid, &open} {
				if err := tx.UpsertInvoice(ctx, inv); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	w := store.FactsWindow{AsOf: t0, UsageSince: t0.AddDate(0, 0, -91), SignalsSince: t0.AddDate(0, 0, -90), FailuresSince: t0.AddDate(0, 0, -30)}
	var got []string
	err = st.ScanFacts(ctx, w, func(f *domain.AccountFacts) error {
		got = append(got, f.Account.Domain)
		want := 3
		if f.Account.Domain == "b.com" {
			want = 0
		}
		if len(f.Usage) != want {
			t.Errorf("%s: %d usage weeks, want %d (the year-old week is outside the window)", f.Account.Domain, len(f.Usage), want)
		}
		if want > 0 {
			// The paid invoice cannot move a score, so only the unpaid one (two years old) is read; both count.
			if len(f.Signals) != 1 || f.Signals[0].Kind != domain.ActivitySignal || len(f.Invoices) != 1 ||
				f.Invoices[0].Status != domain.InvoiceOpen || !f.Invoiced {
				t.Errorf("%s: signals %d invoices %d, invoiced %t", f.Account.Domain, len(f.Signals), len(f.Invoices), f.Invoiced)
			}
			if len(f.Usage) > 0 && f.Usage[len(f.Usage)-1].ActiveUsers != 10 {
				t.Errorf("%s: newest week %+v", f.Account.Domain, f.Usage[len(f.Usage)-1])
			}
			if !f.LastActivityAt.Equal(t0.AddDate(0, 0, -1)) {
				t.Errorf("%s: last activity %v", f.Account.Domain, f.LastActivityAt)
			}
			if f.Usage[0].WeekStart.After(f.Usage[len(f.Usage)-1].WeekStart) {
				t.Errorf("usage not oldest first")
			}
		} else if len(f.Signals) != 0 || len(f.Invoices) != 0 || f.Invoiced || !f.LastActivityAt.IsZero() {
			t.Errorf("b.com picked up another account's rows: %+v", f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !eq(got, []string{"a.com", "b.com", "c.com"}) {
		t.Fatalf("order %v", got)
	}
	_ = ids
	_ = time.Second
}

func TestScoresAreStoredAsChanges(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	a := domain.Account{Domain: "bachman.io", Name: "Bachmanity", Tracked: true, CreatedAt: t0}
	if err := st.Write(ctx, func(tx *store.Tx) error { return tx.InsertAccount(ctx, &a) }); err != nil {
		t.Fatal(err)
	}
	h := domain.HealthScore{AccountID: a.ID, Score: 62, Level: domain.RiskAtRisk, PaymentStatus: "active",
		ARR: domain.Money{AmountMinor: 100_00, Currency: "USD"}, ARRBaseMinor: 100_00,
		Factors: []domain.RiskFactor{{Code: "low_adoption", Category: domain.CategoryAdoption, Label: "Low product adoption", Points: -8, Base: -8}}}
	snapshot := func(at time.Time, h domain.HealthScore) (changed bool) {
		t.Helper()
		err := st.Write(ctx, func(tx *store.Tx) error {
			id, err := tx.BeginSnapshot(ctx, at, domain.DefaultHealthSettings(), 1)
			if err != nil {
				return err
			}
			changed, err = tx.AddScore(ctx, id, &h)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return changed
	}
	if !snapshot(t0, h) {
		t.Fatal("the first score is a change")
	}
	if snapshot(t0.Add(time.Hour), h) {
		t.Fatal("the same score again was stored")
	}
	h.Factors[0].Detail = "9 of 25 licensed users active"
	if !snapshot(t0.Add(2*time.Hour), h) {
		t.Fatal("a changed detail was not stored")
	}
	hist, err := st.ScoreHistory(ctx, a.ID, 0)
	if err != nil || len(hist) != 2 || !hist[1].ComputedAt.Equal(t0.Add(2*time.Hour)) {
		t.Fatalf("history %+v err %v", hist, err)
	}
	snap, _ := st.LatestSnapshot(ctx)
	if snap.Changed != 1 || !snap.ComputedAt.Equal(t0.Add(2*time.Hour)) {
		t.Fatalf("latest snapshot %+v", snap)
	}
	cur, at, err := st.LatestScore(ctx, a.ID)
	if err != nil || cur.Factors[0].Detail == "" || !at.Equal(t0.Add(2*time.Hour)) {
		t.Fatalf("current %+v at %v err %v", cur, at, err)
	}
	// Pruning far in the future keeps the current row.
	if err := st.Write(ctx, func(tx *store.Tx) error { return tx.PruneSnapshots(ctx, t0.AddDate(2, 0, 0)) }); err != nil {
		t.Fatal(err)
	}
	if hist, _ := st.ScoreHistory(ctx, a.ID, 0); len(hist) != 1 || hist[0].Score.Factors[0].Detail == "" {
		t.Fatalf("after pruning: %+v", hist)
	}
	if _, _, err := st.LatestScore(ctx, a.ID); err != nil {
		t.Fatalf("pruning lost the current score: %v", err)
	}
}

func TestScanFactsReadsOnlyTheAskedSignalKinds(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	err := st.Write(ctx, func(tx *store.Tx) error {
		a := domain.Account{Domain: "a.com", Name: "A", CreatedAt: t0}
		if err := tx.InsertAccount(ctx, &a); err != nil {
			return err
		}
		for i, k := range []domain.SignalKind{domain.SignalPraise, domain.SignalComplaint, domain.SignalFeatureRequest} {
			s := domain.Activity{AccountID: a.ID, Source: domain.SourceBuildBetter, ExternalID: string(k), Kind: domain.ActivitySignal,
				Signal: k, OccurredAt: t0.AddDate(0, 0, -i-1)}
			if err := tx.UpsertActivity(ctx, &s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	w := store.FactsWindow{AsOf: t0, SignalsSince: t0.AddDate(0, 0, -90), SignalKinds: []domain.SignalKind{domain.SignalComplaint}}
	var got []domain.SignalKind
	if err := st.ScanFacts(ctx, w, func(f *domain.AccountFacts) error {
		for _, s := range f.Signals {
			got = append(got, s.Signal)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != domain.SignalComplaint {
		t.Fatalf("signals read: %v", got)
	}
}

// TestScanFactsStartsSomeKindsLater: with complaints read from 30 days
// back and NPS from 90, a 40-day-old complaint is left out and a 60-day-old
// NPS answer read.
func TestScanFactsStartsSomeKindsLater(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	err := st.Write(ctx, func(tx *store.Tx) error {
		a := domain.Account{Domain: "a.com", Name: "A", CreatedAt: t0}
		if err := tx.InsertAccount(ctx, &a); err != nil {
			return err
		}
		for _, s := range []struct {
			kind domain.SignalKind
			days int
		}{{domain.SignalComplaint, 10}, {domain.SignalComplaint, 40}, {domain.SignalNPS, 60}, {domain.SignalNPS, 100}} {
			act := domain.Activity{AccountID: a.ID, Source: domain.SourceBuildBetter, ExternalID: fmt.Sprintf("%s-%d", s.kind, s.days),
				Kind: domain.ActivitySignal, Signal: s.kind, OccurredAt: t0.AddDate(0, 0, -s.days)}
			if err := tx.UpsertActivity(ctx, &act); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	w := store.FactsWindow{AsOf: t0, SignalsSince: t0.AddDate(0, 0, -90),
		SignalKinds: []domain.SignalKind{domain.SignalComplaint, domain.SignalNPS},
		KindSince:   map[domain.SignalKind]time.Time{domain.SignalComplaint: t0.AddDate(0, 0, -30)}}
	var got []string
	if err := st.ScanFacts(ctx, w, func(f *domain.AccountFacts) error {
		for _, s := range f.Signals {
			got = append(got, s.ExternalID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"nps-60", "complaint-10"}; !reflect.DeepEqual(got, want) { // oldest first
		t.Fatalf("signals read: %v, want %v", got, want)
	}
}

// TestScanFactsSaysWhoWasInvoiced: an account whose only invoices were
// paid long ago has none read but still counts as invoiced, and its last
// activity is its newest one, whatever order the activities were written.
func TestScanFactsSaysWhoWasInvoiced(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	err := st.Write(ctx, func(tx *store.Tx) error {
		for _, d := range []string{"billed.com", "never.com"} {
			a := domain.Account{Domain: d, Name: d, CreatedAt: t0}
			if err := tx.InsertAccount(ctx, &a); err != nil {
				return err
			}
			for _, days := range []int{20, 3, 50} {
				act := domain.Activity{AccountID: a.ID, Source: domain.SourceBuildBetter, ExternalID: fmt.Sprintf("%s-%d", d, days),
					Kind: domain.ActivityCall, OccurredAt: t0.AddDate(0, 0, -days)}
				if err := tx.UpsertActivity(ctx, &act); err != nil {
					return err
				}
			}
			if d != "billed.com" {
				continue
			}
			for m := 1; m <= 2; m++ {
				inv := domain.Invoice{AccountID: a.ID, Source: domain.SourceStripe, ExternalID: fmt.Sprintf("in-%d", m),
					Status: domain.InvoicePaid, AmountDue: domain.Money{AmountMinor: 100, Currency: "USD"},
					IssuedAt: t0.AddDate(0, -12*m, 0), PaidAt: t0.AddDate(0, -12*m, 1)}
				if err := tx.UpsertInvoice(ctx, &inv); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	w := store.FactsWindow{AsOf: t0, FailuresSince: t0.AddDate(0, 0, -30)}
	if err := st.ScanFacts(ctx, w, func(f *domain.AccountFacts) error {
		got[f.Account.Domain] = fmt.Sprintf("invoiced %t, %d read, last %s", f.Invoiced, len(f.Invoices),
			f.LastActivityAt.Format(time.DateOnly))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	last := t0.AddDate(0, 0, -3).Format(time.DateOnly)
	want := map[string]string{"billed.com": "invoiced true, 0 read, last " + last, "never.com": "invoiced false, 0 read, last " + last}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("facts: %v, want %v", got, want)
	}
}

// TestScanFactsRangeReadsItsOwnInvoices scans account-id ranges, as the
// recompute's readers do, and checks that each range gets exactly its
// accounts and, of their invoices, the three kinds that can move a score:
// unpaid, failed lately and paid after the moment scored.
func TestScanFactsRangeReadsItsOwnInvoices(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	usd := domain.Money{AmountMinor: 100, Currency: "USD"}
	var ids []int64
	err := st.Write(ctx, func(tx *store.Tx) error {
		for _, d := range []string{"a.com", "b.com", "c.com", "d.com"} {
			a := domain.Account{Domain: d, Name: d, CreatedAt: t0}
			if err := tx.InsertAccount(ctx, &a); err != nil {
				return err
			}
			ids = append(ids, a.ID)
			for _, inv := range []domain.Invoice{
				{ExternalID: "open", Status: domain.InvoiceOpen, IssuedAt: t0.AddDate(0, -3, 0)},
				{ExternalID: "failed-lately", Status: domain.InvoicePaid, IssuedAt: t0.AddDate(0, -2, 0),
					LastFailureAt: t0.AddDate(0, 0, -5), PaidAt: t0.AddDate(0, 0, -4)},
				{ExternalID: "paid-later", Status: domain.InvoicePaid, IssuedAt: t0.AddDate(0, -1, 0), PaidAt: t0.AddDate(0, 0, 3)},
				{ExternalID: "settled", Status: domain.InvoicePaid, IssuedAt: t0.AddDate(0, -4, 0),
					LastFailureAt: t0.AddDate(0, -4, 1), PaidAt: t0.AddDate(0, -4, 2)},
			} {
				inv.AccountID, inv.Source, inv.AmountDue = a.ID, domain.SourceStripe, usd
				inv.ExternalID = d + "-" + inv.ExternalID
				if err := tx.UpsertInvoice(ctx, &inv); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	w := store.FactsWindow{AsOf: t0, UsageSince: t0.AddDate(0, 0, -91), SignalsSince: t0.AddDate(0, 0, -90), FailuresSince: t0.AddDate(0, 0, -30)}
	scan := func(from, to int64) map[string][]string {
		t.Helper()
		w.FromID, w.ToID = from, to
		got := map[string][]string{}
		err := st.ScanFacts(ctx, w, func(f *domain.AccountFacts) error {
			got[f.Account.Domain] = []string{}
			for _, inv := range f.Invoices {
				got[f.Account.Domain] = append(got[f.Account.Domain], inv.ExternalID)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	read := func(d string) []string { return []string{d + "-paid-later", d + "-failed-lately", d + "-open"} } // newest first
	if got := scan(ids[1], ids[3]); !reflect.DeepEqual(got, map[string][]string{"b.com": read("b.com"), "c.com": read("c.com")}) {
		t.Fatalf("range [b, d): %v", got)
	}
	if got := scan(ids[3], 0); !reflect.DeepEqual(got, map[string][]string{"d.com": read("d.com")}) {
		t.Fatalf("range [d, end): %v", got)
	}
	if got := scan(0, ids[0]); len(got) != 0 {
		t.Fatalf("range before a: %v", got)
	}
}

// TestPruneKeepsCurrentRowsAndRecentHistory prunes after each of two
// snapshots 100 days apart: history older than 180 days goes, except each
// account's current row, and a prune with nothing that old changes nothing.
func TestPruneKeepsCurrentRowsAndRecentHistory(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	var a, b domain.Account
	err := st.Write(ctx, func(tx *store.Tx) error {
		a, b = domain.Account{Domain: "a.com", Name: "A", CreatedAt: t0}, domain.Account{Domain: "b.com", Name: "B", CreatedAt: t0}
		if err := tx.InsertAccount(ctx, &a); err != nil {
			return err
		}
		return tx.InsertAccount(ctx, &b)
	})
	if err != nil {
		t.Fatal(err)
	}
	score := func(id int64, s int) domain.HealthScore {
		return domain.HealthScore{AccountID: id, Score: s, Level: domain.RiskHealthy, PaymentStatus: "active"}
	}
	snapshot := func(at time.Time, scores ...domain.HealthScore) {
		t.Helper()
		err := st.Write(ctx, func(tx *store.Tx) error {
			id, err := tx.BeginSnapshot(ctx, at, domain.DefaultHealthSettings(), len(scores))
			for i := range scores {
				if err == nil {
					_, err = tx.AddScore(ctx, id, &scores[i])
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	history := func(now time.Time) (na, nb int) {
		t.Helper()
		if err := st.Write(ctx, func(tx *store.Tx) error { return tx.PruneSnapshots(ctx, now) }); err != nil {
			t.Fatal(err)
		}
		ha, err1 := st.ScoreHistory(ctx, a.ID, 0)
		hb, err2 := st.ScoreHistory(ctx, b.ID, 0)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		return len(ha), len(hb)
	}
	snapshot(t0, score(a.ID, 80), score(b.ID, 90))
	snapshot(t0.AddDate(0, 0, 100), score(a.ID, 70), score(b.ID, 90)) // b unchanged: no row
	if na, nb := history(t0.AddDate(0, 0, 150)); na != 2 || nb != 1 {
		t.Fatalf("nothing older than 180 days: history a %d b %d, want 2 and 1", na, nb)
	}
	if na, nb := history(t0.AddDate(0, 0, 250)); na != 1 || nb != 1 {
		t.Fatalf("first snapshot past 180 days: history a %d b %d, want 1 and 1 (b's row is current)", na, nb)
	}
	if na, nb := history(t0.AddDate(0, 0, 260)); na != 1 || nb != 1 {
		t.Fatalf("again: history a %d b %d", na, nb)
	}
	for _, id := range []int64{a.ID, b.ID} {
		if _, _, err := st.LatestScore(ctx, id); err != nil {
			t.Fatalf("account %d lost its current score: %v", id, err)
		}
	}
}

// TestSearchPathsAgree runs book-wide searches through the trigram index and
// (with the match limit at one, so any search matching more goes the other
// way) through each row's copied text: pages, totals and cards must agree.
func TestSearchPathsAgree(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	seedHealth(t, st, []seedAccount{
		{"Hooli", "hooli.com", "gavin@hooli.com", 30, 500_00, 5, true, 3},
		{"Hooli XYZ", "hoolixyz.com", "jian@hoolixyz.com", 70, 200_00, 15, true, 1},
		{"Aviato", "aviato.com", "erlich@aviato.com", 55, 900_00, 40, true, 2},
		{"Hooli Chat", "hoolichat.io", "x@hoolichat.io", 10, 100_00, 3, false, 4},
		{"Initech", "initech.com", "bill@initech.com", 90, 300_00, 200, true, 0},
		{"Nucleus Labs", "nucleus.dev", "ops@hooli.com", 45, 50_00, 9, true, 1},
	})
	type result struct {
		names []string
		total int
		cards store.HealthSummary
	}
	run := func(q store.HealthQuery) result {
		st.ResetCaches()
		p, err := st.ListHealth(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := st.SummarizeHealth(ctx, q, t0)
		if err != nil {
			t.Fatal(err)
		}
		sum.Snapshot = store.Snapshot{}
		return result{names(p), p.Total, sum}
	}
	for _, q := range []store.HealthQuery{
		{Search: "hooli"}, {Search: "HOOLI", IncludeUntracked: true}, {Search: ".com", Sort: store.SortARR, Desc: true},
		{Search: "gavin@"}, {Search: "labs"}, {Search: "nothing like it"},
	} {
		st.SetTrigramMax(1_000)
		viaIndex := run(q)
		st.SetTrigramMax(1)
		viaText := run(q)
		if !reflect.DeepEqual(viaIndex, viaText) {
			t.Errorf("%+v: trigram index %+v, copied text %+v", q, viaIndex, viaText)
		}
	}
	st.SetTrigramMax(1_000)
	if r := run(store.HealthQuery{Search: "hooli", IncludeUntracked: true}); r.total != 4 || r.cards.Accounts != 4 {
		t.Fatalf("hooli with untracked: %+v", r)
	}
}

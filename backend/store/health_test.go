package store_test

import (
	"context"
	"errors"
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

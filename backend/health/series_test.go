package health

import (
	"context"
	"reflect"
	"testing"
	"time"

	"successdesk/backend/demo"
	"successdesk/backend/domain"
	"successdesk/backend/store"
	"successdesk/backend/store/storetest"
)

// demoStore is a store holding the 120-account demo book generated at now.
func demoStore(t *testing.T, now time.Time) *store.Store {
	t.Helper()
	st := openStore(t)
	if err := demo.Write(context.Background(), st, demo.Generate(demo.Options{Seed: 11, Now: now, Size: 120})); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestRecomputeSeriesMatchesRecompute writes thirteen weekly snapshots of the
// demo book with one RecomputeSeries and, into a second copy of the book,
// with thirteen Recompute calls: the snapshots, every score row and every
// current score must be the same, row for row.
func TestRecomputeSeriesMatchesRecompute(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	var times []time.Time
	for w := 12; w >= 0; w-- {
		times = append(times, now.AddDate(0, 0, -7*w))
	}
	settings := domain.DefaultHealthSettings()
	one, each := demoStore(t, now), demoStore(t, now)

	var reported []int
	snaps, err := New(one, domain.DefaultFXRates()).RecomputeSeries(ctx, settings, times, func(i int) { reported = append(reported, i) })
	if err != nil {
		t.Fatal(err)
	}
	rc := New(each, domain.DefaultFXRates())
	var want []store.Snapshot
	for _, at := range times {
		s, err := rc.Recompute(ctx, settings, at)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, s)
	}
	if !reflect.DeepEqual(snaps, want) {
		t.Errorf("snapshots:\nseries %+v\neach   %+v", snaps, want)
	}
	if len(reported) != len(times) || reported[len(reported)-1] != len(times)-1 {
		t.Errorf("progress reported %v", reported)
	}
	changed := 0
	for _, s := range snaps[1:] {
		changed += s.Changed
	}
	if changed == 0 {
		t.Error("no score moved after the first week: the weeks were scored alike")
	}
	for _, q := range []string{
		`SELECT * FROM health_snapshots ORDER BY id`,
		`SELECT * FROM health_scores ORDER BY snapshot_id, account_id`,
		`SELECT * FROM health_current ORDER BY account_id`,
	} {
		got, exp := storetest.Rows(t, one.DB(), q), storetest.Rows(t, each.DB(), q)
		if len(got) == 0 || !reflect.DeepEqual(got, exp) {
			t.Errorf("%s: %d rows by the series, %d by each recompute", q, len(got), len(exp))
			for i := range min(len(got), len(exp)) {
				if got[i] != exp[i] {
					t.Fatalf("first difference, row %d:\nseries %s\neach   %s", i, got[i], exp[i])
				}
			}
		}
	}
}

func TestRecomputeSeriesRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	rc := New(st, domain.DefaultFXRates())
	settings := domain.DefaultHealthSettings()
	if _, err := rc.RecomputeSeries(ctx, settings, nil, nil); err == nil {
		t.Error("no times: no error")
	}
	if _, err := rc.RecomputeSeries(ctx, settings, []time.Time{now1, now1.AddDate(0, 0, -7)}, nil); err == nil {
		t.Error("times going back: no error")
	}
	bad := settings
	bad.Weights.Adoption = -1
	if _, err := rc.RecomputeSeries(ctx, bad, []time.Time{now1}, nil); err == nil {
		t.Error("invalid settings: no error")
	}
	var n int
	if err := st.DB().QueryRow(`SELECT count(*) FROM health_snapshots`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d snapshots written after refusals (%v)", n, err)
	}
}

package books

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

func TestOpenDemoReusesAFreshBookAndRegeneratesAStaleOne(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.db")
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	fx := domain.DefaultFXRates()
	var told []DemoProgress
	tell := func(p DemoProgress) { told = append(told, p) }
	st, err := OpenDemo(ctx, path, 40, now, fx, tell)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := st.LatestSnapshot(ctx)
	// The build said how far it had come, step by step, to the end.
	want := DemoProgress{Accounts: 40, Written: 40, Snapshots: HistoryWeeks(40) + 1, Scored: HistoryWeeks(40) + 1}
	if len(told) < 3 || told[0] != (DemoProgress{Accounts: 40, Snapshots: want.Snapshots}) || told[len(told)-1] != want {
		t.Fatalf("progress %+v, want it to run from nothing to %+v", told, want)
	}
	for i := 1; i < len(told); i++ {
		if told[i].Written < told[i-1].Written || told[i].Scored < told[i-1].Scored {
			t.Fatalf("progress went back: %+v", told)
		}
	}
	told = nil
	// A mark that survives only while the same file is reused.
	if err := st.Write(ctx, func(tx *store.Tx) error { return tx.PutSetting(ctx, "mark", 1) }); err != nil {
		t.Fatal(err)
	}
	st.Close()

	marked := func(st *store.Store) bool {
		var v int
		found, _ := st.GetSetting(ctx, "mark", &v)
		return found
	}
	st, err = OpenDemo(ctx, path, 40, now.Add(3*time.Hour), fx, tell)
	if err != nil {
		t.Fatal(err)
	}
	if !marked(st) || told != nil {
		t.Fatalf("a book made today for the same size was regenerated (progress %+v)", told)
	}
	st.Close()

	for _, c := range []struct {
		name string
		size int
		now  time.Time
	}{{"another size", 41, now}, {"another day", 41, now.AddDate(0, 0, 1)}} {
		st, err = OpenDemo(ctx, path, c.size, c.now, fx, nil)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := st.CountAccounts(ctx)
		snap, _ := st.LatestSnapshot(ctx)
		if marked(st) || n != c.size || !snap.ComputedAt.Equal(c.now) {
			t.Fatalf("%s: accounts %d, snapshot %v (first %v)", c.name, n, snap.ComputedAt, first.ComputedAt)
		}
		st.Close()
	}

	// A book stamped by another schema is regenerated, not opened.
	st, _ = store.Open(ctx, path)
	var stamp demoStamp
	st.GetSetting(ctx, demoKey, &stamp)
	stamp.Schema = "older"
	st.Write(ctx, func(tx *store.Tx) error {
		if err := tx.PutSetting(ctx, "mark", 1); err != nil {
			return err
		}
		return tx.PutSetting(ctx, demoKey, stamp)
	})
	st.Close()
	st, err = OpenDemo(ctx, path, 41, now.AddDate(0, 0, 1), fx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if marked(st) {
		t.Fatal("a book from another schema was reused")
	}
}

func TestHistoryWeeks(t *testing.T) {
	for size, want := range map[int]int{120: 12, 5000: 12, 20000: 4, 100000: 1} {
		if got := HistoryWeeks(size); got != want {
			t.Errorf("HistoryWeeks(%d) = %d, want %d", size, got, want)
		}
	}
}

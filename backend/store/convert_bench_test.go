package store_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
	"successdesk/backend/store/storetest"
)

var (
	convertBenchOnce  sync.Once
	convertBenchStore *store.Store
	convertBenchErr   error
	convertBenchCands int
)

// convertBenchBook writes a book of 100,000 contracts once per test binary:
// 85,000 accounts, each with a main record (10% Stripe trials, 4%
// Salesbricks draft or pending orders, the rest active, past due, canceled
// or expired) and 15,000 second records (a third of them draft expansion
// orders), eight usage weeks for the candidate accounts and two for the
// others, calls, e-mails and signals, and 50 routes into Convert.
func convertBenchBook(b *testing.B) *store.Store {
	convertBenchOnce.Do(func() {
		ctx := context.Background()
		dir, err := mkdirTemp()
		if err != nil {
			convertBenchErr = err
			return
		}
		st, err := store.Open(ctx, filepath.Join(dir, "convert-bench.db"))
		if err != nil {
			convertBenchErr = err
			return
		}
		convertBenchStore = st
		convertBenchErr = st.Write(ctx, func(tx *store.Tx) error {
			n, err := storetest.ConvertBook(ctx, tx, t0)
			convertBenchCands = n
			return err
		})
	})
	if convertBenchErr != nil {
		b.Fatal(convertBenchErr)
	}
	return convertBenchStore
}

func convertBenchWindow(now time.Time) store.ConvertWindow {
	today := now.Truncate(24 * time.Hour)
	return store.ConvertWindow{UsageSince: domain.WeekStart(now).AddDate(0, 0, -7*7), ActivitySince: today.AddDate(0, 0, -13),
		ActivityUntil: today.AddDate(0, 0, 1)}
}

// BenchmarkConvertFacts100k is the cold load of every candidate's facts
// from a book of 100,000 contracts (what a re-tally needs after new data).
func BenchmarkConvertFacts100k(b *testing.B) {
	st := convertBenchBook(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		facts, err := st.ConvertFacts(ctx, convertBenchWindow(t0))
		if err != nil || len(facts) < convertBenchCands {
			b.Fatalf("%d facts for %d candidate records (%v)", len(facts), convertBenchCands, err)
		}
	}
}

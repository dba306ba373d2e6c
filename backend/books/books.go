// Package books opens the two workspace files: the demo book, generated on
// demand from backend/demo, and the live book that connectors sync into.
// The two never mix: each is its own SQLite file.
package books

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"successdesk/backend/demo"
	"successdesk/backend/domain"
	"successdesk/backend/health"
	"successdesk/backend/store"
)

// DemoSeed is the seed of the Pied Piper book.
const DemoSeed = 20261125

// demoKey is the setting that records what a demo file was generated for.
const demoKey = "book.demo"

type demoStamp struct {
	Day    string `json:"day"`
	Size   int    `json:"size"`
	Seed   int64  `json:"seed"`
	Schema string `json:"schema"`
}

// HistoryWeeks is how many weekly score snapshots a demo book starts with
// (fewer for very large books, which would otherwise take long to open).
func HistoryWeeks(size int) int {
	switch {
	case size <= 5000:
		return 12
	case size <= 20000:
		return 4
	}
	return 1
}

// seriesMaxAccounts is the largest book whose history is written by one
// health.RecomputeSeries, which reads the book once but holds every
// account's facts in memory; a larger book (one week of history) is
// recomputed week by week.
const seriesMaxAccounts = 20000

// DemoProgress is how far a demo book's build has come: its accounts
// written, then its score snapshots computed.
type DemoProgress struct {
	Accounts, Written int // accounts in the book, and written so far
	Snapshots, Scored int // score snapshots to compute, and computed so far
}

// OpenDemo opens the demo book at path. A file generated for another day,
// size, seed or schema is regenerated, so the book's dates always read relative to
// today; generation writes a temporary file and renames it into place, so a
// crash never leaves a half-written book behind. While it regenerates, it
// calls report (when not nil) as the build moves on; a book that is
// already current is opened without a call.
func OpenDemo(ctx context.Context, path string, size int, now time.Time, fx domain.FXRates, report func(DemoProgress)) (*store.Store, error) {
	if size <= 0 {
		size = 120
	}
	want := demoStamp{Day: now.UTC().Format("2006-01-02"), Size: size, Seed: DemoSeed, Schema: store.SchemaFingerprint()}
	if st, err := store.Open(ctx, path); err == nil {
		var got demoStamp
		found, err := st.GetSetting(ctx, demoKey, &got)
		if err == nil && found && got == want {
			return st, nil
		}
		st.Close()
	}
	tmp := path + ".tmp"
	removeBook(tmp)
	if err := BuildDemoReporting(ctx, tmp, size, now, fx, report); err != nil {
		removeBook(tmp)
		return nil, err
	}
	removeBook(path)
	if err := os.Rename(tmp, path); err != nil {
		return nil, fmt.Errorf("move the demo book into place: %w", err)
	}
	return store.Open(ctx, path)
}

// BuildDemo generates a demo book of size accounts into a new file at path,
// with HistoryWeeks(size) weekly snapshots before now and one at now.
func BuildDemo(ctx context.Context, path string, size int, now time.Time, fx domain.FXRates) error {
	return BuildDemoReporting(ctx, path, size, now, fx, nil)
}

// BuildDemoReporting is BuildDemo that calls report (when not nil) at the
// start and after each batch of accounts and each snapshot.
func BuildDemoReporting(ctx context.Context, path string, size int, now time.Time, fx domain.FXRates, report func(DemoProgress)) error {
	p := DemoProgress{Accounts: size, Snapshots: HistoryWeeks(size) + 1}
	tell := func() {
		if report != nil {
			report(p)
		}
	}
	tell()
	st, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()
	book := demo.Generate(demo.Options{Seed: DemoSeed, Now: now, Size: size})
	if err := demo.WriteReporting(ctx, st, book, func(n int) { p.Written = n; tell() }); err != nil {
		return fmt.Errorf("write the demo book: %w", err)
	}
	rc := health.New(st, fx)
	settings := domain.DefaultHealthSettings()
	var times []time.Time
	for w := HistoryWeeks(size); w >= 0; w-- { // the weeks before now, then now
		times = append(times, now.AddDate(0, 0, -7*w))
	}
	if size <= seriesMaxAccounts {
		if _, err := rc.RecomputeSeries(ctx, settings, times, func(int) { p.Scored++; tell() }); err != nil {
			return err
		}
	} else {
		for _, at := range times {
			if _, err := rc.Recompute(ctx, settings, at); err != nil {
				return err
			}
			p.Scored++
			tell()
		}
	}
	stamp := demoStamp{Day: now.UTC().Format("2006-01-02"), Size: size, Seed: DemoSeed, Schema: store.SchemaFingerprint()}
	return st.Write(ctx, func(tx *store.Tx) error { return tx.PutSetting(ctx, demoKey, stamp) })
}

func removeBook(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			_ = err // a leftover we cannot remove is reported by the next Open
		}
	}
}

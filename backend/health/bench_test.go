package health

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/scoring"
	"successdesk/backend/store"
)

const benchAccounts = 100_000

var benchNow = time.Date(2026, 10, 14, 15, 0, 0, 0, time.UTC)

var (
	benchOnce  sync.Once
	benchDir   string // holds book.db, the pristine fixture; removed by TestMain
	benchStats bookStats
	benchErr   error
)

// benchBook returns a store on a private copy of the 100k-account fixture.
// The fixture is built once per test binary; copying it keeps benchmarks from
// seeing each other's snapshots. Neither is measured: b.Loop starts the timer.
func benchBook(b *testing.B) *store.Store {
	b.Helper()
	benchOnce.Do(func() {
		ctx := context.Background()
		if benchDir, benchErr = os.MkdirTemp("", "successdesk-health-bench-"); benchErr != nil {
			return
		}
		st, err := store.Open(ctx, filepath.Join(benchDir, "book.db"))
		if err != nil {
			benchErr = err
			return
		}
		start := time.Now()
		benchStats, benchErr = seedBook(ctx, st, benchAccounts, benchNow, 1)
		if err := st.Close(); benchErr == nil {
			benchErr = err
		}
		b.Logf("fixture: %v in %v", benchStats, time.Since(start).Round(time.Millisecond))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	dst := filepath.Join(b.TempDir(), "book.db")
	if err := copyFile(filepath.Join(benchDir, "book.db"), dst); err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(context.Background(), dst)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// BenchmarkRecompute is a full recompute of a 100k-account book in which
// every score is new (the first Refresh of a book): read, score, write every
// row, prune. The previous iteration's scores are cleared, untimed.
func BenchmarkRecompute(b *testing.B) {
	st := benchBook(b)
	raw, err := openWriter(st.Path())
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	r := New(st, domain.DefaultFXRates())
	ctx := context.Background()
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		for _, q := range []string{`DELETE FROM health_current`, `DELETE FROM health_scores`, `DELETE FROM health_snapshots`} {
			if _, err := raw.ExecContext(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
		if err := st.Checkpoint(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c := cpuTime()
		snap, err := r.Recompute(ctx, domain.DefaultHealthSettings(), benchNow)
		cpu += cpuTime() - c
		if err != nil || snap.Accounts != benchAccounts || snap.Changed != benchAccounts {
			b.Fatalf("snapshot %+v, err %v", snap, err)
		}
	}
	reportPerAccount(b, cpu)
}

// BenchmarkRecomputeUnchanged is the steady state: a recompute after a sync
// that changed nothing reads and scores everything and writes no score row.
func BenchmarkRecomputeUnchanged(b *testing.B) { benchRescore(b, 0) }

// BenchmarkRecomputeNextDay is the daily recompute: each run scores the
// book one day after the run before it, so it reads and scores everything
// and writes the rows whose score, factors or evidence moved overnight.
func BenchmarkRecomputeNextDay(b *testing.B) { benchRescore(b, 1) }

// benchRescore scores the book once at benchNow, untimed, then times
// recomputes each daysApart days after the one before, reporting how many
// rows each changed (changed/op). With daysApart 0 nothing may change.
func benchRescore(b *testing.B, daysApart int) {
	st := benchBook(b)
	r := New(st, domain.DefaultFXRates())
	ctx := context.Background()
	if _, err := r.Recompute(ctx, domain.DefaultHealthSettings(), benchNow); err != nil {
		b.Fatal(err)
	}
	day, changed := 0, 0
	cpu := cpuTime()
	for b.Loop() {
		day += daysApart
		snap, err := r.Recompute(ctx, domain.DefaultHealthSettings(), benchNow.AddDate(0, 0, day))
		if err != nil || snap.Accounts != benchAccounts || (daysApart == 0 && snap.Changed != 0) {
			b.Fatalf("snapshot %+v, err %v", snap, err)
		}
		changed += snap.Changed
	}
	reportPerAccount(b, cpuTime()-cpu)
	b.ReportMetric(float64(changed)/float64(b.N), "changed/op")
}

// reportPerAccount adds wall and CPU time per account, and CPU seconds per
// op (user+system of the whole process, GC included).
func reportPerAccount(b *testing.B, cpu time.Duration) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchAccounts, "ns/account")
	if cpu > 0 {
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	}
}

// BenchmarkRecomputePhases splits a recompute: scan = store.ScanFacts alone,
// scan+score = with scoring.Health into the buffer Recompute uses.
func BenchmarkRecomputePhases(b *testing.B) {
	st := benchBook(b)
	ctx := context.Background()
	s, fx := domain.DefaultHealthSettings(), domain.DefaultFXRates()
	b.Run("scan", func(b *testing.B) {
		cpu := cpuTime()
		defer func() { reportPerAccount(b, cpuTime()-cpu) }()
		for b.Loop() {
			n := 0
			if err := st.ScanFacts(ctx, Window(benchNow), func(*domain.AccountFacts) error { n++; return nil }); err != nil || n != benchAccounts {
				b.Fatalf("%d accounts, err %v", n, err)
			}
		}
	})
	b.Run("scan+score", func(b *testing.B) {
		cpu := cpuTime()
		defer func() { reportPerAccount(b, cpuTime()-cpu) }()
		for b.Loop() {
			scores := make([]domain.HealthScore, 0, benchAccounts)
			err := st.ScanFacts(ctx, Window(benchNow), func(f *domain.AccountFacts) error {
				scores = append(scores, scoring.Health(f, s, fx, benchNow))
				return nil
			})
			if err != nil || len(scores) != benchAccounts {
				b.Fatalf("%d scores, err %v", len(scores), err)
			}
		}
	})
}

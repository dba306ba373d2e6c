package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"successdesk/backend/store"
)

const bigSize = 100_000

// TestBigBook generates and writes a 100,000-account book and logs how long
// each step took. It only runs without -short and with DEMO_BIG=1, because it
// takes minutes and about a gigabyte of memory. Timings are reported, never
// asserted.
func TestBigBook(t *testing.T) {
	if testing.Short() || os.Getenv("DEMO_BIG") != "1" {
		t.Skip("set DEMO_BIG=1 (and omit -short) to generate and write a 100,000-account book")
	}
	start := time.Now()
	b := Generate(Options{Seed: 1, Now: testNow, Size: bigSize})
	gen := time.Since(start)

	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start = time.Now()
	if err := Write(context.Background(), st, b); err != nil {
		t.Fatal(err)
	}
	write := time.Since(start)
	counts, err := st.CountRows(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, n := range counts {
		rows += n
	}
	if counts["accounts"] != bigSize {
		t.Fatalf("wrote %d accounts", counts["accounts"])
	}
	t.Logf("generate %v, write %v (%d rows, %.0f rows/s): %v", gen, write, rows, float64(rows)/write.Seconds(), counts)
}

func BenchmarkGenerate100k(b *testing.B) {
	for b.Loop() {
		Generate(Options{Seed: 1, Now: testNow, Size: bigSize})
	}
}

func BenchmarkWrite100k(b *testing.B) {
	book := Generate(Options{Seed: 1, Now: testNow, Size: bigSize})
	rows := 0
	for _, a := range book.Accounts {
		rows += 1 + len(a.Contacts) + len(a.Revenue) + len(a.Usage) + len(a.Activities) + len(a.Deals)
		for _, r := range a.Revenue {
			rows += len(r.Invoices)
		}
		if a.Enrichment != nil {
			rows++
		}
	}
	ctx := context.Background()
	dir := b.TempDir()
	n := 0
	for b.Loop() {
		n++
		st, err := store.Open(ctx, filepath.Join(dir, fmt.Sprintf("demo%d.db", n)))
		if err != nil {
			b.Fatal(err)
		}
		if err := Write(ctx, st, book); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
	b.ReportMetric(float64(rows)*float64(n)/b.Elapsed().Seconds(), "rows/s")
}

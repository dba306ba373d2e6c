package salesbricks

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"successdesk/backend/connector/salesbricks/sbfake"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from this run")

// golden compares v, as indented JSON, with testdata/golden/name (or
// rewrites it with -update).
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from this run's output (run with -update after checking the change):\n%s", path, firstDiff(got, want))
	}
}

// firstDiff shows the first differing line of a and b.
func firstDiff(a, b []byte) string {
	al, bl := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := range max(len(al), len(bl)) {
		var x, y []byte
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if !bytes.Equal(x, y) {
			return "line " + itoa(i+1) + ":\n got " + string(x) + "\nwant " + string(y)
		}
	}
	return ""
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// The normalized output of a small fixed book: every page of a pass, and
// the deals FetchDeals reads.
func TestGolden(t *testing.T) {
	f := newFixture(t, sbfake.Options{Subscriptions: 12, Seed: 11}, WithPageSize(5))
	golden(t, "pass.json", drain(t, f.conn))
	deals, err := f.conn.FetchDeals(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "deals.json", deals)
}

package connectortest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recordingTB records what Golden reports instead of failing the test.
type recordingTB struct {
	testing.TB
	errors []string
}

func (r *recordingTB) Helper() {}
func (r *recordingTB) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestGoldenWritesAndCompares(t *testing.T) {
	v := map[string]any{"name": "<b>Acme</b> & co", "n": 2}
	path := filepath.Join(t.TempDir(), "golden", "v.json")
	setUpdate(t, true)
	Golden(t, path, v)
	setUpdate(t, false)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"n\": 2,\n  \"name\": \"\\u003cb\\u003eAcme\\u003c/b\\u003e \\u0026 co\"\n}\n"; string(b) != want {
		t.Fatalf("wrote %q, want %q", b, want)
	}
	Golden(t, path, v)

	// The same value with its markup as it is differs on the name's line.
	rec := &recordingTB{TB: t}
	Golden(rec, path, v, RawHTML())
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "line 3:\n got   \"name\": \"<b>Acme</b> & co\"") {
		t.Fatalf("reported %q", rec.errors)
	}
}

// setUpdate sets the -update flag golden.File reads.
func setUpdate(t *testing.T, on bool) {
	t.Helper()
	if err := flag.Set("update", fmt.Sprint(on)); err != nil {
		t.Fatal(err)
	}
}

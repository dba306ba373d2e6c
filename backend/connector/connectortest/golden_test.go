package connectortest

import (
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
	*update = true
	Golden(t, path, v)
	*update = false
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

func TestFirstDiff(t *testing.T) {
	for _, tc := range []struct{ got, want, diff string }{
		{"a\nb\n", "a\nb\n", ""},
		{"a\nb\n", "a\nc\n", "line 2:\n got b\nwant c"},
		{"a\n", "a\nb\n", "line 2:\n got \nwant b"},
	} {
		if d := firstDiff([]byte(tc.got), []byte(tc.want)); d != tc.diff {
			t.Errorf("firstDiff(%q, %q) = %q, want %q", tc.got, tc.want, d, tc.diff)
		}
	}
}

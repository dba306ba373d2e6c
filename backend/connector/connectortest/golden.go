package connectortest

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// update is the -update flag of every test binary that imports this
// package: Golden rewrites its files instead of comparing with them.
var update = flag.Bool("update", false, "rewrite the golden files (testdata/golden) from the current output")

// GoldenOption changes how Golden writes a value.
type GoldenOption func(*goldenOptions)

type goldenOptions struct {
	escapeHTML bool
}

// RawHTML writes <, > and & as they are, where json.Marshal escapes them
// (\u003c, ...): for a source's markup, shown as the text it is.
func RawHTML() GoldenOption {
	return func(o *goldenOptions) { o.escapeHTML = false }
}

// Golden compares got, as indented JSON (two spaces) ending in a newline,
// with the file at path, or with -update writes it there (creating its
// directory). A difference fails t, showing the first line that differs.
func Golden(t testing.TB, path string, got any, opts ...GoldenOption) {
	t.Helper()
	o := goldenOptions{escapeHTML: true}
	for _, opt := range opts {
		opt(&o)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(o.escapeHTML)
	enc.SetIndent("", "  ")
	if err := enc.Encode(got); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	path = filepath.FromSlash(path)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(b, want) {
		t.Errorf("%s differs from this run's output (run go test -update after checking the change):\n%s", path, firstDiff(b, want))
	}
}

// firstDiff shows the first line that differs between got and want.
func firstDiff(got, want []byte) string {
	gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := range max(len(gl), len(wl)) {
		var g, w []byte
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if !bytes.Equal(g, w) {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, g, w)
		}
	}
	return ""
}

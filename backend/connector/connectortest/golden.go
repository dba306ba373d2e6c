package connectortest

import (
	"bytes"
	"encoding/json"
	"testing"

	"successdesk/backend/golden"
)

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
// with the file at path, or with -update writes it there (see golden.File).
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
	golden.File(t, path, buf.Bytes())
}

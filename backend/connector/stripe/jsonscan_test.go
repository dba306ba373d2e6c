package stripe

import (
	"encoding/json"
	"strings"
	"testing"
)

// skipAgrees fails t unless skipping one value of doc (then only white
// space) succeeds exactly when encoding/json calls doc valid.
func skipAgrees(t *testing.T, doc []byte) {
	t.Helper()
	s := scanner{b: doc}
	s.skip()
	s.end()
	if got, want := s.err == nil, json.Valid(doc); got != want {
		t.Fatalf("skip accepted %v, encoding/json %v: %q", got, want, doc)
	}
}

// TestSkip holds skip to encoding/json's grammar: containers nested and
// empty, every scalar, white space, the nesting limit, and broken input of
// each kind.
func TestSkip(t *testing.T) {
	for _, doc := range []string{
		`{}`, `[]`, ` { } `, `[ ]`, `{"a":1}`, `{"a":[1,2,{"b":null}],"c":{"d":"e\\"f"}}`, `[[[[]]],[{}],{"x":[{}]}]`,
		`"s"`, `"\u00e9\ud83d\ude00"`, `-0.5e+3`, `0`, `true`, `false`, `null`, "[1,\n\t2 ,3]",
		// broken
		``, ` `, `{`, `[`, `}`, `]`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1,]`, `[,1]`, `{,}`, `{"a":1 "b":2}`, `[1 2]`,
		`{"a":1]`, `[1}`, `{1:2}`, `{"a"::1}`, `["a`, `"\x"`, `01`, `1.`, `-`, `tru`, `nul`, `[1]]`, `{}}`, `[] []`,
		"\"a\x01\"", `{"a":[}`, "[]\x00", "1 \x00",
	} {
		skipAgrees(t, []byte(doc))
	}
	// The nesting limit, in arrays and in objects.
	for _, depth := range []int{maxDepth, maxDepth + 1} {
		skipAgrees(t, []byte(strings.Repeat("[", depth)+strings.Repeat("]", depth)))
		skipAgrees(t, []byte(strings.Repeat(`{"a":`, depth)+"1"+strings.Repeat("}", depth)))
	}
	// Inside a document, skip leaves the scanner just past the value.
	s := scanner{b: []byte(`{"skip":{"a":[1,{"b":"}"}]},"keep":"yes"}`)}
	var kept string
	s.object(func(k []byte) {
		if string(k) == "keep" {
			kept = s.str()
			return
		}
		s.skip()
	})
	s.end()
	if s.err != nil || kept != "yes" {
		t.Fatalf("kept %q, err %v", kept, s.err)
	}
}

// FuzzSkip: on any input, skip agrees with encoding/json on what is JSON.
func FuzzSkip(f *testing.F) {
	for _, seed := range []string{`{"a":[1,{"b":null}],"c":"d"}`, `[[],{}]`, `-1.5e3`, `{"a":1,}`, `[1 2]`, `"\u12"`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, doc []byte) { skipAgrees(t, doc) })
}

package app_test

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"successdesk/app"
	"successdesk/backend/syncer"
)

// This file holds the canary test's keys and its search of bytes, files,
// logs, events and errors.

// canaryMarker is in every canary key, so even a truncated key is caught.
const canaryMarker = "CANARY"

// canaryKey builds a Stripe-shaped key that cannot pass for a real one:
// prefix, the marker, then 24 random letters and digits that no fixture
// can contain (even its last 8 characters turn up by chance about once in
// 2·10¹⁴ places).
func canaryKey(t *testing.T, prefix string) string {
	t.Helper()
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return prefix + canaryMarker + string(b)
}

// canaryNeedles are the strings that give a key away: the whole key, the
// key without its prefix, its random part, its last 8 characters, and the
// key in base64 as Basic auth would carry it.
func canaryNeedles(key string) []string {
	i := strings.Index(key, canaryMarker)
	return []string{
		key,
		key[i:],
		key[i+len(canaryMarker):],
		key[len(key)-8:],
		base64.StdEncoding.EncodeToString([]byte(key)),
		base64.StdEncoding.EncodeToString([]byte(key + ":")),
	}
}

// canaryHit is one place a needle was found.
type canaryHit struct {
	where  string
	offset int
	needle string
	around string
}

func (h canaryHit) String() string {
	return fmt.Sprintf("%s at byte %d: %q in …%q…", h.where, h.offset, h.needle, h.around)
}

// canaryScan searches blobs for the needles and remembers what it saw.
type canaryScan struct {
	mu      sync.Mutex
	needles [][]byte
	hits    []canaryHit
	seen    map[string]int // bytes scanned per place
}

func newCanaryScan(needles ...string) *canaryScan {
	s := &canaryScan{seen: map[string]int{}}
	for _, n := range needles {
		s.needles = append(s.needles, []byte(n))
	}
	return s
}

// bytes searches b, naming hits after where.
func (s *canaryScan) bytes(where string, b []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seen[where] += len(b)
	for _, n := range s.needles {
		for off := 0; ; {
			i := bytes.Index(b[off:], n)
			if i < 0 {
				break
			}
			at := off + i
			lo, hi := max(at-40, 0), min(at+len(n)+40, len(b))
			s.hits = append(s.hits, canaryHit{where: where, offset: at, needle: string(n), around: string(b[lo:hi])})
			off = at + 1
		}
	}
}

func (s *canaryScan) str(where, v string) { s.bytes(where, []byte(v)) }

// json searches v as the window would receive it, and as Go prints it (to
// reach fields JSON leaves out).
func (s *canaryScan) json(where string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.str(where+" (unmarshalable: "+err.Error()+")", fmt.Sprintf("%+v", v))
		return
	}
	s.bytes(where, b)
	s.str(where+" (%+v)", fmt.Sprintf("%+v", v))
}

// err searches an error as Go prints it and as it crosses to the window.
func (s *canaryScan) err(where string, err error, format func(error) any) {
	if err == nil {
		return
	}
	s.str(where+" error", err.Error())
	s.str(where+" error (%+v)", fmt.Sprintf("%+v", err))
	s.str(where+" user message", app.UserMessage(err))
	s.json(where+" error DTO", format(err))
}

// dir reads every file under root as raw bytes and returns their names.
func (s *canaryScan) dir(t *testing.T, label, root string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		names = append(names, rel)
		s.bytes(label+": file "+rel, b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	return names
}

func (s *canaryScan) report(t *testing.T) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range s.hits {
		t.Errorf("canary found: %s", h)
	}
}

// canaryLog is a log sink safe for the background sync to write into.
type canaryLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *canaryLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *canaryLog) Bytes() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return bytes.Clone(l.b.Bytes())
}

// canaryEvents records every event as JSON of its name and payload.
type canaryEvents struct {
	mu       sync.Mutex
	events   [][]byte
	names    map[string]int
	finished int
}

func (e *canaryEvents) Emit(name string, data any) {
	b, err := json.Marshal(struct {
		Name string `json:"name"`
		Data any    `json:"data"`
	}{name, data})
	if err != nil {
		b = []byte(fmt.Sprintf("%s %+v", name, data))
	}
	b = append(b, fmt.Sprintf(" %+v", data)...)
	e.mu.Lock()
	defer e.mu.Unlock()
	e.events = append(e.events, b)
	if e.names == nil {
		e.names = map[string]int{}
	}
	e.names[name]++
	if name == syncer.EventFinished {
		e.finished++
	}
}

func (e *canaryEvents) finishedRuns() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.finished
}

// canaryTee sends every event to both emitters (the CLI's progress printer
// and the recorder).
type canaryTee []app.Emitter

func (t canaryTee) Emit(name string, data any) {
	for _, e := range t {
		if e != nil {
			e.Emit(name, data)
		}
	}
}

// waitBackgroundSync waits until more than before runs have finished and
// the desk is idle again.

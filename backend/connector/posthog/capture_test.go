package posthog

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// batchSink is a capture endpoint: it keeps every /batch/ body.
type batchSink struct {
	mu      sync.Mutex
	paths   []string
	batches []capturedBatch
}

type capturedBatch struct {
	APIKey string `json:"api_key"`
	Batch  []struct {
		Type       string         `json:"type"`
		Event      string         `json:"event"`
		DistinctID string         `json:"distinct_id"`
		Timestamp  time.Time      `json:"timestamp"`
		Properties map[string]any `json:"properties"`
	} `json:"batch"`
}

func (s *batchSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	var cb capturedBatch
	_ = json.Unmarshal(b, &cb)
	s.mu.Lock()
	s.paths = append(s.paths, r.Method+" "+r.URL.Path)
	s.batches = append(s.batches, cb)
	s.mu.Unlock()
	_, _ = w.Write([]byte(`{"status": 1}`))
}

func TestRecorderSendsGroupEvents(t *testing.T) {
	sink := &batchSink{}
	srv := httptest.NewServer(sink)
	defer srv.Close()
	const key = "phc_projectKeyForTests"
	// A long flush interval: only Close sends, so nothing waits on a timer.
	r, err := NewRecorder(key, srv.URL, WithFlushInterval(time.Hour), WithTouchGroupType("company"))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	if !r.Record(Touch{Event: EventAccountRouted, DistinctID: "csm@successdesk.example", GroupKey: "acme.io",
		Properties: map[string]any{"route": "renewal"}, At: at}) {
		t.Fatal("touch refused")
	}
	if !r.Record(Touch{Event: EventFollowUpDrafted, DistinctID: "csm@successdesk.example", GroupKey: "globex.com"}) {
		t.Fatal("touch refused")
	}
	if r.Record(Touch{Event: EventAccountRouted, DistinctID: "csm@successdesk.example"}) {
		t.Error("a touch without an account was taken")
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if r.Record(Touch{Event: EventAccountRouted, DistinctID: "x", GroupKey: "acme.io"}) || r.Close() != nil {
		t.Error("a closed recorder took a touch or failed to close again")
	}
	sink.mu.Lock()
	defer sink.mu.Unlock()
	if len(sink.batches) != 1 || sink.paths[0] != "POST /batch/" || sink.batches[0].APIKey != key {
		t.Fatalf("batches %v at %v", sink.batches, sink.paths)
	}
	events := sink.batches[0].Batch
	if len(events) != 2 {
		t.Fatalf("%d events", len(events))
	}
	for i, want := range []struct{ event, group string }{{EventAccountRouted, "acme.io"}, {EventFollowUpDrafted, "globex.com"}} {
		e := events[i]
		groups, _ := e.Properties["$groups"].(map[string]any)
		if e.Type != "capture" || e.Event != want.event || e.DistinctID != "csm@successdesk.example" ||
			groups["company"] != want.group || e.Properties["source"] != "Success Desk" {
			t.Errorf("event %d = %+v", i, e)
		}
	}
	if !events[0].Timestamp.Equal(at) || events[0].Properties["route"] != "renewal" {
		t.Errorf("first event %+v", events[0])
	}
}

func TestRecorderNeverBlocks(t *testing.T) {
	// An endpoint that never answers: Record must still return at once,
	// dropping what the buffer cannot hold, and Close must not hang.
	hold := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-hold }))
	defer srv.Close()
	defer close(hold) // before srv.Close: lets the stuck batch finish
	r, err := NewRecorder("phc_projectKeyForTests", srv.URL, WithFlushInterval(time.Hour),
		withCloseWait(50*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	taken := 0
	for i := range 5000 {
		if r.Record(Touch{Event: EventAccountRouted, DistinctID: "csm", GroupKey: strings.Repeat("a", i%50+1) + ".io"}) {
			taken++
		}
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("5000 touches took %s", d)
	}
	if taken == 0 || int64(taken)+r.Dropped() != 5000 {
		t.Errorf("taken %d, dropped %d", taken, r.Dropped())
	}
	if err := r.Close(); err == nil || !strings.Contains(err.Error(), "still being sent") {
		t.Errorf("Close with a stuck endpoint: %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("recording and closing took %s", d)
	}
	var nilRec *Recorder
	if nilRec.Record(Touch{Event: "x", DistinctID: "y", GroupKey: "z"}) || nilRec.Close() != nil || nilRec.Dropped() != 0 {
		t.Error("a nil recorder did something")
	}
	if _, err := NewRecorder("phx_personalKey", srv.URL); err == nil {
		t.Error("a personal API key was accepted for capture")
	}
}

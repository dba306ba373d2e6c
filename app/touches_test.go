package app_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"successdesk/app"
	"successdesk/backend/connector/posthog"
	"successdesk/backend/connector/posthog/phfake"
	"successdesk/backend/domain"
)

// captureSink is PostHog's capture endpoint: it keeps the events of every
// /batch/ body and hands other requests to the usage fake.
type captureSink struct {
	next   http.Handler
	mu     sync.Mutex
	events []map[string]any
}

func (s *captureSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/batch") {
		s.next.ServeHTTP(w, r)
		return
	}
	var body struct {
		Batch []map[string]any `json:"batch"`
	}
	b, _ := io.ReadAll(r.Body)
	_ = json.Unmarshal(b, &body)
	s.mu.Lock()
	s.events = append(s.events, body.Batch...)
	s.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

func TestRoutingIsRecordedInPostHogWhenAsked(t *testing.T) {
	clock := now
	sink := &captureSink{next: phfake.New(phfake.Options{Companies: 6, Seed: 2})}
	d := liveDesk(t, &clock, map[domain.Source]livePeer{domain.SourcePostHog: {handler: sink, key: phfake.DefaultKey,
		options: map[string]string{"capture_key": "phc_touches_test", "capture_as": "csm@successdesk.example"}}})
	list, err := app.NewHealthService(d).List(app.HealthListRequest{Limit: 10})
	if err != nil || len(list.Rows) == 0 {
		t.Fatalf("live rows: %v", err)
	}
	acc := list.Rows[0]
	ws := app.NewWorkspaceService(d)
	if _, err := ws.Route(app.RouteRequest{AccountID: acc.AccountID, From: "health", To: "convert", Reason: "private note"}); err != nil {
		t.Fatal(err)
	}
	d.Close() // flushes the recorder
	sink.mu.Lock()
	defer sink.mu.Unlock()
	if len(sink.events) != 1 {
		t.Fatalf("%d events captured, want the one route: %v", len(sink.events), sink.events)
	}
	e := sink.events[0]
	props, _ := e["properties"].(map[string]any)
	groups, _ := props["$groups"].(map[string]any)
	if e["event"] != posthog.EventAccountRouted || e["distinct_id"] != "csm@successdesk.example" ||
		groups["company"] != acc.Domain || props["to"] != "convert" {
		t.Fatalf("event %v", e)
	}
	if b, _ := json.Marshal(e); strings.Contains(string(b), "private note") {
		t.Errorf("the route's reason left the app: %s", b)
	}
}

func TestNoTouchIsRecordedWithoutAProjectKey(t *testing.T) {
	clock := now
	sink := &captureSink{next: phfake.New(phfake.Options{Companies: 6, Seed: 2})}
	d := liveDesk(t, &clock, map[domain.Source]livePeer{domain.SourcePostHog: {handler: sink, key: phfake.DefaultKey}})
	list, _ := app.NewHealthService(d).List(app.HealthListRequest{Limit: 10})
	if _, err := app.NewWorkspaceService(d).Route(app.RouteRequest{AccountID: list.Rows[0].AccountID, From: "health", To: "convert"}); err != nil {
		t.Fatal(err)
	}
	d.Close()
	if len(sink.events) != 0 {
		t.Fatalf("recorded %v without being asked", sink.events)
	}
}

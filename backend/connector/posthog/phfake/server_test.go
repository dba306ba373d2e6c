package phfake

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 25, 15, 30, 0, 0, time.UTC)

func do(t *testing.T, s *Server, method, path, auth, body string) (int, map[string]any, http.Header) {
	t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if auth != "" {
		r.Header.Set("Authorization", auth)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	var m map[string]any
	_ = json.Unmarshal(w.Body.Bytes(), &m)
	return w.Code, m, w.Header()
}

func query(q string) string {
	b, _ := json.Marshal(map[string]any{"query": map[string]any{"kind": "HogQLQuery", "query": q}})
	return string(b)
}

func TestAuthAndRoutes(t *testing.T) {
	s := New(Options{Now: func() time.Time { return now }})
	bearer := "Bearer " + DefaultKey
	for _, tc := range []struct {
		method, path, auth, body string
		status                   int
		detail                   string
	}{
		{"GET", "/api/projects/@current/", "", "", 401, "Authentication credentials were not provided."},
		{"GET", "/api/projects/@current/", "Bearer phx_other", "", 401, "Personal API key found in request Authorization header is invalid."},
		{"GET", "/api/projects/4242/", bearer, "", 200, ""},
		{"GET", "/api/projects/1/", bearer, "", 404, "Not found."},
		{"POST", "/api/projects/4242/query/", bearer, query("SELECT 1"), 200, ""},
		{"POST", "/api/projects/4242/query/", bearer, query("SELECT x FROM events LIMIT 10 OFFSET 10"), 400, OffsetRefused},
		{"POST", "/api/projects/4242/query/", bearer, query("SELECT count() FROM events"), 400, "The fake does not know this query."},
		{"POST", "/api/projects/4242/query/", bearer, query(UsageMarker + "\nSELECT 1"), 400, "The usage query is not in the expected shape."},
	} {
		status, m, _ := do(t, s, tc.method, tc.path, tc.auth, tc.body)
		if status != tc.status || (tc.detail != "" && m["detail"] != tc.detail) {
			t.Errorf("%s %s: %d %v, want %d %q", tc.method, tc.path, status, m, tc.status, tc.detail)
		}
	}
	if _, m, _ := do(t, s, "GET", "/api/projects/@current/", bearer, ""); m["id"] != float64(DefaultProject) {
		t.Errorf("project %v", m)
	}
}

func TestFaults(t *testing.T) {
	s := New(Options{Now: func() time.Time { return now }})
	bearer := "Bearer " + DefaultKey
	s.Inject(Fault{Kind: FaultRateLimit, RetryAfter: "12", Path: "/query/", After: 1, Times: 2})
	codes := []int{}
	for range 4 {
		status, m, h := do(t, s, "POST", "/api/projects/4242/query/", bearer, query("SELECT 1"))
		codes = append(codes, status)
		if status == 429 && (h.Get("Retry-After") != "12" || m["code"] != "throttled") {
			t.Errorf("throttle answer %v %v", h, m)
		}
	}
	if !slices.Equal(codes, []int{200, 429, 429, 200}) || s.Faulted() != 2 {
		t.Errorf("codes %v, faulted %d", codes, s.Faulted())
	}
	// A fault never hides a wrong key.
	s.Inject(Fault{Kind: FaultStatus, Status: 503, Times: -1})
	if status, _, _ := do(t, s, "GET", "/api/projects/4242/", "Bearer nope", ""); status != 401 {
		t.Errorf("wrong key under a fault: %d", status)
	}
	s.ClearFaults()
	if status, _, _ := do(t, s, "GET", "/api/projects/4242/", bearer, ""); status != 200 {
		t.Errorf("after ClearFaults: %d", status)
	}
}

func TestTruthFollowsTheBook(t *testing.T) {
	s := New(Options{Companies: 21, Seed: 4, Now: func() time.Time { return now }})
	tr := s.Truth()
	if len(tr.Weeks) != TruthWeeks || tr.Weeks[TruthWeeks-1] != time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC) {
		t.Fatalf("weeks %v", tr.Weeks)
	}
	byKey := map[string]TruthAccount{}
	for _, a := range tr.Groups {
		byKey[a.Key] = a
	}
	for _, c := range s.Book().Companies {
		a, ok := byKey[c.Key]
		if ok != (c.Profile != "churned") {
			t.Errorf("company %s (%s): in truth %v", c.Key, c.Profile, ok)
		}
		if ok && c.Profile == "dropped" && (a.Users[12] != 0 || a.Users[11] != 0 || a.Users[10] != 0) {
			t.Errorf("dropped company %s has users %v", c.Key, a.Users)
		}
	}
	for _, a := range tr.Domains {
		if slices.Contains(FreeMail, a.Key) || a.Key != strings.ToLower(a.Key) {
			t.Errorf("domain account %q", a.Key)
		}
	}
}

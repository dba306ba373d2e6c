package bbfake

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// post sends query with vars to s and decodes the answer.
func post(t *testing.T, s *Server, key, query string, vars map[string]any) (int, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/v1/graphql", bytes.NewReader(body))
	if key != "" {
		req.Header.Set("x-buildbetter-api-key", key)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("answer is not JSON: %s", rec.Body)
	}
	return rec.Code, out
}

func errCode(out map[string]any) string {
	errs, _ := out["errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	ext, _ := errs[0].(map[string]any)["extensions"].(map[string]any)
	code, _ := ext["code"].(string)
	return code
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Generate(Gen{Seed: 4, Now: now}), Generate(Gen{Seed: 4, Now: now})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same Gen gave two books")
	}
	if reflect.DeepEqual(a, Generate(Gen{Seed: 5, Now: now})) {
		t.Fatal("two seeds gave one book")
	}
	for _, c := range a.Calls {
		if c.CreatedAt.After(now.Add(-time.Hour)) || c.CreatedAt.Before(now.Add(-12*7*24*time.Hour)) {
			t.Errorf("call %d at %v, outside the last 12 weeks", c.ID, c.CreatedAt)
		}
	}
	kinds := map[string]int{}
	for _, x := range a.Signals {
		kinds[x.Kind]++
	}
	for _, k := range kindOrder {
		if kinds[k] == 0 {
			t.Errorf("no signal of kind %q", k)
		}
	}
}

func TestAuth(t *testing.T) {
	s := New(Options{Book: Generate(Gen{Seed: 1, Companies: 2, Now: now})})
	q := `{ organization { name } }`
	for _, key := range []string{"", "wrong"} {
		if code, out := post(t, s, key, q, nil); code != 401 || errCode(out) != "access-denied" {
			t.Errorf("key %q: %d %v", key, code, out)
		}
	}
	s.opts.AuthInBody = true
	if code, out := post(t, s, "wrong", q, nil); code != 200 || errCode(out) != "access-denied" {
		t.Errorf("auth in body: %d %v", code, out)
	}
	if code, out := post(t, s, DefaultKey, q, nil); code != 200 || out["data"] == nil {
		t.Errorf("right key: %d %v", code, out)
	}
}

func TestListsPagingAndSelection(t *testing.T) {
	s := New(Options{Book: Generate(Gen{Seed: 2, Companies: 3, Now: now}), MaxRows: 4})
	q := `query L($w: interview_bool_exp!, $o: Int!) {
		calls: interview(where: $w, order_by: [{created_at: asc}, {id: asc}], limit: 10, offset: $o) {
			id created_at attendees { person { email company { name } } } } }`
	all := len(s.book.Calls)
	var seen []any
	for off := 0; ; off += 4 {
		_, out := post(t, s, DefaultKey, q, map[string]any{"w": map[string]any{}, "o": off})
		rows := out["data"].(map[string]any)["calls"].([]any)
		if len(rows) > 4 {
			t.Fatalf("%d rows past the cap", len(rows))
		}
		if len(rows) == 0 {
			break
		}
		seen = append(seen, rows...)
	}
	if len(seen) != all {
		t.Fatalf("paged %d calls of %d", len(seen), all)
	}
	first := seen[0].(map[string]any)
	if len(first) != 3 || first["attendees"] == nil {
		t.Errorf("row not cut to the selection: %v", first)
	}
	cut := s.book.Calls[all/2].CreatedAt.Format(time.RFC3339Nano)
	_, out := post(t, s, DefaultKey, q, map[string]any{"w": map[string]any{"created_at": map[string]any{"_gt": cut}}, "o": 0})
	for _, r := range out["data"].(map[string]any)["calls"].([]any) {
		at, _ := time.Parse(time.RFC3339Nano, r.(map[string]any)["created_at"].(string))
		if !at.After(s.book.Calls[all/2].CreatedAt) {
			t.Errorf("row at %v not after %s", at, cut)
		}
	}
	for _, bad := range []string{`{ interview { id nope } }`, `{ interview { attendees } }`, `{ interview { id { x } } }`,
		`{ calls { id } }`, `mutation { x }`, `{ interview(where: {id: {_eq: 1}}) { id } }`, `{ interview { ...F } }`} {
		if _, out := post(t, s, DefaultKey, bad, nil); errCode(out) == "" {
			t.Errorf("%s was answered: %v", bad, out)
		}
	}
	if got := s.Requests(); !strings.HasPrefix(got[0], "interview[0:4]") {
		t.Errorf("requests %q", got)
	}
}

func TestFaultsAndTruth(t *testing.T) {
	s := New(Options{Book: Generate(Gen{Seed: 3, Companies: 2, Now: now})})
	s.Inject(Fault{Kind: FaultStatus, Status: 429, RetryAfter: "3"})
	s.Inject(Fault{Kind: FaultGraphQLError, Code: "validation-failed"})
	if code, out := post(t, s, DefaultKey, `{ organization { id } }`, nil); code != 429 || errCode(out) != "rate-limit" {
		t.Errorf("first: %d %v", code, out)
	}
	if code, out := post(t, s, DefaultKey, `{ organization { id } }`, nil); code != 200 || errCode(out) != "validation-failed" {
		t.Errorf("second: %d %v", code, out)
	}
	if s.Faulted() != 2 {
		t.Errorf("faulted %d", s.Faulted())
	}
	tr := s.Truth()
	if len(tr.Accounts) == 0 || len(tr.Activities) == 0 {
		t.Fatalf("empty truth %+v", tr)
	}
	for _, a := range tr.Accounts {
		if a.Domain == "gmail.com" || strings.HasPrefix(a.Key, "unmatched:") && a.Domain != "" {
			t.Errorf("account %+v", a)
		}
	}
}

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

	"successdesk/backend/connector/posthog/phfake"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

func TestCursor(t *testing.T) {
	_, srv, hc, _ := fakeFor(t, phfake.Options{Companies: 12, Seed: 2})
	c := connect(srv, hc, WithProject(project), WithGroupType("company", 0), withPageSize(3))
	first, err := c.Fetch(t.Context(), "")
	if err != nil || first.Done {
		t.Fatalf("first page %+v, %v", first, err)
	}
	last := first.Accounts[len(first.Accounts)-1].Key
	want := position{mode: "g0", week: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), after: last}.String()
	if first.Next != want || !strings.HasPrefix(first.Next, "v1:g0:2026-11-23:") {
		t.Errorf("Next = %q, want %q", first.Next, want)
	}
	second, err := c.Fetch(t.Context(), first.Next)
	if err != nil || second.Len() == 0 || second.Accounts[0].Key <= last {
		t.Fatalf("second page %+v, %v", second, err)
	}
	// A cursor of last week's pass, or of the other grouping, starts a new
	// pass instead of resuming.
	stale := position{mode: "g0", week: time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC), after: last}.String()
	other := position{mode: "email", week: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), after: "zzz"}.String()
	for _, cur := range []string{stale, other} {
		p, err := c.Fetch(t.Context(), cur)
		if err != nil || p.Accounts[0].Key != first.Accounts[0].Key {
			t.Errorf("cursor %q: page starting %v, %v; want a new pass", cur, p.Accounts, err)
		}
	}
	for _, cur := range []string{"nope", "v2:g0:2026-11-23:", "v1:g5:2026-11-23:", "v1:g0:2026-11-24:",
		"v1:g0:2026-11-23:***", "v1:email:2026-11-23", "v1:g0:23-11-2026:"} {
		if _, err := c.Fetch(t.Context(), cur); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("cursor %q: err = %v", cur, err)
		}
	}
}

// recorder is a test server that keeps what it was sent and answers with
// the next of a list of bodies.
type recorder struct {
	mu      sync.Mutex
	answers []string
	reqs    []*http.Request
	bodies  []string
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	b, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reqs, r.bodies = append(r.reqs, req), append(r.bodies, string(b))
	if len(r.answers) == 0 {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, r.answers[0])
	r.answers = r.answers[1:]
}

func serveAnswers(t *testing.T, answers ...string) (*recorder, *Connector) {
	rec := &recorder{answers: answers}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	hc := httpx.New(httpx.Policy{MaxAttempts: 1}, httpx.WithHTTPClient(srv.Client()))
	return rec, New(testKey, hc, WithHost(srv.URL+"/"), WithProject("17"), WithClock(fixedClock), withPageSize(2))
}

// answer renders an e-mail-domain usage answer for keys (each with one
// user in the newest week).
func answer(more bool, keys ...string) string {
	cols := []string{colKey, colLastSeen}
	for i := range WindowWeeks {
		cols = append(cols, weekColumn(i))
	}
	rows := [][]any{}
	for _, k := range keys {
		row := []any{k, "2026-11-24T09:00:00Z"}
		for i := range WindowWeeks {
			row = append(row, i/(WindowWeeks-1))
		}
		rows = append(rows, row)
	}
	b, _ := json.Marshal(map[string]any{"results": rows, "columns": cols, "hasMore": more})
	return string(b)
}

func TestQueryRequest(t *testing.T) {
	rec, c := serveAnswers(t, answer(false, "acme.io"))
	p, err := c.Fetch(t.Context(), "")
	if err != nil || !p.Done || len(p.Accounts) != 1 || p.Usage[WindowWeeks-1].ActiveUsers != 1 {
		t.Fatalf("page %+v, %v", p, err)
	}
	r := rec.reqs[0]
	if r.Method != http.MethodPost || r.URL.Path != "/api/projects/17/query/" || r.URL.RawQuery != "" {
		t.Errorf("request %s %s", r.Method, r.URL)
	}
	if r.Header.Get("Authorization") != "Bearer "+testKey || r.Header.Get("Content-Type") != "application/json" {
		t.Errorf("headers %v", r.Header)
	}
	var body queryRequest
	if err := json.Unmarshal([]byte(rec.bodies[0]), &body); err != nil {
		t.Fatal(err)
	}
	q := body.Query.Query
	if body.Query.Kind != "HogQLQuery" || body.Name != queryName || body.Refresh != "blocking" ||
		body.Query.Values["after"] != "" {
		t.Errorf("body %+v", body)
	}
	for _, want := range []string{queryMarker, "LIMIT 3", "> {after}", "ORDER BY account_key ASC",
		"WHERE timestamp >= toDateTime('2026-08-31 00:00:00', 'UTC')\n    AND timestamp < toDateTime('2026-11-30 00:00:00', 'UTC')",
		"timestamp >= toDateTime('2026-11-23 00:00:00', 'UTC') AND timestamp < toDateTime('2026-11-30 00:00:00', 'UTC')) AS w12",
		"NOT IN ('gmail.com', "} {
		if !strings.Contains(q, want) {
			t.Errorf("query lacks %q:\n%s", want, q)
		}
	}
	if strings.Contains(strings.ToUpper(q), "OFFSET") || strings.Contains(rec.bodies[0], testKey) {
		t.Errorf("query uses OFFSET or carries the key:\n%s", q)
	}
}

func TestReadsOnPastDroppedRows(t *testing.T) {
	// Two pages whose rows are all free-mail or malformed, then one real
	// domain: one Fetch reads on to it (an empty page would end the pass).
	rec, c := serveAnswers(t,
		answer(false, "aol.com", "gmx.de", "localhost"),
		answer(false, "qq.com", "yandex.ru", "zz"),
		answer(false, "zzz.example"))
	p, err := c.Fetch(t.Context(), "")
	if err != nil || !p.Done || len(p.Accounts) != 1 || p.Accounts[0].Key != "zzz.example" {
		t.Fatalf("page %+v, %v", p, err)
	}
	afters := []string{}
	for _, b := range rec.bodies {
		var body queryRequest
		_ = json.Unmarshal([]byte(b), &body)
		afters = append(afters, body.Query.Values["after"].(string))
	}
	if strings.Join(afters, ",") != ",gmx.de,yandex.ru" {
		t.Errorf("keyset afters %q", afters)
	}
}

func TestAnswerOutOfOrderIsUnreadable(t *testing.T) {
	// A server that ignores {after} would send the same rows forever.
	_, c := serveAnswers(t, answer(false, "b.io", "c.io", "d.io"), answer(false, "a.io", "b.io", "c.io"))
	p, err := c.Fetch(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Fetch(t.Context(), p.Next); domain.ErrorMessage(err) != msgUnreadable {
		t.Errorf("err = %v", err)
	}
	_, c = serveAnswers(t, `{"results": [["a.io"]], "columns": ["account_key"]}`)
	if _, err := c.Fetch(t.Context(), ""); domain.ErrorMessage(err) != msgUnreadable {
		t.Errorf("answer without week columns: err = %v", err)
	}
}

package sbfake

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func get(t *testing.T, srv *httptest.Server, key, path string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if key != "" {
		req.Header.Set("X-SALESBRICKS-KEY", key)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	b, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(b, &m)
	return resp.StatusCode, m
}

func start(t *testing.T, o Options) (*Server, *httptest.Server) {
	if o.Now == nil {
		o.Now = func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }
	}
	s := New(o)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv
}

func TestKeyAndPaging(t *testing.T) {
	s, srv := start(t, Options{Subscriptions: 30})
	if code, body := get(t, srv, "", "/api/v2/customers"); code != 401 || body["error"] == nil {
		t.Errorf("no key: %d %v", code, body)
	}
	if code, _ := get(t, srv, "wrong", "/api/v2/customers"); code != 401 {
		t.Errorf("wrong key: %d", code)
	}
	code, body := get(t, srv, DefaultKey, "/api/v2/customers?limit=10&offset=20")
	n := len(s.Customers())
	if code != 200 || int(body["count"].(float64)) != n || len(body["results"].([]any)) != min(10, n-20) {
		t.Fatalf("page: %d %v", code, body["count"])
	}
	if next, _ := body["next"].(string); next == "" && n > 30 || next != "" && !strings.Contains(next, "offset=30") {
		t.Errorf("next %q", body["next"])
	}
	if !strings.Contains(body["previous"].(string), "offset=10") {
		t.Errorf("previous %q", body["previous"])
	}
	for _, bad := range []string{"limit=0", "limit=x", "offset=-1"} {
		if code, _ := get(t, srv, DefaultKey, "/api/v2/customers?"+bad); code != 400 {
			t.Errorf("%s: %d", bad, code)
		}
	}
	if code, _ := get(t, srv, DefaultKey, "/api/v2/subscriptions/nope/current"); code != 404 {
		t.Errorf("unknown subscription: %d", code)
	}
}

// Every contract the list names answers its state, orders and invoices;
// the book spans the statuses and frequencies it promises.
func TestBookShapes(t *testing.T) {
	s, srv := start(t, Options{Subscriptions: 60, Seed: 3})
	statuses, freqs := map[string]bool{}, map[any]bool{}
	for _, c := range s.Customers() {
		for _, sub := range c.Subs {
			code, cur := get(t, srv, DefaultKey, "/api/v2/subscriptions/"+sub.ID+"/current")
			if code != 200 || cur["subscription_id"] != sub.ID {
				t.Fatalf("current of %s: %d", sub.ID, code)
			}
			statuses[cur["status"].(string)] = true
			freqs[cur["billing_frequency"]] = true
			for _, list := range []string{"orders", "invoices"} {
				if code, body := get(t, srv, DefaultKey, "/api/v2/subscriptions/"+sub.ID+"/"+list); code != 200 || body["results"] == nil {
					t.Errorf("%s of %s: %d", list, sub.ID, code)
				}
			}
		}
	}
	for _, want := range []string{"ACTIVE", "TRIAL", "PAST_DUE", "CANCELED", "EXPIRED", "PENDING", "DRAFT", "PAUSED"} {
		if !statuses[want] {
			t.Errorf("no %s contract in %v", want, statuses)
		}
	}
	for _, want := range []any{"MONTHLY", "QUARTERLY", "ANNUALLY", "SEMI_ANNUALLY", nil} {
		if !freqs[want] {
			t.Errorf("no %v billing in %v", want, freqs)
		}
	}
	if tr := s.Truth(); len(tr.Deals) == 0 || len(tr.Invoices) == 0 || len(tr.Activities) == 0 {
		t.Errorf("truth: %d deals, %d invoices, %d activities", len(tr.Deals), len(tr.Invoices), len(tr.Activities))
	}
}

func post(t *testing.T, srv *httptest.Server, query string) (int, string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": map[string]any{"limit": 2, "offset": 1}})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/graphql", strings.NewReader(string(body)))
	req.Header.Set("X-SALESBRICKS-KEY", DefaultKey)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestGraphQL(t *testing.T) {
	_, srv := start(t, Options{Subscriptions: 30})
	code, body := post(t, srv, `query { companyOrders(limit: $limit, offset: $offset) { orders { id stage currency lostReason } } }`)
	var a struct {
		Data struct {
			CompanyOrders struct{ Orders []map[string]any }
		}
	}
	if err := json.Unmarshal([]byte(body), &a); code != 200 || err != nil || len(a.Data.CompanyOrders.Orders) != 2 {
		t.Fatalf("orders: %d %s", code, body)
	}
	if _, ok := a.Data.CompanyOrders.Orders[0]["metadata"].(string); !ok {
		t.Errorf("metadata is not a JSON string: %v", a.Data.CompanyOrders.Orders[0]["metadata"])
	}
	if code, body := post(t, srv, `{ company { name } }`); code != 200 || !strings.Contains(body, DefaultCompany) {
		t.Errorf("company: %d %s", code, body)
	}
	_, plain := start(t, Options{Subscriptions: 5, PlainGraphQL: true, NoOffset: true, NoCompany: true})
	for _, q := range []string{`{ companyOrders(limit: 1) { orders { id lostReason } } }`,
		`{ companyOrders(limit: 1, offset: 0) { orders { id } } }`, `{ company { name } }`} {
		if code, body := post(t, plain, q); code != 400 || !strings.Contains(body, `"errors"`) {
			t.Errorf("%s: %d %s", q, code, body)
		}
	}
}

func TestFaults(t *testing.T) {
	s, srv := start(t, Options{Subscriptions: 5})
	s.Inject(Fault{Kind: FaultStatus, Status: 429, RetryAfter: "3", Path: "/customers"})
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v2/customers", nil)
	req.Header.Set("X-SALESBRICKS-KEY", DefaultKey)
	resp, err := srv.Client().Do(req)
	if err != nil || resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "3" {
		t.Fatalf("429: %v %v", resp, err)
	}
	resp.Body.Close()
	s.Inject(Fault{Kind: FaultTruncated, Path: "/customers"})
	resp, err = srv.Client().Do(req)
	if err == nil {
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if err == nil {
		t.Error("a truncated body read in full")
	}
	s.Inject(Fault{Kind: FaultMalformed})
	if code, body := get(t, srv, DefaultKey, "/api/v2/customers"); code != 200 || body != nil {
		t.Errorf("malformed: %d %v", code, body)
	}
	if s.Faulted() != 3 {
		t.Errorf("faulted %d", s.Faulted())
	}
	if code, _ := get(t, srv, DefaultKey, "/api/v2/customers"); code != 200 {
		t.Errorf("after the faults: %d", code)
	}
}

package hsfake

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

func serve(t *testing.T, o Options) (*Server, *httptest.Server) {
	t.Helper()
	o.Now = func() time.Time { return now }
	s := New(o)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv
}

// call sends a request with token and decodes the JSON answer.
func call(t *testing.T, srv *httptest.Server, token, method, path, body string) (int, http.Header, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return resp.StatusCode, resp.Header, m
}

func TestAuthAndScopes(t *testing.T) {
	_, srv := serve(t, Options{Companies: 3, Scopes: []string{ScopeCompanies}})
	for _, tok := range []string{"", "pat-na1-wrong"} {
		st, _, m := call(t, srv, tok, "GET", "/crm/v3/objects/companies", "")
		if st != 401 || m["category"] != "INVALID_AUTHENTICATION" || m["status"] != "error" || m["correlationId"] == "" {
			t.Errorf("token %q: %d %v", tok, st, m)
		}
	}
	st, _, m := call(t, srv, DefaultToken, "GET", "/crm/v3/pipelines/deals", "")
	if st != 403 || m["category"] != "MISSING_SCOPES" || !strings.Contains(mustJSON(m["errors"]), ScopeDeals) {
		t.Errorf("missing scope: %d %v", st, m)
	}
	if st, _, _ := call(t, srv, DefaultToken, "GET", "/account-info/v3/details", ""); st != 200 {
		t.Errorf("account info needs no scope: %d", st)
	}
}

func mustJSON(v any) string { b, _ := json.Marshal(v); return string(b) }

func TestListPaging(t *testing.T) {
	s, srv := serve(t, Options{Companies: 7, Seed: 1, MaxPageSize: 3})
	var ids []string
	after := ""
	for range 5 {
		path := "/crm/v3/objects/companies?limit=100&properties=domain,industry&properties=city"
		if after != "" {
			path += "&after=" + after
		}
		st, h, m := call(t, srv, DefaultToken, "GET", path, "")
		if st != 200 || h.Get("X-HubSpot-RateLimit-Interval-Milliseconds") != "10000" || h.Get("Date") != now.Format(http.TimeFormat) {
			t.Fatalf("%d %v", st, h)
		}
		for _, r := range m["results"].([]any) {
			o := r.(map[string]any)
			props := o["properties"].(map[string]any)
			for _, k := range []string{"domain", "industry", "city", "hs_lastmodifieddate", "hs_object_id"} {
				if _, ok := props[k]; !ok {
					t.Errorf("%v lacks %s", o["id"], k)
				}
			}
			ids = append(ids, o["id"].(string))
		}
		next, _ := m["paging"].(map[string]any)
		if next == nil {
			break
		}
		after = next["next"].(map[string]any)["after"].(string)
	}
	if strings.Join(ids, ",") != strings.Join(s.IDs(), ",") {
		t.Errorf("paged %v, want %v", ids, s.IDs())
	}
}

func TestTrailingEmpty(t *testing.T) {
	_, srv := serve(t, Options{Companies: 2, TrailingEmpty: true})
	_, _, m := call(t, srv, DefaultToken, "GET", "/crm/v3/objects/companies?limit=100", "")
	after := m["paging"].(map[string]any)["next"].(map[string]any)["after"].(string)
	_, _, m = call(t, srv, DefaultToken, "GET", "/crm/v3/objects/companies?limit=100&after="+after, "")
	if len(m["results"].([]any)) != 0 || m["paging"] == nil {
		t.Errorf("trailing page %v", m)
	}
}

func TestSearch(t *testing.T) {
	s, srv := serve(t, Options{Companies: 30, Seed: 3})
	ids := s.IDs()
	s.Touch(now.Add(time.Minute), ids[4], ids[9], ids[20])
	body := `{"filterGroups":[{"filters":[{"propertyName":"hs_lastmodifieddate","operator":"GTE","value":"` +
		itoa(now.UnixMilli()) + `"}]}],"sorts":[{"propertyName":"hs_lastmodifieddate","direction":"DESCENDING"}],` +
		`"properties":["name"],"limit":2}`
	st, h, m := call(t, srv, DefaultToken, "POST", "/crm/v3/objects/companies/search", body)
	if st != 200 || m["total"].(float64) != 3 || len(m["results"].([]any)) != 2 || h.Get("X-HubSpot-RateLimit-Remaining") != "" {
		t.Fatalf("search: %d %v %v", st, m, h)
	}
	if next := m["paging"].(map[string]any)["next"].(map[string]any)["after"]; next != "2" {
		t.Errorf("after %v", next)
	}
	for _, bad := range []string{`{"limit":201}`, `{"limit":100,"after":"9950"}`, `{"after":"x"}`, `nope`} {
		if st, _, m := call(t, srv, DefaultToken, "POST", "/crm/v3/objects/companies/search", bad); st != 400 ||
			m["category"] != "VALIDATION_ERROR" {
			t.Errorf("%s: %d %v", bad, st, m)
		}
	}
	st, _, m = call(t, srv, DefaultToken, "POST", "/crm/v3/objects/companies/search",
		`{"filterGroups":[{"filters":[{"propertyName":"domain","operator":"NOT_HAS_PROPERTY"}]}],"sorts":["-hs_object_id"],"limit":200}`)
	if st != 200 || m["total"].(float64) == 0 {
		t.Errorf("companies without a domain: %d %v", st, m)
	}
	if len(s.SearchBodies()) != 6 {
		t.Errorf("%d search bodies", len(s.SearchBodies()))
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestFaults(t *testing.T) {
	s, srv := serve(t, Options{Companies: 3})
	s.Inject(Fault{Status: 429, Policy: PolicyDaily})
	st, h, m := call(t, srv, DefaultToken, "GET", "/crm/v3/objects/companies", "")
	if st != 429 || m["policyName"] != "DAILY" || m["errorType"] != "RATE_LIMIT" ||
		h.Get("X-HubSpot-RateLimit-Daily-Remaining") != "0" || h.Get("Retry-After") != "" {
		t.Errorf("daily: %d %v %v", st, m, h)
	}
	s.Inject(Fault{Status: 429, RetryAfter: "4", NoRateHeaders: true, Path: "/crm/v3/pipelines"})
	if st, h, _ := call(t, srv, DefaultToken, "GET", "/crm/v3/objects/companies", ""); st != 200 || h.Get("Retry-After") != "" {
		t.Errorf("fault on another path hit: %d", st)
	}
	st, h, _ = call(t, srv, DefaultToken, "GET", "/crm/v3/pipelines/deals", "")
	if st != 429 || h.Get("Retry-After") != "4" || h.Get("X-HubSpot-RateLimit-Remaining") != "" {
		t.Errorf("retry-after: %d %v", st, h)
	}
	s.Inject(Fault{Kind: FaultMalformed})
	if _, _, m := call(t, srv, DefaultToken, "GET", "/crm/v3/objects/companies", ""); m != nil {
		t.Errorf("malformed answer decoded: %v", m)
	}
	s.Inject(Fault{Status: 500, After: 1})
	call(t, srv, DefaultToken, "GET", "/crm/v3/objects/companies", "")
	if st, _, m := call(t, srv, DefaultToken, "GET", "/crm/v3/objects/companies", ""); st != 500 || m["category"] != "INTERNAL_ERROR" {
		t.Errorf("500: %d %v", st, m)
	}
	if s.Faulted() != 4 {
		t.Errorf("faulted %d", s.Faulted())
	}
}

func TestTruthAndMutations(t *testing.T) {
	s, _ := serve(t, Options{Companies: 60, Seed: 8})
	truth := s.Truth("customer_tier", "products_in_use")
	if len(truth) != 60 {
		t.Fatalf("%d wants", len(truth))
	}
	forms := map[bool]int{}
	for _, w := range truth {
		forms[w.Domain == ""]++
		if w.Name == "" || strings.Contains(w.Name, "  ") {
			t.Errorf("name %q", w.Name)
		}
		for k := range w.Custom {
			if k != "Customer tier" && k != "Products in use" {
				t.Errorf("custom key %q", k)
			}
		}
	}
	if forms[true] == 0 || forms[false] == 0 {
		t.Errorf("domains present/absent: %v", forms)
	}
	id := s.Add()
	if !s.Rename(id, "New Name") || !s.Archive(truth[0].ID) || s.Rename("nope", "x") {
		t.Fatal("mutations failed")
	}
	c, _ := s.Company(id)
	if c.Properties["name"] != "New Name" || c.Properties["hs_lastmodifieddate"] != now.Format(timeFormat) {
		t.Errorf("renamed company %+v", c)
	}
	after := s.Truth()
	if len(after) != 60 || after[len(after)-1].Name != "New Name" {
		t.Errorf("truth after mutations: %d, last %+v", len(after), after[len(after)-1])
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := serve(t, Options{Companies: 20, Seed: 42})
	b, _ := serve(t, Options{Companies: 20, Seed: 42})
	if mustJSON(a.Truth("renewal_notes")) != mustJSON(b.Truth("renewal_notes")) {
		t.Error("the same seed gave different books")
	}
}

func TestFaultHang(t *testing.T) {
	s, srv := serve(t, Options{Companies: 1})
	s.Inject(Fault{Kind: FaultHang})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/crm/v3/objects/companies", nil)
	req.Header.Set("Authorization", "Bearer "+DefaultToken)
	if resp, err := srv.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Errorf("a hanging request answered %d", resp.StatusCode)
	}
}

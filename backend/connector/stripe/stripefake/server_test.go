package stripefake

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// clock is a clock the test moves.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func serve(t *testing.T, o Options) (*Server, *httptest.Server, *clock) {
	t.Helper()
	c := &clock{now: t0}
	if o.Now == nil {
		o.Now = c.Now
	}
	s := New(o)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv, c
}

type list struct {
	Data    []json.RawMessage `json:"data"`
	HasMore bool              `json:"has_more"`
	Object  string            `json:"object"`
}

// get sends GET path with key and decodes a JSON answer into v (if not nil).
func get(t *testing.T, srv *httptest.Server, key, path string, v any) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if v != nil && resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("%s: %v\n%s", path, err, body)
		}
	}
	return resp.StatusCode, resp.Header, string(body)
}

type listed struct {
	ID      string `json:"id"`
	Created int64  `json:"created"`
	Status  string `json:"status"`
	Type    string `json:"type"`
	Charge  any    `json:"charge"`
}

// pageAll walks a list with limit and returns its objects in order.
func pageAll(t *testing.T, srv *httptest.Server, path string, limit int) []listed {
	t.Helper()
	var out []listed
	after := ""
	for range 1000 {
		q := path + "&limit=" + url.QueryEscape(itoa(int64(limit)))
		if after != "" {
			q += "&starting_after=" + after
		}
		var l list
		if code, _, body := get(t, srv, DefaultKey, q, &l); code != http.StatusOK {
			t.Fatalf("%s: %d %s", q, code, body)
		}
		for _, raw := range l.Data {
			var o listed
			_ = json.Unmarshal(raw, &o)
			out = append(out, o)
		}
		if !l.HasMore {
			return out
		}
		after = out[len(out)-1].ID
	}
	t.Fatal("the list never ended")
	return nil
}

func TestListsPageNewestFirst(t *testing.T) {
	s, srv, _ := serve(t, Options{Subscriptions: 60})
	got := pageAll(t, srv, "/v1/customers?", 7)
	want := s.Customers()
	if len(got) != len(want) || len(got) < 50 {
		t.Fatalf("%d customers listed, %d in the book", len(got), len(want))
	}
	for i := range got {
		if got[i].ID != want[i].ID || i > 0 && got[i].Created > got[i-1].Created {
			t.Fatalf("customer %d: %+v, want %s newest first", i, got[i], want[i].ID)
		}
	}
	all := pageAll(t, srv, "/v1/subscriptions?status=all", 100)
	open := pageAll(t, srv, "/v1/subscriptions?", 100)
	canceled := pageAll(t, srv, "/v1/subscriptions?status=canceled", 100)
	if len(all) != 60 || len(open)+len(canceled) != 60 || len(canceled) == 0 {
		t.Errorf("subscriptions: %d all, %d by default, %d canceled", len(all), len(open), len(canceled))
	}
	for _, o := range open {
		if o.Status == "canceled" {
			t.Errorf("the default list holds canceled %s", o.ID)
		}
	}
	invs := pageAll(t, srv, "/v1/invoices?expand[0]=data.charge", 50)
	if len(invs) < 60 {
		t.Fatalf("%d invoices", len(invs))
	}
	expanded := 0
	for _, in := range invs {
		if _, ok := in.Charge.(map[string]any); ok {
			expanded++
		}
	}
	plain := pageAll(t, srv, "/v1/invoices?status=open", 100)
	for _, in := range plain {
		if _, ok := in.Charge.(map[string]any); ok || in.Status != "open" {
			t.Errorf("invoice %+v: not filtered or expanded unasked", in)
		}
	}
	if expanded == 0 || len(plain) == 0 {
		t.Errorf("%d charges expanded, %d open invoices", expanded, len(plain))
	}
	tr := s.Truth()
	if tr.Objects != len(got)+len(all)+len(invs) {
		t.Errorf("Truth counts %d objects, the lists %d", tr.Objects, len(got)+len(all)+len(invs))
	}
}

func TestListValidation(t *testing.T) {
	_, srv, _ := serve(t, Options{Subscriptions: 5})
	for path, want := range map[string]string{
		"/v1/customers?limit=101":                 "limit",
		"/v1/customers?colour=red":                "unknown parameter: colour",
		"/v1/customers?starting_after=cus_nobody": "No such customer",
		"/v1/events?type=a&types[0]=b":            "either type or types",
		"/v1/customers?expand[0]=data.charge":     "cannot be expanded",
		"/v1/charges":                             "Unrecognized request URL",
		"/v1/invoices/in_nobody":                  "No such invoice",
	} {
		code, _, body := get(t, srv, DefaultKey, path, nil)
		if code/100 != 4 || !strings.Contains(body, want) || !strings.Contains(body, `"error"`) {
			t.Errorf("%s: %d %s", path, code, body)
		}
	}
}

func TestEventsFilterAndWindow(t *testing.T) {
	s, srv, c := serve(t, Options{Subscriptions: 40})
	cid := s.Customers()[0].ID
	c.add(time.Hour)
	if err := s.UpdateCustomer(cid, func(x *Customer) { x.Name = "Renamed" }); err != nil {
		t.Fatal(err)
	}
	since := itoa(t0.Add(time.Minute).Unix())
	evs := pageAll(t, srv, "/v1/events?created[gte]="+since, 10)
	if len(evs) != 1 || evs[0].Type != "customer.updated" {
		t.Fatalf("events since the change: %+v", evs)
	}
	if got := pageAll(t, srv, "/v1/events?types[0]=invoice.*", 100); len(got) == 0 || !strings.HasPrefix(got[0].Type, "invoice.") {
		t.Errorf("wildcard types: %+v", got)
	}
	c.add(31 * 24 * time.Hour)
	if got := pageAll(t, srv, "/v1/events?", 100); len(got) != 0 {
		t.Errorf("%d events older than 30 days still listed", len(got))
	}
}

func TestAuth(t *testing.T) {
	_, srv, _ := serve(t, Options{Subscriptions: 3, Key: "rk_live_51Restricted9876", Deny: []string{"/v1/account"}})
	code, _, body := get(t, srv, "sk_"+"live_wrongFakeKey", "/v1/customers", nil)
	if code != http.StatusUnauthorized || !strings.Contains(body, "Invalid API Key provided: sk_live_****eKey") ||
		strings.Contains(body, "wrongFake") {
		t.Errorf("wrong key: %d %s", code, body)
	}
	if code, _, body := get(t, srv, "", "/v1/customers", nil); code != http.StatusUnauthorized || !strings.Contains(body, "did not provide") {
		t.Errorf("no key: %d %s", code, body)
	}
	if code, _, _ := get(t, srv, "rk_live_51Restricted9876", "/v1/customers?limit=1", nil); code != http.StatusOK {
		t.Errorf("restricted key: %d", code)
	}
	if code, _, body := get(t, srv, "rk_live_51Restricted9876", "/v1/account", nil); code != http.StatusForbidden ||
		!strings.Contains(body, "does not have the required permissions") {
		t.Errorf("denied path: %d %s", code, body)
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/v1/customers?limit=1", nil)
	req.SetBasicAuth("rk_live_51Restricted9876", "")
	if resp, err := srv.Client().Do(req); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("basic auth: %v %v", resp, err)
	}
	for key, want := range map[string]string{"sk_test_abcdef1234": "sk_test_****1234", "rk_x": "****", "nope": "****"} {
		if got := Mask(key); got != want {
			t.Errorf("Mask(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestFaults(t *testing.T) {
	s, srv, _ := serve(t, Options{Subscriptions: 5})
	s.Inject(Fault{Kind: FaultStatus, Status: 429, RetryAfter: "2", Path: "/v1/invoices", After: 1, Times: 2})
	var codes []int
	for range 4 {
		code, h, _ := get(t, srv, DefaultKey, "/v1/invoices?limit=1", nil)
		codes = append(codes, code)
		if code == 429 && h.Get("Retry-After") != "2" {
			t.Errorf("Retry-After %q", h.Get("Retry-After"))
		}
	}
	if !reflect.DeepEqual(codes, []int{200, 429, 429, 200}) || s.Faulted() != 2 {
		t.Errorf("codes %v, faulted %d", codes, s.Faulted())
	}
	if code, _, _ := get(t, srv, DefaultKey, "/v1/customers?limit=1", nil); code != 200 {
		t.Errorf("a fault for invoices hit customers: %d", code)
	}

	s.Inject(Fault{Kind: FaultMalformed})
	if code, _, body := get(t, srv, DefaultKey, "/v1/customers?limit=1", nil); code != 200 || json.Valid([]byte(body)) {
		t.Errorf("malformed: %d %q", code, body)
	}
	authed := func(hc *http.Client) (*http.Response, error) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/v1/customers?limit=3", nil)
		req.Header.Set("Authorization", "Bearer "+DefaultKey)
		return hc.Do(req)
	}
	for _, kind := range []FaultKind{FaultTruncated, FaultReset} {
		s.Inject(Fault{Kind: kind})
		resp, err := authed(srv.Client())
		if err == nil {
			_, err = io.ReadAll(resp.Body)
			resp.Body.Close()
		}
		if err == nil {
			t.Errorf("fault %d: the answer arrived whole", kind)
		}
	}
	s.Inject(Fault{Kind: FaultHang})
	hc := *srv.Client()
	hc.Timeout = 50 * time.Millisecond
	var ne interface{ Timeout() bool }
	if _, err := authed(&hc); !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("hang: %v", err)
	}

	s.RevokeAfter(len(s.Requests()) + 1)
	if code, _, _ := get(t, srv, DefaultKey, "/v1/customers?limit=1", nil); code != 200 {
		t.Errorf("before the revocation: %d", code)
	}
	if code, _, _ := get(t, srv, DefaultKey, "/v1/customers?limit=1", nil); code != 401 {
		t.Errorf("after the revocation: %d", code)
	}
	s.ClearFaults()
	if code, _, _ := get(t, srv, DefaultKey, "/v1/customers?limit=1", nil); code != 200 {
		t.Errorf("after ClearFaults: %d", code)
	}
}

func TestMutations(t *testing.T) {
	s, srv, c := serve(t, Options{Subscriptions: 30})
	before := s.Truth()
	var victim string
	for _, a := range before.Accounts {
		if len(a.Customers) == 1 {
			victim = a.Customers[0]
			break
		}
	}
	c.add(time.Minute)
	if err := s.DeleteCustomer(victim); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteCustomer(victim); err == nil {
		t.Error("deleted twice")
	}
	evs := pageAll(t, srv, "/v1/events?created[gte]="+itoa(t0.Add(time.Minute).Unix()), 100)
	if len(evs) == 0 || evs[0].Type != "customer.deleted" {
		t.Fatalf("events %+v", evs)
	}
	for _, e := range evs[1:] {
		if e.Type != "customer.subscription.deleted" {
			t.Errorf("event %+v", e)
		}
	}
	after := s.Truth()
	if len(after.Accounts) != len(before.Accounts)-1 || after.Keys[victim] != "" {
		t.Errorf("truth still holds the deleted customer")
	}
	if code, _, body := get(t, srv, DefaultKey, "/v1/customers/"+victim, nil); code != 200 || !strings.Contains(body, `"deleted":true`) {
		t.Errorf("deleted customer: %d %s", code, body)
	}
	id := s.AddCustomer(Customer{Name: "Newco", Email: "ops@newco.example"})
	sid, err := s.AddSubscription(Subscription{Customer: id, Items: []Item{{Nickname: "Pro", UnitAmount: 900, Quantity: 2, Interval: "year"}}})
	if err != nil {
		t.Fatal(err)
	}
	tr := s.Truth()
	if r := tr.Revenue[sid]; r.Amount.AmountMinor != 1800 || r.Interval != "annual" || r.Product != "Pro" || r.Customer != id {
		t.Errorf("new subscription in the truth: %+v", r)
	}
	if got := pageAll(t, srv, "/v1/customers?", 100); got[0].ID != id {
		t.Errorf("the new customer is not listed first: %+v", got[0])
	}
	if _, err := s.AddSubscription(Subscription{Customer: id, Items: []Item{{UnitAmount: 1, Quantity: 1, Interval: "week", IntervalCount: 2}}}); err == nil {
		t.Error("a fortnightly price was accepted")
	}
	if err := s.RemoveSubscription(sid); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Truth().Revenue[sid]; ok {
		t.Error("a removed subscription stays in the truth")
	}
}

func TestDeterministic(t *testing.T) {
	a, _, _ := serve(t, Options{Subscriptions: 50, Seed: 3})
	b, _, _ := serve(t, Options{Subscriptions: 50, Seed: 3})
	c, _, _ := serve(t, Options{Subscriptions: 50, Seed: 4})
	if !reflect.DeepEqual(a.Truth(), b.Truth()) {
		t.Error("the same seed gave two books")
	}
	if reflect.DeepEqual(a.Truth(), c.Truth()) {
		t.Error("two seeds gave one book")
	}
}

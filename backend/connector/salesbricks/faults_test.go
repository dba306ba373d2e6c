package salesbricks

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/connector/salesbricks/sbfake"
	"successdesk/backend/domain"
)

// Faults on the per-contract calls of a page: retried ones are waited out
// (Retry-After honoured, without sleeping); the rest fail the page with a
// plain *domain.Error that names neither the key nor a URL, and the same
// cursor then gives the page in full.
func TestFaultsDuringFanOut(t *testing.T) {
	cases := []struct {
		name  string
		fault sbfake.Fault
		code  string // "" when the page must succeed
		wait  time.Duration
	}{
		{"429 with Retry-After on a state", sbfake.Fault{Kind: sbfake.FaultStatus, Status: http.StatusTooManyRequests,
			RetryAfter: "7", Path: "/current", After: 2}, "", 7 * time.Second},
		{"one 503 on invoices", sbfake.Fault{Kind: sbfake.FaultStatus, Status: http.StatusServiceUnavailable,
			Path: "/invoices"}, "", 0},
		{"persistent 500 on orders", sbfake.Fault{Kind: sbfake.FaultStatus, Status: http.StatusInternalServerError,
			Path: "/orders", Times: -1}, domain.EUnavailable, 0},
		{"Retry-After beyond the policy", sbfake.Fault{Kind: sbfake.FaultStatus, Status: http.StatusTooManyRequests,
			RetryAfter: "3600", Path: "/current", Times: -1}, domain.EUnavailable, 0},
		{"malformed orders", sbfake.Fault{Kind: sbfake.FaultMalformed, Path: "/orders", After: 1}, domain.EUnavailable, 0},
		{"truncated state", sbfake.Fault{Kind: sbfake.FaultTruncated, Path: "/current", After: 3}, domain.EUnavailable, 0},
		{"key revoked mid-page", sbfake.Fault{Kind: sbfake.FaultStatus, Status: http.StatusUnauthorized,
			Path: "/invoices", After: 4, Times: -1}, domain.EUnauthorized, 0},
		{"malformed customers", sbfake.Fault{Kind: sbfake.FaultMalformed, Path: "/customers"}, domain.EUnavailable, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, sbfake.Options{Subscriptions: 12, Seed: 2}, WithPageSize(6), WithConcurrency(3))
			clean, err := f.connect(sbfake.DefaultKey, WithPageSize(6)).Fetch(context.Background(), "")
			if err != nil {
				t.Fatal(err)
			}
			f.fake.Inject(tc.fault)
			p, err := f.conn.Fetch(context.Background(), "")
			if f.fake.Faulted() == 0 {
				t.Fatal("the fault never fired")
			}
			if tc.code == "" {
				if err != nil {
					t.Fatalf("page after a passing fault: %v", err)
				}
				if !slices.Equal(p.Keys(), clean.Keys()) {
					t.Errorf("page differs from a clean one:\n%v\n%v", p.Keys(), clean.Keys())
				}
				if tc.wait > 0 && !slices.Contains(f.sleep.slept(), tc.wait) {
					t.Errorf("slept %v, want %v", f.sleep.slept(), tc.wait)
				}
				return
			}
			var de *domain.Error
			if !errors.As(err, &de) || de.Code != tc.code {
				t.Fatalf("err = %v, want a *domain.Error with code %s", err, tc.code)
			}
			if strings.Contains(err.Error(), sbfake.DefaultKey) || strings.Contains(err.Error(), "http") {
				t.Errorf("error carries the key or a URL: %v", err)
			}
			f.fake.ClearFaults()
			again, err := f.conn.Fetch(context.Background(), "")
			if err != nil || !slices.Equal(again.Keys(), clean.Keys()) {
				t.Errorf("the same cursor after the fault: %v, %v", again.Keys(), err)
			}
		})
	}
}

// A cancel while the page's contracts are being read stops every read
// promptly and returns the context's error.
func TestCancelDuringFanOut(t *testing.T) {
	f := newFixture(t, sbfake.Options{Subscriptions: 12, Seed: 2}, WithPageSize(6))
	f.fake.Inject(sbfake.Fault{Kind: sbfake.FaultHang, Path: "/orders", After: 1, Times: -1})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(30*time.Millisecond, cancel)
	start := time.Now()
	_, err := f.conn.Fetch(ctx, "")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("cancel took %s", d)
	}
}

// A contract deleted after the customers page was read (404) is left out;
// its customer and the other contracts still arrive.
func TestRemovedSubscriptionLeftOut(t *testing.T) {
	f := newFixture(t, sbfake.Options{Subscriptions: 12, Seed: 2}, WithPageSize(50))
	var gone string
	for _, c := range f.fake.Customers() {
		if len(c.Subs) > 0 {
			gone = c.Subs[0].ID
			break
		}
	}
	f.fake.RemoveSubscription(gone)
	s := collect(t, drain(t, f.conn))
	if _, ok := s.revenue[gone]; ok {
		t.Errorf("a removed contract was delivered")
	}
	checkTruth(t, s, f.fake.Truth())
}

// When the customers list changes during a pass, the pass still ends but
// does not sweep; without changes it does.
func TestListMovedDuringPass(t *testing.T) {
	f := newFixture(t, sbfake.Options{Subscriptions: 30, Seed: 4}, WithPageSize(10))
	first, err := f.conn.Fetch(context.Background(), "")
	if err != nil || !first.StartsFullPass {
		t.Fatalf("first page: %v", err)
	}
	f.fake.RemoveCustomer(f.fake.Customers()[0].ID)
	cur, last := first.Next, connector.Page{}
	for range 20 {
		p, err := f.conn.Fetch(context.Background(), cur)
		if err != nil {
			t.Fatal(err)
		}
		if p.Done {
			last = p
			break
		}
		if !strings.HasSuffix(p.Next, ";moved") {
			t.Errorf("Next %q does not record the move", p.Next)
		}
		cur = p.Next
	}
	if !last.Done || last.EndsFullPass {
		t.Errorf("last page Done=%v EndsFullPass=%v; want a pass that ends without sweeping", last.Done, last.EndsFullPass)
	}
	pages := drain(t, f.conn)
	if end := pages[len(pages)-1]; !end.EndsFullPass {
		t.Errorf("the next, undisturbed pass does not sweep")
	}
}

func TestBadCursorAndMissingKey(t *testing.T) {
	f := newFixture(t, sbfake.Options{Subscriptions: 2})
	for _, cur := range []string{"nope", "customers:", "customers:-1", "customers:01", "customers:5;n=", "customers:5;n=x",
		"customers:5;z=1", "customers:5;n=3;n=3", "customers:5;moved=1", "orders:5", "customers:99999999999"} {
		if _, err := f.conn.Fetch(context.Background(), cur); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("cursor %q: err = %v", cur, err)
		}
	}
	before := len(f.fake.Requests())
	for _, key := range []string{"", "  "} {
		c := f.connect(key)
		if _, err := c.Fetch(context.Background(), ""); domain.ErrorCode(err) != domain.ENotConnected {
			t.Errorf("key %q: fetch err = %v", key, err)
		}
		if _, err := c.FetchDeals(context.Background()); domain.ErrorCode(err) != domain.ENotConnected {
			t.Errorf("key %q: deals err = %v", key, err)
		}
	}
	if n := len(f.fake.Requests()); n != before {
		t.Errorf("%d requests sent without a key", n-before)
	}
}

// The key travels in the X-SALESBRICKS-KEY header only: no URL, record,
// error or printed connector shows it.
func TestKeyStaysInTheHeader(t *testing.T) {
	const key = "sb-" + "printme-not-a-real-key-77"
	f := newFixture(t, sbfake.Options{Subscriptions: 6, Key: key}, WithPageSize(2))
	pages := drain(t, f.conn)
	deals, err := f.conn.FetchDeals(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	wrong := f.connect("sb-" + "wrong-not-a-real-key-88")
	_, werr := wrong.Fetch(context.Background(), "")
	texts := []string{fmt.Sprintf("%+v %+v", pages, deals), werr.Error(), domain.ErrorMessage(werr)}
	for _, v := range []string{"%v", "%+v", "%#v", "%s"} {
		texts = append(texts, fmt.Sprintf(v, f.conn))
	}
	texts = append(texts, f.fake.Requests()...)
	for _, s := range texts {
		if strings.Contains(s, key) || strings.Contains(s, "printme") || strings.Contains(s, "wrong-not") {
			t.Errorf("the key shows in %.200q", s)
		}
	}
	if domain.ErrorCode(werr) != domain.EUnauthorized {
		t.Errorf("wrong key: %v", werr)
	}
}

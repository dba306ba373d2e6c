package stripe

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/connector/connectortest"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// serveConformance: 2·pages customers, one subscription and one invoice each
// (every other invoice failed), two objects per page, so each phase spans
// `pages` pages.
func serveConformance(t *testing.T, token string, pages int, trailingEmpty bool) http.Handler {
	f := &fakeStripe{t: t, token: token, pageSize: 2, trailingEmpty: trailingEmpty, lists: map[string][]map[string]any{}}
	for i := range 2 * pages {
		cus := customerJSON(i)
		sub := subscriptionJSON(fmt.Sprintf("sub_%04d", i), cus["id"].(string), "active", "month", 1, 4900, 1, "usd")
		status, attempts := "paid", int64(1)
		if i%2 == 1 {
			status, attempts = "open", 2
		}
		f.lists["customers"] = append(f.lists["customers"], cus)
		f.lists["subscriptions"] = append(f.lists["subscriptions"], sub)
		f.lists["invoices"] = append(f.lists["invoices"], invoiceJSON(fmt.Sprintf("in_%04d", i), cus["id"].(string), sub["id"].(string), status, attempts))
	}
	return f
}

func TestConformance(t *testing.T) {
	for _, token := range []string{"sk_test_conformance_8d1f27c04b", "rk_live_conformance_51Hx9q"} {
		t.Run(token[:7], func(t *testing.T) {
			connectortest.Run(t, connectortest.Fixture{
				Token: token,
				Serve: serveConformance,
				Connect: func(t *testing.T, baseURL, token string, client *httpx.Client) connector.Connector {
					return New(token, client, WithBaseURL(baseURL))
				},
			})
		})
	}
}

func TestPhasesAndCursor(t *testing.T) {
	const token = "sk_test_phases_1"
	srv := httptest.NewServer(serveConformance(t, token, 2, false))
	defer srv.Close()
	local := fakeDate.Add(90 * time.Second) // our clock runs a little ahead of Stripe's
	c := New(token, httpx.New(httpx.Policy{MaxAttempts: 1}), WithBaseURL(srv.URL+"/v1/"),
		WithClock(func() time.Time { return local }))
	var got []string
	cur := ""
	for range 20 {
		p, err := c.Fetch(context.Background(), cur)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s %d %q %v start=%v end=%v", p.Phase, p.Len(), p.Next, p.Done, p.StartsFullPass, p.EndsFullPass))
		if p.Done {
			break
		}
		cur = p.Next
	}
	w, f := fakeDate.Unix(), local.Unix()
	tail := fmt.Sprintf(";w=%d;f=%d", w, f)
	want := []string{
		`Fetching customers… 2 "customers:cus_0001` + tail + `" false start=true end=false`,
		`Fetching customers… 2 "subscriptions:` + tail + `" false start=false end=false`,
		`Fetching subscriptions… 2 "subscriptions:sub_0001` + tail + `" false start=false end=false`,
		`Fetching subscriptions… 2 "invoices:` + tail + `" false start=false end=false`,
		`Fetching invoices… 3 "invoices:in_0001` + tail + `" false start=false end=false`,
		// 2 invoices + 1 failed-payment activity each; the next run reads events.
		`Fetching invoices… 3 "events:` + tail + `" true start=false end=true`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A cursor saved by an earlier version resumes and ends without a
	// watermark: the next run is a full pass again.
	p, err := c.Fetch(context.Background(), "invoices:in_0001")
	if err != nil || !p.Done || p.Next != "" || p.StartsFullPass || !p.EndsFullPass {
		t.Errorf("old cursor: %+v, %v", p, err)
	}
}

func TestEmptyPhasesSkipped(t *testing.T) {
	const token = "sk_test_empty_1"
	f := &fakeStripe{t: t, token: token, pageSize: 100, lists: map[string][]map[string]any{
		"invoices": {invoiceJSON("in_1", "cus_1", "", "paid", 1)},
	}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	c := New(token, httpx.New(httpx.Policy{MaxAttempts: 1}), WithBaseURL(srv.URL))
	p, err := c.Fetch(context.Background(), "")
	if err != nil || !p.Done || len(p.Invoices) != 1 || p.Phase != PhaseInvoices {
		t.Fatalf("page %+v err %v; want the invoice page, Done", p, err)
	}
	if n := len(f.requests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

func TestBadCursorAndMissingKey(t *testing.T) {
	c := New("sk_test_x", httpx.New(httpx.Policy{MaxAttempts: 1}), WithBaseURL("http://127.0.0.1:1"))
	for _, cur := range []string{"nope", "orders:x", "customers:a&b", "customers:x;w=", "customers:x;w=-5",
		"customers:x;z=5", "events:evt_1;w=5", "invoices:in_1;f=abc"} {
		if _, err := c.Fetch(context.Background(), cur); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("cursor %q: err = %v", cur, err)
		}
	}
	c = New("", httpx.New(httpx.Policy{MaxAttempts: 1}))
	if _, err := c.Fetch(context.Background(), ""); domain.ErrorCode(err) != domain.ENotConnected {
		t.Errorf("no key: err = %v", err)
	}
}

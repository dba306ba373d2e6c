package stripe

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	stripe "github.com/stripe/stripe-go/v76"

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
	c := New(token, httpx.New(httpx.Policy{MaxAttempts: 1}), WithBaseURL(srv.URL+"/v1/"))
	var got []string
	cur := ""
	for range 20 {
		p, err := c.Fetch(context.Background(), cur)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s %d %q %v", p.Phase, p.Len(), p.Next, p.Done))
		if p.Done {
			break
		}
		cur = p.Next
	}
	want := []string{
		`Fetching customers… 2 "customers:cus_0001" false`,
		`Fetching customers… 2 "subscriptions:" false`,
		`Fetching subscriptions… 2 "subscriptions:sub_0001" false`,
		`Fetching subscriptions… 2 "invoices:" false`,
		`Fetching invoices… 3 "invoices:in_0001" false`,
		`Fetching invoices… 3 "" true`, // 2 invoices + 1 failed-payment activity each
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
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
	for _, cur := range []string{"nope", "orders:x", "customers:a&b"} {
		if _, err := c.Fetch(context.Background(), cur); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("cursor %q: err = %v", cur, err)
		}
	}
	c = New("", httpx.New(httpx.Policy{MaxAttempts: 1}))
	if _, err := c.Fetch(context.Background(), ""); domain.ErrorCode(err) != domain.ENotConnected {
		t.Errorf("no key: err = %v", err)
	}
}

// TestStripeErrorFallback: a *stripe.Error (if one ever got past httpx) is
// classified by its status.
func TestStripeErrorFallback(t *testing.T) {
	c := New("sk_test_x", httpx.New(httpx.Policy{MaxAttempts: 1}))
	for status, code := range map[int]string{401: domain.EUnauthorized, 403: domain.EUnauthorized, 429: domain.EUnavailable, 503: domain.EUnavailable} {
		err := c.fetchError(context.Background(), &stripe.Error{HTTPStatusCode: status})
		if domain.ErrorCode(err) != code {
			t.Errorf("%d: %v, want %s", status, err, code)
		}
	}
}

package stripe

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/httpx"
)

// The TestStripeMock tests run against stripe-mock, Stripe's own API mock,
// started by .ci/stripe-mock (part of make test), which sets STRIPE_MOCK_URL.
// stripe-mock validates every request against Stripe's OpenAPI spec, so an
// unknown parameter or a wrong path fails here; it returns one fixture object
// per list and keeps no state.
func stripeMockURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("STRIPE_MOCK_URL")
	if u == "" {
		t.Skip("STRIPE_MOCK_URL is not set: run .ci/stripe-mock (make test does)")
	}
	return u
}

func TestStripeMockListsEveryObjectKind(t *testing.T) {
	url := stripeMockURL(t)
	key := "sk_test_123"
	c := New(key, httpx.New(httpx.Policy{Source: "Stripe", Timeout: 10 * time.Second}), WithBaseURL(url))
	ctx := context.Background()
	var pages []connector.Page
	cursor := ""
	for i := 0; i < 10; i++ {
		p, err := c.Fetch(ctx, cursor)
		if err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		pages = append(pages, p)
		if p.Done || p.Len() == 0 {
			break
		}
		cursor = p.Next
	}
	var accounts, revenue, invoices int
	for _, p := range pages {
		accounts += len(p.Accounts)
		revenue += len(p.Revenue)
		invoices += len(p.Invoices)
		for _, a := range p.Accounts {
			if !strings.HasPrefix(a.Key, "cus_") {
				t.Errorf("account key %q", a.Key)
			}
		}
		for _, r := range p.Revenue {
			if !strings.HasPrefix(r.ExternalID, "sub_") || r.AccountKey == "" || r.Amount.Currency == "" {
				t.Errorf("subscription %+v", r)
			}
		}
		for _, r := range p.Invoices {
			if !strings.HasPrefix(r.ExternalID, "in_") || r.AccountKey == "" {
				t.Errorf("invoice %+v", r)
			}
		}
	}
	// stripe-mock's fixture invoice is a draft, which the mapping skips;
	// the invoice list must still be read and decoded.
	if accounts != 1 || revenue != 1 || invoices > 1 {
		t.Fatalf("stripe-mock gave %d customers, %d subscriptions, %d invoices", accounts, revenue, invoices)
	}
	if _, _, last, err := c.fetchPhase(ctx, phaseInvoices, ""); err != nil || !strings.HasPrefix(last, "in_") {
		t.Fatalf("invoice list: last %q, %v", last, err)
	}
	last := pages[len(pages)-1]
	if !last.Done || !last.EndsFullPass || !pages[0].StartsFullPass {
		t.Fatalf("the pass did not end: %+v", last)
	}
	// The next run reads events since the pass began; stripe-mock checks
	// the request (types[], created[gte]) against Stripe's spec.
	if !strings.HasPrefix(last.Next, "events:;w=") {
		t.Fatalf("no watermark after a full pass: %q", last.Next)
	}
	p, err := c.Fetch(ctx, last.Next)
	if err != nil || !p.Done || p.StartsFullPass || p.Phase != PhaseEvents {
		t.Fatalf("incremental run: %+v, %v", p, err)
	}
}

func TestStripeMockRestrictedKeyAndVerify(t *testing.T) {
	url := stripeMockURL(t)
	c := New("rk_test_123", httpx.New(httpx.Policy{Source: "Stripe", Timeout: 10 * time.Second}), WithBaseURL(url))
	if _, err := c.Fetch(context.Background(), ""); err != nil {
		t.Fatalf("a restricted key was refused: %v", err)
	}
	if v, ok := any(c).(connector.Verifier); ok {
		id, err := v.Verify(context.Background())
		if err != nil || id.Mode != "test" {
			t.Fatalf("verify: %+v %v", id, err)
		}
	}
}

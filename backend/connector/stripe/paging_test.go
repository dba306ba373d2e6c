package stripe

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"strings"
	"testing"

	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// TestPagingThousandSubscriptions: 1,000 generated subscriptions over 250
// customers, Stripe paging at 100, end with exactly the generated truth.
func TestPagingThousandSubscriptions(t *testing.T) {
	const token = "rk_test_paging_1"
	rng := rand.New(rand.NewPCG(1, 2))
	f := &fakeStripe{t: t, token: token, pageSize: 100, lists: map[string][]map[string]any{}}
	type truth struct {
		status   domain.RevenueStatus
		iv       domain.Interval
		amount   int64
		currency string
		seats    int
	}
	want := map[string]truth{}
	statuses := []string{"active", "trialing", "past_due", "canceled", "unpaid"}
	mapped := map[string]domain.RevenueStatus{"active": "active", "trialing": "trialing", "past_due": "past_due", "canceled": "canceled", "unpaid": "past_due"}
	for i := range 250 {
		f.lists["customers"] = append(f.lists["customers"], customerJSON(i))
	}
	for i := range 1000 {
		id := fmt.Sprintf("sub_%05d", i)
		st := statuses[rng.IntN(len(statuses))]
		unit, qty := int64(rng.IntN(100000)), int64(1+rng.IntN(50))
		cur := []string{"usd", "eur", "gbp"}[rng.IntN(3)]
		iv, unitName, count := domain.IntervalMonthly, "month", int64(1)
		switch rng.IntN(3) {
		case 1:
			iv, unitName = domain.IntervalAnnual, "year"
		case 2:
			iv, count = domain.IntervalQuarterly, 3
		}
		f.lists["subscriptions"] = append(f.lists["subscriptions"],
			subscriptionJSON(id, fmt.Sprintf("cus_%04d", i%250), st, unitName, count, unit, qty, cur))
		want[id] = truth{mapped[st], iv, unit * qty, strings.ToUpper(cur), int(qty)}
	}
	srv := httptest.NewServer(f)
	defer srv.Close()
	c := New(token, httpx.New(httpx.Policy{MaxAttempts: 1}), WithBaseURL(srv.URL))

	got := map[string]truth{}
	accounts := map[string]bool{}
	cur, pages := "", 0
	for ; pages < 100; pages++ {
		p, err := c.Fetch(context.Background(), cur)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range p.Accounts {
			accounts[a.Key] = true
		}
		for _, r := range p.Revenue {
			if _, dup := got[r.ExternalID]; dup {
				t.Fatalf("%s delivered twice", r.ExternalID)
			}
			if !accounts[r.AccountKey] {
				t.Fatalf("%s names account %s not delivered before", r.ExternalID, r.AccountKey)
			}
			if r.MRRMinor != domain.NormalizeMRR(r.Amount.AmountMinor, r.Interval) {
				t.Fatalf("%s MRR %d", r.ExternalID, r.MRRMinor)
			}
			got[r.ExternalID] = truth{r.Status, r.Interval, r.Amount.AmountMinor, r.Amount.Currency, r.Seats}
		}
		if p.Done {
			break
		}
		cur = p.Next
	}
	if len(got) != len(want) || len(accounts) != 250 {
		t.Fatalf("got %d subscriptions, %d accounts; want %d, 250", len(got), len(accounts), len(want))
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: got %+v, want %+v", id, got[id], w)
		}
	}
	// 3 customer pages + 10 subscription pages + 1 empty, Done invoices page.
	if n := len(f.requests()); n != 14 || pages+1 != 14 {
		t.Errorf("%d requests, %d pages", n, pages+1)
	}
}

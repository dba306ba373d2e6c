package salesbricks

import (
	"fmt"
	"strings"
	"testing"

	"successdesk/backend/connector"
	"successdesk/backend/connector/salesbricks/sbfake"
	"successdesk/backend/domain"
)

// synced is a pass's records by key.
type synced struct {
	accounts   map[string]connector.AccountRecord
	stripe     map[string]string
	revenue    map[string]connector.RevenueRecord
	deals      map[string]connector.DealRecord
	invoices   map[string]connector.InvoiceRecord
	activities map[string]connector.ActivityRecord
}

func collect(t *testing.T, pages []connector.Page) synced {
	t.Helper()
	s := synced{map[string]connector.AccountRecord{}, map[string]string{}, map[string]connector.RevenueRecord{},
		map[string]connector.DealRecord{}, map[string]connector.InvoiceRecord{}, map[string]connector.ActivityRecord{}}
	accountSeen := map[string]bool{}
	put := func(kind, key string, seen bool) {
		if seen {
			t.Errorf("%s %s delivered twice in one pass", kind, key)
		}
	}
	for _, p := range pages {
		for _, a := range p.Accounts {
			_, dup := s.accounts[a.Key]
			put("account", a.Key, dup)
			s.accounts[a.Key], accountSeen[a.Key] = a, true
			for _, al := range a.Aliases {
				if al.Source == domain.SourceStripe {
					s.stripe[a.Key] = al.Key
				}
			}
		}
		for _, r := range p.Revenue {
			_, dup := s.revenue[r.ExternalID]
			put("revenue", r.ExternalID, dup)
			if !accountSeen[r.AccountKey] {
				t.Errorf("revenue %s names account %s before it arrived", r.ExternalID, r.AccountKey)
			}
			s.revenue[r.ExternalID] = r
		}
		for _, r := range p.Invoices {
			_, dup := s.invoices[r.ExternalID]
			put("invoice", r.ExternalID, dup)
			s.invoices[r.ExternalID] = r
		}
		for _, r := range p.Deals {
			_, dup := s.deals[r.ExternalID]
			put("deal", r.ExternalID, dup)
			if !accountSeen[r.AccountKey] {
				t.Errorf("deal %s names account %s before it arrived", r.ExternalID, r.AccountKey)
			}
			s.deals[r.ExternalID] = r
		}
		for _, r := range p.Activities {
			_, dup := s.activities[r.ExternalID]
			put("activity", r.ExternalID, dup)
			s.activities[r.ExternalID] = r
		}
	}
	return s
}

// checkTruth compares a pass's records with the fake's truth, field by field.
func checkTruth(t *testing.T, got synced, want sbfake.Truth) {
	t.Helper()
	if len(got.accounts) != len(want.Accounts) || len(got.revenue) != len(want.Revenue) ||
		len(got.invoices) != len(want.Invoices) || len(got.activities) != len(want.Activities) {
		t.Errorf("synced %d accounts, %d revenue, %d invoices, %d activities; truth has %d, %d, %d, %d",
			len(got.accounts), len(got.revenue), len(got.invoices), len(got.activities),
			len(want.Accounts), len(want.Revenue), len(want.Invoices), len(want.Activities))
	}
	for id, w := range want.Accounts {
		g := got.accounts[id]
		if g.Name != w.Name || g.Domain != w.Domain || g.PrimaryEmail != w.PrimaryEmail || got.stripe[id] != w.StripeCustomerID {
			t.Errorf("account %s = %+v (stripe %q), want %+v", id, g, got.stripe[id], w)
		}
	}
	for id, w := range want.Revenue {
		g, ok := got.revenue[id]
		gw := sbfake.TruthRevenue{Customer: g.AccountKey, Product: g.Product, Status: g.Status, Interval: g.Interval,
			Amount: g.Amount, MRRMinor: g.MRRMinor, ARRMinor: g.ARRMinor, Seats: g.Seats, TermStart: g.TermStart,
			TermEnd: g.TermEnd, TrialEnd: g.TrialEnd, CancelAtPeriodEnd: g.CancelAtPeriodEnd}
		if !ok || gw != w || g.Source != domain.SourceSalesbricks {
			t.Errorf("revenue %s:\n got %+v\nwant %+v", id, gw, w)
		}
	}
	for id, w := range want.Invoices {
		g := got.invoices[id]
		gw := sbfake.TruthInvoice{Customer: g.AccountKey, Subscription: g.RevenueKey, Status: g.Status,
			AmountDue: g.AmountDue, AmountPaidMinor: g.AmountPaidMinor, IssuedAt: g.IssuedAt, DueAt: g.DueAt, PaidAt: g.PaidAt}
		if gw != w {
			t.Errorf("invoice %s:\n got %+v\nwant %+v", id, gw, w)
		}
	}
	if len(got.deals) != len(want.Deals) {
		t.Errorf("synced %d deals, truth has %d", len(got.deals), len(want.Deals))
	}
	for id, w := range want.Deals {
		g := got.deals[id]
		if g.AccountKey != w.Customer || g.Name != w.Name || g.Status != w.Status || g.Value.AmountMinor != w.AmountMinor ||
			g.Value.Currency != w.Currency || g.LostReason != w.LostReason || !g.CloseDate.Equal(w.ClosedAt) {
			t.Errorf("deal %s:\n got %+v\nwant %+v", id, g, w)
		}
	}
	for id, w := range want.Activities {
		g := got.activities[id]
		gw := sbfake.TruthActivity{Customer: g.AccountKey, Title: g.Title, OccurredAt: g.OccurredAt}
		if gw != w || g.Kind != domain.ActivityContractChange {
			t.Errorf("activity %s = %+v (%s), want %+v", id, gw, g.Kind, w)
		}
	}
}

// A few hundred contracts across many pages sync to exactly the truth, and
// the pass is marked from its first page to its last.
func TestSyncedEqualsTruth(t *testing.T) {
	f := newFixture(t, sbfake.Options{Subscriptions: 320, Seed: 7}, WithPageSize(20))
	pages := drain(t, f.conn)
	if len(pages) < 10 {
		t.Fatalf("%d pages; want many", len(pages))
	}
	for i, p := range pages {
		last := i == len(pages)-1
		if p.StartsFullPass != (i == 0) || p.EndsFullPass != last || p.Done != last || p.Phase != connector.PhaseOrders {
			t.Errorf("page %d: start=%v end=%v done=%v phase=%q", i, p.StartsFullPass, p.EndsFullPass, p.Done, p.Phase)
		}
		if len(p.Accounts) > 0 && !last && !strings.HasPrefix(p.Next, fmt.Sprintf("customers:%d;n=%d", 20*(i+1), len(f.fake.Customers()))) &&
			!strings.HasPrefix(p.Next, "deals:0;") {
			t.Errorf("page %d: Next %q", i, p.Next)
		}
	}
	if pages[len(pages)-1].Next != "" {
		t.Errorf("last Next %q; the next run must start a full pass", pages[len(pages)-1].Next)
	}
	checkTruth(t, collect(t, pages), f.fake.Truth())
}

package reconcile

import (
	"slices"
	"testing"
	"time"

	"successdesk/backend/domain"
)

var day = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// rev is a revenue source of src with id, status, interval, MRR in minor
// units of cur and a term ending on end (zero: open-ended).
func rev(src domain.Source, id string, st domain.RevenueStatus, iv domain.Interval, mrr int64, cur string, end time.Time) domain.RevenueSource {
	return domain.RevenueSource{Source: src, ExternalID: id, Product: "Pied Piper Pro", Status: st, Interval: iv, MRRMinor: mrr,
		Amount: domain.Money{AmountMinor: mrr, Currency: cur}, TermEnd: end}
}

func contract(id string, st domain.RevenueStatus, iv domain.Interval, mrr int64, end time.Time) domain.RevenueSource {
	return rev(domain.SourceSalesbricks, id, st, iv, mrr, "USD", end)
}

func sub(id string, st domain.RevenueStatus, iv domain.Interval, mrr int64, end time.Time) domain.RevenueSource {
	return rev(domain.SourceStripe, id, st, iv, mrr, "USD", end)
}

const (
	active   = domain.StatusActive
	trialing = domain.StatusTrialing
	pastDue  = domain.StatusPastDue
	canceled = domain.StatusCanceled
	monthly  = domain.IntervalMonthly
	annual   = domain.IntervalAnnual
)

func TestAccountMismatches(t *testing.T) {
	end := day.AddDate(0, 3, 0)
	for _, tc := range []struct {
		name string
		revs []domain.RevenueSource
		want []string // Explain() of each mismatch, in order
	}{{
		name: "contract and subscription agree",
		revs: []domain.RevenueSource{contract("c1", active, annual, 240000, end), sub("s1", active, annual, 240000, end.Add(36*time.Hour))},
	}, {
		name: "only one source knows the account: nothing to reconcile",
		revs: []domain.RevenueSource{contract("c1", active, annual, 240000, end)},
	}, {
		name: "the amounts differ",
		revs: []domain.RevenueSource{contract("c1", active, annual, 240000, end), sub("s1", active, annual, 200000, end)},
		want: []string{"The contract bills $2,400.00/mo; Stripe charges $2,000.00/mo."},
	}, {
		name: "the interval and the renewal date differ",
		revs: []domain.RevenueSource{contract("c1", active, annual, 240000, end), sub("s1", active, monthly, 240000, day.AddDate(0, 0, 10))},
		want: []string{"The contract is billed annually; the subscription monthly.",
			"The contract renews Feb 25, 2027; the subscription's period ends Dec 5, 2026."},
	}, {
		name: "the contract runs while billing is past due",
		revs: []domain.RevenueSource{contract("c1", active, monthly, 9900, time.Time{}), sub("s1", pastDue, monthly, 9900, time.Time{})},
		want: []string{"The contract is active; the subscription is past due."},
	}, {
		name: "a paid contract whose subscription was canceled",
		revs: []domain.RevenueSource{contract("c1", active, monthly, 9900, end), sub("s1", canceled, monthly, 9900, end)},
		want: []string{"A paid contract ($99.00/mo) has no live Stripe subscription (it is canceled)."},
	}, {
		name: "a subscription with no contract",
		revs: []domain.RevenueSource{contract("c0", canceled, monthly, 9900, end), sub("s1", active, monthly, 4900, end)},
		want: []string{"A Stripe subscription ($49.00/mo) bills a contract that is canceled."},
	}, {
		name: "a trial contract need not bill yet",
		revs: []domain.RevenueSource{contract("c1", trialing, monthly, 9900, end), sub("s0", canceled, monthly, 9900, end)},
	}, {
		name: "two contracts pair with the subscriptions of their product, whatever their order",
		revs: []domain.RevenueSource{product(contract("c1", active, monthly, 50000, time.Time{}), "Scale"),
			product(contract("c2", active, annual, 12000, time.Time{}), "Starter"),
			product(sub("s1", active, annual, 12000, time.Time{}), " starter "), product(sub("s2", active, monthly, 50000, time.Time{}), "SCALE")},
	}, {
		name: "a subscription for another product is sold on its own",
		revs: []domain.RevenueSource{contract("c1", active, annual, 240000, end), product(sub("s1", active, monthly, 29900, time.Time{}), "Storage add-on")},
	}, {
		name: "a currency differs",
		revs: []domain.RevenueSource{contract("c1", active, monthly, 9900, time.Time{}),
			rev(domain.SourceStripe, "s1", active, monthly, 9900, "EUR", time.Time{})},
		want: []string{"The contract bills $99.00/mo; Stripe charges €99.00/mo."},
	}, {
		name: "a zero-decimal currency is written without decimals",
		revs: []domain.RevenueSource{rev(domain.SourceSalesbricks, "c1", active, monthly, 30000, "JPY", time.Time{}),
			rev(domain.SourceStripe, "s1", active, monthly, 25000, "JPY", time.Time{})},
		want: []string{"The contract bills ¥30,000/mo; Stripe charges ¥25,000/mo."},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range Account(tc.revs) {
				got = append(got, m.Explain())
				if m.Kind != KindSubscriptionNoContract && m.Contract == "" || m.Kind != KindContractNoSubscription && m.Subscription == "" {
					t.Errorf("%s does not name both records: %+v", m.Kind, m)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("mismatches:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func product(r domain.RevenueSource, p string) domain.RevenueSource {
	r.Product = p
	return r
}

func TestLinkUsesEachRecordOnce(t *testing.T) {
	end := day.AddDate(1, 0, 0)
	revs := []domain.RevenueSource{contract("c1", active, monthly, 9900, end), contract("c2", canceled, monthly, 9900, day),
		sub("s1", active, monthly, 9900, end), sub("s0", canceled, monthly, 9900, day.AddDate(0, 0, -2)),
		product(sub("s9", active, monthly, 100, time.Time{}), "")}
	pairs, rest := Link(revs)
	var got []string
	for _, p := range pairs {
		got = append(got, p.Contract.ExternalID+"+"+p.Subscription.ExternalID)
	}
	if !slices.Equal(got, []string{"c1+s1", "c2+s0"}) {
		t.Fatalf("pairs %q: live pairs with live, ended with ended", got)
	}
	if len(rest) != 1 || rest[0].ExternalID != "s9" {
		t.Fatalf("unpaired %+v: a record without a product never pairs", rest)
	}
	if m := Account(revs); len(m) != 0 {
		t.Fatalf("agreeing pairs give no mismatch: %+v", m)
	}
}

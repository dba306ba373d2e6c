package scoring

import (
	"testing"

	"successdesk/backend/domain"
)

// TestStripeBillingAContractCountsOnce: a Stripe subscription of the same
// product as a live contract is the contract's billing, not a second plan.
func TestStripeBillingAContractCountsOnce(t *testing.T) {
	end := now.AddDate(0, 5, 0)
	c := contract("sb_1", domain.StatusActive, 20, now.AddDate(0, -7, 0), end)
	mirror := subscription("sub_1", domain.StatusActive, usd(100_000), 20, now.AddDate(0, 0, -10), now.AddDate(0, 0, 20))
	mirror.Product = "pro " // the same product, spelt differently
	addOn := subscription("sub_2", domain.StatusActive, usd(5_000), 0, now.AddDate(0, -2, 0), now.AddDate(0, 0, 12))
	for _, tc := range []struct {
		name      string
		revenue   []domain.RevenueSource
		arr       int64
		seats     int
		renewal30 bool
	}{
		{"contract alone", []domain.RevenueSource{c}, 1_200_000, 20, false},
		{"contract billed by Stripe", []domain.RevenueSource{mirror, c}, 1_200_000, 20, false},
		{"plus an add-on of another product", []domain.RevenueSource{c, mirror, addOn}, 1_260_000, 20, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &domain.AccountFacts{Account: domain.Account{ID: 1}, Revenue: tc.revenue, Usage: weeks(15, 15, 15)}
			h := Health(f, domain.DefaultHealthSettings(), domain.DefaultFXRates(), now)
			if h.ARR.AmountMinor != tc.arr || h.LicensedUsers != tc.seats {
				t.Fatalf("ARR %d seats %d, want %d and %d", h.ARR.AmountMinor, h.LicensedUsers, tc.arr, tc.seats)
			}
			if got := hasFactor(h, "renewal_30d"); got != tc.renewal30 {
				t.Fatalf("renewal within 30 days = %v, want %v (factors %+v)", got, tc.renewal30, h.Factors)
			}
		})
	}
	stopped := c
	stopped.Status, stopped.TermEnd = domain.StatusExpired, now.AddDate(0, 0, -3)
	f := &domain.AccountFacts{Account: domain.Account{ID: 1}, Revenue: []domain.RevenueSource{stopped, mirror}, Usage: weeks(15, 15, 15)}
	if h := Health(f, domain.DefaultHealthSettings(), domain.DefaultFXRates(), now); h.ARR.AmountMinor != 1_200_000 {
		t.Fatalf("a subscription still billing after its contract expired earns its ARR: got %d", h.ARR.AmountMinor)
	}
}

func hasFactor(h domain.HealthScore, code string) bool {
	for _, f := range h.Factors {
		if f.Code == code {
			return true
		}
	}
	return false
}

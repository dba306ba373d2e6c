package scoring

import (
	"slices"
	"testing"

	"successdesk/backend/domain"
)

// TestRevenueCountingIsWhatTheScoreAddsUp: the sources RevenueCounting
// counts are the ones whose ARR the score's ARR is, and each other one
// carries the reason it is left out.
func TestRevenueCountingIsWhatTheScoreAddsUp(t *testing.T) {
	c := contract("sb_1", domain.StatusActive, 20, now.AddDate(0, -7, 0), now.AddDate(0, 5, 0))
	mirror := subscription("sub_1", domain.StatusActive, usd(100_000), 20, now.AddDate(0, 0, -10), now.AddDate(0, 0, 20))
	mirror.Product = c.Product
	addOn := subscription("sub_2", domain.StatusPastDue, usd(5_000), 0, now.AddDate(0, -2, 0), now.AddDate(0, 0, 12))
	addOn.Product = "Compression add-on"
	trial := subscription("sub_3", domain.StatusTrialing, usd(9_000), 5, now.AddDate(0, 0, -3), now.AddDate(0, 0, 11))
	trial.Product = "Teams"
	next := contract("sb_2", domain.StatusActive, 40, now.AddDate(0, 0, 9), now.AddDate(1, 0, 9))
	next.Product = "Enterprise"
	gone := subscription("sub_4", domain.StatusCanceled, usd(7_000), 3, now.AddDate(-1, 0, 0), now.AddDate(0, -1, 0))
	gone.Product = "Legacy"
	for _, tc := range []struct {
		name     string
		revenue  []domain.RevenueSource
		why      []Uncounted
		contract []string
	}{
		{"a contract, the subscription billing it, an add-on", []domain.RevenueSource{mirror, c, addOn},
			[]Uncounted{UncountedBilledByContract, Counted, Counted}, []string{"sb_1", "", ""}},
		{"a trial, a contract not started, a canceled plan", []domain.RevenueSource{trial, next, gone, addOn},
			[]Uncounted{UncountedStatus, UncountedNotStarted, UncountedStatus, Counted}, []string{"", "", "", ""}},
		{"a subscription alone", []domain.RevenueSource{mirror},
			[]Uncounted{Counted}, []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			why, contract := RevenueCounting(tc.revenue, now)
			if !slices.Equal(why, tc.why) || !slices.Equal(contract, tc.contract) {
				t.Fatalf("why %q contracts %q, want %q %q", why, contract, tc.why, tc.contract)
			}
			var arr int64
			for i, r := range tc.revenue {
				if why[i] == Counted {
					arr += r.ARRMinor
				}
			}
			f := &domain.AccountFacts{Account: domain.Account{ID: 1}, Revenue: tc.revenue, Usage: weeks(15, 15, 15)}
			if h := Health(f, domain.DefaultHealthSettings(), domain.DefaultFXRates(), now); h.ARR.AmountMinor != arr {
				t.Fatalf("the score's ARR is %d, the counted sources add up to %d", h.ARR.AmountMinor, arr)
			}
		})
	}
}

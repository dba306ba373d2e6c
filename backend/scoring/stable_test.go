package scoring

import (
	"reflect"
	"testing"
	"time"

	"successdesk/backend/domain"
)

// TestExplanationsReadTheSameTheNextDay: an account with every factor that
// reads a date (a renewal, a cancellation, a past-due invoice, an NPS
// answer, an expired contract, weeks without users) scored on two
// consecutive days, neither crossing a threshold, gets the same factors,
// details and evidence: nothing in them counts days from now, so a daily
// recompute stores no new history row for it.
func TestExplanationsReadTheSameTheNextDay(t *testing.T) {
	s, fx := domain.DefaultHealthSettings(), domain.DefaultFXRates()
	cases := map[string]*domain.AccountFacts{
		"renewal, cancellation, past due, NPS": with(func(f *domain.AccountFacts) {
			c := contract("C-1", domain.StatusActive, 25, date(2026, 1, 1), date(2026, 11, 3))
			c.CancelAtPeriodEnd = true
			f.Revenue = []domain.RevenueSource{c}
			f.Invoices = append(f.Invoices, openInvoice("in_3", 120_000, date(2026, 9, 1), date(2026, 10, 1)))
			f.Signals = []domain.Activity{npsSignal("nps_1", 2, date(2026, 10, 2))}
		}),
		"expired, no users": with(func(f *domain.AccountFacts) {
			f.Revenue = []domain.RevenueSource{contract("C-1", domain.StatusExpired, 25, date(2025, 10, 1), date(2026, 10, 1))}
			f.Usage = weeks(12, 10, 0, 0, 0)
		}),
	}
	for name, f := range cases {
		today := Health(f, s, fx, now)
		tomorrow := Health(f, s, fx, now.Add(24*time.Hour))
		if len(today.Factors) < 2 {
			t.Fatalf("%s: the case raises only %d factors", name, len(today.Factors))
		}
		if !reflect.DeepEqual(today.Factors, tomorrow.Factors) {
			t.Errorf("%s: the factors changed overnight:\n%s\n%s", name, render(today, fx, now), render(tomorrow, fx, now))
		}
	}
}

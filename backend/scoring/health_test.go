package scoring

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"successdesk/backend/domain"
)

type healthCase struct {
	name     string
	facts    *domain.AccountFacts
	settings *domain.HealthSettings // nil means the defaults
	fx       *domain.FXRates        // nil means the defaults
	now      time.Time              // zero means now
	score    int
	level    domain.RiskLevel
	factors  []string // "code:points" in order
	missing  []domain.Category
}

// inputs returns the settings, rates and moment tc is scored with.
func (tc healthCase) inputs() (domain.HealthSettings, domain.FXRates, time.Time) {
	s, fx, at := domain.DefaultHealthSettings(), domain.DefaultFXRates(), now
	if tc.settings != nil {
		s = *tc.settings
	}
	if tc.fx != nil {
		fx = *tc.fx
	}
	if !tc.now.IsZero() {
		at = tc.now
	}
	return s, fx, at
}

func weights(a, p, r, s int) *domain.HealthSettings {
	st := domain.DefaultHealthSettings()
	st.Weights = domain.Weights{Adoption: a, Payment: p, Renewal: r, Signals: s}
	return &st
}

func healthCases() []healthCase {
	pastDue := func(f *domain.AccountFacts) {
		f.Invoices = append(f.Invoices, openInvoice("in_3", 120_000, date(2026, 9, 1), date(2026, 10, 1)))
	}
	return []healthCase{
		{name: "neutral", facts: neutral(), score: 100, level: domain.RiskHealthy},
		{name: "healthy", facts: with(func(f *domain.AccountFacts) {
			f.Usage = weeks(20, 21, 22, 22, 21, 22)
			f.Revenue[0].TermEnd = date(2026, 11, 3)
			f.Signals = []domain.Activity{npsSignal("nps_1", 10, date(2026, 9, 20)), signal("sig_1", domain.SignalPraise, date(2026, 9, 1), "Loves the dashboards")}
		}), score: 100, level: domain.RiskHealthy, factors: []string{"renewal_30d:-5", "high_adoption:5", "nps_promoter:5"}},
		{name: "no_active_users", facts: with(func(f *domain.AccountFacts) { f.Usage = weeks(12, 10, 0, 0, 0) }),
			score: 65, level: domain.RiskAtRisk, factors: []string{"no_active_users:-20", "very_low_adoption:-15"}},
		{name: "very_low_adoption", facts: with(func(f *domain.AccountFacts) { f.Usage = weeks(4, 4, 4, 4) }),
			score: 85, level: domain.RiskHealthy, factors: []string{"very_low_adoption:-15"}},
		{name: "low_adoption", facts: with(func(f *domain.AccountFacts) { f.Usage = weeks(9, 9, 9, 9) }),
			score: 92, level: domain.RiskHealthy, factors: []string{"low_adoption:-8"}},
		{name: "usage_declining", facts: with(func(f *domain.AccountFacts) { f.Usage = weeks(20, 20, 20, 14) }),
			score: 94, level: domain.RiskHealthy, factors: []string{"usage_declining:-6"}},
		{name: "usage_dip_not_declining", facts: with(func(f *domain.AccountFacts) { f.Usage = weeks(20, 20, 11, 17) }),
			score: 100, level: domain.RiskHealthy},
		{name: "usage_finished_weeks_only", facts: with(func(f *domain.AccountFacts) {
			f.Usage = weeks(20, 20, 20, 9)[:3] // no row for this week yet: last week is current
		}), score: 100, level: domain.RiskHealthy, factors: []string{"high_adoption:5"}},
		{name: "usage_stale", facts: with(func(f *domain.AccountFacts) {
			f.Usage = weeks(12, 12, 12, 0, 0, 0, 0)[:3] // newest row four weeks ago: this week counts 0 users
		}), score: 65, level: domain.RiskAtRisk, factors: []string{"no_active_users:-20", "very_low_adoption:-15"}},
		{name: "high_adoption", facts: with(func(f *domain.AccountFacts) { f.Usage = weeks(20, 20, 20, 20) }),
			score: 100, level: domain.RiskHealthy, factors: []string{"high_adoption:5"}},
		{name: "past_due_invoice", facts: with(pastDue),
			score: 85, level: domain.RiskHealthy, factors: []string{"past_due_invoice:-15"}},
		{name: "past_due_invoices", facts: with(func(f *domain.AccountFacts) {
			pastDue(f)
			f.Invoices = append(f.Invoices, openInvoice("in_4", 50_000, date(2026, 8, 1), date(2026, 8, 31)))
		}), score: 85, level: domain.RiskHealthy, factors: []string{"past_due_invoice:-15"}},
		{name: "failed_payment", facts: with(func(f *domain.AccountFacts) {
			inv := openInvoice("in_3", 120_000, date(2026, 10, 1), date(2026, 10, 20))
			inv.Status, inv.Attempts, inv.LastFailureAt, inv.FailureReason = domain.InvoiceFailed, 2, date(2026, 10, 3), "card_declined"
			f.Invoices = append(f.Invoices, inv)
		}), score: 90, level: domain.RiskHealthy, factors: []string{"failed_payment:-10"}},
		{name: "subscription_canceled", facts: with(func(f *domain.AccountFacts) {
			f.Revenue[0].Status, f.Revenue[0].TermEnd = domain.StatusCanceled, date(2026, 12, 31)
		}), score: 75, level: domain.RiskHealthy, factors: []string{"subscription_canceled:-25"}},
		{name: "cancel_scheduled", facts: with(func(f *domain.AccountFacts) { f.Revenue[0].CancelAtPeriodEnd = true }),
			score: 75, level: domain.RiskHealthy, factors: []string{"cancel_scheduled:-25"}},
		{name: "renewal_30d", facts: with(func(f *domain.AccountFacts) { f.Revenue[0].TermEnd = date(2026, 11, 3) }),
			score: 95, level: domain.RiskHealthy, factors: []string{"renewal_30d:-5"}},
		{name: "renewal_7d", facts: with(func(f *domain.AccountFacts) { f.Revenue[0].TermEnd = date(2026, 10, 19) }),
			score: 90, level: domain.RiskHealthy, factors: []string{"renewal_7d:-10"}},
		{name: "renewal_today", facts: with(func(f *domain.AccountFacts) { f.Revenue[0].TermEnd = date(2026, 10, 14) }),
			score: 90, level: domain.RiskHealthy, factors: []string{"renewal_7d:-10"}},
		{name: "renewal_passed", facts: with(func(f *domain.AccountFacts) {
			f.Revenue[0].Status, f.Revenue[0].TermEnd = domain.StatusExpired, date(2026, 9, 30)
		}), score: 80, level: domain.RiskHealthy, factors: []string{"contract_expired:-20"}},
		{name: "escalation", facts: with(func(f *domain.AccountFacts) {
			f.Signals = []domain.Activity{signal("sig_9", domain.SignalEscalation, date(2026, 10, 10), "Exports failing for the finance team")}
		}), score: 88, level: domain.RiskHealthy, factors: []string{"escalation:-12"}},
		{name: "complaint", facts: with(func(f *domain.AccountFacts) {
			f.Signals = []domain.Activity{signal("sig_8", domain.SignalComplaint, date(2026, 10, 1), "Slow dashboards"),
				signal("sig_old", domain.SignalComplaint, date(2026, 8, 1), "Too old to count")}
		}), score: 94, level: domain.RiskHealthy, factors: []string{"complaint:-6"}},
		{name: "signals_capped", facts: with(func(f *domain.AccountFacts) {
			f.Signals = []domain.Activity{
				signal("sig_5", domain.SignalComplaint, date(2026, 10, 12), "Report is wrong"),
				signal("sig_4", domain.SignalEscalation, date(2026, 10, 11), "Escalated to VP"),
				signal("sig_3", domain.SignalComplaint, date(2026, 10, 5), "Login issues"),
				signal("sig_2", domain.SignalComplaint, date(2026, 10, 2), "Support slow"),
			}
		}), score: 80, level: domain.RiskHealthy, factors: []string{"escalation:-12", "complaint:-8"}},
		{name: "nps_detractor", facts: with(func(f *domain.AccountFacts) {
			f.Signals = []domain.Activity{npsSignal("nps_2", 3, date(2026, 9, 15)), npsSignal("nps_1", 10, date(2026, 7, 1))}
		}), score: 92, level: domain.RiskHealthy, factors: []string{"nps_detractor:-8"}},
		{name: "nps_promoter", facts: with(func(f *domain.AccountFacts) {
			f.Signals = []domain.Activity{npsSignal("nps_1", 9, date(2026, 9, 15))}
		}), score: 100, level: domain.RiskHealthy, factors: []string{"nps_promoter:5"}},
		{name: "payment_weight_doubled", settings: weights(35, 50, 20, 20), facts: with(func(f *domain.AccountFacts) {
			pastDue(f)
			f.Usage = weeks(9, 9, 9, 9)
		}), score: 62, level: domain.RiskAtRisk, factors: []string{"past_due_invoice:-30", "low_adoption:-8"}},
		{name: "adoption_weight_zero", settings: weights(0, 25, 20, 20), facts: with(func(f *domain.AccountFacts) {
			pastDue(f)
			f.Usage = weeks(9, 9, 9, 9)
		}), score: 85, level: domain.RiskHealthy, factors: []string{"past_due_invoice:-15"}},
		{name: "missing_usage", facts: with(func(f *domain.AccountFacts) {
			pastDue(f)
			f.Usage = nil
			f.Revenue[0].TermEnd = date(2026, 10, 19)
		}), score: 62, level: domain.RiskAtRisk, factors: []string{"past_due_invoice:-23", "renewal_7d:-15"},
			missing: []domain.Category{domain.CategoryAdoption}},
		{name: "no_billing", facts: with(func(f *domain.AccountFacts) {
			f.Revenue, f.Invoices = nil, nil
			f.Usage = weeks(0, 0, 0)
		}), score: 64, level: domain.RiskAtRisk, factors: []string{"no_active_users:-36"},
			missing: []domain.Category{domain.CategoryPayment, domain.CategoryRenewal}},
		{name: "zero_seats", facts: with(func(f *domain.AccountFacts) {
			f.Revenue[0].Seats = 0
			f.Usage = weeks(20, 20, 20, 3)
		}), score: 94, level: domain.RiskHealthy, factors: []string{"usage_declining:-6"}},
		{name: "future_records_ignored", facts: with(func(f *domain.AccountFacts) {
			f.Usage = append(weeks(15, 15, 15, 15), domain.UsageWeek{AccountID: 1, WeekStart: date(2026, 10, 19)})
			late := paidInvoice("in_late", date(2026, 9, 1)) // paid after now: unpaid at now
			late.PaidAt = date(2026, 10, 20)
			f.Invoices = append(f.Invoices, late, openInvoice("in_next", 120_000, date(2026, 10, 20), date(2026, 10, 21)))
			f.Signals = []domain.Activity{signal("sig_future", domain.SignalEscalation, date(2026, 10, 15), "Not yet")}
			f.Revenue = append(f.Revenue, contract("C-2", domain.StatusCanceled, 5, date(2026, 11, 1), date(2027, 11, 1)))
			f.LastActivityAt = date(2026, 10, 15)
		}), score: 85, level: domain.RiskHealthy, factors: []string{"past_due_invoice:-15"}},
		{name: "eur_account", facts: with(func(f *domain.AccountFacts) {
			eur := contract("C-EU", domain.StatusActive, 20, date(2026, 2, 1), date(2027, 2, 1))
			eur.Amount = domain.Money{AmountMinor: 1_000_000, Currency: "EUR"}
			eur.ARRMinor, eur.MRRMinor = 1_000_000, 83_333
			f.Revenue = []domain.RevenueSource{eur, subscription("sub_1", domain.StatusActive, usd(10_000), 5, date(2026, 9, 20), date(2026, 10, 20)),
				subscription("sub_trial", domain.StatusTrialing, usd(50_000), 10, date(2026, 10, 1), date(2026, 11, 1))}
		}), score: 82, level: domain.RiskHealthy, factors: []string{"renewal_7d:-10", "low_adoption:-8"}},
		{name: "churning", facts: with(func(f *domain.AccountFacts) {
			pastDue(f)
			f.Usage = weeks(30, 28, 0, 0, 0)
			f.Revenue[0].Status, f.Revenue[0].TermEnd = domain.StatusCanceled, date(2026, 10, 1)
			f.Signals = []domain.Activity{npsSignal("nps_3", 0, date(2026, 10, 2)),
				signal("sig_7", domain.SignalEscalation, date(2026, 10, 3), "Wants to cancel"),
				signal("sig_6", domain.SignalEscalation, date(2026, 10, 2), "Data loss")}
		}), score: 0, level: domain.RiskCritical, factors: []string{"subscription_canceled:-25", "contract_expired:-20",
			"escalation:-20", "no_active_users:-20", "past_due_invoice:-15", "nps_detractor:-8"}},
		{name: "history_at_past_now", now: date(2026, 9, 16).Add(10 * time.Hour), facts: with(func(f *domain.AccountFacts) {
			pastDue(f) // issued 2026-09-01, due 2026-10-01: not yet due then
			f.Usage = weeks(20, 20, 20, 20, 20, 9, 9, 9, 9)
		}), score: 100, level: domain.RiskHealthy, factors: []string{"high_adoption:5"}},
	}
}

func TestHealth(t *testing.T) {
	for _, tc := range healthCases() {
		t.Run(tc.name, func(t *testing.T) {
			s, fx, at := tc.inputs()
			h := Health(tc.facts, s, fx, at)
			if h.AccountID != tc.facts.Account.ID {
				t.Errorf("AccountID = %d, want %d", h.AccountID, tc.facts.Account.ID)
			}
			if h.Score != tc.score || h.Level != tc.level {
				t.Errorf("score = %d %s, want %d %s", h.Score, h.Level, tc.score, tc.level)
			}
			var got []string
			for _, f := range h.Factors {
				got = append(got, fmt.Sprintf("%s:%d", f.Code, f.Points))
			}
			if !slices.Equal(got, tc.factors) {
				t.Errorf("factors = %v, want %v", got, tc.factors)
			}
			var miss []domain.Category
			for _, m := range h.Missing {
				miss = append(miss, m.Category)
			}
			if !slices.Equal(miss, tc.missing) {
				t.Errorf("missing = %v, want %v", miss, tc.missing)
			}
			checkGolden(t, tc.name, render(h, fx, at))
		})
	}
}

// TestHealthReusingMatchesHealth scores every case in a row with one
// scratch slice, as the recompute does: each result equals Health's, with
// no factor left over from the account scored before it.
func TestHealthReusingMatchesHealth(t *testing.T) {
	var scratch []domain.RiskFactor
	for range 2 { // the second round starts with a scratch already grown
		for _, tc := range healthCases() {
			s, fx, at := tc.inputs()
			want := render(Health(tc.facts, s, fx, at), fx, at)
			if got := render(HealthReusing(tc.facts, s, fx, at, &scratch), fx, at); got != want {
				t.Errorf("%s: reusing scratch gave\n%s\nwant\n%s", tc.name, got, want)
			}
		}
	}
	if cap(scratch) == 0 {
		t.Error("the scratch slice was not kept for the next call")
	}
}

func BenchmarkHealth(b *testing.B) {
	f := troubled()
	s, fx := domain.DefaultHealthSettings(), domain.DefaultFXRates()
	for b.Loop() {
		Health(f, s, fx, now)
	}
}

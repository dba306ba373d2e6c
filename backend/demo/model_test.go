package demo

import (
	"testing"
	"time"

	"successdesk/backend/domain"
)

// proposedScore is a stand-in for the scoring engine: the spec §11.1
// proposal with the point values from the demo brief, at default weights.
// It is deliberately pessimistic about windows (every signal in the book
// counts) so that the generator's budgets are tested against the worst case.
func proposedScore(a *AccountBundle, now time.Time) int {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	score := 100
	var licensed int
	var renewal time.Time
	recurring, expired, canceling := false, false, false
	pastDue, recentFail := false, false
	for _, r := range a.Revenue {
		switch {
		case r.Status.Recurring():
			recurring = true
			licensed += r.Seats
			if !r.TermEnd.IsZero() && !r.TermEnd.Before(today) && (renewal.IsZero() || r.TermEnd.Before(renewal)) {
				renewal = r.TermEnd
			}
			if r.CancelAtPeriodEnd {
				canceling = true
			}
		case r.Status == domain.StatusTrialing:
			recurring = true
			licensed += r.Seats
		case r.Status == domain.StatusCanceled:
			canceling = true
		case r.Status == domain.StatusExpired:
			expired = true
		}
		for _, inv := range r.Invoices {
			pastDue = pastDue || inv.PastDue(now)
			recentFail = recentFail || (!inv.LastFailureAt.IsZero() && now.Sub(inv.LastFailureAt) <= 30*24*time.Hour)
		}
	}
	if pastDue {
		score -= 15
	}
	if recentFail {
		score -= 10
	}
	if canceling {
		score -= 25
	}
	if expired && !recurring {
		score -= 20
	}
	if !renewal.IsZero() {
		switch days := int(renewal.Sub(today) / (24 * time.Hour)); {
		case days <= 7:
			score -= 10
		case days <= 30:
			score -= 5
		}
	}
	if n := len(a.Usage); n > 0 {
		last := a.Usage[n-1].ActiveUsers
		if n >= 2 && last == 0 && a.Usage[n-2].ActiveUsers == 0 {
			score -= 20
		}
		if licensed > 0 {
			switch share := float64(last) / float64(licensed); {
			case share < 0.2:
				score -= 15
			case share < 0.5:
				score -= 8
			case share >= 0.8:
				score += 5
			}
		}
		if n >= 2 && float64(last) < 0.8*float64(a.Usage[n-2].ActiveUsers) {
			score -= 6
		}
	}
	var escalation, complaint bool
	nps := -1
	for _, act := range a.Activities { // oldest first: the last NPS wins
		switch act.Signal {
		case domain.SignalEscalation:
			escalation = true
		case domain.SignalComplaint:
			complaint = true
		case domain.SignalNPS:
			nps = *act.Score
		}
	}
	if escalation {
		score -= 12
	}
	if complaint {
		score -= 6
	}
	switch {
	case nps >= 0 && nps <= 6:
		score -= 8
	case nps >= 9:
		score += 5
	}
	return max(0, min(100, score))
}

func TestIntendedTiersMatchProposedModel(t *testing.T) {
	b := Generate(Options{Seed: 21, Now: testNow, Size: 3000})
	cut := domain.DefaultHealthSettings().Cutoffs
	cut.AtRisk = 70 // the brief's bands: critical < 40, at risk 40–69
	got := map[domain.RiskLevel]int{}
	mismatch := 0
	for i := range b.Accounts {
		a := &b.Accounts[i]
		level := cut.Level(proposedScore(a, b.Options.Now))
		got[level]++
		if level != a.Intended {
			mismatch++
			if mismatch <= 5 {
				t.Logf("account %d %q (%s): intended %s, scores %d", i, a.Account.Name, a.Story, a.Intended, proposedScore(a, b.Options.Now))
			}
		}
	}
	n := len(b.Accounts)
	t.Logf("critical %d, at risk %d, healthy %d, mismatches %d of %d", got[domain.RiskCritical], got[domain.RiskAtRisk], got[domain.RiskHealthy], mismatch, n)
	if mismatch > n/100 {
		t.Errorf("%d of %d accounts score outside their intended tier", mismatch, n)
	}
	for level, share := range map[domain.RiskLevel]float64{domain.RiskCritical: 0.10, domain.RiskAtRisk: 0.20, domain.RiskHealthy: 0.70} {
		if f := float64(got[level]) / float64(n); f < share-0.03 || f > share+0.03 {
			t.Errorf("%s share %.3f, want %.2f±0.03", level, f, share)
		}
	}
}

package scoring

import (
	"time"

	"successdesk/backend/domain"
)

// Uncounted is why a revenue source adds nothing to an account's ARR and
// MRR; "" (Counted) when it adds its own. When several reasons hold, the
// first listed below is given.
type Uncounted string

const (
	// Counted: an active or past-due source whose term has started.
	Counted Uncounted = ""
	// UncountedStatus: a trial, a pending or draft contract, or one that
	// was canceled or has expired (domain.RevenueStatus.Recurring).
	UncountedStatus Uncounted = "status"
	// UncountedNotStarted: its term starts after the moment scored.
	UncountedNotStarted Uncounted = "not_started"
	// UncountedBilledByContract: a Stripe subscription that bills a
	// Salesbricks contract, which speaks for both so the plan counts once.
	UncountedBilledByContract Uncounted = "billed_by_contract"
)

// RevenueCounting says, for each of an account's revenue sources in order,
// whether a score at now counts it in the account's ARR and MRR and, when
// not, why; and, for a subscription UncountedBilledByContract, the external
// id of the Salesbricks contract it bills (else ""). It is the rule Health
// applies, so the sources it counts are the ones the score's ARR adds up
// (in the score's main currency).
func RevenueCounting(in []domain.RevenueSource, now time.Time) (why []Uncounted, contract []string) {
	started := revenueAsOf(in, now)
	by := billedBy(started)
	why, contract = make([]Uncounted, len(in)), make([]string, len(in))
	for i := range in {
		r := &in[i]
		switch {
		case !r.Status.Recurring():
			why[i] = UncountedStatus
		case r.TermStart.After(now):
			why[i] = UncountedNotStarted
		case r.Source == domain.SourceStripe && by[r.ExternalID] != "":
			why[i], contract[i] = UncountedBilledByContract, by[r.ExternalID]
		}
	}
	return why, contract
}

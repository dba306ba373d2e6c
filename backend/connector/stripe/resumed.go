package stripe

import (
	"strings"

	"successdesk/backend/domain"
)

// cancelEvent names a subscription's "set to cancel at period end" event:
// its external id is the subscription's plus "/"+cancelEvent (see
// SubscriptionEvents).
const cancelEvent = "cancel"

// MarkResumed rewords, in place, the "set to cancel at period end" events
// among acts whose subscription, in current (the account's revenue sources
// as stored now), runs on without being set to cancel: the customer resumed
// it after asking to cancel. Stripe's lists keep no date for that, so the
// event says it as of now rather than adding one. Other events, and those of
// a subscription that is still set to cancel, has ended or is unknown, are
// left as they are. It does no I/O.
func MarkResumed(acts []domain.Activity, current []domain.RevenueSource) {
	var running map[string]bool
	for i := range acts {
		a := &acts[i]
		if a.Source != domain.SourceStripe || a.Kind != domain.ActivityContractChange || !strings.HasSuffix(a.ExternalID, "/"+cancelEvent) {
			continue
		}
		if running == nil {
			running = map[string]bool{}
			for _, r := range current {
				if r.Source == domain.SourceStripe && !r.CancelAtPeriodEnd && (r.Status == domain.StatusActive ||
					r.Status == domain.StatusTrialing || r.Status == domain.StatusPastDue) {
					running[r.ExternalID] = true
				}
			}
		}
		if running[strings.TrimSuffix(a.ExternalID, "/"+cancelEvent)] {
			a.Title = "Subscription set to cancel at period end, since resumed"
			a.Body = strings.TrimSpace(a.Body + " The customer has since resumed it: it no longer ends with its period.")
		}
	}
}

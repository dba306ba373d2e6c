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
// among acts whose subscription runs on without being set to cancel: the
// customer resumed it after asking to cancel. current returns the account's
// revenue sources as stored now; it is called once, and only when acts hold
// such an event. Stripe's lists keep no date for a resume, so the event says
// it as of now rather than adding one. Other events, and those of a
// subscription that is still set to cancel, has ended or is unknown, are left
// as they are. The only error is current's.
func MarkResumed(acts []domain.Activity, current func() ([]domain.RevenueSource, error)) error {
	var running map[string]bool
	for i := range acts {
		a := &acts[i]
		if a.Source != domain.SourceStripe || a.Kind != domain.ActivityContractChange || !strings.HasSuffix(a.ExternalID, "/"+cancelEvent) {
			continue
		}
		if running == nil {
			rs, err := current()
			if err != nil {
				return err
			}
			running = map[string]bool{}
			for _, r := range rs {
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
	return nil
}

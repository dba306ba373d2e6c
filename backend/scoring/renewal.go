package scoring

import (
	"fmt"

	"successdesk/backend/domain"
)

// renewal sets h.RenewalAt and adds the renewal factors. It reports false
// (category missing) when the account has no revenue source.
//
// RenewalAt is the earliest term end on or after the start of today among
// current (active, trialing, past due) sources. Failing that it is the latest
// term end of a current source (a term that ran out while the status still
// says active), zero when every current source is open-ended, and otherwise
// the latest term end of any source, which may be in the past.
func (e *eval) renewal(h *domain.HealthScore) bool {
	if len(e.v.revenue) == 0 {
		e.missing(domain.CategoryRenewal, "No contract or subscription")
		return false
	}
	now := e.v.now
	today := dayOf(now)
	var next, lastCur, last *domain.RevenueSource
	running := false
	for i := range e.v.revenue {
		r := &e.v.revenue[i]
		cur := current(r.Status)
		running = running || cur
		if r.TermEnd.IsZero() {
			continue
		}
		if cur && !r.TermEnd.Before(today) &&
			(next == nil || r.TermEnd.Before(next.TermEnd) || (r.TermEnd.Equal(next.TermEnd) && r.ExternalID < next.ExternalID)) {
			next = r
		}
		if cur && (lastCur == nil || laterTerm(*r, *lastCur)) {
			lastCur = r
		}
		if last == nil || laterTerm(*r, *last) {
			last = r
		}
	}
	switch {
	case next != nil:
		h.RenewalAt = next.TermEnd
		e.renewalPressure(*next)
	case lastCur != nil:
		h.RenewalAt = lastCur.TermEnd
	case running:
		// every current source is open-ended: no renewal date
	case last != nil:
		h.RenewalAt = last.TermEnd
		if last.TermEnd.Before(now) {
			e.add(CodeContractExpired, fmt.Sprintf("%s ended %s and no contract or subscription is active, trialing or past due.",
				contractName(*last), fmtDay(last.TermEnd)),
				domain.Evidence{Kind: "contract", Ref: last.ExternalID, Label: contractLabel(*last, string(last.Status)), At: last.TermEnd})
		}
	}
	return true
}

// renewalPressure adds renewal_7d or, failing that, renewal_30d for the next
// term end.
func (e *eval) renewalPressure(r domain.RevenueSource) {
	d := daysUntil(r.TermEnd, e.v.now)
	code := ""
	switch {
	case d <= renewalSoonDays:
		code = CodeRenewal7d
	case d <= renewalDays:
		code = CodeRenewal30d
	default:
		return
	}
	e.add(code, fmt.Sprintf("%s ends %s.", contractName(r), fmtDay(r.TermEnd)),
		domain.Evidence{Kind: "contract", Ref: r.ExternalID, Label: contractLabel(r, string(r.Status)), At: r.TermEnd})
}

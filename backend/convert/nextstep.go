package convert

import "successdesk/backend/domain"

// nextStep suggests what a CSM should do next, from the first of these
// that applies: an escalation or complaint to answer; no record to convert
// (a routed account); a trial that ended; a trial ending soon with the team
// engaged (send the order within the urgency window, book a call before it)
// or idle; no recent usage; falling usage; a pending or draft
// order; a High likelihood; otherwise a check-in.
func (e *eval) nextStep() string {
	f, r := e.f, e.res
	a := f.Activity
	switch {
	case a.Escalations > 0 || a.Complaints > 0:
		return "Answer the recent escalation or complaint first: a fix now matters more than the upgrade conversation."
	case !f.HasRecord():
		from := "another section"
		if f.Route != nil {
			from = f.Route.From.Label()
		}
		return "Routed from " + from + " without a trial or an order: start a trial or send an order so the conversion can be tracked."
	case e.has(CodeTrialEnded):
		return "The trial ended " + domain.Plural(-r.TrialDays, "day") + " ago: ask whether they want to continue on " + product(f) +
			" and send the order."
	case e.has(CodeEndsSoonEngaged) && r.TrialDays <= e.s.UrgencyDays:
		return "Send the " + product(f) + " order now: the trial ends " + fmtIn(r.TrialDays) + " and the team is using it."
	case e.has(CodeEndsSoonEngaged):
		return "Book a conversion call before the trial ends " + fmtIn(r.TrialDays) + ": the team is using it."
	case e.has(CodeEndsSoonIdle):
		return "Offer an onboarding call or a short extension: the trial ends " + fmtIn(r.TrialDays) + " with little use."
	case e.has(CodeNoRecentUsage) && e.usage.firstWeek:
		return "Nobody has used the product since the term began: offer an onboarding session."
	case e.has(CodeNoRecentUsage):
		return "Nobody has used the product in two weeks: offer an onboarding session."
	case e.has(CodeUsageDeclining):
		return "Usage is falling: ask what is blocking the team."
	case f.Record.Status == domain.StatusPending:
		return "Follow up on the pending " + record(f.Record) + ": it is waiting for signature."
	case f.Record.Status == domain.StatusDraft:
		return "Finish the draft " + record(f.Record) + " and send it for signature."
	case r.Tier == TierHigh:
		return "Book a conversion call: the trial is going well."
	}
	return "Check in to learn what a successful trial looks like for them."
}

// product names the record's plan, or "the plan" without one.
func product(f *Facts) string {
	if f.Record.Product == "" {
		return "the plan"
	}
	return f.Record.Product
}

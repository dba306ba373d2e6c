package convert

import (
	"math"
	"strconv"

	"successdesk/backend/domain"
)

// seatsAndUsage adds the seats and usage factors.
func (e *eval) seatsAndUsage() {
	e.readUsage()
	u := e.usage
	if !u.known {
		return
	}
	wk := func() string { return fmtDate(u.week) }
	seats := e.f.Record.Seats
	switch {
	case seats > 0:
		// 30 × active / (80% of seats), rounded half up, at most 30.
		pts := min(seatsMax, (seatsMax*100*u.users*2+fullAdoptionPct*seats)/(2*fullAdoptionPct*seats))
		e.add(CodeSeatsUsed, pts, func() string {
			return strconv.Itoa(u.users) + " of " + domain.Plural(seats, "seat") + " active in the week of " + wk() +
				" (" + strconv.Itoa((100*u.users*2+seats)/(2*seats)) + "%)."
		})
	case u.users > 0:
		e.add(CodeActiveUsers, min(seatsMax, pointsPerUser*u.users), func() string {
			return domain.Plural(u.users, "active user") + " in the week of " + wk() + "; the plan names no seat count (3 points a user, at most 30)."
		})
	}
	switch {
	case u.users == 0 && (!u.prevKnown || u.prev == 0):
		e.add(CodeNoRecentUsage, noRecentUsagePts, func() string {
			switch {
			case u.firstWeek:
				return "No active users in the week of " + wk() + ", the first week of the term."
			case !u.prevKnown:
				return "No active users in the week of " + wk() + ", the first week with usage data."
			}
			return "No active users in the week of " + wk() + " or the week before."
		})
	case !u.prevKnown:
	case u.prev == 0:
		e.add(CodeUsageGrowing, growingPoints, func() string {
			if u.firstWeek {
				return strconv.Itoa(u.users) + " active in the week of " + wk() + ", the first week of the term (none before it)."
			}
			return "Active users rose from 0 to " + strconv.Itoa(u.users) + " week over week."
		})
	case (u.users-u.prev)*100 >= growingPct*u.prev:
		e.add(CodeUsageGrowing, growingPoints, func() string { return trend(u, "rose") })
	case (u.prev-u.users)*100 > decliningPct*u.prev:
		e.add(CodeUsageDeclining, decliningPointsPt, func() string { return trend(u, "fell") })
	default:
		e.add(CodeUsageSteady, steadyPoints, func() string { return trend(u, "held") })
	}
	if u.active > 0 {
		e.add(CodeRegularUse, (regularMax*u.active*2+u.weeks)/(2*u.weeks), func() string {
			if u.weeks < regularWeeks {
				return "Active in " + strconv.Itoa(u.active) + " of " + domain.Plural(u.weeks, "week") + " with usage data."
			}
			return "Active in " + strconv.Itoa(u.active) + " of the last " + strconv.Itoa(regularWeeks) + " weeks."
		})
	}
}

// trend says how active users moved: "Active users rose from 10 to 14 week
// over week (+40%)."
func trend(u usageFacts, verb string) string {
	pct := signed(int(math.Round(float64(u.users-u.prev) * 100 / float64(u.prev))))
	if verb == "held" {
		return "Active users steady at " + strconv.Itoa(u.users) + " week over week (" + strconv.Itoa(u.prev) + " the week before, " +
			pct + "%)."
	}
	return "Active users " + verb + " from " + strconv.Itoa(u.prev) + " to " + strconv.Itoa(u.users) + " week over week (" +
		pct + "%)."
}

// signed writes n with its sign, a true minus for negatives: "+9", "−40", "0".
func signed(n int) string {
	switch {
	case n > 0:
		return "+" + strconv.Itoa(n)
	case n < 0:
		return "−" + strconv.Itoa(-n)
	}
	return "0"
}

// signals adds the conversation factors of the last SignalDays days.
func (e *eval) signals() {
	a := e.f.Activity
	const last = " in the last 14 days."
	gain := func(code string, n, per, max int, noun string) {
		if n > 0 {
			e.add(code, min(n*per, max), func() string { return domain.Plural(n, noun) + last })
		}
	}
	gain(CodeRecentCalls, a.Calls, callPoints, callMax, "call")
	gain(CodeRecentEmails, a.Emails, emailPoints, emailMax, "e-mail")
	gain(CodePositiveSignals, a.Positive, positivePoints, positiveMax, "positive signal")
	budget := -penaltyCap
	loss := func(code string, n, per int, noun string) {
		if n == 0 {
			return
		}
		full := -n * per
		got := min(full, budget)
		budget -= got
		e.add(code, -got, func() string {
			s := domain.Plural(n, noun) + last
			if got < full {
				s = s[:len(s)-1] + ": −" + strconv.Itoa(full) + " counted as −" + strconv.Itoa(got) +
					" within the −20 cap for escalations, complaints and detractor answers."
			}
			return s
		})
	}
	loss(CodeEscalation, a.Escalations, escalationPoints, "escalation")
	loss(CodeComplaint, a.Complaints, complaintPoints, "complaint")
	loss(CodeDetractorNPS, a.Detractors, detractorPoints, "detractor NPS answer")
}

// fit adds the value, domain and pending-order factors.
func (e *eval) fit() {
	f, r := e.f, e.res
	for _, st := range valueSteps {
		if r.ValueBaseMinor >= st.atLeast {
			e.add(CodePlanValue, st.points, func() string {
				s := "Estimated value " + r.Value.Display() + " a year"
				if r.Value.Currency != e.fx.Base {
					s += " (≈ " + (domain.Money{AmountMinor: r.ValueBaseMinor, Currency: e.fx.Base}).Display() + ")"
				}
				return s + "."
			})
			break
		}
	}
	switch d := f.identityDomain(); {
	case f.Account.Domain != "" && !IsFreeMail(d):
		e.add(CodeCompanyDomain, domainPoints, func() string { return "Known by the company domain " + d + "." })
	case IsFreeMail(d):
		e.add(CodePersonalEmail, -domainPoints, func() string {
			return "Known only by an address at " + d + ", a free e-mail provider."
		})
	}
	if f.HasRecord() && f.Record.Status == domain.StatusPending {
		e.add(CodeOrderPending, pendingPoints, func() string {
			return "The " + record(f.Record) + " is pending signature."
		})
	}
}

// urgency adds the trial-end factors.
func (e *eval) urgency() {
	r := e.res
	if !r.HasTrialEnd {
		return
	}
	end := func() string { return fmtDate(e.f.Record.TrialEnd) }
	d, window := r.TrialDays, e.s.UrgencyDays
	switch {
	case d < 0:
		e.add(CodeTrialEnded, trialEndedPoints, func() string {
			return "The trial ended on " + end() + " (" + domain.Plural(-d, "day") + " ago) and has not converted."
		})
	case e.engagement >= engagedMin && d <= 4*window:
		pts := endsSoonNear
		switch {
		case d > 2*window:
			pts = endsSoonLate
		case d > window:
			pts = endsSoonFar
		}
		e.add(CodeEndsSoonEngaged, pts, func() string {
			within := "the " + strconv.Itoa(window) + "-day urgency window"
			switch pts {
			case endsSoonFar:
				within = "twice the urgency window"
			case endsSoonLate:
				within = "four times the urgency window"
			}
			return "The trial ends " + fmtIn(d) + " (" + end() + ", within " + within + ") and seats and usage score " +
				strconv.Itoa(e.engagement) + " of 50."
		})
	case d <= window && e.engagement < idleMax:
		e.add(CodeEndsSoonIdle, endsSoonIdlePts, func() string {
			return "The trial ends " + fmtIn(d) + " (" + end() + ") and seats and usage score only " + signed(e.engagement) + " of 50."
		})
	}
}

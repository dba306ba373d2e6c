package scoring

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"successdesk/backend/domain"
)

const week = 7 * day

// usageSeries is a view's usage rows, oldest first.
type usageSeries []domain.UsageWeek

// at is how many users were active in week w (see domain.ActiveUsersIn).
func (s usageSeries) at(w time.Time) (users int, known bool) {
	return domain.ActiveUsersIn(s, w)
}

// currentWeek is the newest row when it is this week or last week, else this
// week (which then has no row and counts zero users).
func (s usageSeries) currentWeek(now time.Time) time.Time {
	this := domain.WeekStart(now)
	if last := s[len(s)-1].WeekStart; !last.Before(this.Add(-week)) {
		return last
	}
	return this
}

// lastActive returns the newest row with at least one active user.
func (s usageSeries) lastActive() (domain.UsageWeek, bool) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i].ActiveUsers > 0 {
			return s[i], true
		}
	}
	return domain.UsageWeek{}, false
}

// licensedSeats sums the seats of the current (active, trialing, past due)
// revenue sources; 0 means unknown.
func licensedSeats(rev []domain.RevenueSource) int {
	n := 0
	for _, r := range rev {
		if current(r.Status) && r.Seats > 0 {
			n += r.Seats
		}
	}
	return n
}

// adoption fills the usage columns of h and adds the adoption factors. It
// reports false (category missing) when there is no usage data at all.
func (e *eval) adoption(h *domain.HealthScore) bool {
	h.LicensedUsers = licensedSeats(e.v.revenue)
	s := usageSeries(e.v.usage)
	if len(s) == 0 {
		e.missing(domain.CategoryAdoption, "No usage data")
		return false
	}
	now := e.v.now
	cur := s.currentWeek(now)
	users, _ := s.at(cur)
	h.ActiveUsers = &users
	if prev, ok := s.at(cur.Add(-week)); ok && prev > 0 {
		t := math.Round(float64(users-prev)*1000/float64(prev)) / 10
		h.TrendPct = &t
	}

	inactive := e.noActiveUsers(s)
	if h.LicensedUsers > 0 { // LicensedUsers 0 means unknown: the ratio factors are skipped
		e.adoptionRatio(users, h.LicensedUsers, cur)
	}
	if !inactive {
		e.usageDeclining(s, cur, users)
	}
	return true
}

// noActiveUsers adds no_active_users when the data covers the last 14 days
// and every week overlapping them has zero users.
func (e *eval) noActiveUsers(s usageSeries) bool {
	now := e.v.now
	from, to := domain.WeekStart(now.Add(-inactiveDays*day)), domain.WeekStart(now)
	if _, known := s.at(from); !known {
		return false
	}
	for w := from; !w.After(to); w = w.Add(week) {
		if n, _ := s.at(w); n > 0 {
			return false
		}
	}
	detail := fmt.Sprintf("No active users in the weeks of %s", dayRange(from, to))
	if last, ok := s.lastActive(); ok {
		detail += fmt.Sprintf("; last active in the week of %s with %s", fmtDay(last.WeekStart), domain.Plural(last.ActiveUsers, "user"))
	}
	e.add(CodeNoActiveUsers, detail+".", domain.Evidence{Kind: "usage", Ref: weekRange(from, to),
		Label: "0 active users", At: to})
	return true
}

// adoptionRatio adds very_low/low (the stronger one) or high adoption.
func (e *eval) adoptionRatio(users, licensed int, cur time.Time) {
	p := pct(users, licensed)
	detail := fmt.Sprintf("%d of %d licensed users active in the week of %s (%d%%).", users, licensed, fmtDay(cur), p)
	ev := domain.Evidence{Kind: "usage", Ref: fmtDate(cur), Label: fmt.Sprintf("%d of %d licensed users active", users, licensed), At: cur}
	u, l := int64(users)*100, int64(licensed)
	switch {
	case u < veryLowPct*l:
		e.add(CodeVeryLowAdoption, detail, ev)
	case u < lowPct*l:
		e.add(CodeLowAdoption, detail, ev)
	case u >= highPct*l:
		e.add(CodeHighAdoption, detail, ev)
	}
}

// usageDeclining compares the current week with the average of the three
// weeks before it, so one quiet week is not read as a decline.
func (e *eval) usageDeclining(s usageSeries, cur time.Time, users int) {
	sum := 0
	for k := 1; k <= 3; k++ {
		n, known := s.at(cur.Add(-time.Duration(k) * week))
		if !known {
			return
		}
		sum += n
	}
	// users < avg×(1−20%)  ⇔  users×300 < sum×(100−20); avg ≥ 3 ⇔ sum ≥ 9.
	if sum < 3*declineMinBaseline || int64(users)*300 >= int64(sum)*(100-declinePct) {
		return
	}
	avg := float64(sum) / 3
	drop := math.Round((avg - float64(users)) / avg * 100)
	mean := strconv.FormatFloat(math.Round(avg*10)/10, 'f', -1, 64) // "64", "63.7"
	from := cur.Add(-3 * week)
	e.add(CodeUsageDeclining, fmt.Sprintf("%s in the week of %s, down %.0f%% from an average of %s over the 3 weeks before.",
		domain.Plural(users, "active user"), fmtDay(cur), drop, mean),
		domain.Evidence{Kind: "usage", Ref: weekRange(from, cur), Label: fmt.Sprintf("%d active users vs %s average", users, mean), At: cur})
}

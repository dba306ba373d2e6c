package demo

import (
	"math"

	"successdesk/backend/domain"
)

// usageWeeks is how many weeks of usage a book holds, ending with the week
// that contains Now (reported as a full week).
const usageWeeks = 12

// usage adds weekly active users for the weeks since the account started.
// Accounts without a domain have none: PostHog has nothing to match on.
func (g *gen) usage(w *work) {
	s := &w.sc
	if s.adoption == adNone || w.b.Account.Domain == "" {
		return
	}
	seats := w.seats
	if seats == 0 { // a site license: count people, not seats
		seats = g.between(40, 70)
	}
	v := g.series(s.adoption, s.declining, seats)
	last := domain.WeekStart(g.now)
	first := domain.WeekStart(w.created)
	var churn = last.AddDate(1, 0, 0)
	if !w.churnAt.IsZero() {
		churn = domain.WeekStart(w.churnAt)
	}
	w.b.Usage = make([]domain.UsageWeek, 0, usageWeeks)
	for k := range usageWeeks {
		ws := last.AddDate(0, 0, -7*(usageWeeks-1-k))
		if ws.Before(first) {
			continue
		}
		n := v[k]
		if ws.After(churn) {
			n = 0
		}
		w.b.Usage = append(w.b.Usage, domain.UsageWeek{WeekStart: ws, ActiveUsers: n})
	}
	w.active = v[usageWeeks-1]
}

// finalUsers is the latest week's active users for adoption a of seats,
// kept inside a's band where the seat count allows.
func (g *gen) finalUsers(a adoption, seats int) int {
	f := func(lo, hi float64) int { return int(math.Round(float64(seats) * (lo + (hi-lo)*g.r.Float64()))) }
	clamp := func(n, lo, hi int) int { return max(lo, min(hi, n)) }
	switch a {
	case adZero:
		return 0
	case adVeryLow: // ≥ 1 and < 20%
		return clamp(f(0.05, 0.17), 1, max(1, (seats+4)/5-1))
	case adLow: // 20% to < 50%
		return clamp(f(0.25, 0.45), (seats+4)/5, max((seats+4)/5, (seats+1)/2-1))
	case adGood: // 60–79%, at least half
		return clamp(f(0.6, 0.79), (seats+1)/2, seats)
	}
	return clamp(int(math.Ceil(float64(seats)*(0.8+0.15*g.r.Float64()))), (4*seats+4)/5, seats) // ≥ 80%
}

// series returns usageWeeks weekly counts, oldest first. The last two weeks
// carry the story: zero for adZero, a drop of at least ~28% when declining,
// and otherwise a change of no more than −18%.
func (g *gen) series(a adoption, declining bool, seats int) [usageWeeks]int {
	var v [usageWeeks]int
	final := g.finalUsers(a, seats)
	anchor := usageWeeks - 2
	switch {
	case a == adZero:
		anchor = usageWeeks - 3
		v[anchor] = max(1, int(math.Round(float64(seats)*(0.1+0.25*g.r.Float64()))))
	case declining:
		prev := int(math.Ceil(float64(final) / (0.5 + 0.22*g.r.Float64())))
		v[anchor], v[anchor+1] = min(max(prev, final+1), seats), final
	default:
		prev := min(seats, int(math.Round(float64(final)*(0.95+0.12*g.r.Float64()))))
		if float64(final) < 0.82*float64(prev) {
			prev = final
		}
		v[anchor], v[anchor+1] = prev, final
	}
	base := float64(v[anchor])
	start := base * (0.92 + 0.16*g.r.Float64())
	if declining || a == adZero {
		start = min(float64(seats), base*(1.25+0.5*g.r.Float64()))
	}
	for k := range anchor {
		x := start + (base-start)*float64(k)/float64(anchor)
		x *= 0.93 + 0.14*g.r.Float64()
		v[k] = max(0, min(seats, int(math.Round(x))))
	}
	return v
}

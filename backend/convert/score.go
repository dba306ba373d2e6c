package convert

import (
	"slices"
	"time"

	"successdesk/backend/domain"
)

// Result is a scored candidate: what the queue shows for it.
type Result struct {
	Score int // 0–100
	Tier  Tier
	// HasTrialEnd reports whether the record names a trial end; TrialDays
	// is then the calendar days (UTC) to it, negative once it has passed.
	HasTrialEnd bool
	TrialDays   int
	// Value is the estimated value: the record's ARR in its currency (zero
	// in the base currency without a record). ValueBaseMinor is it in the
	// base currency; FXKnown is false when the currency had no rate and was
	// taken at 1.
	Value          domain.Money
	ValueBaseMinor int64
	FXKnown        bool
}

// Explanation is a result with the factors behind it and a next step.
type Explanation struct {
	Result
	Factors  []Factor // their points sum to Score before the clamp
	NextStep string
}

// Score scores f as of now under s (its urgency window and cut-offs). It
// does no allocation, so a queue of many thousands re-tallies quickly;
// Explain gives the same result with its factors.
func Score(f *Facts, s *Settings, fx domain.FXRates, now time.Time) Result {
	e := eval{f: f, s: s, fx: fx, now: now}
	e.run()
	return e.res
}

// Explain scores f like Score and returns the factors, ordered by the size
// of their points (largest first, gains before losses, then by code), and
// the suggested next step.
func Explain(f *Facts, s *Settings, fx domain.FXRates, now time.Time) Explanation {
	e := eval{f: f, s: s, fx: fx, now: now, explain: true}
	e.run()
	slices.SortStableFunc(e.factors, func(a, b Factor) int {
		aa, ab := abs(a.Points), abs(b.Points)
		switch {
		case aa != ab:
			return ab - aa
		case a.Points != b.Points:
			return b.Points - a.Points
		case a.Code < b.Code:
			return -1
		case a.Code > b.Code:
			return 1
		}
		return 0
	})
	if e.factors == nil {
		e.factors = []Factor{}
	}
	return Explanation{Result: e.res, Factors: e.factors, NextStep: e.nextStep()}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// eval is one scoring pass. With explain set it also writes the factors.
type eval struct {
	f       *Facts
	s       *Settings
	fx      domain.FXRates
	now     time.Time
	explain bool

	res     Result
	sum     int
	factors []Factor
	codes   uint32 // bit i set: catalogue[i] applied (explaining only, for the next step)

	engagement int // seats + usage points
	usage      usageFacts
}

// add records a factor of points; detail is only called when explaining.
func (e *eval) add(code string, points int, detail func() string) {
	if points == 0 {
		return
	}
	e.sum += points
	if e.explain {
		e.codes |= 1 << codeIndex[code]
		sp := spec(code)
		e.factors = append(e.factors, Factor{Code: code, Category: sp.Category, Label: sp.Label, Points: points, Detail: detail()})
	}
}

// has reports whether factor code applied; it is only known when explaining.
func (e *eval) has(code string) bool { return e.codes&(1<<codeIndex[code]) != 0 }

var codeIndex = func() map[string]uint {
	m := make(map[string]uint, len(catalogue))
	for i, c := range catalogue {
		m[c.Code] = uint(i)
	}
	return m
}()

func (e *eval) run() {
	f := e.f
	e.res.Value = domain.Money{AmountMinor: f.Record.ARRMinor, Currency: f.Record.Amount.Currency}
	if !f.HasRecord() || e.res.Value.Currency == "" {
		e.res.Value.Currency = e.fx.Base
	}
	e.res.ValueBaseMinor, e.res.FXKnown = e.fx.ToBase(e.res.Value)
	if f.HasRecord() && !f.Record.TrialEnd.IsZero() {
		e.res.HasTrialEnd, e.res.TrialDays = true, DaysUntil(f.Record.TrialEnd, e.now)
	}
	before := e.sum
	e.seatsAndUsage()
	e.engagement = e.sum - before
	e.signals()
	e.fit()
	e.urgency()
	e.res.Score = min(max(e.sum, 0), 100)
	e.res.Tier = e.s.Tier(e.res.Score)
}

// usageFacts are the usage numbers the factors use.
type usageFacts struct {
	known     bool // any usage data
	week      time.Time
	users     int
	prev      int
	prevKnown bool
	// firstWeek: the week before had no usage row and the record's term
	// had not started yet, so it counts as zero users (nothing to lose).
	firstWeek bool
	active    int // weeks with active users among the last regularWeeks...
	weeks     int // ...and those of them with usage data
}

const week = 7 * day

// readUsage fills e.usage from the facts' usage weeks.
func (e *eval) readUsage() {
	s := e.f.Usage
	if len(s) == 0 {
		return
	}
	this := domain.WeekStart(e.now)
	cur := this
	if last := s[len(s)-1].WeekStart; !last.Before(this.Add(-week)) && !last.After(this) {
		cur = last
	}
	u := &e.usage
	u.known, u.week = true, cur
	u.users, _ = domain.ActiveUsersIn(s, cur)
	u.prev, u.prevKnown = domain.ActiveUsersIn(s, cur.Add(-week))
	if start := e.f.Record.TermStart; !u.prevKnown && !start.IsZero() && cur.Add(-week).Before(domain.WeekStart(start)) {
		u.prevKnown, u.firstWeek = true, true
	}
	for i := 0; i < regularWeeks; i++ {
		if n, ok := domain.ActiveUsersIn(s, cur.Add(-time.Duration(i)*week)); ok {
			u.weeks++
			if n > 0 {
				u.active++
			}
		}
	}
}

package scoring

import (
	"cmp"
	"math"
	"slices"
	"time"

	"successdesk/backend/domain"
)

// eval collects one account's factors at base points while the categories
// are evaluated; rescore scales them once presence is known.
type eval struct {
	v       view
	factors []domain.RiskFactor
	gaps    []domain.Missing
}

// add records factor code at its catalogue base points.
func (e *eval) add(code, detail string, ev ...domain.Evidence) {
	e.addPoints(code, spec(code).BasePoints, detail, ev...)
}

// addPoints records factor code at base points (before weighting).
func (e *eval) addPoints(code string, base int, detail string, ev ...domain.Evidence) {
	sp := spec(code)
	if len(ev) > maxEvidence {
		ev = ev[:maxEvidence]
	}
	e.factors = append(e.factors, domain.RiskFactor{Code: code, Category: sp.Category, Label: sp.Label,
		Points: base, Base: base, Detail: detail, Evidence: ev})
}

// missing records that category c has no input at all, and why; its weight
// is spread over the present categories.
func (e *eval) missing(c domain.Category, reason string) {
	e.gaps = append(e.gaps, domain.Missing{Category: c, Reason: reason})
}

// Health scores one account (f must not be nil) as of now. It reads only f,
// s, fx and now, never modifies or retains f or its slices, and gives the
// same result for any order of f's records. s need not be validated: weights
// below zero count as zero, and when every present category weighs zero no
// factor scores. See the package documentation for the model.
func Health(f *domain.AccountFacts, s domain.HealthSettings, fx domain.FXRates, now time.Time) domain.HealthScore {
	return health(f, s, fx, now, make([]domain.RiskFactor, 0, 6))
}

// HealthReusing is Health with the factors built in scratch's backing
// array, which it keeps (grown if need be) in *scratch: the result's
// Factors are valid until the next call with the same scratch. A caller
// that stores each score before scoring the next account allocates its
// factors once rather than once per account.
func HealthReusing(f *domain.AccountFacts, s domain.HealthSettings, fx domain.FXRates, now time.Time,
	scratch *[]domain.RiskFactor) domain.HealthScore {
	h := health(f, s, fx, now, (*scratch)[:0])
	*scratch = h.Factors[:0]
	return h
}

func health(f *domain.AccountFacts, s domain.HealthSettings, fx domain.FXRates, now time.Time, factors []domain.RiskFactor) domain.HealthScore {
	now = now.UTC()
	e := eval{v: asOf(f, now), factors: factors}
	h := domain.HealthScore{AccountID: f.Account.ID}

	var present [nCategories]bool
	present[categoryIndex(domain.CategoryAdoption)] = e.adoption(&h)
	present[categoryIndex(domain.CategoryPayment)] = e.payment(&h)
	present[categoryIndex(domain.CategoryRenewal)] = e.renewal(&h)
	present[categoryIndex(domain.CategorySignals)] = e.signals()
	e.revenue(&h, fx)
	h.LastActivityAt = e.lastActivity(f.LastActivityAt)

	h.Factors = e.factors
	h.Missing = e.gaps
	rescore(&h, s, present)
	return h
}

// rescore sets every factor's Points from its Base, drops the ones that
// round to zero, sorts them, and sets Score and Level.
func rescore(h *domain.HealthScore, s domain.HealthSettings, present [nCategories]bool) {
	h.Factors = scale(h.Factors, s.Weights, present)
	total := 0
	for _, fc := range h.Factors {
		total += fc.Points
	}
	h.Score = min(max(100+total, 0), 100)
	h.Level = s.Cutoffs.Level(h.Score)
}

// Reweight returns h scored under new settings s without the facts: each
// factor's Points are recomputed from its Base, and categories listed in
// h.Missing stay absent. It equals Health with s unless a factor was dropped
// at zero points when h was computed (a category that weighed 0 then): such
// factors cannot come back, so recompute after raising a weight from zero.
// h's factor slice is not modified.
func Reweight(h domain.HealthScore, s domain.HealthSettings) domain.HealthScore {
	var present [nCategories]bool
	for i := range present {
		present[i] = true
	}
	for _, m := range h.Missing {
		present[categoryIndex(m.Category)] = false
	}
	h.Factors = append([]domain.RiskFactor(nil), h.Factors...)
	rescore(&h, s, present)
	return h
}

// scale multiplies each factor's base points by its category's weight over
// the default weight and by the spread of the missing categories' weight,
// drops factors that round to zero, and sorts by points then code. It reuses
// fs's backing array.
func scale(fs []domain.RiskFactor, w domain.Weights, present [nCategories]bool) []domain.RiskFactor {
	def := domain.DefaultHealthSettings().Weights
	all, have := 0, 0
	for i, c := range domain.Categories {
		wc := max(w.Of(c), 0)
		all += wc
		if present[i] {
			have += wc
		}
	}
	var factor [nCategories]float64
	if have > 0 {
		spread := float64(all) / float64(have)
		for i, c := range domain.Categories {
			if d := def.Of(c); d > 0 {
				factor[i] = float64(max(w.Of(c), 0)) / float64(d) * spread
			}
		}
	}
	out := fs[:0]
	for _, fc := range fs {
		fc.Points = int(math.Round(float64(fc.Base) * factor[categoryIndex(fc.Category)]))
		if fc.Points != 0 {
			out = append(out, fc)
		}
	}
	slices.SortFunc(out, func(a, b domain.RiskFactor) int {
		return cmp.Or(cmp.Compare(a.Points, b.Points), cmp.Compare(a.Code, b.Code))
	})
	return out
}

// nCategories is len(domain.Categories); a test keeps them equal.
const nCategories = 4

// categoryIndex returns c's position in domain.Categories; it panics on an
// unknown category, which only a programming error can produce.
func categoryIndex(c domain.Category) int {
	for i, x := range domain.Categories {
		if x == c {
			return i
		}
	}
	panic("scoring: unknown category " + string(c))
}

// lastActivity returns the facts' last activity when it is not after now;
// otherwise (a history score) the newest signal at or before now, the only
// dated activity the facts still hold.
func (e *eval) lastActivity(last time.Time) time.Time {
	if !last.After(e.v.now) {
		return last
	}
	var newest time.Time
	for _, a := range e.v.signals {
		if a.OccurredAt.After(newest) {
			newest = a.OccurredAt
		}
	}
	return newest
}

package domain

import "math"

import "time"

// RiskLevel is the health tier of an account.
type RiskLevel string

const (
	RiskCritical RiskLevel = "critical"
	RiskAtRisk   RiskLevel = "at_risk"
	RiskHealthy  RiskLevel = "healthy"
)

// Category groups risk factors; each category has a user-set weight.
type Category string

const (
	CategoryAdoption Category = "adoption"
	CategoryPayment  Category = "payment"
	CategoryRenewal  Category = "renewal"
	CategorySignals  Category = "signals"
)

// Categories lists the categories in display order.
var Categories = []Category{CategoryAdoption, CategoryPayment, CategoryRenewal, CategorySignals}

// Evidence points at the record behind a factor: an invoice, a run of usage
// weeks, a signal, a contract.
type Evidence struct {
	Kind  string    `json:"kind"` // invoice | usage | signal | contract
	Ref   string    `json:"ref"`  // the record's external id, or a week range for usage
	Label string    `json:"label"`
	At    time.Time `json:"at"`
}

// RiskFactor is one signed, explained contribution to a health score.
// Points is already scaled by the category weight; Base is the catalogue value.
type RiskFactor struct {
	Code     string     `json:"code"`
	Category Category   `json:"category"`
	Label    string     `json:"label"`
	Points   int        `json:"points"`
	Base     int        `json:"base"` // points before weighting, so a re-weighting needs no recompute
	Detail   string     `json:"detail"`
	Evidence []Evidence `json:"evidence,omitempty"`
}

// Missing says that an input could not be scored, and why.
type Missing struct {
	Category Category `json:"category"`
	Reason   string   `json:"reason"`
}

// HealthScore is one account's score in one snapshot, with the facts the
// Health table shows beside it so the list reads without recomputing.
type HealthScore struct {
	AccountID      int64
	Score          int
	Level          RiskLevel
	Factors        []RiskFactor
	Missing        []Missing
	ActiveUsers    *int // nil when there is no usage data
	LicensedUsers  int
	TrendPct       *float64 // week-over-week change of active users; nil when unknown
	ARR            Money    // in the account's main currency
	ARRBaseMinor   int64    // ARR converted into the portfolio's base currency
	MRRMinor       int64
	RenewalAt      time.Time // zero when unknown
	PaymentStatus  string    // active | trialing | past_due | canceled | none
	LastActivityAt time.Time
}

// Weights are the relative weights of the four categories, 0–100 each.
type Weights struct {
	Adoption int `json:"adoption"`
	Payment  int `json:"payment"`
	Renewal  int `json:"renewal"`
	Signals  int `json:"signals"`
}

// Of returns the weight of category c.
func (w Weights) Of(c Category) int {
	switch c {
	case CategoryAdoption:
		return w.Adoption
	case CategoryPayment:
		return w.Payment
	case CategoryRenewal:
		return w.Renewal
	case CategorySignals:
		return w.Signals
	}
	return 0
}

// Total is the sum of all weights.
func (w Weights) Total() int { return w.Adoption + w.Payment + w.Renewal + w.Signals }

// Cutoffs are the tier boundaries: a score below Critical is critical, below
// AtRisk is at risk, and healthy otherwise.
type Cutoffs struct {
	Critical int `json:"critical"`
	AtRisk   int `json:"atRisk"`
}

// Level returns the tier of score.
func (c Cutoffs) Level(score int) RiskLevel {
	switch {
	case score < c.Critical:
		return RiskCritical
	case score < c.AtRisk:
		return RiskAtRisk
	}
	return RiskHealthy
}

// ScoreRange is the range of scores lo <= score < hi that Level puts in
// level; an unknown level has an empty range.
func (c Cutoffs) ScoreRange(level RiskLevel) (lo, hi int) {
	switch level {
	case RiskCritical:
		return math.MinInt32, c.Critical
	case RiskAtRisk:
		return c.Critical, c.AtRisk
	case RiskHealthy:
		return c.AtRisk, math.MaxInt32
	}
	return 0, 0
}

// HealthSettings are the user-editable parameters of the health model.
type HealthSettings struct {
	Weights Weights `json:"weights"`
	Cutoffs Cutoffs `json:"cutoffs"`
}

// DefaultHealthSettings are the weights and cut-offs a new workspace starts with.
func DefaultHealthSettings() HealthSettings {
	return HealthSettings{
		Weights: Weights{Adoption: 35, Payment: 25, Renewal: 20, Signals: 20},
		Cutoffs: Cutoffs{Critical: 40, AtRisk: 70},
	}
}

// Validate returns an EInvalid error when a weight or cut-off is out of range.
func (s HealthSettings) Validate() error {
	for _, c := range Categories {
		if w := s.Weights.Of(c); w < 0 || w > 100 {
			return Errorf(EInvalid, "The %s weight must be between 0 and 100.", c)
		}
	}
	if s.Weights.Total() == 0 {
		return Errorf(EInvalid, "At least one weight must be above zero.")
	}
	if s.Cutoffs.Critical < 1 || s.Cutoffs.AtRisk > 100 || s.Cutoffs.Critical >= s.Cutoffs.AtRisk {
		return Errorf(EInvalid, "Cut-offs must satisfy 1 ≤ critical < at risk ≤ 100.")
	}
	return nil
}

package fakepeer

import (
	"time"

	"successdesk/backend/domain"
)

// TruthRevenue is one subscription or contract as the fake means it to
// reach the store as a revenue source: what a sync must deliver, derived
// from the fake's book, never from the connector's mapping.
type TruthRevenue struct {
	Customer          string // the source's customer key
	Product           string
	Status            domain.RevenueStatus
	Interval          domain.Interval
	Amount            domain.Money
	MRRMinor          int64
	ARRMinor          int64
	Seats             int
	TermStart         time.Time
	TermEnd           time.Time
	TrialEnd          time.Time
	CancelAtPeriodEnd bool
}

package domain

import "time"

// DealStatus says whether a deal is still being worked.
type DealStatus string

const (
	DealOpen DealStatus = "open"
	DealWon  DealStatus = "won"
	DealLost DealStatus = "lost"
)

// Deal is a pipeline opportunity or a closed-lost deal.
type Deal struct {
	ID         int64
	AccountID  int64
	Source     Source
	ExternalID string
	Name       string
	Stage      string
	Status     DealStatus
	Value      Money
	Owner      string
	CloseDate  time.Time
	LostAt     time.Time
	LostReason string
	CreatedAt  time.Time
}

// Release is a piece of shipped work (a GitHub release, an RSS item, a manual entry).
type Release struct {
	ID         int64
	Source     Source
	ExternalID string
	Title      string
	Body       string
	URL        string
	ShippedAt  time.Time
}

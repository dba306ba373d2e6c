package domain

import "time"

// AccountFacts is everything the health model reads about one account.
// Usage is oldest week first; Signals are newest first.
type AccountFacts struct {
	Account        Account
	Revenue        []RevenueSource
	Invoices       []Invoice
	Usage          []UsageWeek
	Signals        []Activity
	LastActivityAt time.Time
}

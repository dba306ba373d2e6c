package domain

import "time"

// AccountFacts is everything the health model reads about one account.
// Usage is oldest week first; Signals come in any order. Invoices holds the
// invoices that can move a score (unpaid, failed recently, or paid after the
// moment scored); InvoiceCount counts every invoice the account has.
type AccountFacts struct {
	Account        Account
	Revenue        []RevenueSource
	Invoices       []Invoice
	InvoiceCount   int
	Usage          []UsageWeek
	Signals        []Activity
	LastActivityAt time.Time
}

package domain

import (
	"slices"
	"time"
)

// AccountFacts is everything the health model reads about one account.
// Usage is oldest week first; Signals come in any order. Invoices holds the
// invoices that can move a score (unpaid, failed recently, or paid after the
// moment scored); Invoiced says whether the account has any invoice at
// all, of any age or status (an account never billed has no payment
// record to score).
type AccountFacts struct {
	Account        Account
	Revenue        []RevenueSource
	Invoices       []Invoice
	Invoiced       bool
	Usage          []UsageWeek
	Signals        []Activity
	LastActivityAt time.Time
}

// Clone returns a copy of f whose slices are its own, for keeping facts a
// reader hands over only for the length of a call.
func (f *AccountFacts) Clone() AccountFacts {
	c := *f
	c.Revenue, c.Invoices = slices.Clone(f.Revenue), slices.Clone(f.Invoices)
	c.Usage, c.Signals = slices.Clone(f.Usage), slices.Clone(f.Signals)
	return c
}

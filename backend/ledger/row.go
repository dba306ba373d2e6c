// Package ledger builds the Contracts ledger: one row per Salesbricks
// contract or Stripe subscription, or one merged row when a subscription
// bills a contract (reconcile.Link: the same account and product). It
// filters, sorts, pages and totals the rows, and lays out a row's history
// and payment retries for the detail sheet. It is pure: callers read the
// book (backend/store) and pass it in with a clock and FX rates.
//
// Row rules:
//
//   - Status: a merged row is past_due when either side is; otherwise the
//     contract's status, unless the contract no longer runs (ended, or
//     still a draft or pending order) while the subscription does, when it
//     is the subscription's.
//   - Revenue (amount, interval, seats, renewal date): from the side that
//     runs, the contract first; a row where neither runs takes the
//     contract's. A missing renewal date falls back to the other side's.
//   - MRR and ARR: the revenue side's, exact in its currency, and only
//     while the row's status is recurring (active or past_due): a trial, an
//     order and an ended contract earn none. A row set to cancel at period
//     end stays active, and keeps earning, until its term ends.
//   - Payment: past_due when the row is past due or an unpaid invoice is
//     past its due date; else failed when an unpaid invoice has a failed
//     attempt; else open when an invoice is unpaid; else paid when it has an
//     invoice; else none. Void invoices do not count. Invoices that name no
//     revenue source belong to the account's rows with a record from the
//     invoice's source (every row of the account when none has one).
package ledger

import (
	"strconv"
	"strings"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/reconcile"
)

// Account is the customer of a row.
type Account struct {
	ID     int64
	Name   string
	Domain string
	Email  string // the primary e-mail
	// Search is the lower-case text a search matches besides the product:
	// name, domain and contact e-mails. Built from the fields above when empty.
	Search string

	fold string // Name in lower case, for sorting
}

// Billing sums the invoices of one revenue source or, in Input.Loose, the
// invoices of one source that name no revenue source.
type Billing struct {
	Source    domain.Source // Input.Loose only: the invoices' source
	Invoices  int           // invoices that are not void
	Unpaid    int           // open or failed invoices
	Failed    bool          // an unpaid invoice has had a failed attempt
	OldestDue time.Time     // the earliest due date of an unpaid invoice; zero when none is dated
}

func (b Billing) add(o Billing) Billing {
	b.Invoices += o.Invoices
	b.Unpaid += o.Unpaid
	b.Failed = b.Failed || o.Failed
	if !o.OldestDue.IsZero() && (b.OldestDue.IsZero() || o.OldestDue.Before(b.OldestDue)) {
		b.OldestDue = o.OldestDue
	}
	return b
}

// Payment is a row's payment state.
type Payment string

const (
	PaymentPaid    Payment = "paid"
	PaymentOpen    Payment = "open"
	PaymentPastDue Payment = "past_due"
	PaymentFailed  Payment = "failed"
	PaymentNone    Payment = "none"
)

// payment is the state b's invoices leave a row of status st in at now.
func payment(st domain.RevenueStatus, b Billing, now time.Time) Payment {
	switch {
	case st == domain.StatusPastDue, b.Unpaid > 0 && !b.OldestDue.IsZero() && now.After(b.OldestDue):
		return PaymentPastDue
	case b.Unpaid > 0 && b.Failed:
		return PaymentFailed
	case b.Unpaid > 0:
		return PaymentOpen
	case b.Invoices > 0:
		return PaymentPaid
	}
	return PaymentNone
}

// Record is a revenue source and what its invoices say.
type Record struct {
	domain.RevenueSource
	Billing Billing
}

// Input is one account's share of the book: its records, each with its
// invoices, and the invoices that name no revenue source, one Billing per
// source.
type Input struct {
	Account Account
	Records []Record
	Loose   []Billing
}

// Row sources.
const (
	SourceSalesbricks = "salesbricks"
	SourceStripe      = "stripe"
	SourceMerged      = "merged"
)

// Row is one line of the ledger. Its fields are read-only.
type Row struct {
	// Key names the row across calls: "rs:<id>", or "rs:<contract id>+<subscription id>" merged.
	Key     string
	Account *Account // shared by the account's rows
	// AccountRows is how many rows the account has.
	AccountRows int
	// Contract and Subscription are the records behind the row: the
	// Salesbricks contract and the Stripe subscription; one is nil unless
	// the row is merged.
	Contract     *domain.RevenueSource
	Subscription *domain.RevenueSource
	Product      string
	Status       domain.RevenueStatus
	Source       string // salesbricks | stripe | merged
	Amount       domain.Money
	MRRMinor     int64 // in Amount.Currency; zero unless Status is recurring
	ARRMinor     int64
	Interval     domain.Interval
	Seats        int
	RenewalAt    time.Time // zero when unknown
	Days         int       // calendar days from today (UTC) to RenewalAt; 0 when unknown
	TrialEnd     time.Time
	CancelAtEnd  bool
	Payment      Payment
	Mismatches   []reconcile.Mismatch

	ids      [2]int64 // record ids, for the key order
	product  string   // the product, lower case
	amtBase  int64    // Amount, MRR and ARR in the base currency, for sorting
	mrrBase  int64
	arrBase  int64
	sources  uint8 // bit 1: a Salesbricks record, bit 2: a Stripe record
	position int   // the row's place in build order
}

// RenewalKnown reports whether the row has a renewal date.
func (r *Row) RenewalKnown() bool { return !r.RenewalAt.IsZero() }

// Live reports whether the row still runs: active, trialing or past due.
func (r *Row) Live() bool { return live(r.Status) }

// Records are the records behind the row, the contract first.
func (r *Row) Records() []*domain.RevenueSource {
	out := make([]*domain.RevenueSource, 0, 2)
	if r.Contract != nil {
		out = append(out, r.Contract)
	}
	if r.Subscription != nil {
		out = append(out, r.Subscription)
	}
	return out
}

// HasSource reports whether a record of the row comes from src.
func (r *Row) HasSource(src domain.Source) bool { return r.sources&sourceBit(src) != 0 }

func sourceBit(src domain.Source) uint8 {
	switch src {
	case domain.SourceSalesbricks:
		return 1
	case domain.SourceStripe:
		return 2
	}
	return 0
}

func live(s domain.RevenueStatus) bool {
	return s == domain.StatusActive || s == domain.StatusTrialing || s == domain.StatusPastDue
}

// fill sets the row's derived fields from its records (see the package
// rules) and its billing b. link must have run.
func (r *Row) fill(b Billing, now time.Time, fx domain.FXRates) {
	c, s := r.Contract, r.Subscription
	rev, other := c, s
	switch {
	case c == nil:
		rev, other = s, nil
	case s == nil:
	case !live(c.Status) && live(s.Status):
		rev, other = s, c
	}
	r.Status = rev.Status
	if c != nil && s != nil && (c.Status == domain.StatusPastDue || s.Status == domain.StatusPastDue) {
		r.Status = domain.StatusPastDue
	}
	r.Product, r.Amount, r.Interval, r.Seats = rev.Product, rev.Amount, rev.Interval, rev.Seats
	r.RenewalAt, r.TrialEnd = rev.TermEnd, rev.TrialEnd
	r.CancelAtEnd = rev.CancelAtPeriodEnd && live(rev.Status)
	if other != nil {
		if r.RenewalAt.IsZero() {
			r.RenewalAt = other.TermEnd
		}
		if r.TrialEnd.IsZero() {
			r.TrialEnd = other.TrialEnd
		}
		if r.Seats == 0 {
			r.Seats = other.Seats
		}
		r.CancelAtEnd = r.CancelAtEnd || other.CancelAtPeriodEnd && live(other.Status)
	}
	if r.Status.Recurring() {
		r.MRRMinor, r.ARRMinor = rev.MRRMinor, rev.ARRMinor
	}
	if r.RenewalKnown() {
		r.Days = daysBetween(now, r.RenewalAt)
	}
	r.Payment = payment(r.Status, b, now)
	cur := r.Amount.Currency
	r.amtBase, _ = fx.ToBase(r.Amount)
	r.mrrBase, _ = fx.ToBase(domain.Money{AmountMinor: r.MRRMinor, Currency: cur})
	r.arrBase, _ = fx.ToBase(domain.Money{AmountMinor: r.ARRMinor, Currency: cur})
	r.product = strings.ToLower(r.Product)
	if c != nil && s != nil {
		r.Source = SourceMerged
		r.Key = "rs:" + strconv.FormatInt(c.ID, 10) + "+" + strconv.FormatInt(s.ID, 10)
		r.ids = [2]int64{c.ID, s.ID}
		if !strings.EqualFold(c.Product, s.Product) {
			r.product += "\n" + strings.ToLower(s.Product)
		}
		r.Mismatches = reconcile.PairMismatches(reconcile.Pair{Contract: *c, Subscription: *s})
	} else {
		r.Source = string(rev.Source)
		r.Key = "rs:" + strconv.FormatInt(rev.ID, 10)
		r.ids = [2]int64{rev.ID, 0}
	}
}

// link sets which sources the row's records come from.
func (r *Row) link() {
	for _, x := range r.Records() {
		r.sources |= sourceBit(x.Source)
	}
}

// daysBetween is the number of calendar days (UTC) from now's date to t's,
// negative when t has passed.
func daysBetween(now, t time.Time) int {
	now = now.UTC()
	a := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	t = t.UTC()
	b := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

package sbfake

import "time"

// The book: the fake's own model of a Salesbricks seller's data. Amounts
// are minor units; times are UTC. Each record also keeps what the
// generator meant it to be (its "intent"), which Truth reports without
// looking at the wire encoding.

// Customer is a buyer company.
type Customer struct {
	ID         string
	Name       string
	ExternalID string // "" is sent as null
	StripeID   string // stripe_customer_id; "" is sent as null
	Website    string // not in the documented schema; "" leaves the field out
	Domain     string // the company's domain (intent), whether or not any field shows it
	Subs       []*Subscription
}

// Subscription is a contract with its current state, closed orders and
// invoices.
type Subscription struct {
	ID        string
	Customer  *Customer
	Plan      string // plan name
	Status    string // wire status word
	Frequency string // billing_frequency; "" leaves the field out
	Currency  string // "" leaves the field out (USD by default)
	BaseMonth int64  // plan price per month
	SeatMonth int64  // price of one seat per month
	Seats     int    // seat quantity; 0 means no seats line item
	Months    int    // months per billing period
	Starts    time.Time
	TermStart time.Time // start of the current term
	TermEnd   time.Time // exclusive end of the current term (ends_at is the day before)
	Terminate time.Time // terminates_at as an exclusive end; zero when none
	Renews    bool      // renews_at is sent (the day TermEnd falls on)
	Contact   string    // point of contact e-mail
	Signatory string    // "" sends no signatory
	Payables  []string
	Orders    []*Order
	Invoices  []*Invoice

	// Intent: what a correct sync makes of it.
	WantStatus   string // domain.RevenueStatus value
	WantTrialEnd time.Time
	WantCancel   bool // cancel at period end
}

// Monthly is the contract's monthly price: plan plus seats.
func (s *Subscription) Monthly() int64 { return s.BaseMonth + int64(s.Seats)*s.SeatMonth }

// Period is what one billing period costs.
func (s *Subscription) Period() int64 { return s.Monthly() * int64(s.Months) }

// Order is a closed order of a subscription.
type Order struct {
	ID        string
	Type      string // TRIAL, STANDARD, RENEWAL, UPGRADE, RECAST
	Starts    time.Time
	End       time.Time // exclusive; ends_at is the day before
	Value     int64     // contract value
	Seats     int       // seat line items sent on the order (not documented); 0 sends none
	ClosedAt  time.Time // not documented; zero leaves it out
	WantTitle string
	WantAt    time.Time
}

// Invoice is a bill of a subscription.
type Invoice struct {
	ID         string
	Number     string
	Status     string // wire status word
	Total      int64
	Remaining  int64
	Issued     time.Time
	Due        time.Time
	Paid       time.Time // zero when unpaid
	Currency   string    // "" leaves the field out
	Estimate   bool      // is_renewal_estimate
	WantStatus string    // domain.InvoiceStatus value; "" when it must not sync
}

// Deal is an order as GraphQL's companyOrders lists it: open, won or lost.
type Deal struct {
	ID            string
	Stage         string // wire stage word
	Type          string // order type, lower case as GraphQL sends it
	Buyer         *Customer
	Skus          []Sku
	Total         int64
	Currency      string // sent in the currency field (and in metadata when not USD)
	Created       time.Time
	Updated       time.Time
	Closed        time.Time // zero for open deals
	LostReason    string
	ReasonInField bool // the reason travels in lostReason (else in metadata)
	WantStatus    string
}

// Sku is one line of a deal.
type Sku struct {
	Name     string
	Quantity int
}

// book is the whole generated seller.
type book struct {
	customers []*Customer
	subs      map[string]*Subscription
	deals     []*Deal
}

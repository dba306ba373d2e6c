package stripefake

import "sort"

// Customer is a customer of the book. An empty Name or Email is sent as
// null; Domain, when set, is sent as metadata["domain"].
type Customer struct {
	ID          string
	Name        string
	Email       string
	Description string
	Domain      string
	Currency    string // lower case ISO code: usd, eur, gbp
	Created     int64  // unix seconds
	// Deleted customers are no longer listed (Stripe's DELETE /v1/customers/{id}).
	Deleted bool
}

// Item is one subscription item and its recurring price.
type Item struct {
	ID            string
	PriceID       string
	ProductID     string
	Nickname      string // the price's nickname; "" is sent as null
	UnitAmount    int64  // minor units per unit and period
	Quantity      int64
	Interval      string // day, week, month or year
	IntervalCount int64
}

// Subscription is a subscription of the book. Zero times are sent as null.
type Subscription struct {
	ID                string
	Customer          string
	Status            string // one of Stripe's eight statuses
	Currency          string
	Items             []Item
	Created           int64
	PeriodStart       int64
	PeriodEnd         int64
	TrialStart        int64
	TrialEnd          int64
	CancelAtPeriodEnd bool
	CanceledAt        int64
	EndedAt           int64
	LatestInvoice     string
	// Removed subscriptions are gone from every list without an event
	// (test data purged); only a full pass can notice.
	Removed bool
}

// Amount is Σ unit amount × quantity: what one billing period costs.
func (s *Subscription) Amount() int64 {
	var a int64
	for _, it := range s.Items {
		a += it.UnitAmount * it.Quantity
	}
	return a
}

// Charge is the latest payment attempt of an invoice.
type Charge struct {
	ID             string
	Status         string // succeeded or failed
	Amount         int64
	Created        int64
	FailureCode    string
	FailureMessage string
}

// Invoice is an invoice of the book. Zero times are sent as null.
type Invoice struct {
	ID                 string
	Customer           string
	Subscription       string
	Status             string // draft, open, paid, uncollectible, void
	CollectionMethod   string // charge_automatically or send_invoice
	Currency           string
	Number             string
	AmountDue          int64
	AmountPaid         int64
	AttemptCount       int64
	Created            int64
	PeriodStart        int64
	PeriodEnd          int64
	FinalizedAt        int64
	PaidAt             int64
	VoidedAt           int64
	UncollectibleAt    int64
	DueDate            int64
	NextPaymentAttempt int64
	Charge             *Charge
	Removed            bool
}

// Event is one entry of the events list: a type and a snapshot of the
// object it is about, as it was when the event happened.
type Event struct {
	ID      string
	Type    string
	Created int64
	object  []byte // the snapshot, encoded
}

// stored is an object of one list with its encodings, kept current by the
// book so that serving a page only copies bytes.
type stored[T any] struct {
	v       *T
	created int64
	seq     int64  // creation order among equal created times
	enc     []byte // the object as a list serves it
	encX    []byte // with its expandable field expanded (invoices: charge)
}

// table is one kind of object in list order: ascending (created, seq), so
// that serving newest first walks it backwards. Removed objects stay in
// place, so a starting_after naming one still has a position.
type table[T any] struct {
	rows  []*stored[T]
	index map[string]int
}

func newTable[T any]() *table[T] { return &table[T]{index: map[string]int{}} }

func (t *table[T]) get(id string) (*stored[T], bool) {
	i, ok := t.index[id]
	if !ok {
		return nil, false
	}
	return t.rows[i], true
}

// push appends r without ordering; call sort once the table is filled.
func (t *table[T]) push(r *stored[T]) { t.rows = append(t.rows, r) }

// add appends r, keeping the order (r is the newest unless its created time
// says otherwise).
func (t *table[T]) add(id string, r *stored[T]) {
	t.rows = append(t.rows, r)
	if n := len(t.rows); n > 1 && less(r, t.rows[n-2]) {
		t.sort(func(s *stored[T]) string { return idOf(s) })
		return
	}
	t.index[id] = len(t.rows) - 1
}

func less[T any](a, b *stored[T]) bool {
	if a.created != b.created {
		return a.created < b.created
	}
	return a.seq < b.seq
}

// sort orders the rows and rebuilds the index with id.
func (t *table[T]) sort(id func(*stored[T]) string) {
	sort.SliceStable(t.rows, func(i, j int) bool { return less(t.rows[i], t.rows[j]) })
	clear(t.index)
	for i, r := range t.rows {
		t.index[id(r)] = i
	}
}

// idOf reads the ID of any of the book's object types.
func idOf[T any](s *stored[T]) string {
	switch v := any(s.v).(type) {
	case *Customer:
		return v.ID
	case *Subscription:
		return v.ID
	case *Invoice:
		return v.ID
	case *Event:
		return v.ID
	}
	return ""
}

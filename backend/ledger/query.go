package ledger

import (
	"cmp"
	"slices"
	"strings"

	"successdesk/backend/domain"
)

// Status filter values besides the row statuses.
const (
	// StatusExpiring30 keeps live rows (active, trialing, past due) whose
	// renewal date is 0 to 30 days away.
	StatusExpiring30 = "expiring30"
)

// Filter selects rows.
type Filter struct {
	// Search keeps rows whose customer name, domain, e-mail (primary or a
	// contact's) or product contains it, in any case.
	Search string
	// Status keeps rows of one status, or StatusExpiring30; "" keeps all.
	Status string
	// Source keeps rows with a record from that source ("salesbricks" or
	// "stripe"): a merged row matches both. "" keeps all.
	Source string
	// Mismatched keeps rows whose Salesbricks and Stripe records disagree.
	Mismatched bool
}

// Sort keys.
const (
	SortCustomer = "customer"
	SortProduct  = "product"
	SortStatus   = "status"
	SortSource   = "source"
	SortAmount   = "amount"
	SortMRR      = "mrr"
	SortARR      = "arr"
	SortInterval = "interval"
	SortRenewal  = "renewal"
	SortPayment  = "payment"
)

// Query is one window of filtered, sorted rows.
type Query struct {
	Filter
	// Sort is one of the Sort keys, or "" for upcoming renewals: the rows
	// still running (active, trialing, past due) by renewal date, soonest
	// (and overdue) first, then the others (orders, ended contracts) by
	// renewal date, latest first. Amounts sort by their
	// value in the base currency; statuses, intervals and payment states in
	// their natural order (active first, weekly first, past due first).
	// Ties are broken by customer name, then by key, ascending in both
	// directions; rows without a renewal date come last in both directions.
	Sort string
	Desc bool
	// Pinned lists account ids whose rows come first, in this order, each
	// account's rows in the query's order. They count in the total.
	Pinned []int64
	Offset int
	Limit  int // 1–1000; 0 means 100
}

// MaxLimit is the largest window a query may ask for.
const MaxLimit = 1000

var (
	statusFilters = map[string]bool{"": true, StatusExpiring30: true}
	sourceFilters = map[string]bool{"": true, SourceSalesbricks: true, SourceStripe: true}
	sortKeys      = map[string]bool{"": true, SortCustomer: true, SortProduct: true, SortStatus: true, SortSource: true,
		SortAmount: true, SortMRR: true, SortARR: true, SortInterval: true, SortRenewal: true, SortPayment: true}
)

func init() {
	for _, s := range domain.RevenueStatuses {
		statusFilters[string(s)] = true
	}
}

// Validate checks the filter's values: a domain.EInvalid error names the
// one that is wrong.
func (f Filter) Validate() error {
	if !statusFilters[f.Status] {
		return domain.Errorf(domain.EInvalid,
			"Unknown status filter %q: use active, trialing, past_due, expiring30, canceled, expired, pending or draft.", f.Status)
	}
	if !sourceFilters[f.Source] {
		return domain.Errorf(domain.EInvalid, "Unknown source filter %q: use salesbricks or stripe.", f.Source)
	}
	return nil
}

// Validate checks the filter, the sort key and the window (EInvalid).
func (q Query) Validate() error {
	if err := q.Filter.Validate(); err != nil {
		return err
	}
	if !sortKeys[q.Sort] {
		return domain.Errorf(domain.EInvalid, "Unknown sort column %q.", q.Sort)
	}
	if q.Offset < 0 || q.Limit < 0 || q.Limit > MaxLimit {
		return domain.Errorf(domain.EInvalid, "Offset must be 0 or more and limit between 0 and %d.", MaxLimit)
	}
	return nil
}

// matcher is a Filter made ready to test rows.
type matcher struct {
	search     string
	status     string
	source     uint8
	mismatched bool
}

func (f Filter) matcher(withStatus bool) matcher {
	m := matcher{search: strings.ToLower(strings.TrimSpace(f.Search)), source: sourceBit(domain.Source(f.Source))}
	if withStatus {
		m.status, m.mismatched = f.Status, f.Mismatched
	}
	return m
}

func (m *matcher) match(r *Row) bool {
	switch m.status {
	case "":
	case StatusExpiring30:
		if !r.Expiring30() {
			return false
		}
	default:
		if string(r.Status) != m.status {
			return false
		}
	}
	if m.source != 0 && r.sources&m.source == 0 {
		return false
	}
	if m.mismatched && len(r.Mismatches) == 0 {
		return false
	}
	if m.search != "" && !strings.Contains(r.Account.Search, m.search) && !strings.Contains(r.product, m.search) {
		return false
	}
	return true
}

// Expiring30 reports whether the row is live and renews 0 to 30 days from today.
func (r *Row) Expiring30() bool {
	return r.Live() && r.RenewalKnown() && r.Days >= 0 && r.Days <= 30
}

// Page returns the window of rows q asks for, in order, and how many rows
// match in all. q must be valid.
func (l *Ledger) Page(q Query) (rows []*Row, total int) {
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	rows = make([]*Row, 0, min(limit, 128))
	l.walk(q, func(r *Row) {
		if total >= q.Offset && total < q.Offset+limit {
			rows = append(rows, r)
		}
		total++
	})
	return rows, total
}

// All returns every row q matches, in page order (Offset and Limit ignored).
func (l *Ledger) All(q Query) []*Row {
	var out []*Row
	l.walk(q, func(r *Row) { out = append(out, r) })
	return out
}

// walk calls fn with every row q matches, pinned accounts first. The rows
// are tested in build order (memory order) first, so that the walk in sort
// order reads one flag per row rather than the row itself.
func (l *Ledger) walk(q Query, fn func(*Row)) {
	m := q.Filter.matcher(true)
	c := compare(q.Sort, q.Desc)
	var pinned map[int64]bool
	if len(q.Pinned) > 0 {
		pinned = make(map[int64]bool, len(q.Pinned))
		for _, id := range q.Pinned {
			if pinned[id] {
				continue
			}
			pinned[id] = true
			rows := l.AccountRows(id)
			slices.SortFunc(rows, c)
			for _, r := range rows {
				if m.match(r) {
					fn(r)
				}
			}
		}
	}
	hit := make([]bool, len(l.rows))
	for i := range l.rows {
		r := &l.rows[i]
		hit[i] = m.match(r) && (pinned == nil || !pinned[r.Account.ID])
	}
	for _, i := range l.order(q.Sort, q.Desc) {
		if hit[i] {
			fn(&l.rows[i])
		}
	}
}

type orderKey struct {
	sort string
	desc bool
}

// order returns every row's index in the order of sort, computed once.
func (l *Ledger) order(sort string, desc bool) []int32 {
	k := orderKey{sort, desc}
	l.mu.Lock()
	defer l.mu.Unlock()
	if o, ok := l.orders[k]; ok {
		return o
	}
	o := make([]int32, len(l.rows))
	for i := range o {
		o[i] = int32(i)
	}
	c := compare(sort, desc)
	slices.SortFunc(o, func(a, b int32) int { return c(&l.rows[a], &l.rows[b]) })
	l.orders[k] = o
	return o
}

// compare returns the order of sort (see Query.Sort).
func compare(sort string, desc bool) func(a, b *Row) int {
	primary := primaries[sort]
	if primary == nil {
		primary = primaries[SortRenewal]
	}
	renewal := sort == "" || sort == SortRenewal
	return func(a, b *Row) int {
		if renewal && a.RenewalKnown() != b.RenewalKnown() {
			if a.RenewalKnown() {
				return -1
			}
			return 1
		}
		if sort == "" && a.Live() != b.Live() {
			if a.Live() {
				return -1
			}
			return 1
		}
		c := primary(a, b)
		if sort == "" && !a.Live() {
			c = -c // ended rows: the latest first
		}
		if desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		return tie(a, b)
	}
}

// tie orders rows that sort equal: by customer name, then by key.
func tie(a, b *Row) int {
	if a.Account != b.Account {
		if c := strings.Compare(a.Account.fold, b.Account.fold); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(a.ids[0], b.ids[0]); c != 0 {
		return c
	}
	if c := cmp.Compare(a.ids[1], b.ids[1]); c != 0 {
		return c
	}
	return cmp.Compare(a.position, b.position)
}

var primaries = map[string]func(a, b *Row) int{
	SortCustomer: func(a, b *Row) int { return strings.Compare(a.Account.fold, b.Account.fold) },
	SortProduct:  func(a, b *Row) int { return strings.Compare(a.product, b.product) },
	SortStatus:   func(a, b *Row) int { return cmp.Compare(statusRank(a.Status), statusRank(b.Status)) },
	SortSource:   func(a, b *Row) int { return strings.Compare(a.Source, b.Source) },
	SortAmount:   func(a, b *Row) int { return cmp.Compare(a.amtBase, b.amtBase) },
	SortMRR:      func(a, b *Row) int { return cmp.Compare(a.mrrBase, b.mrrBase) },
	SortARR:      func(a, b *Row) int { return cmp.Compare(a.arrBase, b.arrBase) },
	SortInterval: func(a, b *Row) int {
		if c := cmp.Compare(intervalRank(a.Interval), intervalRank(b.Interval)); c != 0 {
			return c
		}
		return strings.Compare(string(a.Interval), string(b.Interval))
	},
	SortRenewal: func(a, b *Row) int { return a.RenewalAt.Compare(b.RenewalAt) },
	SortPayment: func(a, b *Row) int { return cmp.Compare(paymentRank(a.Payment), paymentRank(b.Payment)) },
}

func statusRank(s domain.RevenueStatus) int {
	if i := slices.Index(domain.RevenueStatuses, s); i >= 0 {
		return i
	}
	return len(domain.RevenueStatuses)
}

// intervalRank orders billing intervals shortest first; an interval this
// package does not know sorts after them, by its name.
func intervalRank(iv domain.Interval) int {
	switch iv {
	case domain.IntervalWeekly:
		return 0
	case domain.IntervalMonthly:
		return 1
	case domain.IntervalQuarterly:
		return 2
	case domain.IntervalAnnual:
		return 3
	}
	return 4
}

var paymentOrder = []Payment{PaymentPastDue, PaymentFailed, PaymentOpen, PaymentPaid, PaymentNone}

func paymentRank(p Payment) int {
	if i := slices.Index(paymentOrder, p); i >= 0 {
		return i
	}
	return len(paymentOrder)
}

package ledger

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/reconcile"
)

// Builder gathers the book, one account at a time, into a Ledger.
type Builder struct {
	now      time.Time
	fx       domain.FXRates
	rows     []Row
	arena    []domain.RevenueSource // records the rows point at, allocated in chunks
	byRecord map[int64]int32
	first    map[int64]int32
	scratch  []domain.RevenueSource
	parts    []part
}

// part is one row of an account being added: the records behind it.
type part struct {
	recs [2]int // indexes into Input.Records; -1 when none
	at   int    // the first of them
}

// NewBuilder starts a ledger as of now (renewal days, past-due invoices),
// with fx to order rows by amount across currencies.
func NewBuilder(now time.Time, fx domain.FXRates) *Builder {
	return &Builder{now: now, fx: fx, byRecord: map[int64]int32{}, first: map[int64]int32{}}
}

// Grow makes room for a book of about records revenue sources over
// accounts accounts, so that adding them does not regrow the ledger.
func (b *Builder) Grow(accounts, records int) {
	if len(b.rows) == 0 && len(b.byRecord) == 0 {
		b.rows = make([]Row, 0, records)
		b.arena = make([]domain.RevenueSource, 0, records)
		b.byRecord = make(map[int64]int32, records)
		b.first = make(map[int64]int32, accounts)
	}
}

// record copies r into the arena and returns its stable address.
func (b *Builder) record(r domain.RevenueSource) *domain.RevenueSource {
	if len(b.arena) == cap(b.arena) {
		b.arena = make([]domain.RevenueSource, 0, 1024)
	}
	b.arena = append(b.arena, r)
	return &b.arena[len(b.arena)-1]
}

// Add appends one account's rows: each linked pair (reconcile.Link) as a
// merged row, each other record as its own, in the order of their first
// record in in.Records. Add each account once; in is not kept. An account
// without records adds nothing.
func (b *Builder) Add(in Input) {
	if len(in.Records) == 0 {
		return
	}
	acct := new(Account)
	*acct = in.Account
	acct.fold = strings.ToLower(acct.Name)
	if acct.Search == "" {
		acct.Search = strings.ToLower(acct.Name + "\n" + acct.Domain + "\n" + acct.Email)
	}
	var sources uint8
	for _, r := range in.Records {
		sources |= sourceBit(r.Source)
	}
	parts := b.parts[:0]
	if sources != 3 { // only a contract and a subscription can pair
		for i := range in.Records {
			parts = append(parts, part{recs: [2]int{i, -1}, at: i})
		}
	} else {
		b.scratch = b.scratch[:0]
		for _, r := range in.Records {
			b.scratch = append(b.scratch, r.RevenueSource)
		}
		pairs, rest := reconcile.Link(b.scratch)
		find := func(r domain.RevenueSource) int {
			for i := range in.Records {
				x := &in.Records[i].RevenueSource
				if x.Source == r.Source && x.ExternalID == r.ExternalID && x.ID == r.ID {
					return i
				}
			}
			return -1
		}
		for _, p := range pairs {
			c, s := find(p.Contract), find(p.Subscription)
			parts = append(parts, part{recs: [2]int{c, s}, at: min(c, s)})
		}
		for _, r := range rest {
			i := find(r)
			parts = append(parts, part{recs: [2]int{i, -1}, at: i})
		}
		slices.SortFunc(parts, func(x, y part) int { return x.at - y.at })
	}
	b.parts = parts

	start := len(b.rows)
	for _, p := range parts {
		row := Row{Account: acct, AccountRows: len(parts), position: len(b.rows)}
		if c := p.recs[0]; p.recs[1] >= 0 {
			row.Contract, row.Subscription = b.record(in.Records[c].RevenueSource), b.record(in.Records[p.recs[1]].RevenueSource)
		} else if r := in.Records[c].RevenueSource; r.Source == domain.SourceStripe {
			row.Subscription = b.record(r)
		} else {
			row.Contract = b.record(r)
		}
		row.link()
		b.rows = append(b.rows, row)
	}
	rows := make([]*Row, 0, len(parts))
	for i := start; i < len(b.rows); i++ {
		rows = append(rows, &b.rows[i])
	}
	for i, r := range rows {
		var bill Billing
		for _, idx := range parts[i].recs {
			if idx >= 0 {
				bill = bill.add(in.Records[idx].Billing)
				b.byRecord[in.Records[idx].ID] = int32(start + i)
			}
		}
		for _, l := range in.Loose {
			if owns(r, l.Source, anyHas(rows, l.Source)) {
				bill = bill.add(l)
			}
		}
		r.fill(bill, b.now, b.fx)
	}
	b.first[acct.ID] = int32(start)
}

// owns reports whether invoices of src that name no revenue source belong
// to row r: r has a record from src, or no row of its account (anyHas) does.
func owns(r *Row, src domain.Source, anyHas bool) bool {
	return r.HasSource(src) || !anyHas
}

// anyHas reports whether one of rows has a record from src.
func anyHas(rows []*Row, src domain.Source) bool {
	for _, r := range rows {
		if r.HasSource(src) {
			return true
		}
	}
	return false
}

// Ledger returns the built ledger. The Builder must not be used after.
func (b *Builder) Ledger() *Ledger {
	return &Ledger{now: b.now, fx: b.fx, rows: b.rows, byRecord: b.byRecord, first: b.first, orders: map[orderKey][]int32{}}
}

// Ledger is the built book: its rows in build order and what finds them.
// It is safe for concurrent use; rows must not be changed.
type Ledger struct {
	now      time.Time
	fx       domain.FXRates
	rows     []Row
	byRecord map[int64]int32 // record id → row
	first    map[int64]int32 // account id → its first row

	mu     sync.Mutex
	orders map[orderKey][]int32 // sort orders, computed on first use
}

// Now is the clock the ledger was built at.
func (l *Ledger) Now() time.Time { return l.now }

// FX is the rates the ledger orders amounts with.
func (l *Ledger) FX() domain.FXRates { return l.fx }

// Len is the number of rows.
func (l *Ledger) Len() int { return len(l.rows) }

// Row returns row i in build order (account by account).
func (l *Ledger) Row(i int) *Row { return &l.rows[i] }

// Find returns the row named key, or nil.
func (l *Ledger) Find(key string) *Row {
	rest, ok := strings.CutPrefix(key, "rs:")
	if !ok {
		return nil
	}
	first, _, _ := strings.Cut(rest, "+")
	id, err := strconv.ParseInt(first, 10, 64)
	if err != nil {
		return nil
	}
	i, ok := l.byRecord[id]
	if !ok || l.rows[i].Key != key {
		return nil
	}
	return &l.rows[i]
}

// AccountRows returns the rows of an account, in build order.
func (l *Ledger) AccountRows(accountID int64) []*Row {
	i, ok := l.first[accountID]
	if !ok {
		return nil
	}
	n := l.rows[i].AccountRows
	out := make([]*Row, 0, n)
	for k := int(i); k < int(i)+n; k++ {
		out = append(out, &l.rows[k])
	}
	return out
}

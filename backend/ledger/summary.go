package ledger

import (
	"cmp"
	"slices"

	"successdesk/backend/domain"
)

// CurrencyTotal is the recurring revenue of one currency, exact.
type CurrencyTotal struct {
	Currency string
	Rows     int   // recurring rows billed in it
	MRRMinor int64 // Σ row MRR
	ARRMinor int64 // Σ row ARR
	// ARRBaseMinor is ARRMinor in the base currency (for ordering); Rated
	// is false when the rates lack the currency and it counted at 1.
	ARRBaseMinor int64
	Rated        bool
}

// Summary is the cards over the rows a filter's search and source keep.
type Summary struct {
	Total       int
	Salesbricks int // rows with a Salesbricks record (merged rows count here and in Stripe)
	Stripe      int
	Merged      int
	Live        int // active, trialing and past due
	Counts      map[domain.RevenueStatus]int
	Expiring30  int
	Mismatched  int
	// ByCurrency totals the recurring (active and past due) rows per
	// currency, largest ARR in the base currency first. Trials earn none.
	ByCurrency []CurrencyTotal
	// MRRBaseMinor and ARRBaseMinor total every currency in the base
	// currency: each currency's exact total converted once (FXRates.ToBase).
	MRRBaseMinor int64
	ARRBaseMinor int64
	Base         string
	// Unrated lists the currencies the rates lack; they counted at 1.
	Unrated []string
}

// Summarize returns the cards over the rows f's search and source keep;
// its status and mismatch filters do not apply (the cards count them).
func (l *Ledger) Summarize(f Filter) Summary {
	m := f.matcher(false)
	s := Summary{Counts: map[domain.RevenueStatus]int{}, Base: l.fx.Base}
	idx := map[string]int{}
	for i := range l.rows {
		r := &l.rows[i]
		if !m.match(r) {
			continue
		}
		s.Total++
		if r.HasSource(domain.SourceSalesbricks) {
			s.Salesbricks++
		}
		if r.HasSource(domain.SourceStripe) {
			s.Stripe++
		}
		if r.Source == SourceMerged {
			s.Merged++
		}
		if r.Live() {
			s.Live++
		}
		s.Counts[r.Status]++
		if r.Expiring30() {
			s.Expiring30++
		}
		if len(r.Mismatches) > 0 {
			s.Mismatched++
		}
		if !r.Status.Recurring() {
			continue
		}
		cur := r.Amount.Currency
		k, ok := idx[cur]
		if !ok {
			k = len(s.ByCurrency)
			idx[cur] = k
			s.ByCurrency = append(s.ByCurrency, CurrencyTotal{Currency: cur})
		}
		t := &s.ByCurrency[k]
		t.Rows++
		t.MRRMinor += r.MRRMinor
		t.ARRMinor += r.ARRMinor
	}
	for i := range s.ByCurrency {
		t := &s.ByCurrency[i]
		mrr, ok := l.fx.ToBase(domain.Money{AmountMinor: t.MRRMinor, Currency: t.Currency})
		t.ARRBaseMinor, _ = l.fx.ToBase(domain.Money{AmountMinor: t.ARRMinor, Currency: t.Currency})
		t.Rated = ok
		s.MRRBaseMinor += mrr
		s.ARRBaseMinor += t.ARRBaseMinor
		if !ok {
			s.Unrated = append(s.Unrated, t.Currency)
		}
	}
	slices.SortFunc(s.ByCurrency, func(a, b CurrencyTotal) int {
		if c := cmp.Compare(b.ARRBaseMinor, a.ARRBaseMinor); c != 0 {
			return c
		}
		return cmp.Compare(a.Currency, b.Currency)
	})
	slices.Sort(s.Unrated)
	return s
}

package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/ledger"
	"successdesk/backend/reconcile"
	"successdesk/backend/store"
)

// contractsBook is one book's ledger as of one data generation, day and
// set of FX rates, with the accounts routed to Contracts as of one
// generation (a route is bookkeeping: it re-reads the routes, not the
// ledger).
type contractsBook struct {
	gen     int64
	dataGen int64
	day     string
	fx      string
	ledger  *ledger.Ledger
	routes  map[int64]*domain.Route // active routes into Contracts, by account
	pinned  []int64                 // their accounts, newest route first
}

// book returns ws's ledger, building it when the book's records changed
// since (a sync, an edit of accounts, a new day, new FX rates) and
// re-reading only the routes after a route or a settings change. One build
// runs at a time; the service keeps the ledgers of the books it served
// last (the demo and the live one).
func (s *ContractsService) book(ctx context.Context, ws *Workspace) (*contractsBook, error) {
	// Taken before reading: a write during the build makes the next call rebuild.
	gen, dataGen := ws.Store.Generation(), ws.Store.DataGeneration()
	now := ws.Now()
	day, fx := now.UTC().Format(time.DateOnly), fxKey(ws.Rates())
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.cache[ws]
	if old != nil && old.gen == gen && old.dataGen == dataGen && old.day == day && old.fx == fx {
		return old, nil
	}
	b := &contractsBook{gen: gen, dataGen: dataGen, day: day, fx: fx}
	if old != nil && old.dataGen == dataGen && old.day == day && old.fx == fx {
		b.ledger = old.ledger
	} else {
		l, err := buildLedger(ctx, ws, now)
		if err != nil {
			return nil, err
		}
		b.ledger = l
	}
	if err := b.readRoutes(ctx, ws); err != nil {
		return nil, err
	}
	if s.cache == nil || len(s.cache) >= 2 && s.cache[ws] == nil {
		s.cache = map[*Workspace]*contractsBook{} // a book the desk no longer shows: let it go
	}
	s.cache[ws] = b
	return b, nil
}

// readRoutes reads the accounts routed to Contracts, newest route first.
func (b *contractsBook) readRoutes(ctx context.Context, ws *Workspace) error {
	routed, err := ws.Store.RoutedTo(ctx, domain.SectionContracts)
	if err != nil {
		return err
	}
	b.routes = make(map[int64]*domain.Route, len(routed))
	for _, r := range routed {
		route := r.Route
		b.routes[r.Account.ID] = &route
		b.pinned = append(b.pinned, r.Account.ID)
	}
	return nil
}

// fxKey names a set of rates.
func fxKey(fx domain.FXRates) string {
	keys := make([]string, 0, len(fx.Rates))
	for k, v := range fx.Rates {
		keys = append(keys, fmt.Sprintf("%s=%g", k, v))
	}
	sort.Strings(keys)
	return fx.Base + ":" + strings.Join(keys, ",")
}

// buildLedger reads ws's book and builds its ledger as of now.
func buildLedger(ctx context.Context, ws *Workspace, now time.Time) (*ledger.Ledger, error) {
	accts, err := ws.Store.ReadLedger(ctx)
	if err != nil {
		return nil, err
	}
	b := ledger.NewBuilder(now, ws.Rates())
	records := 0
	for i := range accts {
		records += len(accts[i].Revenue)
	}
	b.Grow(len(accts), records)
	var in ledger.Input
	for i := range accts {
		a := &accts[i]
		in = ledger.Input{Account: ledger.Account{ID: a.Account.ID, Name: a.Account.Name, Domain: a.Account.Domain,
			Email: a.Account.PrimaryEmail, Search: a.Search}, Records: in.Records[:0], Loose: in.Loose[:0]}
		for _, r := range a.Revenue {
			in.Records = append(in.Records, ledger.Record{RevenueSource: r, Billing: billingOf(a.Invoices, r.ID)})
		}
		for _, st := range a.Invoices {
			if st.RevenueSourceID == 0 {
				in.Loose = append(in.Loose, billing(st))
			}
		}
		b.Add(in)
	}
	return b.Ledger(), nil
}

// billingOf is the billing of revenue source id among an account's states.
func billingOf(states []store.InvoiceState, id int64) ledger.Billing {
	for _, st := range states {
		if st.RevenueSourceID == id {
			return billing(st)
		}
	}
	return ledger.Billing{}
}

func billing(st store.InvoiceState) ledger.Billing {
	return ledger.Billing{Source: st.Source, Invoices: st.Invoices, Unpaid: st.Unpaid, Failed: st.Failed, OldestDue: st.OldestDue}
}

// Validate checks the query's filter, sort and window: a domain.EInvalid
// error names what is wrong. The CLI checks its flags with it.
func (q ContractsQuery) Validate() error {
	_, err := q.ledgerQuery()
	return err
}

func (q ContractsQuery) ledgerQuery() (ledger.Query, error) {
	lq := ledger.Query{Filter: ledger.Filter{Search: q.Search, Status: q.Status, Source: q.Source, Mismatched: q.Mismatched},
		Sort: q.Sort, Desc: q.Desc, Offset: q.Offset, Limit: q.Limit}
	return lq, lq.Validate()
}

var mismatchLabels = map[reconcile.Kind]string{
	reconcile.KindAmount:                 "Amount differs",
	reconcile.KindInterval:               "Billing interval differs",
	reconcile.KindRenewal:                "Renewal date differs",
	reconcile.KindStatus:                 "Status differs",
	reconcile.KindContractNoSubscription: "Contract without subscription",
	reconcile.KindSubscriptionNoContract: "Subscription without contract",
}

func mismatchDTO(m reconcile.Mismatch) MismatchDTO {
	label, ok := mismatchLabels[m.Kind]
	if !ok {
		label = string(m.Kind)
	}
	return MismatchDTO{Kind: string(m.Kind), Label: label, Salesbricks: m.Salesbricks, Stripe: m.Stripe, Explain: m.Explain()}
}

// row is the table row of r, with its route into Contracts if any.
func (b *contractsBook) row(r *ledger.Row) ContractRowDTO {
	cur := r.Amount.Currency
	out := ContractRowDTO{Key: r.Key, AccountID: r.Account.ID, Customer: r.Account.Name, Domain: r.Account.Domain,
		Email: r.Account.Email, AccountRows: r.AccountRows, Product: r.Product, Status: string(r.Status), Source: r.Source,
		Amount: money(r.Amount), MRR: MoneyDTO{AmountMinor: r.MRRMinor, Currency: cur},
		ARR: MoneyDTO{AmountMinor: r.ARRMinor, Currency: cur}, Interval: string(r.Interval), RenewalAt: rfc(r.RenewalAt),
		TrialEnd: rfc(r.TrialEnd), CancelAtEnd: r.CancelAtEnd, PaymentStatus: string(r.Payment),
		Mismatches: make([]MismatchDTO, 0, len(r.Mismatches)), Routed: routedDTO(b.routes[r.Account.ID])}
	if r.RenewalKnown() {
		d := r.Days
		out.DaysToRenewal = &d
	}
	for _, m := range r.Mismatches {
		out.Mismatches = append(out.Mismatches, mismatchDTO(m))
	}
	return out
}

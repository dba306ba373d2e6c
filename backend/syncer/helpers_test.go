package syncer_test

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"sync"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/connector/connectortest"
	"successdesk/backend/domain"
	"successdesk/backend/store"
	"successdesk/backend/store/storetest"
	"successdesk/backend/syncer"
)

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// openStore opens a fresh store on a real file (see storetest.Open).
func openStore(t *testing.T) *store.Store { return storetest.Open(t) }

// stripePage is page n of a fake Stripe pass: two customers (one with a
// company domain, one at a free-mail address, so without one), a
// subscription and an invoice each, a payment event and a usage week.
func stripePage(n int) connector.Page {
	var p connector.Page
	for i := range 2 {
		key := fmt.Sprintf("cus_%d_%d", n, i)
		d := ""
		if i == 0 {
			d = fmt.Sprintf("co%d.example", n)
		}
		p.Accounts = append(p.Accounts, connector.AccountRecord{Key: key, Domain: d, Name: "Co " + key})
		sub := "sub_" + key
		p.Revenue = append(p.Revenue, connector.RevenueRecord{AccountKey: key, RevenueSource: domain.RevenueSource{
			ExternalID: sub, Product: "Pro", Status: domain.StatusActive, Interval: domain.IntervalMonthly,
			Amount: domain.Money{AmountMinor: 10000, Currency: "USD"}, MRRMinor: 10000, ARRMinor: 120000,
			TermStart: t0.AddDate(0, -1, 0)}})
		p.Invoices = append(p.Invoices, connector.InvoiceRecord{AccountKey: key, RevenueKey: sub, Invoice: domain.Invoice{
			ExternalID: "in_" + key, Status: domain.InvoicePaid, AmountDue: domain.Money{AmountMinor: 10000, Currency: "USD"},
			AmountPaidMinor: 10000, IssuedAt: t0.AddDate(0, 0, -3)}})
	}
	p.Activities = []connector.ActivityRecord{{AccountKey: p.Accounts[0].Key, Activity: domain.Activity{
		ExternalID: fmt.Sprintf("evt_%d", n), Kind: domain.ActivityPayment, OccurredAt: t0, Title: "Invoice paid"}}}
	p.Usage = []connector.UsageRecord{{AccountKey: p.Accounts[1].Key, UsageWeek: domain.UsageWeek{
		WeekStart: domain.WeekStart(t0), ActiveUsers: n}}}
	p.Total = 5 * 8
	return p
}

const recordsPerPage = 8

func stripeFake(pages int) *connectortest.FakeConnector {
	ps := make([]connector.Page, pages)
	for i := range ps {
		ps[i] = stripePage(i + 1)
	}
	return connectortest.NewFake(domain.SourceStripe, ps...)
}

// recorder collects events and counts recomputes.
type recorder struct {
	mu         sync.Mutex
	events     []event
	recomputes int
}

type event struct {
	name string
	data any
}

func (r *recorder) emit(name string, data any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, event{name, data})
}

func (r *recorder) recompute(context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.recomputes++
	return nil
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.recomputes
}

func (r *recorder) progress() []syncer.Progress {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []syncer.Progress
	for _, e := range r.events {
		if p, ok := e.data.(syncer.Progress); ok {
			out = append(out, p)
		}
	}
	return out
}

func newSyncer(t *testing.T, st *store.Store, rec *recorder, conns ...connector.Connector) *syncer.Syncer {
	t.Helper()
	s, err := syncer.New(st, conns, syncer.Options{Recompute: rec.recompute, Emit: rec.emit,
		Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func rows(t *testing.T, st *store.Store) map[string]int {
	t.Helper()
	m, err := st.CountRows(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func state(t *testing.T, st *store.Store, src domain.Source) store.SyncState {
	t.Helper()
	s, err := st.SyncState(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// cleanRows is what a fault-free sync of pages into a fresh store leaves.
func cleanRows(t *testing.T, pages int) map[string]int {
	st := openStore(t)
	rec := &recorder{}
	if _, err := newSyncer(t, st, rec, stripeFake(pages)).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	return rows(t, st)
}

func sameRows(t *testing.T, got, want map[string]int) {
	t.Helper()
	if !maps.Equal(got, want) {
		t.Errorf("rows = %v\nwant   %v", got, want)
	}
}

// snapshot reads the stripe cursor, its item count and the number of
// accounts in one read transaction, so that a commit cannot fall between.
func snapshot(t *testing.T, st *store.Store) (cursor string, items, accounts int) {
	t.Helper()
	tx, err := st.DB().BeginTx(context.Background(), &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	err = tx.QueryRow(`SELECT cursor, items_synced FROM sync_state WHERE source = 'stripe'`).Scan(&cursor, &items)
	if err == nil {
		err = tx.QueryRow(`SELECT count(*) FROM accounts`).Scan(&accounts)
	}
	if err != nil {
		t.Fatal(err)
	}
	return cursor, items, accounts
}

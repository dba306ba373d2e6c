package syncer_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/connector/stripe"
	"successdesk/backend/connector/stripe/stripefake"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
	"successdesk/backend/store"
	"successdesk/backend/syncer"
)

// setClock is a clock tests move by hand; the fake Stripe, the connector,
// the HTTP client and the syncer all read it.
type setClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *setClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *setClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// stripeEnv is a generated Stripe book served on loopback, the real Stripe
// connector and a syncer writing a real store.
type stripeEnv struct {
	t     *testing.T
	key   string
	clk   *setClock
	fake  *stripefake.Server
	srv   *httptest.Server
	st    *store.Store
	sync  *syncer.Syncer
	mu    sync.Mutex
	slept []time.Duration // waits the HTTP client asked for (never slept)
}

const envKey = "rk_test_51SyncEnvKey7Xq9"

// newStripeEnv serves a book of subs subscriptions. timeout bounds one
// HTTP attempt (0: 5 s); tweak adjusts the fake's options.
func newStripeEnv(t *testing.T, subs int, timeout time.Duration, tweak func(*stripefake.Options)) *stripeEnv {
	t.Helper()
	e := &stripeEnv{t: t, key: envKey, clk: &setClock{now: t0}}
	o := stripefake.Options{Subscriptions: subs, Seed: 7, Key: e.key, Now: e.clk.Now}
	if tweak != nil {
		tweak(&o)
	}
	e.fake = stripefake.New(o)
	e.srv = httptest.NewServer(e.fake)
	t.Cleanup(e.srv.Close)
	if timeout == 0 {
		timeout = 5 * time.Second
	}
	hc := httpx.New(httpx.Policy{Source: "Stripe", Timeout: timeout, MaxAttempts: 4, BaseDelay: time.Millisecond,
		MaxDelay: 4 * time.Millisecond, MaxRetryAfter: time.Minute},
		httpx.WithHTTPClient(e.srv.Client()), httpx.WithClock(e.clk.Now),
		httpx.WithSleep(func(ctx context.Context, d time.Duration) error {
			e.mu.Lock()
			e.slept = append(e.slept, d)
			e.mu.Unlock()
			return ctx.Err()
		}))
	conn := stripe.New(e.key, hc, stripe.WithBaseURL(e.srv.URL), stripe.WithClock(e.clk.Now))
	e.st = openStore(t)
	s, err := syncer.New(e.st, []connector.Connector{conn}, syncer.Options{Now: e.clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	e.sync = s
	return e
}

// run syncs once and returns Stripe's result.
func (e *stripeEnv) run() syncer.SourceResult {
	e.t.Helper()
	rep, err := e.sync.Run(context.Background())
	if err != nil {
		e.t.Fatalf("run: %v", err)
	}
	return rep.Sources[0]
}

func (e *stripeEnv) sleeps() []time.Duration {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]time.Duration(nil), e.slept...)
}

func (e *stripeEnv) state() store.SyncState { return state(e.t, e.st, domain.SourceStripe) }

// storedBook is what the store holds for Stripe, read with plain SQL.
type storedBook struct {
	accounts   map[int64][2]string // id → domain, name
	keys       map[string]int64    // customer id → account id
	revenue    map[string]stripefake.TruthRevenue
	invoices   map[string]stripefake.TruthInvoice
	activities map[string]stripefake.TruthPayment
	changes    map[string]stripefake.TruthChange
	accountOf  map[string]int64 // revenue, invoice or activity id → account id
}

func readBook(t *testing.T, st *store.Store) storedBook {
	t.Helper()
	b := storedBook{accounts: map[int64][2]string{}, keys: map[string]int64{},
		revenue: map[string]stripefake.TruthRevenue{}, invoices: map[string]stripefake.TruthInvoice{},
		activities: map[string]stripefake.TruthPayment{}, changes: map[string]stripefake.TruthChange{},
		accountOf: map[string]int64{}}
	db := st.DB()
	scan := func(query string, row func(*sql.Rows) error) {
		rows, err := db.Query(query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := row(rows); err != nil {
				t.Fatal(err)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	scan(`SELECT id, COALESCE(domain, ''), name FROM accounts`, func(r *sql.Rows) error {
		var id int64
		var d, n string
		err := r.Scan(&id, &d, &n)
		b.accounts[id] = [2]string{d, n}
		return err
	})
	scan(`SELECT key, account_id FROM sync_account_keys WHERE source = 'stripe'`, func(r *sql.Rows) error {
		var k string
		var id int64
		err := r.Scan(&k, &id)
		b.keys[k] = id
		return err
	})
	scan(`SELECT external_id, account_id, sync_key, product, status, interval, amount_minor, currency, mrr_minor,
		arr_minor, seats, term_start, term_end, trial_end, cancel_at_period_end FROM revenue_sources
		WHERE source = 'stripe'`, func(r *sql.Rows) error {
		var id, status, iv, start, end, trial string
		var acc int64
		var cancel int
		var v stripefake.TruthRevenue
		err := r.Scan(&id, &acc, &v.Customer, &v.Product, &status, &iv, &v.Amount.AmountMinor, &v.Amount.Currency,
			&v.MRRMinor, &v.ARRMinor, &v.Seats, &start, &end, &trial, &cancel)
		v.Status, v.Interval, v.CancelAtPeriodEnd = domain.RevenueStatus(status), domain.Interval(iv), cancel == 1
		v.TermStart, v.TermEnd, v.TrialEnd = parse(start), parse(end), parse(trial)
		b.revenue[id], b.accountOf[id] = v, acc
		return err
	})
	scan(`SELECT i.external_id, i.account_id, i.sync_key, COALESCE(r.external_id, ''), i.status, i.amount_due_minor,
		i.currency, i.amount_paid_minor, i.attempts, i.issued_at, i.due_at, i.paid_at, i.next_attempt_at,
		i.last_failure_at, i.failure_reason FROM invoices i LEFT JOIN revenue_sources r ON r.id = i.revenue_source_id
		WHERE i.source = 'stripe'`, func(r *sql.Rows) error {
		var id, status, issued, due, paid, next, failed string
		var acc int64
		var v stripefake.TruthInvoice
		err := r.Scan(&id, &acc, &v.Customer, &v.Subscription, &status, &v.AmountDue.AmountMinor, &v.AmountDue.Currency,
			&v.AmountPaidMinor, &v.Attempts, &issued, &due, &paid, &next, &failed, &v.FailureReason)
		v.Status = domain.InvoiceStatus(status)
		v.IssuedAt, v.DueAt, v.PaidAt, v.NextAttemptAt, v.LastFailureAt = parse(issued), parse(due), parse(paid), parse(next), parse(failed)
		b.invoices[id], b.accountOf[id] = v, acc
		return err
	})
	scan(`SELECT external_id, account_id, sync_key, occurred_at, body FROM activities
		WHERE source = 'stripe' AND kind = 'payment'`, func(r *sql.Rows) error {
		var id, at string
		var acc int64
		var v stripefake.TruthPayment
		err := r.Scan(&id, &acc, &v.Customer, &at, &v.Reason)
		v.OccurredAt = parse(at)
		b.activities[id], b.accountOf[id] = v, acc
		return err
	})
	scan(`SELECT external_id, account_id, sync_key, occurred_at FROM activities
		WHERE source = 'stripe' AND kind = 'contract_change'`, func(r *sql.Rows) error {
		var id, at string
		var acc int64
		var v stripefake.TruthChange
		err := r.Scan(&id, &acc, &v.Customer, &at)
		v.OccurredAt = parse(at)
		b.changes[id], b.accountOf[id] = v, acc
		return err
	})
	return b
}

func parse(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, _ := time.Parse(time.RFC3339, s)
	return t.UTC()
}

// checkTruth compares the store with the fake's truth: accounts by domain
// and name with their customers, revenue sources, invoices and the
// payment activities, field by field and count for count.
func checkTruth(t *testing.T, st *store.Store, tr stripefake.Truth) {
	t.Helper()
	compareTruth(t, st, tr, false)
}

// checkTruthKeepingHistory is checkTruth for a book that lost records
// without losing their customers: payment activities are history
// and stay, so the store may hold more of them than the truth.
func checkTruthKeepingHistory(t *testing.T, st *store.Store, tr stripefake.Truth) {
	t.Helper()
	compareTruth(t, st, tr, true)
}

func compareTruth(t *testing.T, st *store.Store, tr stripefake.Truth, history bool) {
	t.Helper()
	b := readBook(t, st)
	var errs []string
	fail := func(f string, args ...any) {
		if len(errs) < 12 {
			errs = append(errs, fmt.Sprintf(f, args...))
		}
	}
	if len(b.accounts) != len(tr.Accounts) || len(b.keys) != len(tr.Keys) {
		fail("%d accounts, %d customer keys; want %d, %d", len(b.accounts), len(b.keys), len(tr.Accounts), len(tr.Keys))
	}
	for _, ta := range tr.Accounts {
		id := b.keys[ta.Customers[0]]
		for _, c := range ta.Customers {
			if b.keys[c] != id || id == 0 {
				fail("customer %s is on account %d, want %d", c, b.keys[c], id)
			}
		}
		if got := b.accounts[id]; got != [2]string{ta.Domain, ta.Name} {
			fail("account of %v = %q, want %q %q", ta.Customers, got, ta.Domain, ta.Name)
		}
	}
	if len(b.revenue) != len(tr.Revenue) || len(b.invoices) != len(tr.Invoices) ||
		len(b.activities) != len(tr.Payments) && !(history && len(b.activities) > len(tr.Payments)) {
		fail("%d revenue, %d invoices, %d payment events; want %d, %d, %d", len(b.revenue), len(b.invoices),
			len(b.activities), len(tr.Revenue), len(tr.Invoices), len(tr.Payments))
	}
	for id, want := range tr.Revenue {
		if got := b.revenue[id]; got != want || b.accountOf[id] != b.keys[want.Customer] {
			fail("revenue %s:\n got %+v\nwant %+v", id, got, want)
		}
	}
	for id, want := range tr.Invoices {
		if got := b.invoices[id]; got != want || b.accountOf[id] != b.keys[want.Customer] {
			fail("invoice %s:\n got %+v\nwant %+v", id, got, want)
		}
	}
	for id, want := range tr.Payments {
		got, ok := b.activities[id]
		if !ok || got.Customer != want.Customer || !got.OccurredAt.Equal(want.OccurredAt) ||
			b.accountOf[id] != b.keys[want.Customer] || !strings.Contains(got.Reason, want.Reason) {
			fail("payment event %s:\n got %+v\nwant %+v", id, got, want)
		}
	}
	if len(b.changes) != len(tr.Changes) && !(history && len(b.changes) > len(tr.Changes)) {
		fail("%d contract changes, want %d", len(b.changes), len(tr.Changes))
	}
	for id, want := range tr.Changes {
		if got, ok := b.changes[id]; !ok || got != want || b.accountOf[id] != b.keys[want.Customer] {
			fail("contract change %s:\n got %+v\nwant %+v", id, got, want)
		}
	}
	for _, e := range errs {
		t.Error(e)
	}
}

package syncer_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
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

// pick returns the first subscription of the book's truth satisfying ok.
func pickSub(t *testing.T, f *stripefake.Server, ok func(stripefake.Subscription) bool) stripefake.Subscription {
	t.Helper()
	live := f.Truth().Revenue
	for _, s := range f.Subscriptions() {
		if _, in := live[s.ID]; in && ok(s) {
			return s
		}
	}
	t.Fatal("no such subscription in the book")
	return stripefake.Subscription{}
}

// TestStripeIncrementalEvents: after a full pass the next run reads only
// the events since the watermark and ends with the changed truth: an
// updated subscription, a failed payment (with its reason, read from the
// charge), a new customer with a subscription, and a deleted customer
// whose rows and account are gone.
func TestStripeIncrementalEvents(t *testing.T) {
	e := newStripeEnv(t, 300, 0, nil)
	e.run()
	mark := e.state().Cursor

	e.clk.Advance(10 * time.Minute)
	sub := pickSub(t, e.fake, func(s stripefake.Subscription) bool { return s.Status == "active" && len(s.Items) == 1 })
	must(t, e.fake.UpdateSubscription(sub.ID, func(s *stripefake.Subscription) { s.Items[0].Quantity += 5 }))
	var paid string
	for _, in := range e.fake.Invoices() {
		if tr, ok := e.fake.Truth().Invoices[in.ID]; ok && tr.Status == domain.InvoicePaid && in.AttemptCount == 1 {
			paid = in.ID
			break
		}
	}
	must(t, e.fake.FailPayment(paid, "card_declined", "Your card was declined."))
	cid := e.fake.AddCustomer(stripefake.Customer{Name: "Newco Robotics", Email: "billing@newco.example"})
	_, err := e.fake.AddSubscription(stripefake.Subscription{Customer: cid, Items: []stripefake.Item{{Nickname: "Pro",
		UnitAmount: 9900, Quantity: 3, Interval: "month"}}})
	must(t, err)
	gone := ""
	for _, a := range e.fake.Truth().Accounts {
		if len(a.Customers) == 1 && a.Domain != "" {
			gone = a.Customers[0]
			break
		}
	}
	must(t, e.fake.DeleteCustomer(gone))
	accountsBefore := rows(t, e.st)["accounts"]

	e.clk.Advance(time.Minute)
	n := len(e.fake.Requests())
	r := e.run()
	if r.Err != nil || r.ResumedFrom != mark || r.Deleted == 0 {
		t.Fatalf("incremental run: %+v", r)
	}
	wantSince := fmt.Sprint(t0.Unix() - int64(stripe.EventOverlap/time.Second))
	for _, q := range e.fake.Requests()[n:] {
		u, _ := url.Parse(strings.TrimPrefix(q, "GET "))
		switch {
		case u.Path == "/v1/events":
			if got := u.Query().Get("created[gte]"); got != wantSince {
				t.Errorf("events since %s, want %s", got, wantSince)
			}
		case strings.HasPrefix(u.Path, "/v1/invoices/in_") && u.Query().Get("expand[0]") == "charge":
			// a failed invoice read again for its charge
		default:
			t.Errorf("an incremental run asked for %s", q)
		}
	}
	tr := e.fake.Truth()
	checkTruth(t, e.st, tr)
	if got := rows(t, e.st)["accounts"]; got != accountsBefore { // one account in, one out
		t.Errorf("%d accounts, want %d", got, accountsBefore)
	}
	if st := e.state(); !strings.HasPrefix(st.Cursor, fmt.Sprintf("events:;w=%d;", t0.Add(11*time.Minute).Unix())) {
		t.Errorf("watermark not moved: %q", st.Cursor)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestStripeFullPassSweepsRemoved: a subscription removed without any
// event survives incremental runs and is gone after the next full pass,
// with its invoices; the account stays (the customer is still there).
func TestStripeFullPassSweepsRemoved(t *testing.T) {
	e := newStripeEnv(t, 300, 0, nil)
	e.run()
	sub := pickSub(t, e.fake, func(s stripefake.Subscription) bool { return s.Status == "active" })
	must(t, e.fake.RemoveSubscription(sub.ID))
	e.clk.Advance(time.Hour)
	e.run()
	if _, ok := readBook(t, e.st).revenue[sub.ID]; !ok {
		t.Fatal("an incremental run cannot see a removal, yet the row went")
	}
	e.clk.Advance(stripe.FullPassEvery)
	r := e.run()
	if r.Err != nil || r.Deleted == 0 {
		t.Fatalf("full pass: %+v", r)
	}
	b := readBook(t, e.st)
	if _, ok := b.revenue[sub.ID]; ok {
		t.Error("the removed subscription is still there")
	}
	checkTruthKeepingHistory(t, e.st, e.fake.Truth())
}

// TestStripeSweepOnlyAfterACompletePass: a full pass that fails sweeps
// nothing; one canceled and resumed by a new syncer (as after the app
// restarts) still sweeps exactly what the book lost.
func TestStripeSweepOnlyAfterACompletePass(t *testing.T) {
	var hook atomic.Pointer[func(int, *http.Request)]
	e := newStripeEnv(t, 300, 0, func(o *stripefake.Options) {
		o.OnRequest = func(n int, r *http.Request) {
			if f := hook.Load(); f != nil {
				(*f)(n, r)
			}
		}
	})
	e.run()
	sub := pickSub(t, e.fake, func(s stripefake.Subscription) bool { return s.Status == "past_due" })
	must(t, e.fake.RemoveSubscription(sub.ID))
	e.clk.Advance(stripe.FullPassEvery)

	e.fake.Inject(stripefake.Fault{Kind: stripefake.FaultMalformed, Path: "/v1/invoices", After: 1})
	if r := e.run(); r.Err == nil {
		t.Fatal("the broken page did not fail the run")
	}
	if _, ok := readBook(t, e.st).revenue[sub.ID]; !ok {
		t.Fatal("a failed pass swept")
	}
	if fp, _ := e.st.FullPass(t.Context(), domain.SourceStripe); !fp.Open || fp.Number != 2 {
		t.Fatalf("full pass: %+v", fp)
	}

	// Resume, and cancel as the second invoice page is asked for.
	stop := func(_ int, r *http.Request) {
		if r.URL.Path == "/v1/invoices" && r.URL.Query().Get("starting_after") != "" {
			e.sync.Cancel()
		}
	}
	hook.Store(&stop)
	r := e.run()
	hook.Store(nil)
	if !r.Canceled {
		t.Fatalf("run: %+v", r)
	}
	if _, ok := readBook(t, e.st).revenue[sub.ID]; !ok {
		t.Fatal("a canceled pass swept")
	}

	// A new syncer over the same store, as after a restart, resumes and sweeps.
	hc := httpx.New(httpx.Policy{Source: "Stripe", MaxAttempts: 1}, httpx.WithHTTPClient(e.srv.Client()))
	conn := stripe.New(e.key, hc, stripe.WithBaseURL(e.srv.URL), stripe.WithClock(e.clk.Now))
	s2, err := syncer.New(e.st, []connector.Connector{conn}, syncer.Options{Now: e.clk.Now})
	must(t, err)
	rep, err := s2.Run(context.Background())
	if err != nil || rep.Sources[0].Err != nil || !strings.HasPrefix(rep.Sources[0].ResumedFrom, "invoices:") {
		t.Fatalf("resume: %+v %v", rep, err)
	}
	if _, ok := readBook(t, e.st).revenue[sub.ID]; ok {
		t.Fatal("the resumed pass did not sweep")
	}
	checkTruthKeepingHistory(t, e.st, e.fake.Truth()) // the past-due invoice's failure stays in the feed
	if fp, _ := e.st.FullPass(t.Context(), domain.SourceStripe); fp.Open || fp.Number != 2 {
		t.Fatalf("full pass: %+v", fp)
	}
	if st := e.state(); st.Status != store.SyncIdle {
		t.Fatalf("state: %+v", st)
	}
}

package stripe

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	stripe "github.com/stripe/stripe-go/v76"

	"successdesk/backend/connector"
	"successdesk/backend/connector/stripe/stripefake"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

var now0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// fakeConn is the connector against a fake book of subs, both on now0.
func fakeConn(t *testing.T, subs int, o stripefake.Options) (*Connector, *stripefake.Server) {
	t.Helper()
	o.Subscriptions, o.Now = subs, func() time.Time { return now0 }
	f := stripefake.New(o)
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c := New(stripefake.DefaultKey, httpx.New(httpx.Policy{Source: "Stripe", MaxAttempts: 1}, httpx.WithHTTPClient(srv.Client())),
		WithBaseURL(srv.URL), WithClock(func() time.Time { return now0 }))
	return c, f
}

func eventsCursor(mark, full time.Time) string {
	return position{phase: phaseEvents, mark: mark.Unix(), full: full.Unix()}.String()
}

// TestIncrementalOrFullPass: an events cursor reads events while its
// watermark is within IncrementalWindow and its full pass within
// FullPassEvery; otherwise the same call is the first page of a full pass.
func TestIncrementalOrFullPass(t *testing.T) {
	hour := time.Hour
	cases := []struct {
		name   string
		cursor string
		full   bool
	}{
		{"recent", eventsCursor(now0.Add(-hour), now0.Add(-hour)), false},
		{"watermark 28 days old", eventsCursor(now0.Add(-28*24*hour), now0.Add(-hour)), false},
		{"watermark 30 days old", eventsCursor(now0.Add(-30*24*hour), now0.Add(-hour)), true},
		{"full pass a day ago", eventsCursor(now0.Add(-hour), now0.Add(-FullPassEvery)), true},
		{"no watermark", "events:;f=" + fmt.Sprint(now0.Unix()), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, f := fakeConn(t, 20, stripefake.Options{})
			p, err := c.Fetch(context.Background(), tc.cursor)
			if err != nil {
				t.Fatal(err)
			}
			first := f.Requests()[0]
			if tc.full {
				if !p.StartsFullPass || p.Done || !strings.HasPrefix(first, "GET /v1/customers?") ||
					!strings.HasPrefix(p.Next, "customers:") && !strings.HasPrefix(p.Next, "subscriptions:") {
					t.Fatalf("want a full pass: %s, page of %d, next %q", first, p.Len(), p.Next)
				}
				return
			}
			pos, _ := parseCursor(tc.cursor)
			want := fmt.Sprintf("created[gte]=%d&", pos.mark-int64(EventOverlap/time.Second))
			if p.StartsFullPass || !p.Done || p.Phase != PhaseEvents || !strings.HasPrefix(first, "GET /v1/events?") ||
				!strings.Contains(first, want) || !strings.HasSuffix(first, "&types[18]=invoice.deleted") {
				t.Fatalf("want events since %s: %s, page of %d, full pass %v", want, first, p.Len(), p.StartsFullPass)
			}
			if p.Next != eventsCursor(now0, time.Unix(pos.full, 0)) {
				t.Errorf("next %q: the watermark is Stripe's Date of the first answer", p.Next)
			}
		})
	}
}

// TestIncrementalFallsBackToFullPass: a key that may not read events, or
// more than MaxEvents changes, make the run a full pass.
func TestIncrementalFallsBackToFullPass(t *testing.T) {
	c, f := fakeConn(t, 20, stripefake.Options{Deny: []string{"/v1/events"}})
	p, err := c.Fetch(context.Background(), eventsCursor(now0.Add(-time.Hour), now0.Add(-time.Hour)))
	if err != nil || !p.StartsFullPass || !strings.HasPrefix(f.Requests()[1], "GET /v1/customers?") {
		t.Fatalf("events denied: %+v, %v, %q", p, err, f.Requests())
	}
	c, f = fakeConn(t, 3000, stripefake.Options{}) // about 6,500 events in the last 30 days
	p, err = c.Fetch(context.Background(), eventsCursor(now0.Add(-28*24*time.Hour), now0.Add(-time.Hour)))
	reqs := f.Requests()
	if err != nil || !p.StartsFullPass || !strings.HasPrefix(reqs[len(reqs)-1], "GET /v1/customers?") {
		t.Fatalf("too many events: %+v, %v", p, err)
	}
	if n := len(reqs) - 1; n != MaxEvents/PageSize+1 {
		t.Errorf("%d event pages read before giving up, want %d", n, MaxEvents/PageSize+1)
	}
}

func rawEvent(typ, object string) *event {
	return &event{ID: "evt_" + typ, Type: typ, Created: now0.Unix(), Object: []byte(object)}
}

// TestMapEvents: the newest event of each object wins, deletions become
// Refs, failed invoices are read again, unknown events are left out.
func TestMapEvents(t *testing.T) {
	sub := func(qty int) string {
		return `{"id":"sub_1","customer":"cus_1","status":"active","items":{"data":[{"quantity":` + fmt.Sprint(qty) +
			`,"price":{"unit_amount":100,"currency":"usd","recurring":{"interval":"month","interval_count":1}}}]}}`
	}
	evs := []*event{ // newest first, as Stripe lists them
		rawEvent("customer.subscription.updated", sub(7)),
		rawEvent("customer.subscription.updated", sub(3)),
		rawEvent("customer.deleted", `{"id":"cus_2","email":"a@b.io"}`),
		rawEvent("customer.updated", `{"id":"cus_2","email":"a@b.io"}`),
		rawEvent("customer.created", `{"id":"cus_3","name":"Three","email":"ops@three.io"}`),
		rawEvent("invoice.payment_failed", `{"id":"in_1","customer":"cus_3","status":"open","attempt_count":2,"charge":"ch_1"}`),
		rawEvent("invoice.deleted", `{"id":"in_2","customer":"cus_3","status":"draft"}`),
		rawEvent("invoice.paid", `{"id":"in_3","customer":"cus_3","status":"paid","amount_paid":5}`),
		rawEvent("charge.refunded", `{"id":"ch_9"}`),
		rawEvent("customer.subscription.updated", `{"id":"sub_bad","status":5}`),
	}
	var refetched []string
	refetch := func(id string) (*stripe.Invoice, error) {
		refetched = append(refetched, id)
		return decodeObject([]byte(`{"id":"in_1","customer":"cus_3","status":"open","attempt_count":2,
			"charge":{"id":"ch_1","status":"failed","created":1790000000,"failure_message":"Your card was declined."}}`), invoiceElem)
	}
	p, err := mapEvents(evs, refetch)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(p.Keys(), " ")
	want := "account:cus_3 revenue:sub_1 invoice:in_1 invoice:in_3 activity:in_1/attempt/2 deleted:account:cus_2 deleted:invoice:in_2"
	if got != want {
		t.Fatalf("keys %s\nwant %s", got, want)
	}
	if p.Revenue[0].Seats != 7 || p.Invoices[0].FailureReason != "Your card was declined." ||
		strings.Join(refetched, ",") != "in_1" || p.Activities[0].OccurredAt.Unix() != 1790000000 {
		t.Errorf("page %+v, refetched %v", p, refetched)
	}
	boom := domain.Errorf(domain.EUnavailable, "Stripe is unavailable.")
	if _, err := mapEvents(evs, func(string) (*stripe.Invoice, error) { return nil, boom }); err != boom {
		t.Errorf("a refetch error must fail the page: %v", err)
	}
	p, _ = mapEvents(evs[5:6], func(string) (*stripe.Invoice, error) { return nil, nil })
	if len(p.Invoices) != 0 {
		t.Errorf("an invoice gone since its event was kept: %+v", p.Invoices)
	}
}

// TestEventsPageOfFake: the events the fake records for a change come back
// as that change.
func TestEventsPageOfFake(t *testing.T) {
	c, f := fakeConn(t, 30, stripefake.Options{})
	cur := eventsCursor(now0.Add(time.Minute), now0)
	subs := f.Subscriptions()
	if err := f.CancelSubscription(subs[0].ID); err != nil {
		t.Fatal(err)
	}
	p, err := c.Fetch(context.Background(), cur)
	if err != nil || len(p.Revenue) != 1 || p.Revenue[0].ExternalID != subs[0].ID || p.Revenue[0].Status != domain.StatusCanceled {
		t.Fatalf("page %+v, %v", p, err)
	}
	var _ connector.Connector = c
}

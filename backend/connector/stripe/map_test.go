package stripe

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	stripe "github.com/stripe/stripe-go/v76"

	"successdesk/backend/domain"
)

func decode[T any](t testing.TB, js string) *T {
	t.Helper()
	v := new(T)
	if err := json.Unmarshal([]byte(js), v); err != nil {
		t.Fatalf("fixture: %v\n%s", err, js)
	}
	return v
}

func item(unit, qty int64, currency, interval string, count int64) string {
	b, _ := json.Marshal(map[string]any{"id": "si", "object": "subscription_item", "quantity": qty,
		"price": map[string]any{"id": "price_x", "object": "price", "unit_amount": unit, "currency": currency,
			"nickname": "Seat", "product": "prod_1", "recurring": map[string]any{"interval": interval, "interval_count": count}}})
	return string(b)
}

func sub(status, currency string, items ...string) string {
	return `{"id":"sub_1","object":"subscription","customer":"cus_1","status":"` + status + `","currency":"` + currency +
		`","current_period_start":1700000000,"current_period_end":1702592000,"items":{"object":"list","data":[` +
		strings.Join(items, ",") + `]}}`
}

// discount gives a subscription fixture a discount with coupon and end.
func discount(sub, coupon string, end int64) string {
	return strings.Replace(sub, `"items":`, fmt.Sprintf(`"discount":{"id":"di_1","object":"discount","end":%d,"coupon":%s},"items":`, end, coupon), 1)
}

func cancelAtEnd(sub string) string {
	return strings.Replace(sub, `"items":`, `"cancel_at_period_end":true,"items":`, 1)
}

func TestMapSubscription(t *testing.T) {
	cases := []struct {
		name     string
		js       string
		status   domain.RevenueStatus
		iv       domain.Interval
		amount   int64
		currency string
		mrr, arr int64
		seats    int
	}{
		{"active monthly", sub("active", "usd", item(4900, 1, "usd", "month", 1)), domain.StatusActive, domain.IntervalMonthly, 4900, "USD", 4900, 58800, 1},
		{"trialing", sub("trialing", "usd", item(4900, 1, "usd", "month", 1)), domain.StatusTrialing, domain.IntervalMonthly, 4900, "USD", 4900, 58800, 1},
		{"past_due", sub("past_due", "usd", item(100, 1, "usd", "month", 1)), domain.StatusPastDue, domain.IntervalMonthly, 100, "USD", 100, 1200, 1},
		{"unpaid→past_due", sub("unpaid", "usd", item(100, 1, "usd", "month", 1)), domain.StatusPastDue, domain.IntervalMonthly, 100, "USD", 100, 1200, 1},
		{"canceled", sub("canceled", "usd", item(100, 1, "usd", "month", 1)), domain.StatusCanceled, domain.IntervalMonthly, 100, "USD", 100, 1200, 1},
		{"incomplete→pending", sub("incomplete", "usd", item(100, 1, "usd", "month", 1)), domain.StatusPending, domain.IntervalMonthly, 100, "USD", 100, 1200, 1},
		{"paused→pending", sub("paused", "usd", item(100, 1, "usd", "month", 1)), domain.StatusPending, domain.IntervalMonthly, 100, "USD", 100, 1200, 1},
		{"incomplete_expired→expired", sub("incomplete_expired", "usd", item(100, 1, "usd", "month", 1)), domain.StatusExpired, domain.IntervalMonthly, 100, "USD", 100, 1200, 1},
		{"annual", sub("active", "eur", item(120000, 1, "eur", "year", 1)), domain.StatusActive, domain.IntervalAnnual, 120000, "EUR", 10000, 120000, 1},
		{"quarterly", sub("active", "gbp", item(30000, 1, "gbp", "month", 3)), domain.StatusActive, domain.IntervalQuarterly, 30000, "GBP", 10000, 120000, 1},
		{"12 months = annual", sub("active", "usd", item(1200, 1, "usd", "month", 12)), domain.StatusActive, domain.IntervalAnnual, 1200, "USD", 100, 1200, 1},
		{"weekly keeps its interval: ARR is exactly ×52", sub("active", "usd", item(1000, 1, "usd", "week", 1)), domain.StatusActive, domain.IntervalWeekly, 1000, "USD", 4333, 52000, 1},
		{"biweekly", sub("active", "usd", item(1000, 1, "usd", "week", 2)), domain.StatusActive, domain.IntervalMonthly, 2167, "USD", 2167, 26004, 1},
		{"6 months", sub("active", "usd", item(600, 1, "usd", "month", 6)), domain.StatusActive, domain.IntervalMonthly, 100, "USD", 100, 1200, 1},
		{"quantity", sub("active", "usd", item(1500, 12, "usd", "month", 1)), domain.StatusActive, domain.IntervalMonthly, 18000, "USD", 18000, 216000, 12},
		{"multi-item", sub("active", "usd", item(1500, 10, "usd", "month", 1), item(9900, 1, "usd", "month", 1)),
			domain.StatusActive, domain.IntervalMonthly, 24900, "USD", 24900, 298800, 11},
		{"zero-decimal JPY", sub("active", "jpy", item(5000, 3, "jpy", "month", 1)), domain.StatusActive, domain.IntervalMonthly, 15000, "JPY", 15000, 180000, 3},
		{"currency from price", sub("active", "", item(100, 1, "cad", "month", 1)), domain.StatusActive, domain.IntervalMonthly, 100, "CAD", 100, 1200, 1},
		{"20% off forever", discount(sub("active", "usd", item(10000, 3, "usd", "month", 1)), `{"percent_off":20,"duration":"forever"}`, 0),
			domain.StatusActive, domain.IntervalMonthly, 24000, "USD", 24000, 288000, 3},
		{"12.5% off an annual price rounds half up", discount(sub("active", "usd", item(99, 1, "usd", "year", 1)), `{"percent_off":12.5,"duration":"forever"}`, 0),
			domain.StatusActive, domain.IntervalAnnual, 87, "USD", 7, 87, 1},
		{"amount off while a repeating coupon runs", discount(sub("active", "usd", item(5000, 1, "usd", "month", 1)), `{"amount_off":1500,"currency":"usd","duration":"repeating"}`, 1710000000),
			domain.StatusActive, domain.IntervalMonthly, 3500, "USD", 3500, 42000, 1},
		{"an ended repeating coupon no longer counts", discount(sub("active", "usd", item(5000, 1, "usd", "month", 1)), `{"percent_off":50,"duration":"repeating"}`, 1690000000),
			domain.StatusActive, domain.IntervalMonthly, 5000, "USD", 5000, 60000, 1},
		{"a once coupon is not recurring", discount(sub("active", "usd", item(5000, 1, "usd", "month", 1)), `{"percent_off":50,"duration":"once"}`, 0),
			domain.StatusActive, domain.IntervalMonthly, 5000, "USD", 5000, 60000, 1},
		{"amount off in another currency is ignored", discount(sub("active", "usd", item(5000, 1, "usd", "month", 1)), `{"amount_off":100,"currency":"eur","duration":"forever"}`, 0),
			domain.StatusActive, domain.IntervalMonthly, 5000, "USD", 5000, 60000, 1},
		{"more off than the price is zero", discount(sub("active", "usd", item(500, 1, "usd", "month", 1)), `{"amount_off":900,"currency":"usd","duration":"forever"}`, 0),
			domain.StatusActive, domain.IntervalMonthly, 0, "USD", 0, 0, 1},
		{"trialing weekly", sub("trialing", "usd", item(2500, 2, "usd", "week", 1)), domain.StatusTrialing, domain.IntervalWeekly, 5000, "USD", 21667, 260000, 2},
		{"canceled at period end still bills this period", cancelAtEnd(sub("active", "gbp", item(30000, 1, "gbp", "month", 3))),
			domain.StatusActive, domain.IntervalQuarterly, 30000, "GBP", 10000, 120000, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, ok := MapSubscription(decode[stripe.Subscription](t, tc.js))
			if !ok {
				t.Fatal("not mapped")
			}
			got := []any{r.Status, r.Interval, r.Amount.AmountMinor, r.Amount.Currency, r.MRRMinor, r.ARRMinor, r.Seats}
			want := []any{tc.status, tc.iv, tc.amount, tc.currency, tc.mrr, tc.arr, tc.seats}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("got %v, want %v", got, want)
					break
				}
			}
			if r.AccountKey != "cus_1" || r.ExternalID != "sub_1" || r.Source != domain.SourceStripe || r.Product != "Seat" {
				t.Errorf("keys: %+v", r)
			}
			if !r.TermStart.Equal(time.Unix(1700000000, 0)) || !r.TermEnd.Equal(time.Unix(1702592000, 0)) {
				t.Errorf("term %v – %v", r.TermStart, r.TermEnd)
			}
		})
	}
}

func TestMapSubscriptionTrialCancelAndRejects(t *testing.T) {
	js := `{"id":"sub_t","customer":{"id":"cus_9","object":"customer"},"status":"trialing","currency":"usd",
		"trial_end":1701000000,"cancel_at_period_end":true,"items":{"data":[` + item(0, 5, "usd", "month", 1) + `]}}`
	r, ok := MapSubscription(decode[stripe.Subscription](t, js))
	if !ok || r.AccountKey != "cus_9" || !r.TrialEnd.Equal(time.Unix(1701000000, 0)) || !r.CancelAtPeriodEnd ||
		r.Amount.AmountMinor != 0 || r.Seats != 5 || !r.TermEnd.IsZero() {
		t.Errorf("trial: %+v ok=%v", r, ok)
	}
	for _, js := range []string{
		`{"id":"sub_1","status":"active"}`,                   // no customer
		`{"id":"sub_1","customer":"cus_1","status":"bogus"}`, // unknown status
		`{"customer":"cus_1","status":"active"}`,             // no id
	} {
		if _, ok := MapSubscription(decode[stripe.Subscription](t, js)); ok {
			t.Errorf("mapped %s", js)
		}
	}
	if _, ok := MapSubscription(nil); ok {
		t.Error("nil mapped")
	}
}

func TestMapCustomer(t *testing.T) {
	cases := []struct{ js, domain, name string }{
		{`{"id":"cus_1","email":"Ops@Acme.io","name":"Acme"}`, "acme.io", "Acme"},
		{`{"id":"cus_2","email":"founder@gmail.com","name":"Solo"}`, "", "Solo"},
		{`{"id":"cus_3","email":"founder@gmail.com","metadata":{"domain":"https://www.Solo.dev/"}}`, "solo.dev", ""},
		{`{"id":"cus_4","email":"a@acme.io","metadata":{"domain":"parent.com"}}`, "parent.com", ""},
		{`{"id":"cus_5","email":"a@acme.io","metadata":{"domain":"gmail.com"}}`, "acme.io", ""},
		{`{"id":"cus_6","email":"not an email","metadata":{"domain":"nonsense"},"description":"Desc Co"}`, "", "Desc Co"},
		{`{"id":"cus_7"}`, "", ""},
	}
	for _, tc := range cases {
		r, ok := MapCustomer(decode[stripe.Customer](t, tc.js))
		if !ok || r.Domain != tc.domain || r.Name != tc.name {
			t.Errorf("%s → %+v ok=%v; want domain %q name %q", tc.js, r, ok, tc.domain, tc.name)
		}
	}
	if _, ok := MapCustomer(decode[stripe.Customer](t, `{"id":"cus_d","deleted":true}`)); ok {
		t.Error("deleted customer mapped")
	}
}

func TestMapInvoice(t *testing.T) {
	base := `"id":"in_1","customer":"cus_1","subscription":"sub_1","currency":"usd","amount_due":123450,"created":1700000000,"due_date":1701000000,"status_transitions":{"finalized_at":1700000100,"paid_at":1700500000}`
	cases := []struct {
		js       string
		status   domain.InvoiceStatus
		activity bool
	}{
		{`{` + base + `,"status":"paid","amount_paid":123450,"attempt_count":1}`, domain.InvoicePaid, false},
		{`{` + base + `,"status":"open","attempt_count":0}`, domain.InvoiceOpen, false},
		{`{` + base + `,"status":"open","attempt_count":2,"next_payment_attempt":1700700000,"charge":{"id":"ch_1","status":"failed","created":1700300000,"failure_message":"Your card was declined."}}`, domain.InvoiceFailed, true},
		{`{` + base + `,"status":"void"}`, domain.InvoiceVoid, false},
		{`{` + base + `,"status":"uncollectible","attempt_count":4}`, domain.InvoiceVoid, true},
	}
	for _, tc := range cases {
		r, act, ok := MapInvoice(decode[stripe.Invoice](t, tc.js))
		if !ok || r.Status != tc.status || (act != nil) != tc.activity {
			t.Fatalf("%s → %+v act=%v ok=%v", tc.js, r, act, ok)
		}
		if r.AccountKey != "cus_1" || r.RevenueKey != "sub_1" || r.AmountDue != (domain.Money{AmountMinor: 123450, Currency: "USD"}) ||
			!r.IssuedAt.Equal(time.Unix(1700000100, 0)) || !r.DueAt.Equal(time.Unix(1701000000, 0)) {
			t.Errorf("fields: %+v", r)
		}
		if tc.status == domain.InvoicePaid && (!r.PaidAt.Equal(time.Unix(1700500000, 0)) || r.AmountPaidMinor != 123450) {
			t.Errorf("paid: %+v", r)
		}
		if tc.status != domain.InvoicePaid && !r.PaidAt.IsZero() {
			t.Errorf("unpaid invoice with PaidAt: %+v", r)
		}
		if act != nil && r.Status == domain.InvoiceFailed { // the other events: TestMapInvoiceEvents
			if act.Title != "Payment of $1,234.50 failed" || act.Kind != domain.ActivityPayment || act.Source != domain.SourceStripe ||
				act.ExternalID != "in_1/attempt/2" || act.AccountKey != "cus_1" || !act.OccurredAt.Equal(time.Unix(1700300000, 0)) ||
				!strings.Contains(act.Body, "Your card was declined.") || r.Attempts != 2 || !r.NextAttemptAt.Equal(time.Unix(1700700000, 0)) {
				t.Errorf("activity %+v for %+v", act, r)
			}
		}
	}
	if _, _, ok := MapInvoice(decode[stripe.Invoice](t, `{"id":"in_d","customer":"cus_1","status":"draft"}`)); ok {
		t.Error("draft mapped")
	}
}

// TestMapInvoiceEvents: besides failed attempts, an invoice paid after
// failed ones and one given up on after them are events of the feed, dated
// when they happened, in the demo book's words; an ordinary one is not.
func TestMapInvoiceEvents(t *testing.T) {
	base := `"id":"in_1","customer":"cus_1","currency":"eur","amount_due":5000,"created":1700000000`
	cases := []struct {
		js, id, title, body string
		at                  int64
	}{
		{`{` + base + `,"status":"paid","attempt_count":3,"status_transitions":{"paid_at":1700600000}}`,
			"in_1/paid", "Invoice in_1 paid", "€50.00 paid on attempt 3 after 2 failed attempts.", 1700600000},
		{`{` + base + `,"status":"paid","attempt_count":2}`,
			"in_1/paid", "Invoice in_1 paid", "€50.00 paid on attempt 2 after 1 failed attempt.", 1700000000},
		{`{` + base + `,"status":"void","attempt_count":1,"status_transitions":{"voided_at":1700090000}}`,
			"in_1/closed", "Invoice in_1 voided", "Voided after 1 failed attempt.", 1700090000},
		{`{` + base + `,"status":"uncollectible","attempt_count":4,"status_transitions":{"marked_uncollectible_at":1700900000,"voided_at":1}}`,
			"in_1/closed", "Invoice in_1 marked uncollectible", "€50.00 left unpaid after 4 failed attempts.", 1700900000},
	}
	for _, tc := range cases {
		_, act, ok := MapInvoice(decode[stripe.Invoice](t, tc.js))
		if !ok || act == nil {
			t.Fatalf("%s → no event (ok=%v)", tc.js, ok)
		}
		if act.ExternalID != tc.id || act.Title != tc.title || act.Body != tc.body || !act.OccurredAt.Equal(time.Unix(tc.at, 0)) ||
			act.Kind != domain.ActivityPayment || act.AccountKey != "cus_1" {
			t.Errorf("%s →\n %+v\nwant %s %q %q at %d", tc.js, act, tc.id, tc.title, tc.body, tc.at)
		}
	}
	for _, js := range []string{`{` + base + `,"status":"paid","attempt_count":1}`, `{` + base + `,"status":"void","attempt_count":0}`} {
		if _, act, _ := MapInvoice(decode[stripe.Invoice](t, js)); act != nil {
			t.Errorf("%s → event %+v, want none", js, act)
		}
	}
}

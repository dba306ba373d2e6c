package salesbricks

import (
	"encoding/json"
	"testing"
	"time"

	"successdesk/backend/domain"
)

func decode[T any](t *testing.T, js string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

var ref = wireSubRef{ID: "sub-1", Name: "Pro"}

func TestMapCustomerDomain(t *testing.T) {
	cases := []struct {
		name, js string
		contacts []string
		domain   string
		email    string
		stripe   string
	}{
		{"documented shape, company contact", `{"customer_id":"c1","name":"Acme","stripe_customer_id":"cus_1"}`,
			[]string{"ada@acme.io"}, "acme.io", "ada@acme.io", "cus_1"},
		{"placeholder Stripe id", `{"customer_id":"c1","stripe_customer_id":"N/A"}`, nil, "", "", ""},
		{"free-mail contacts only", `{"customer_id":"c1","name":"Acme","stripe_customer_id":null}`,
			[]string{"ada@gmail.com", "bob@outlook.com"}, "", "ada@gmail.com", ""},
		{"free-mail first, company later", `{"customer_id":"c1"}`,
			[]string{"ada@gmail.com", "ap@acme.io"}, "acme.io", "ada@gmail.com", ""},
		{"website wins over contacts", `{"customer_id":"c1","website":"https://www.Acme.com/about"}`,
			[]string{"ada@other.io"}, "acme.com", "ada@other.io", ""},
		{"domain field wins", `{"customer_id":"c1","domain":"acme.dev","website":"acme.com"}`, nil, "acme.dev", "", ""},
		{"free-mail website is no domain", `{"customer_id":"c1","website":"gmail.com"}`, []string{"x@acme.io"}, "acme.io", "x@acme.io", ""},
		{"own e-mail", `{"customer_id":"c1","email":"billing@acme.co.uk"}`, nil, "acme.co.uk", "billing@acme.co.uk", ""},
		{"odd scalars read as absent", `{"customer_id":"c1","name":42,"website":{"x":1},"email":true}`, nil, "", "", ""},
		{"not an address", `{"customer_id":"c1"}`, []string{"nobody", "a@b"}, "", "", ""},
	}
	for _, tc := range cases {
		a, ok := mapCustomer(decode[wireCustomer](t, tc.js), tc.contacts)
		if !ok || a.Domain != tc.domain || a.PrimaryEmail != tc.email || a.StripeCustomerID != tc.stripe || a.Key != "c1" ||
			StripeCustomerID(a.AccountRecord) != tc.stripe {
			t.Errorf("%s: %+v ok=%v; want domain %q email %q stripe %q", tc.name, a, ok, tc.domain, tc.email, tc.stripe)
		}
	}
	if _, ok := mapCustomer(decode[wireCustomer](t, `{"name":"no id"}`), nil); ok {
		t.Error("a customer without an id mapped")
	}
}

// MRR and ARR are exact in minor units for every billing frequency, from
// amounts with odd cents.
func TestMRRARRExact(t *testing.T) {
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		freq, total string
		sched       string
		iv          domain.Interval
		amt, mrr    int64
		arr         int64
	}{
		{"MONTHLY", "49.99", "", domain.IntervalMonthly, 4999, 4999, 59988},
		{"QUARTERLY", "100.01", "", domain.IntervalQuarterly, 10001, 3334, 40004},
		{"ANNUALLY", "1000.01", "", domain.IntervalAnnual, 100001, 8333, 100001},
		{"SEMI_ANNUALLY", "60.01", "", domain.IntervalAnnual, 12002, 1000, 12002},
		{"ALL_UPFRONT", "2400", `[{"starts_at":"2026-01-01","ends_at":"2027-12-31","sub_total":2400}]`, domain.IntervalAnnual, 120000, 10000, 120000},
		{"", "12", `[{"starts_at":"2026-06-01","ends_at":"2026-06-30","sub_total":"12.34"}]`, domain.IntervalMonthly, 1234, 1234, 14808},
		{"", "12", `[{"starts_at":"2026-04-01","ends_at":"2026-06-30","sub_total":30.03}]`, domain.IntervalQuarterly, 3003, 1001, 12012},
		{"", "1200", "", domain.IntervalAnnual, 120000, 10000, 120000},
		{"monthly", "$1,234.565", "", domain.IntervalMonthly, 123457, 123457, 1481484},
	}
	for _, tc := range cases {
		js := `{"status":"ACTIVE","sub_total":"` + tc.total + `"`
		if tc.freq != "" {
			js += `,"billing_frequency":"` + tc.freq + `"`
		}
		if tc.sched != "" {
			js += `,"billing_schedule":` + tc.sched
		}
		r, ok := mapSubscription(decode[wireCurrent](t, js+"}"), ref, "c1", nil, now)
		if !ok || r.Interval != tc.iv || r.Amount.AmountMinor != tc.amt || r.MRRMinor != tc.mrr || r.ARRMinor != tc.arr {
			t.Errorf("%s %s: %s %d mrr %d arr %d; want %s %d %d %d", tc.freq, tc.total, r.Interval,
				r.Amount.AmountMinor, r.MRRMinor, r.ARRMinor, tc.iv, tc.amt, tc.mrr, tc.arr)
		}
	}
}

// The schedule's period running now prices the contract; before it starts,
// the next; after it ends, the last.
func TestSchedulePeriodChoice(t *testing.T) {
	js := `{"status":"ACTIVE","billing_frequency":"MONTHLY","sub_total":1,"billing_schedule":[
		{"starts_at":"2026-01-01","ends_at":"2026-01-31","sub_total":10},
		{"starts_at":"2026-02-01","ends_at":"2026-02-28","sub_total":20},
		{"starts_at":"2026-03-01","ends_at":"2026-03-31","sub_total":30}]}`
	cur := decode[wireCurrent](t, js)
	for at, want := range map[string]int64{"2025-12-01": 1000, "2026-01-31": 1000, "2026-02-01": 2000, "2026-03-31": 3000, "2026-09-01": 3000} {
		now, _ := time.Parse("2006-01-02", at)
		if r, _ := mapSubscription(cur, ref, "c1", nil, now.Add(12*time.Hour)); r.Amount.AmountMinor != want {
			t.Errorf("at %s: %d, want %d", at, r.Amount.AmountMinor, want)
		}
	}
}

func TestMapSubscriptionOptionalFields(t *testing.T) {
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	trial := `[{"order_id":"o1","order_type":"TRIAL","starts_at":"2026-06-10","ends_at":"2026-06-23"}]`
	cases := []struct {
		name, js, orders string
		listStatus       string
		status           domain.RevenueStatus
		currency         string
		seats            int
		trialEnd         string
		cancel           bool
		termEnd          string
	}{
		{"currency absent", `{"status":"ACTIVE","ends_at":"2026-12-31"}`, "", "", domain.StatusActive, "USD", 0, "", false, "2027-01-01"},
		{"currency present", `{"status":"active","currency":"eur"}`, "", "", domain.StatusActive, "EUR", 0, "", false, ""},
		{"currency named by the amount", `{"status":"ACTIVE","sub_total":"£10.00"}`, "", "", domain.StatusActive, "GBP", 0, "", false, ""},
		{"seats lines", `{"status":"ACTIVE","line_items":[{"brick_name":"Pro","plan_name":"Pro","quantity":1},` +
			`{"brick_name":"Seats","quantity":"40"},{"brick_name":"Extra users","quantity":5},{"brick_name":"Storage","quantity":9}]}`,
			"", "", domain.StatusActive, "USD", 45, "", false, ""},
		{"trial by status", `{"status":"TRIAL","ends_at":"2026-06-23"}`, "", "", domain.StatusTrialing, "USD", 0, "2026-06-24", false, "2026-06-24"},
		{"trial by running order", `{"status":"ACTIVE"}`, trial, "", domain.StatusTrialing, "USD", 0, "2026-06-24", false, ""},
		{"trial by order_type", `{"status":"ACTIVE","order_type":"trial","ends_at":"2026-07-01"}`, "", "", domain.StatusTrialing, "USD", 0, "2026-07-02", false, "2026-07-02"},
		{"finished trial", `{"status":"ACTIVE"}`, `[{"order_id":"o1","order_type":"TRIAL","starts_at":"2026-05-01","ends_at":"2026-05-14"}]`,
			"", domain.StatusActive, "USD", 0, "", false, ""},
		{"terminates ahead", `{"status":"ACTIVE","ends_at":"2026-12-31","terminates_at":"2026-09-30"}`, "", "", domain.StatusActive, "USD", 0, "", true, "2026-10-01"},
		{"terminated", `{"status":"TERMINATED","ends_at":"2026-12-31","terminates_at":"2026-03-31"}`, "", "", domain.StatusCanceled, "USD", 0, "", false, "2026-04-01"},
		{"auto_renews false", `{"status":"ACTIVE","auto_renews":"false","renews_at":"2027-01-01"}`, "", "", domain.StatusActive, "USD", 0, "", true, "2027-01-01"},
		{"unknown status", `{"status":"PAUSED"}`, "", "PAUSED", domain.StatusPending, "USD", 0, "", false, ""},
		{"status from the list", `{}`, "", "EXPIRED", domain.StatusExpired, "USD", 0, "", false, ""},
	}
	for _, tc := range cases {
		var orders []wireOrder
		if tc.orders != "" {
			orders = decode[[]wireOrder](t, tc.orders)
		}
		r, ok := mapSubscription(decode[wireCurrent](t, tc.js), wireSubRef{ID: "sub-1", Status: text(tc.listStatus)}, "c1", orders, now)
		if !ok || r.Status != tc.status || r.Amount.Currency != tc.currency || r.Seats != tc.seats ||
			day(r.TrialEnd) != tc.trialEnd || r.CancelAtPeriodEnd != tc.cancel || day(r.TermEnd) != tc.termEnd {
			t.Errorf("%s: status %s currency %s seats %d trial %s cancel %v end %s", tc.name, r.Status, r.Amount.Currency,
				r.Seats, day(r.TrialEnd), r.CancelAtPeriodEnd, day(r.TermEnd))
		}
	}
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func TestMapOrderTitles(t *testing.T) {
	cases := []struct{ js, title, body string }{
		{`{"order_id":"o","order_type":"TRIAL","starts_at":"2026-01-01","ends_at":"2026-01-14"}`, "Started a 14-day trial", "2026-01-01"},
		{`{"order_id":"o","order_type":"RENEWAL","starts_at":"2026-01-01","ends_at":"2026-12-31","contract_value":"€12,000.00"}`,
			"Renewed for 12 months", "Pro. Contract value €12,000.00. 1 Jan 2026 – 31 Dec 2026."},
		{`{"order_id":"o","order_type":"renewal","starts_at":"2026-01-01T00:00:00Z","ends_at":"2026-03-31T23:59:59.999+00:00"}`, "Renewed for 3 months", ""},
		{`{"order_id":"o","order_type":"RENEWAL","starts_at":"2026-01-01"}`, "Renewed the contract", ""},
		{`{"order_id":"o","order_type":"UPGRADE","starts_at":"2026-01-01","line_items":[{"brick_name":"Seats","quantity":40}]}`, "Upgraded to 40 seats", ""},
		{`{"order_id":"o","order_type":"UPGRADE","starts_at":"2026-01-01"}`, "Upgraded the contract", ""},
		{`{"order_id":"o","order_type":"STANDARD","starts_at":"2026-01-01","ends_at":"2027-12-31","contract_value":2400}`,
			"Signed for 24 months", "Pro. Contract value $2,400.00. 1 Jan 2026 – 31 Dec 2027."},
		{`{"order_id":"o","order_type":"RECAST","starts_at":"2026-01-01","ends_at":"2026-01-01"}`, "Replaced the contract for 1 day", ""},
		{`{"order_id":"o","order_type":"SOMETHING_NEW","starts_at":"2026-01-01"}`, "Contract changed", ""},
	}
	for _, tc := range cases {
		a, ok := mapOrder(decode[wireOrder](t, tc.js), "c1", "Pro", "USD", 0)
		if !ok || a.Title != tc.title || a.Kind != domain.ActivityContractChange || a.ExternalID != "o" {
			t.Errorf("%s: %q ok=%v; want %q", tc.js, a.Title, ok, tc.title)
		}
		if tc.body != "" && len(tc.body) > 10 && a.Body != tc.body {
			t.Errorf("%s: body %q, want %q", tc.js, a.Body, tc.body)
		}
	}
	// The latest order's upgrade takes the contract's seats when it lists none.
	a, _ := mapOrder(decode[wireOrder](t, `{"order_id":"o","order_type":"UPGRADE","starts_at":"2026-01-01"}`), "c1", "", "USD", 1)
	if a.Title != "Upgraded to 1 seat" {
		t.Errorf("title %q", a.Title)
	}
	// closed_at, when sent, dates the change.
	a, _ = mapOrder(decode[wireOrder](t, `{"order_id":"o","order_type":"RENEWAL","starts_at":"2026-01-01","closed_at":"2025-12-20T10:00:00Z"}`), "c1", "", "", 0)
	if !a.OccurredAt.Equal(time.Date(2025, 12, 20, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("occurred %v", a.OccurredAt)
	}
	if _, ok := mapOrder(decode[wireOrder](t, `{"order_id":"o","order_type":"RENEWAL"}`), "c1", "", "", 0); ok {
		t.Error("an order without any date mapped")
	}
}

func TestMapInvoice(t *testing.T) {
	cases := []struct {
		js       string
		status   domain.InvoiceStatus
		due      int64
		paid     int64
		currency string
		ok       bool
	}{
		{`{"invoice_id":"i","status":"PAID","grand_total":100.5,"remaining_amount":0,"currency":"GBP","fully_paid_at":"2026-01-02T00:00:00Z"}`, domain.InvoicePaid, 10050, 10050, "GBP", true},
		{`{"invoice_id":"i","status":"PAID","grand_total":100}`, domain.InvoicePaid, 10000, 10000, "EUR", true},
		{`{"invoice_id":"i","status":"PENDING","grand_total":100,"remaining_amount":40}`, domain.InvoiceOpen, 10000, 6000, "EUR", true},
		{`{"invoice_id":"i","status":"PAST_DUE","grand_total":100,"remaining_amount":100}`, domain.InvoiceOpen, 10000, 0, "EUR", true},
		{`{"invoice_id":"i","status":"MUTED","grand_total":100}`, domain.InvoiceVoid, 10000, 0, "EUR", true},
		{`{"invoice_id":"i","status":"PAID","grand_total":100,"remaining_amount":500}`, domain.InvoicePaid, 10000, 0, "EUR", true},
		{`{"invoice_id":"i","status":"SCHEDULED","grand_total":100}`, "", 0, 0, "", false},
		{`{"invoice_id":"i","status":"PENDING","grand_total":100,"is_renewal_estimate":true}`, "", 0, 0, "", false},
		{`{"invoice_id":null,"status":"PENDING","grand_total":100}`, "", 0, 0, "", false},
		{`{"invoice_id":"i","status":"WHATEVER"}`, "", 0, 0, "", false},
	}
	for _, tc := range cases {
		r, ok := mapInvoice(decode[wireInvoice](t, tc.js), "c1", "sub-1", "EUR")
		if ok != tc.ok || ok && (r.Status != tc.status || r.AmountDue.AmountMinor != tc.due || r.AmountPaidMinor != tc.paid ||
			r.AmountDue.Currency != tc.currency || r.RevenueKey != "sub-1") {
			t.Errorf("%s: %+v ok=%v", tc.js, r, ok)
		}
	}
}

func TestParseMajor(t *testing.T) {
	cases := map[string]struct {
		minor int64
		cur   string
		ok    bool
	}{
		"0": {0, "", true}, "12": {1200, "", true}, "12.3": {1230, "", true}, "12.345": {1235, "", true},
		"12.344": {1234, "", true}, "-1.005": {-101, "", true}, "1,234,567.89": {123456789, "", true},
		"$1,200.50": {120050, "USD", true}, "€99": {9900, "EUR", true}, "£0.5": {50, "GBP", true},
		"A$10": {1000, "AUD", true}, "CA$10": {1000, "CAD", true}, "₹100": {10000, "INR", true},
		"1200.50 EUR": {120050, "EUR", true}, "EUR 1200.5": {120050, "EUR", true}, "1.2e3": {120000, "", true},
		"5e-3": {1, "", true}, "4e-3": {0, "", true}, ".5": {50, "", true}, "7.": {700, "", true},
		"99999999999999999999999": {maxAmount, "", true},
		"":                        {0, "", false}, "abc": {0, "", false}, "1.2.3": {0, "", false}, "$": {0, "", false}, "1e99": {0, "", false},
		"12 apples": {0, "", false},
	}
	for in, want := range cases {
		m, cur, ok := parseMajor(in)
		if m != want.minor || cur != want.cur || ok != want.ok {
			t.Errorf("parseMajor(%q) = %d %q %v, want %d %q %v", in, m, cur, ok, want.minor, want.cur, want.ok)
		}
	}
}

func TestContentHash(t *testing.T) {
	a := mustAccount(t, `{"customer_id":"c1","name":"Acme","website":"acme.io"}`)
	b := mustAccount(t, `{"customer_id":"c1","name":"Acme","website":"https://acme.io/"}`)
	c := mustAccount(t, `{"customer_id":"c1","name":"Acme Inc","website":"acme.io"}`)
	if ContentHash(a) != ContentHash(b) || ContentHash(a) == ContentHash(c) || len(ContentHash(a)) != 32 {
		t.Errorf("hashes %s %s %s", ContentHash(a), ContentHash(b), ContentHash(c))
	}
	if got := ContentHash(a.AccountRecord); got != "9b330622933cbd8cc0ea8e52b43c5d4c" {
		t.Errorf("hash of a fixed record changed: %s", got)
	}
	if ContentHash(func() {}) != "" {
		t.Error("an unencodable value hashed")
	}
}

func mustAccount(t *testing.T, js string) account {
	a, ok := mapCustomer(decode[wireCustomer](t, js), nil)
	if !ok {
		t.Fatal(js)
	}
	return a
}

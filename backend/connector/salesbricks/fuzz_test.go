package salesbricks

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"successdesk/backend/domain"
)

var fuzzNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

func validCurrency(c string) bool { return isUpperCode(c) }

func FuzzMapSubscription(f *testing.F) {
	f.Add(`{"status":"ACTIVE","billing_frequency":"MONTHLY","sub_total":"49.99","currency":"eur","line_items":[{"brick_name":"Seats","quantity":4}]}`,
		`[{"order_id":"o","order_type":"TRIAL","starts_at":"2026-06-01","ends_at":"2026-06-30"}]`)
	f.Add(`{"status":"x","billing_frequency":"ALL_UPFRONT","billing_schedule":[{"starts_at":"0001-01-01","ends_at":"9999-12-31","sub_total":1e40}]}`, `[]`)
	f.Add(`{"sub_total":"-5","terminates_at":"2026-01-01T00:00:00Z","auto_renews":0,"line_items":[{"sub_total":99999999999999999999,"plan_name":"Users","quantity":"9999999999999"}]}`, `null`)
	f.Add(`{"billing_schedule":[{"starts_at":"2026-06-16","sub_total":"$1"},{"sub_total":null}],"status":"TRIAL"}`, `[{"starts_at":"bad"}]`)
	f.Fuzz(func(t *testing.T, cur, orders string) {
		var c wireCurrent
		var os []wireOrder
		if json.Unmarshal([]byte(cur), &c) != nil {
			return
		}
		_ = json.Unmarshal([]byte(orders), &os)
		r, ok := mapSubscription(c, wireSubRef{ID: "s"}, "c", os, fuzzNow)
		if !ok {
			t.Fatal("a subscription with an id and account did not map")
		}
		if r.Amount.AmountMinor < 0 || r.Amount.AmountMinor > maxAmount || r.Seats < 0 || !validCurrency(r.Amount.Currency) {
			t.Errorf("amount or seats out of range: %+v", r)
		}
		if r.MRRMinor != domain.NormalizeMRR(r.Amount.AmountMinor, r.Interval) || r.ARRMinor != domain.NormalizeARR(r.Amount.AmountMinor, r.Interval) {
			t.Errorf("MRR/ARR not the normalization of the amount: %+v", r)
		}
		if !slices.Contains(domain.RevenueStatuses, r.Status) {
			t.Errorf("status %q", r.Status)
		}
		switch r.Interval {
		case domain.IntervalMonthly, domain.IntervalQuarterly, domain.IntervalAnnual:
		default:
			t.Errorf("interval %q", r.Interval)
		}
		if r.Status != domain.StatusTrialing && !r.TrialEnd.IsZero() {
			t.Errorf("trial end on a %s contract", r.Status)
		}
	})
}

func FuzzMapCustomer(f *testing.F) {
	f.Add(`{"customer_id":"c","name":"Acme","website":"https://www.acme.io","stripe_customer_id":"cus_1"}`, "ada@gmail.com")
	f.Add(`{"customer_id":"c","domain":"gmail.com","email":"x@@y"}`, "<a@b.c>")
	f.Add(`{"customer_id":7,"name":{"a":1},"subscriptions":null}`, "ap@acme.co.uk")
	f.Fuzz(func(t *testing.T, js, contact string) {
		var c wireCustomer
		if json.Unmarshal([]byte(js), &c) != nil {
			return
		}
		a, ok := mapCustomer(c, []string{contact})
		if !ok {
			return
		}
		if a.Key == "" || a.Domain != "" && companyDomain(a.Domain) != a.Domain {
			t.Errorf("account %+v", a)
		}
		if (a.StripeCustomerID != "") != (len(a.Aliases) == 1) {
			t.Errorf("aliases %v for stripe id %q", a.Aliases, a.StripeCustomerID)
		}
	})
}

func FuzzMapOrder(f *testing.F) {
	f.Add(`{"order_id":"o","order_type":"UPGRADE","starts_at":"2026-01-01","line_items":[{"brick_name":"Seats","quantity":40}],"contract_value":"€1,200.00"}`, 3)
	f.Add(`{"order_id":"o","order_type":"TRIAL","starts_at":"0001-01-01","ends_at":"9999-12-31"}`, 0)
	f.Add(`{"order_id":"o","order_type":"renewal","closed_at":"2026-01-01T00:00:00+14:00","contract_value":1e30}`, -1)
	f.Fuzz(func(t *testing.T, js string, seats int) {
		var o wireOrder
		if json.Unmarshal([]byte(js), &o) != nil {
			return
		}
		a, ok := mapOrder(o, "c", "Pro", "USD", seats)
		if !ok {
			return
		}
		if a.Title == "" || a.ExternalID == "" || a.OccurredAt.IsZero() || a.Kind != domain.ActivityContractChange || a.AccountKey != "c" {
			t.Errorf("activity %+v", a)
		}
	})
}

func FuzzMapInvoice(f *testing.F) {
	f.Add(`{"invoice_id":"i","status":"PAID","grand_total":100.5,"remaining_amount":"20","currency":"gbp"}`)
	f.Add(`{"invoice_id":"i","status":"pending","grand_total":"-3","remaining_amount":1e300,"is_renewal_estimate":"false"}`)
	f.Add(`{"invoice_id":"i","status":"MUTED","grand_total":{"x":1},"issued_at":"2026-13-45"}`)
	f.Fuzz(func(t *testing.T, js string) {
		var in wireInvoice
		if json.Unmarshal([]byte(js), &in) != nil {
			return
		}
		r, ok := mapInvoice(in, "c", "s", "EUR")
		if !ok {
			return
		}
		if r.AmountDue.AmountMinor < 0 || r.AmountPaidMinor < 0 || r.AmountPaidMinor > r.AmountDue.AmountMinor ||
			!validCurrency(r.AmountDue.Currency) || r.Status == "" || r.RevenueKey == "" {
			t.Errorf("invoice %+v", r)
		}
		if r.Status != domain.InvoicePaid && !r.PaidAt.IsZero() {
			t.Errorf("paid at on a %s invoice", r.Status)
		}
	})
}

func FuzzMapDeal(f *testing.F) {
	f.Add(`{"id":"o","stage":"CLOSED_LOST","lostReason":"Budget","grandTotal":"1,200.50","buyer":{"id":"c","name":"Acme"},"orderskuSet":[{"quantity":2,"sku":{"name":"Seats"}}]}`)
	f.Add(`{"id":"o","stage":"BUILDING","metadata":"{\"lost_reason\":\"x\",\"currency\":\"eur\"}","closedAt":"2026-01-01T00:00:00Z"}`)
	f.Add(`{"id":"o","stage":"closed lost","metadata":{"reason":7},"grandTotal":-1,"orderskuSet":[{"sku":null}]}`)
	f.Fuzz(func(t *testing.T, js string) {
		var o wireDeal
		if json.Unmarshal([]byte(js), &o) != nil {
			return
		}
		d, ok := mapDeal(o)
		if !ok {
			return
		}
		if d.ExternalID == "" || d.Name == "" || d.AmountMinor < 0 || !validCurrency(d.Currency) {
			t.Errorf("deal %+v", d)
		}
		switch d.Status {
		case domain.DealOpen:
			if !d.ClosedAt.IsZero() || d.LostReason != "" {
				t.Errorf("open deal %+v", d)
			}
		case domain.DealWon:
			if d.LostReason != "" {
				t.Errorf("won deal with a lost reason %+v", d)
			}
		case domain.DealLost:
		default:
			t.Errorf("status %q", d.Status)
		}
	})
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"12.345", "$1,200.50", "1.2e3", "EUR 5", "-0.005", ".5", "9e40", "£", "1,,2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, cur, ok := parseMajor(s)
		if !ok {
			return
		}
		if m > maxAmount || m < -maxAmount || cur != "" && !validCurrency(cur) {
			t.Fatalf("parseMajor(%q) = %d %q", s, m, cur)
		}
		if m >= 0 && m < maxAmount {
			back, _, ok := parseMajor(fmt.Sprintf("%d.%02d", m/100, m%100))
			if !ok || back != m {
				t.Errorf("parseMajor(%q) = %d, which reads back as %d", s, m, back)
			}
		}
	})
}

func FuzzParseCursor(f *testing.F) {
	for _, s := range []string{"", "customers:0", "customers:25;n=312", "deals:100;n=5;moved", "customers:5;moved;n=3", "x:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parseCursor(s)
		if err != nil {
			return
		}
		q, err := parseCursor(p.String())
		if err != nil || q != p {
			t.Errorf("cursor %q → %+v → %q → %+v, %v", s, p, p.String(), q, err)
		}
	})
}

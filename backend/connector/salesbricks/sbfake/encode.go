package sbfake

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// This file renders the book in the shapes the REST API v2 documents:
// amounts as JSON numbers in major units (contract values as text with
// their currency sign), dates as "2006-01-02", date-times as RFC 3339.

type obj = map[string]any

// money renders minor units as an exact JSON number in major units.
func money(minor int64) json.RawMessage {
	return json.RawMessage(fmt.Sprintf("%d.%02d", minor/100, minor%100))
}

// moneyText renders minor units as Salesbricks' text form: "$1,200.50".
func moneyText(minor int64, currency string) string {
	n := strconv.FormatInt(minor/100, 10)
	var b strings.Builder
	for i := range len(n) {
		if i > 0 && (len(n)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(n[i])
	}
	num := fmt.Sprintf("%s.%02d", b.String(), minor%100)
	switch currency {
	case "", "USD":
		return "$" + num
	case "EUR":
		return "€" + num
	case "GBP":
		return "£" + num
	}
	return num + " " + currency
}

func date(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format("2006-01-02")
}

// lastDay renders an exclusive end as the calendar date of its last day.
func lastDay(end time.Time) any {
	if end.IsZero() {
		return nil
	}
	return date(end.Add(-day))
}

func stamp(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format("2006-01-02T15:04:05.000000Z07:00")
}

func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func address() obj {
	return obj{"line_1": "1 Market Street", "line_2": nil, "city": "Springfield", "region": "CA", "zip": "94000",
		"country": "United States"}
}

func customerJSON(c *Customer) obj {
	subs := make([]obj, 0, len(c.Subs))
	for _, s := range c.Subs {
		subs = append(subs, obj{"subscription_id": s.ID, "status": s.Status, "name": s.Plan,
			"starts_at": date(s.Starts), "ends_at": lastDay(s.TermEnd)})
	}
	o := obj{"customer_id": c.ID, "name": c.Name, "external_id": orNull(c.ExternalID), "address": address(),
		"stripe_customer_id": orNull(c.StripeID), "subscriptions": subs}
	if c.Website != "" {
		o["website"] = c.Website
	}
	return o
}

func person(email string) any {
	if email == "" {
		return nil
	}
	local, _, _ := strings.Cut(email, "@")
	first, last, _ := strings.Cut(local, ".")
	return obj{"person_id": "00000000-0000-4000-8000-" + fmt.Sprintf("%012x", len(email)*7919),
		"first_name": first, "last_name": last, "email": email, "preferred_name": first, "role": "Buyer"}
}

// lineItems are the plan line and, with seats, the seats line, priced per
// billing period.
func lineItems(s *Subscription) []obj {
	m := int64(s.Months)
	items := []obj{{"quantity": 1, "brick_id": "b0000000-0000-4000-8000-000000000001", "brick_name": s.Plan,
		"sub_total": money(s.BaseMonth * m), "plan_id": "p-" + strings.ToLower(s.Plan), "plan_name": s.Plan,
		"grand_total": moneyText(s.BaseMonth*m, s.Currency), "grand_total_details": "", "tiers_breakdown": []obj{}}}
	if s.Seats > 0 {
		total := int64(s.Seats) * s.SeatMonth * m
		items = append(items, obj{"quantity": s.Seats, "brick_id": "b0000000-0000-4000-8000-000000000002",
			"brick_name": "Seats", "sub_total": money(total), "plan_id": "p-" + strings.ToLower(s.Plan),
			"plan_name": s.Plan, "grand_total": moneyText(total, s.Currency), "grand_total_details": "",
			"tiers_breakdown": []obj{{"quantity": s.Seats, "unit_price": moneyText(s.SeatMonth*m, s.Currency),
				"sub_total": moneyText(total, s.Currency), "duration_text": fmt.Sprintf("%d months", m)}}})
	}
	return items
}

// schedule lists up to a year of billing periods from the start of the
// current term (after a running trial, from the trial's end).
func schedule(s *Subscription) []obj {
	from := s.TermStart
	if s.WantStatus == "trialing" {
		from = s.TermEnd
	}
	var out []obj
	for at := from; len(out) < 12 && at.Before(from.AddDate(1, 0, 0)); at = at.AddDate(0, s.Months, 0) {
		end := at.AddDate(0, s.Months, 0)
		out = append(out, obj{"starts_at": date(at), "ends_at": lastDay(end), "sub_total": money(s.Period()),
			"grand_total": moneyText(s.Period(), s.Currency), "grand_total_details": ""})
	}
	return out
}

func currentJSON(s *Subscription) obj {
	c := s.Customer
	stage := "CLOSED"
	if s.Status == "DRAFT" {
		stage = "BUILDING"
	}
	payables := append([]string{}, s.Payables...)
	o := obj{
		"subscription_id": s.ID, "status": s.Status, "stage": stage,
		"starts_at": date(s.Starts), "ends_at": lastDay(s.TermEnd), "renews_at": nil, "terminates_at": lastDay(s.Terminate),
		"sub_total": money(s.Period()), "grand_total": money(s.Period()), "grand_total_details": nil,
		"line_items": lineItems(s), "billing_schedule": schedule(s),
		"customer": obj{"customer_id": c.ID, "name": c.Name, "external_id": orNull(c.ExternalID), "address": address()},
		"metadata": obj{}, "point_of_contact": person(s.Contact), "signatory_user": person(s.Signatory),
		"accounts_payable_emails": payables,
	}
	if s.Renews {
		o["renews_at"] = date(s.TermEnd)
	}
	if s.Frequency != "" {
		o["billing_frequency"] = s.Frequency
	}
	if s.Currency != "" {
		o["currency"] = s.Currency
	}
	return o
}

func orderJSON(s *Subscription, o *Order) obj {
	j := obj{"order_id": o.ID, "contract_value": moneyText(o.Value, s.Currency),
		"pdf_url":   "https://app.salesbricks.com/orders/" + o.ID + "/order-form.pdf",
		"starts_at": date(o.Starts), "ends_at": lastDay(o.End), "order_type": o.Type}
	if !o.ClosedAt.IsZero() {
		j["closed_at"] = stamp(o.ClosedAt)
	}
	if o.Seats > 0 {
		j["line_items"] = []obj{{"brick_name": "Seats", "plan_name": s.Plan, "quantity": o.Seats}}
	}
	return j
}

func invoiceJSON(s *Subscription, in *Invoice) obj {
	j := obj{"invoice_id": in.ID, "subscription_id": s.ID, "customer_id": s.Customer.ID,
		"invoice_number": orNull(in.Number), "due_at": stamp(in.Due), "bill_at": stamp(in.Issued),
		"issued_at": stamp(in.Issued), "status": in.Status, "fully_paid_at": stamp(in.Paid),
		"grand_total": money(in.Total), "is_renewal_estimate": in.Estimate}
	if in.Estimate {
		j["invoice_id"], j["invoice_number"] = nil, nil
	}
	if in.Remaining >= 0 {
		j["remaining_amount"] = money(in.Remaining)
	}
	if in.Currency != "" {
		j["currency"] = in.Currency
	}
	return j
}

// dealJSON renders an order as companyOrders does: camelCase fields,
// metadata as a JSON string. rich adds the currency and lostReason fields.
func dealJSON(d *Deal, rich bool) obj {
	meta := obj{"salesforceAccountId": "sf-" + d.ID[:8]}
	if d.LostReason != "" && !d.ReasonInField {
		meta["lost_reason"] = d.LostReason
	}
	if d.Currency != "USD" {
		meta["currency"] = d.Currency
	}
	mb, _ := json.Marshal(meta)
	skus := make([]obj, 0, len(d.Skus))
	for _, s := range d.Skus {
		skus = append(skus, obj{"quantity": s.Quantity, "sku": obj{"name": s.Name, "code": nil}})
	}
	j := obj{"id": d.ID, "stage": d.Stage, "orderType": d.Type, "createdAt": stamp(d.Created),
		"updatedAt": stamp(d.Updated), "closedAt": stamp(d.Closed), "grandTotal": money(d.Total),
		"metadata": string(mb), "buyer": obj{"id": d.Buyer.ID, "name": d.Buyer.Name}, "orderskuSet": skus}
	if rich {
		j["currency"] = d.Currency
		j["lostReason"] = nil
		if d.ReasonInField {
			j["lostReason"] = d.LostReason
		}
	}
	return j
}

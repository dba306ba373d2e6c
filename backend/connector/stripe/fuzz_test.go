package stripe

import (
	"encoding/json"
	"strings"
	"testing"

	stripe "github.com/stripe/stripe-go/v76"

	"successdesk/backend/domain"
)

func FuzzMapSubscription(f *testing.F) {
	f.Add(sub("active", "usd", item(4900, 3, "usd", "month", 1)))
	f.Add(sub("trialing", "eur", item(1000, 1, "eur", "week", 2), item(99, 7, "eur", "week", 2)))
	f.Add(sub("past_due", "jpy", item(9223372036854775807, 9223372036854775807, "jpy", "day", 1)))
	f.Add(`{"id":"s","customer":{"id":"c"},"status":"active","items":{"data":[{"plan":{"amount":5,"interval":"year","interval_count":-3},"quantity":-1},null]}}`)
	f.Add(`{"id":"s","customer":"c","status":"canceled","start_date":1700000000,"trial_start":1700000000,"trial_end":1701209600,"ended_at":1703000000,"cancellation_details":{"reason":"payment_failed","feedback":"too_expensive","comment":"<b>bye</b>"}}`)
	f.Add(`{"id":"s","customer":"c","status":"active","created":5,"cancel_at_period_end":true,"canceled_at":9,"current_period_end":-4}`)
	f.Add(`{"id":"s","customer":"c","status":"canceled","items":{"data":[{"price":{"unit_amount_decimal":"1e300","recurring":{"interval":"month","interval_count":9223372036854775807}},"quantity":2}]}}`)
	f.Fuzz(func(t *testing.T, js string) {
		var s stripe.Subscription
		if json.Unmarshal([]byte(js), &s) != nil {
			return
		}
		r, ok := MapSubscription(&s)
		if !ok {
			return
		}
		if r.Amount.AmountMinor < 0 || r.MRRMinor < 0 || r.ARRMinor < 0 || r.Seats < 0 {
			t.Errorf("negative: %+v", r)
		}
		if r.Amount.Currency != strings.ToUpper(r.Amount.Currency) {
			t.Errorf("currency %q", r.Amount.Currency)
		}
		if r.AccountKey == "" || r.ExternalID == "" || r.Status == "" || r.Interval == "" {
			t.Errorf("incomplete record %+v", r)
		}
		// Its events: at most one of each kind, each the subscription's,
		// dated, and no more than a trial, a start and one ending.
		evs := SubscriptionEvents(&s, r)
		seen := map[string]bool{}
		for _, e := range evs {
			kind, found := strings.CutPrefix(e.ExternalID, r.ExternalID+"/")
			if !found || seen[kind] || e.AccountKey != r.AccountKey || e.OccurredAt.IsZero() ||
				e.Kind != domain.ActivityContractChange || e.Title == "" || e.Body == "" {
				t.Errorf("event %+v of %+v", e, r)
			}
			seen[kind] = true
		}
		if len(evs) > 3 || seen["canceled"] && (seen["cancel"] || seen["expired"]) || seen["started"] && seen["expired"] {
			t.Errorf("events %v of a %s subscription", seen, r.Status)
		}
		// The paid start never comes before the trial it follows.
		if len(evs) > 1 && seen["trial"] && seen["started"] && evs[1].OccurredAt.Before(evs[0].OccurredAt) {
			t.Errorf("started %v before its trial %v", evs[1].OccurredAt, evs[0].OccurredAt)
		}
	})
}

func FuzzMapInvoice(f *testing.F) {
	f.Add(`{"id":"in_1","customer":"cus_1","status":"open","currency":"usd","amount_due":100,"attempt_count":3,"charge":{"id":"ch","status":"failed","created":5}}`)
	f.Add(`{"id":"in_1","customer":{"id":"cus_1"},"subscription":{"id":"s"},"status":"paid","amount_paid":-5,"status_transitions":{"paid_at":-1}}`)
	f.Add(`{"id":"in_1","customer":"cus_1","status":"uncollectible","attempt_count":-2,"due_date":99999999999999}`)
	f.Fuzz(func(t *testing.T, js string) {
		var in stripe.Invoice
		if json.Unmarshal([]byte(js), &in) != nil {
			return
		}
		r, act, ok := MapInvoice(&in)
		if !ok {
			if act != nil {
				t.Error("activity without invoice")
			}
			return
		}
		if r.AmountDue.AmountMinor < 0 || r.AmountPaidMinor < 0 || r.Attempts < 0 {
			t.Errorf("negative: %+v", r)
		}
		if r.AmountDue.Currency != strings.ToUpper(r.AmountDue.Currency) {
			t.Errorf("currency %q", r.AmountDue.Currency)
		}
		// An event: each failed attempt, a payment after failed ones, an
		// invoice given up on after them.
		event := r.Status == "failed" || r.Status == "paid" && r.Attempts > 1 || r.Status == "void" && r.Attempts > 0
		if (act != nil) != event {
			t.Errorf("activity %v for status %s, %d attempts", act, r.Status, r.Attempts)
		}
		prefix := "Invoice " + r.ExternalID + " "
		if r.Status == "failed" {
			prefix = "Payment of "
		}
		if act != nil && (act.AccountKey != r.AccountKey || !strings.HasPrefix(act.Title, prefix) ||
			!strings.HasPrefix(act.ExternalID, r.ExternalID+"/")) {
			t.Errorf("activity %+v", act)
		}
	})
}

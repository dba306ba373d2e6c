package stripe

import (
	"strconv"
	"testing"
	"time"

	stripe "github.com/stripe/stripe-go/v76"

	"successdesk/backend/connector"
)

// TestSubscriptionEvents pins the contract changes a subscription's fields
// give: their keys, dates and wording, and the cases that give none.
func TestSubscriptionEvents(t *testing.T) {
	day := func(d int) int64 { return time.Date(2026, 10, d, 9, 0, 0, 0, time.UTC).Unix() }
	itoa := func(v int64) string { return strconv.FormatInt(v, 10) }
	base := `"customer":"cus_1","currency":"usd","current_period_start":` + itoa(day(1)) + `,"current_period_end":` + itoa(day(31)) +
		`,"items":{"data":[` + item(4900, 12, "usd", "month", 1) + `]}`
	type ev struct{ key, at, title, body string }
	cases := []struct {
		name, js string
		want     []ev
	}{
		{"a trial", `{"id":"sub_t","status":"trialing","start_date":` + itoa(day(1)) + `,"trial_start":` + itoa(day(1)) +
			`,"trial_end":` + itoa(day(15)) + `,` + base + `}`,
			[]ev{{"sub_t/trial", "2026-10-01", "Trial started (14 days)", "Seat trial for 12 seats, until Oct 15, 2026."}}},
		{"converted from a trial, set to cancel with feedback", `{"id":"sub_a","status":"active","start_date":` + itoa(day(1)) +
			`,"trial_start":` + itoa(day(1)) + `,"trial_end":` + itoa(day(8)) + `,"cancel_at_period_end":true,"canceled_at":` + itoa(day(20)) +
			`,"cancellation_details":{"reason":"cancellation_requested","feedback":"switched_service","comment":"Moving to <b>Hooli</b>."},` + base + `}`,
			[]ev{
				{"sub_a/trial", "2026-10-01", "Trial started (7 days)", "Seat trial for 12 seats, until Oct 8, 2026."},
				{"sub_a/started", "2026-10-08", "Subscription started: Seat", "Seat · 12 seats · $588.00 per month."},
				{"sub_a/cancel", "2026-10-20", "Subscription set to cancel at period end",
					"Seat ends on Oct 31, 2026 unless the customer resumes it. Feedback: switched service. Comment: “Moving to <b>Hooli</b>.”"},
			}},
		{"canceled after failed payments", `{"id":"sub_c","status":"canceled","start_date":` + itoa(day(2)) + `,"canceled_at":` + itoa(day(25)) +
			`,"ended_at":` + itoa(day(26)) + `,"cancellation_details":{"reason":"payment_failed"},` + base + `}`,
			[]ev{
				{"sub_c/started", "2026-10-02", "Subscription started: Seat", "Seat · 12 seats · $588.00 per month."},
				{"sub_c/canceled", "2026-10-26", "Subscription canceled", "Canceled after failed payments."},
			}},
		{"canceled in its trial: no start", `{"id":"sub_x","status":"canceled","start_date":` + itoa(day(1)) + `,"trial_start":` + itoa(day(1)) +
			`,"trial_end":` + itoa(day(15)) + `,"ended_at":` + itoa(day(5)) + `,"cancellation_details":{"reason":"cancellation_requested"},` + base + `}`,
			[]ev{
				{"sub_x/trial", "2026-10-01", "Trial started (14 days)", "Seat trial for 12 seats, until Oct 15, 2026."},
				{"sub_x/canceled", "2026-10-05", "Subscription canceled", "Canceled at the customer's request."},
			}},
		{"never paid for", `{"id":"sub_e","status":"incomplete_expired","start_date":` + itoa(day(3)) + `,"ended_at":` + itoa(day(4)) + `,` + base + `}`,
			[]ev{{"sub_e/expired", "2026-10-04", "Subscription expired: first payment never completed", "Seat · 12 seats · $588.00 per month."}}},
		{"set to cancel with no date: no event", `{"id":"sub_n","status":"active","start_date":` + itoa(day(3)) +
			`,"cancel_at_period_end":true,` + base + `}`,
			[]ev{{"sub_n/started", "2026-10-03", "Subscription started: Seat", "Seat · 12 seats · $588.00 per month."}}},
		{"no dates at all", `{"id":"sub_z","status":"active",` + base + `}`, nil},
		{"incomplete", `{"id":"sub_i","status":"incomplete","start_date":` + itoa(day(3)) + `,` + base + `}`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := decode[stripe.Subscription](t, tc.js)
			r, ok := MapSubscription(s)
			if !ok {
				t.Fatal("not mapped")
			}
			got := SubscriptionEvents(s, r)
			if len(got) != len(tc.want) {
				t.Fatalf("%d events, want %d: %+v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				g := got[i]
				if g.ExternalID != w.key || g.OccurredAt.Format(time.DateOnly) != w.at || g.Title != w.title || g.Body != w.body ||
					g.AccountKey != "cus_1" || g.Kind != "contract_change" || g.Source != "stripe" {
					t.Errorf("event %d:\n got %s %s %q %q\nwant %s %s %q %q", i, g.ExternalID, g.OccurredAt.Format(time.DateOnly),
						g.Title, g.Body, w.key, w.at, w.title, w.body)
				}
			}
		})
	}
	if SubscriptionEvents(nil, connector.RevenueRecord{}) != nil {
		t.Fatal("a nil subscription has events")
	}
}

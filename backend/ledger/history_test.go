package ledger

import (
	"slices"
	"testing"
	"time"

	"successdesk/backend/domain"
)

func change(src domain.Source, at time.Time, title, body string) domain.Activity {
	return domain.Activity{Source: src, Kind: domain.ActivityContractChange, OccurredAt: at, Title: title, Body: body}
}

func TestHistoryKeepsTheRowsOwnChangesAndAddsTermAndRenewal(t *testing.T) {
	pro := sb(1, "Pied Piper Pro", domain.StatusActive, domain.IntervalAnnual, 1_200_000, "USD")
	plus := sb(2, "Pied Piper Pro Plus", domain.StatusActive, domain.IntervalAnnual, 2_400_000, "USD")
	plus.TermStart = day(-30)
	addOn := st(3, "Storage add-on", domain.StatusActive, domain.IntervalMonthly, 29_900, "USD")
	addOn.CancelAtPeriodEnd, addOn.TermEnd = true, day(20)
	l := build(Input{Account: acct(1, "Hooli"), Records: []Record{pro, plus, addOn}})
	acts := []domain.Activity{
		change(domain.SourceSalesbricks, pro.TermStart.Add(2*time.Hour), "Contract signed: Pied Piper Pro", "Pied Piper Pro · 10 seats."),
		change(domain.SourceSalesbricks, day(-100), "Added 5 seats (10 → 15)", "Pied Piper Pro · 15 seats."),
		change(domain.SourceSalesbricks, plus.TermStart, "Renewed for 12 months", "Pied Piper Pro Plus · 20 seats."),
		change(domain.SourceSalesbricks, day(-60), "Contract changed", "Terms updated."), // names no product: every Salesbricks row
		change(domain.SourceStripe, day(-10), "Subscription set to cancel at period end", "Storage add-on ends soon."),
		{Source: domain.SourceSalesbricks, Kind: domain.ActivityPayment, OccurredAt: day(-5), Title: "Invoice paid"},
	}
	type ev struct{ kind, title string }
	got := func(r *Row) []ev {
		var out []ev
		for _, e := range l.History(r, acts) {
			out = append(out, ev{e.Kind, e.Title})
		}
		return out
	}
	// Pro: its signature (so no synthesized term start), its amendment, the
	// product-less change, and the coming renewal; not Pro Plus's renewal.
	wantPro := []ev{{EventRenewal, "Renewal due"}, {EventAmendment, "Contract changed"}, {EventAmendment, "Added 5 seats (10 → 15)"},
		{EventTerm, "Contract signed: Pied Piper Pro"}}
	if g := got(l.Row(0)); !slices.Equal(g, wantPro) {
		t.Errorf("Pro history %v, want %v", g, wantPro)
	}
	wantPlus := []ev{{EventRenewal, "Renewal due"}, {EventRenewal, "Renewed for 12 months"}, {EventAmendment, "Contract changed"}}
	if g := got(l.Row(1)); !slices.Equal(g, wantPlus) {
		t.Errorf("Pro Plus history %v, want %v", g, wantPlus)
	}
	// The add-on has no change on its start day, so its term start is
	// synthesized; set to cancel, its term end is a cancellation.
	wantAddOn := []ev{{EventCancellation, "Ends at term end"}, {EventCancellation, "Subscription set to cancel at period end"},
		{EventTerm, "Term started"}}
	if g := got(l.Row(2)); !slices.Equal(g, wantAddOn) {
		t.Errorf("add-on history %v, want %v", g, wantAddOn)
	}
}

func TestClassify(t *testing.T) {
	for title, want := range map[string]string{
		"Renewed for 12 months":                      EventRenewal,
		"Contract expired without renewal":           EventStatus,
		"Non-renewal notice received":                EventCancellation,
		"Subscription canceled":                      EventCancellation,
		"Upgraded from Pro to Enterprise (+5 seats)": EventAmendment,
		"Downgraded to 3 seats":                      EventAmendment,
		"Replaced the contract for 12 months":        EventAmendment,
		"Order sent for signature: Pied Piper Pro":   EventOrder,
		"Order drafted: Pied Piper Pro":              EventOrder,
		"Signed for 24 months":                       EventTerm,
		"Started a 14-day trial":                     EventTerm,
		"Subscription started: Pied Piper Pro":       EventTerm,
		"Became active":                              EventStatus,
	} {
		if got := Classify(title); got != want {
			t.Errorf("Classify(%q) = %s, want %s", title, got, want)
		}
	}
}

func TestRetriesFromInvoices(t *testing.T) {
	invs := []domain.Invoice{
		// Unpaid after three failures, a fourth attempt scheduled.
		{ExternalID: "in_open", Status: domain.InvoiceFailed, Attempts: 3, LastFailureAt: day(-2), NextAttemptAt: day(5),
			FailureReason: "card_declined"},
		// Paid on the third attempt after two failures.
		{ExternalID: "in_recovered", Status: domain.InvoicePaid, Attempts: 3, LastFailureAt: day(-40), PaidAt: day(-33),
			FailureReason: "insufficient_funds"},
		// Paid at once: no retries.
		{ExternalID: "in_ok", Status: domain.InvoicePaid, Attempts: 1, PaidAt: day(-60)},
		// Voided after four failures: nothing scheduled.
		{ExternalID: "in_void", Status: domain.InvoiceVoid, Attempts: 4, LastFailureAt: day(-90), FailureReason: "expired_card"},
		// Open, not attempted yet.
		{ExternalID: "in_new", Status: domain.InvoiceOpen, NextAttemptAt: day(1)},
	}
	at := map[string]time.Time{AttemptKey("in_open", 1): day(-16), AttemptKey("in_open", 3): day(-3)}
	got := Retries(invs, at)
	want := []Attempt{
		{"in_open", 1, day(-16), RetryFailed, ""},
		{"in_open", 2, time.Time{}, RetryFailed, ""},
		{"in_open", 3, day(-2), RetryFailed, "card_declined"}, // LastFailureAt wins for the last
		{"in_open", 4, day(5), RetryScheduled, ""},
		{"in_recovered", 1, time.Time{}, RetryFailed, ""},
		{"in_recovered", 2, day(-40), RetryFailed, "insufficient_funds"},
		{"in_recovered", 3, day(-33), RetrySucceeded, ""},
		{"in_void", 1, time.Time{}, RetryFailed, ""},
		{"in_void", 2, time.Time{}, RetryFailed, ""},
		{"in_void", 3, time.Time{}, RetryFailed, ""},
		{"in_void", 4, day(-90), RetryFailed, "expired_card"},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("retries\n got %v\nwant %v", got, want)
	}
	if AttemptKey("in_1", 2) != "in_1/attempt/2" {
		t.Fatal("attempt key differs from the Stripe sync's")
	}
}

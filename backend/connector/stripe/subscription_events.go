package stripe

import (
	"fmt"
	"strings"
	"time"

	stripe "github.com/stripe/stripe-go/v76"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// This file words the contract-change events of the activity feed that a
// subscription's own fields show: its trial, its start, a cancellation
// asked for at the period's end, its cancellation and an expiry before the
// first payment. Each is keyed by the subscription id plus "/"+kind, so a
// later sync rewrites it rather than adding another, and each is dated by
// the field that says when it happened (no date, no event). A change of
// plan or seats shows only as the subscription's new state: the list
// endpoints keep no history of earlier items.

// SubscriptionEvents returns the feed events of subscription s, already
// mapped to rec by MapSubscription: at most one trial, one start, and one
// of set-to-cancel, canceled or expired. Pure: no I/O, no panics on any
// input.
func SubscriptionEvents(s *stripe.Subscription, rec connector.RevenueRecord) []connector.ActivityRecord {
	if s == nil {
		return nil
	}
	var out []connector.ActivityRecord
	add := func(suffix string, at time.Time, title, body string) {
		if at.IsZero() {
			return
		}
		out = append(out, connector.ActivityRecord{AccountKey: rec.AccountKey, Activity: domain.Activity{
			Source: domain.SourceStripe, ExternalID: rec.ExternalID + "/" + suffix, Kind: domain.ActivityContractChange,
			OccurredAt: at, Title: title, Body: body}})
	}
	product := rec.Product
	if product == "" {
		product = "Subscription"
	}
	trialStart, trialEnd := unix(s.TrialStart), unix(s.TrialEnd)
	ended := unix(s.EndedAt)
	hadTrial := !trialStart.IsZero() && trialEnd.After(trialStart)
	if hadTrial {
		days := int((trialEnd.Sub(trialStart) + 12*time.Hour) / (24 * time.Hour))
		add("trial", trialStart, "Trial started ("+domain.Plural(days, "day")+")",
			product+" trial"+seatsText(rec.Seats, " for ")+", until "+domain.DayLabel(trialEnd)+".")
	}
	// The paid subscription starts when its trial ends, or when it starts;
	// not at all when it ended first (canceled in its trial) or has not
	// been paid for yet.
	switch rec.Status {
	case domain.StatusActive, domain.StatusPastDue, domain.StatusCanceled:
		start := unix(s.StartDate)
		if start.IsZero() {
			start = unix(s.Created)
		}
		if hadTrial {
			start = trialEnd
		}
		if ended.IsZero() || start.Before(ended) {
			add("started", start, "Subscription started: "+product, planText(rec))
		}
	}
	switch {
	case rec.Status == domain.StatusCanceled:
		at := ended
		if at.IsZero() {
			at = unix(s.CanceledAt)
		}
		add("canceled", at, "Subscription canceled", cancellationText(s.CancellationDetails, "Canceled"))
	case rec.Status == domain.StatusExpired:
		add("expired", ended, "Subscription expired: first payment never completed", planText(rec))
	case s.CancelAtPeriodEnd:
		body := product + " ends on " + domain.DayLabel(rec.TermEnd) + " unless the customer resumes it."
		if rec.TermEnd.IsZero() {
			body = product + " ends when its current period does, unless the customer resumes it."
		}
		if why := cancellationText(s.CancellationDetails, ""); why != "" {
			body += " " + why
		}
		add(cancelEvent, unix(s.CanceledAt), "Subscription set to cancel at period end", body)
	}
	return out
}

// planText describes a plan the way the demo book does: "Pro · 12 seats ·
// $588.00 per month."
func planText(rec connector.RevenueRecord) string {
	product := rec.Product
	if product == "" {
		product = "Subscription"
	}
	return product + seatsText(rec.Seats, " · ") + " · " + rec.Amount.Display() + " per " + rec.Interval.Period() + "."
}

// seatsText is sep+"N seats", or "" without seats.
func seatsText(seats int, sep string) string {
	if seats <= 0 {
		return ""
	}
	return sep + domain.Plural(seats, "seat")
}

// cancellationReasons words Stripe's cancellation_details.reason.
var cancellationReasons = map[stripe.SubscriptionCancellationDetailsReason]string{
	stripe.SubscriptionCancellationDetailsReasonCancellationRequested: "at the customer's request",
	stripe.SubscriptionCancellationDetailsReasonPaymentFailed:         "after failed payments",
	stripe.SubscriptionCancellationDetailsReasonPaymentDisputed:       "after a disputed payment",
}

// cancellationText says why a subscription was canceled: verb plus the
// reason ("Canceled at the customer's request."), then the customer's
// feedback and comment when given. With an empty verb the reason is left
// out. It is "" when nothing is known (and verb alone when only that).
func cancellationText(d *stripe.SubscriptionCancellationDetails, verb string) string {
	var parts []string
	if verb != "" {
		s := verb
		if d != nil && cancellationReasons[d.Reason] != "" {
			s += " " + cancellationReasons[d.Reason]
		}
		parts = append(parts, s+".")
	}
	if d == nil {
		return strings.Join(parts, " ")
	}
	if f := strings.TrimSpace(string(d.Feedback)); f != "" {
		parts = append(parts, "Feedback: "+strings.ReplaceAll(f, "_", " ")+".")
	}
	if c := strings.TrimSpace(d.Comment); c != "" {
		parts = append(parts, fmt.Sprintf("Comment: “%s”", c))
	}
	return strings.Join(parts, " ")
}

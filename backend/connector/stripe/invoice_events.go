package stripe

import (
	"fmt"

	stripe "github.com/stripe/stripe-go/v76"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// This file words the activity-feed events an invoice makes (MapInvoice):
// each failed attempt, a payment after failed attempts, an invoice given up
// on after them.

// recoveredPaymentActivity is the event of an invoice paid after failed
// attempts: worded as the demo book words it.
func recoveredPaymentActivity(inv connector.InvoiceRecord) connector.ActivityRecord {
	at := inv.PaidAt
	if at.IsZero() {
		at = inv.IssuedAt
	}
	return connector.ActivityRecord{
		AccountKey: inv.AccountKey,
		Activity: domain.Activity{
			Source:     domain.SourceStripe,
			ExternalID: inv.ExternalID + "/paid",
			Kind:       domain.ActivityPayment,
			OccurredAt: at,
			Title:      "Invoice " + inv.ExternalID + " paid",
			Body: fmt.Sprintf("%s paid on attempt %d after %s.", inv.AmountDue.Display(), inv.Attempts,
				domain.Plural(inv.Attempts-1, "failed attempt")),
		},
	}
}

// closedInvoiceActivity is the event of an invoice given up on after failed
// attempts: voided, or marked uncollectible (money the account will not
// pay).
func closedInvoiceActivity(inv connector.InvoiceRecord, status stripe.InvoiceStatus, st *stripe.InvoiceStatusTransitions) connector.ActivityRecord {
	if st == nil {
		st = &stripe.InvoiceStatusTransitions{}
	}
	failed := domain.Plural(inv.Attempts, "failed attempt")
	title, body, at := "voided", "Voided after "+failed+".", unix(st.VoidedAt)
	if status == stripe.InvoiceStatusUncollectible {
		title, body = "marked uncollectible", inv.AmountDue.Display()+" left unpaid after "+failed+"."
		at = unix(st.MarkedUncollectibleAt)
	}
	if at.IsZero() {
		at = inv.IssuedAt
	}
	return connector.ActivityRecord{
		AccountKey: inv.AccountKey,
		Activity: domain.Activity{
			Source:     domain.SourceStripe,
			ExternalID: inv.ExternalID + "/closed",
			Kind:       domain.ActivityPayment,
			OccurredAt: at,
			Title:      "Invoice " + inv.ExternalID + " " + title,
			Body:       body,
		},
	}
}

// failedPaymentActivity is the event of one failed attempt to collect an
// invoice, with the reason and the next retry when known.
func failedPaymentActivity(inv connector.InvoiceRecord) connector.ActivityRecord {
	body := fmt.Sprintf("Invoice %s: attempt %d failed.", inv.ExternalID, inv.Attempts)
	if inv.FailureReason != "" {
		body += " Reason: " + inv.FailureReason
	}
	if !inv.NextAttemptAt.IsZero() {
		body += " Next retry " + inv.NextAttemptAt.Format("2 Jan 2006") + "."
	}
	return connector.ActivityRecord{
		AccountKey: inv.AccountKey,
		Activity: domain.Activity{
			Source:     domain.SourceStripe,
			ExternalID: fmt.Sprintf("%s/attempt/%d", inv.ExternalID, inv.Attempts),
			Kind:       domain.ActivityPayment,
			OccurredAt: inv.LastFailureAt,
			Title:      "Payment of " + inv.AmountDue.Display() + " failed",
			Body:       body,
		},
	}
}

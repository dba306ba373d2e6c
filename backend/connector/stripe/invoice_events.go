package stripe

import (
	"fmt"
	"strconv"
	"time"

	stripe "github.com/stripe/stripe-go/v76"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// This file words the activity-feed events an invoice makes (MapInvoice):
// each failed attempt, a payment after failed attempts, an invoice given up
// on after them.

// invoiceEvent is an event of invoice inv: a payment activity of the
// invoice's customer whose external id is the invoice's plus "/"+suffix.
func invoiceEvent(inv connector.InvoiceRecord, suffix string, at time.Time, title, body string) connector.ActivityRecord {
	return connector.ActivityRecord{
		AccountKey: inv.AccountKey,
		Activity: domain.Activity{
			Source:     domain.SourceStripe,
			ExternalID: inv.ExternalID + "/" + suffix,
			Kind:       domain.ActivityPayment,
			OccurredAt: at,
			Title:      title,
			Body:       body,
		},
	}
}

// recoveredPaymentActivity is the event of an invoice paid after failed
// attempts: worded as the demo book words it.
func recoveredPaymentActivity(inv connector.InvoiceRecord) connector.ActivityRecord {
	at := inv.PaidAt
	if at.IsZero() {
		at = inv.IssuedAt
	}
	return invoiceEvent(inv, "paid", at, "Invoice "+inv.ExternalID+" paid", fmt.Sprintf("%s paid on attempt %d after %s.",
		inv.AmountDue.Display(), inv.Attempts, domain.Plural(inv.Attempts-1, "failed attempt")))
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
	return invoiceEvent(inv, "closed", at, "Invoice "+inv.ExternalID+" "+title, body)
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
	return invoiceEvent(inv, "attempt/"+strconv.Itoa(inv.Attempts), inv.LastFailureAt,
		"Payment of "+inv.AmountDue.Display()+" failed", body)
}

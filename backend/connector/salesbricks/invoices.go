package salesbricks

import (
	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// invoiceWords maps Salesbricks' invoice status words to ours. PENDING,
// PAID and MUTED are documented (MUTED: never sent, from a migration
// cut-over or muted in settings, so it is void for the customer). A word
// that maps to "" is an invoice that has not been issued yet and is left
// out, like an unknown word.
var invoiceWords = invert(map[domain.InvoiceStatus][]string{
	domain.InvoicePaid:   {"PAID", "FULLY_PAID"},
	domain.InvoiceOpen:   {"PENDING", "OPEN", "ISSUED", "SENT", "DUE", "UNPAID", "PAST_DUE", "OVERDUE", "PARTIALLY_PAID"},
	domain.InvoiceFailed: {"FAILED", "PAYMENT_FAILED"},
	domain.InvoiceVoid:   {"VOID", "VOIDED", "CANCELED", "CANCELLED", "MUTED", "UNCOLLECTIBLE", "WRITTEN_OFF"},
	"":                   {"DRAFT", "SCHEDULED", "UPCOMING", "ESTIMATE"},
})

// mapInvoice maps an invoice of the subscription subID (the one whose list
// it came from) to an invoice record of accountKey. The amount due is its
// grand_total; the amount paid is grand_total less remaining_amount (all of
// it for a paid invoice that sends no remainder); it is issued at
// issued_at, else bill_at. ok is false for a renewal estimate, an invoice
// without an id, and drafts, scheduled and unknown statuses.
func mapInvoice(in wireInvoice, accountKey, subID, contractCurrency string) (connector.InvoiceRecord, bool) {
	if in.ID == "" || accountKey == "" || (in.RenewalEstimate.set && in.RenewalEstimate.value) {
		return connector.InvoiceRecord{}, false
	}
	status, ok := invoiceWords[word(in.Status.String())]
	if !ok || status == "" {
		return connector.InvoiceRecord{}, false
	}
	due := clamp(in.GrandTotal.minor)
	paid := int64(0)
	switch {
	case in.RemainingAmount.set:
		paid = due - min(clamp(in.RemainingAmount.minor), due)
	case status == domain.InvoicePaid:
		paid = due
	}
	rec := connector.InvoiceRecord{
		AccountKey: accountKey,
		RevenueKey: firstString(in.SubscriptionID.String(), subID),
		Invoice: domain.Invoice{
			Source:     domain.SourceSalesbricks,
			ExternalID: in.ID.String(),
			Status:     status,
			AmountDue: domain.Money{AmountMinor: due, Currency: firstString(currencyOf(in.Currency.String()),
				in.GrandTotal.currency, contractCurrency, DefaultCurrency)},
			AmountPaidMinor: paid,
			IssuedAt:        firstTime(in.IssuedAt.t, in.BillAt.t),
			DueAt:           in.DueAt.t,
		},
	}
	if status == domain.InvoicePaid {
		rec.PaidAt = in.FullyPaidAt.t
	}
	return rec, true
}

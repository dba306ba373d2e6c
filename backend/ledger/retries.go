package ledger

import (
	"strconv"
	"time"

	"successdesk/backend/domain"
)

// Retry outcomes.
const (
	RetryFailed    = "failed"
	RetrySucceeded = "succeeded"
	RetryScheduled = "scheduled"
)

// Attempt is one payment attempt of an invoice, past or scheduled.
type Attempt struct {
	Invoice string // the invoice's external id
	N       int    // 1-based
	At      time.Time
	Outcome string
	Reason  string
}

// AttemptKey is how a payment activity names the failed attempt n of
// invoice inv ("<invoice>/attempt/<n>"), the way Stripe's sync records them.
func AttemptKey(inv string, n int) string { return inv + "/attempt/" + strconv.Itoa(n) }

// Retries lays out the payment attempts of invs (newest invoice first,
// each invoice's attempts in order) from what each invoice records: its
// attempt count, its last failure and failure reason, its next attempt.
// Only invoices with a failed attempt appear. Of an invoice with n
// attempts, all n failed unless it was paid, when the last succeeded (at
// PaidAt); an unpaid one with a next attempt adds it as scheduled. A
// failed attempt is dated by at (keyed by AttemptKey) when known, the last
// one by the invoice's LastFailureAt; others have no date. The failure
// reason is known for the last failure only.
func Retries(invs []domain.Invoice, at map[string]time.Time) []Attempt {
	var out []Attempt
	for _, inv := range invs {
		paid := inv.Status == domain.InvoicePaid
		unpaid := inv.Status == domain.InvoiceOpen || inv.Status == domain.InvoiceFailed
		n := inv.Attempts
		if inv.Status == domain.InvoiceFailed && n == 0 {
			n = 1
		}
		failed := n
		if paid {
			failed = n - 1
		}
		if failed <= 0 || (inv.Status != domain.InvoiceFailed && inv.LastFailureAt.IsZero() && inv.FailureReason == "") {
			continue
		}
		for k := 1; k <= failed; k++ {
			a := Attempt{Invoice: inv.ExternalID, N: k, At: at[AttemptKey(inv.ExternalID, k)], Outcome: RetryFailed}
			if k == failed {
				if !inv.LastFailureAt.IsZero() {
					a.At = inv.LastFailureAt
				}
				a.Reason = inv.FailureReason
			}
			out = append(out, a)
		}
		switch {
		case paid:
			out = append(out, Attempt{Invoice: inv.ExternalID, N: n, At: inv.PaidAt, Outcome: RetrySucceeded})
		case unpaid && !inv.NextAttemptAt.IsZero():
			out = append(out, Attempt{Invoice: inv.ExternalID, N: n + 1, At: inv.NextAttemptAt, Outcome: RetryScheduled})
		}
	}
	return out
}

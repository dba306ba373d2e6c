package scoring

import (
	"fmt"
	"slices"
	"strings"

	"successdesk/backend/domain"
)

// payment sets h.PaymentStatus and adds the payment factors. It reports false
// (category missing) when the account has neither invoices nor revenue
// sources.
func (e *eval) payment(h *domain.HealthScore) bool {
	pastDue := e.pastDueInvoices()
	h.PaymentStatus = paymentStatus(e.v.revenue, len(pastDue) > 0)
	if !e.v.billed && len(e.v.revenue) == 0 {
		e.missing(domain.CategoryPayment, "No billing data")
		return false
	}
	if len(pastDue) > 0 {
		e.addPastDue(pastDue)
	}
	e.failedPayments()
	e.cancellation()
	return true
}

// paymentStatus is past_due when an invoice is past due or a source is past
// due; else trialing when every current source trials; active when one is
// active; canceled when every source is canceled or expired; none otherwise.
func paymentStatus(rev []domain.RevenueSource, invoicePastDue bool) string {
	var active, trialing, ended, other int
	for _, r := range rev {
		switch r.Status {
		case domain.StatusPastDue:
			return "past_due"
		case domain.StatusActive:
			active++
		case domain.StatusTrialing:
			trialing++
		case domain.StatusCanceled, domain.StatusExpired:
			ended++
		default:
			other++
		}
	}
	switch {
	case invoicePastDue:
		return "past_due"
	case active > 0:
		return "active"
	case trialing > 0:
		return "trialing"
	case ended > 0 && other == 0:
		return "canceled"
	}
	return "none"
}

// pastDueInvoices returns the invoices unpaid after their due date, oldest
// due date first.
func (e *eval) pastDueInvoices() []domain.Invoice {
	var out []domain.Invoice
	for _, inv := range e.v.invoices {
		if inv.PastDue(e.v.now) {
			out = append(out, inv)
		}
	}
	slices.SortFunc(out, func(a, b domain.Invoice) int {
		if c := a.DueAt.Compare(b.DueAt); c != 0 {
			return c
		}
		return strings.Compare(a.ExternalID, b.ExternalID)
	})
	return out
}

func outstanding(inv domain.Invoice) domain.Money {
	return domain.Money{AmountMinor: max(inv.AmountDue.AmountMinor-inv.AmountPaidMinor, 0), Currency: inv.AmountDue.Currency}
}

func (e *eval) addPastDue(invs []domain.Invoice) {
	ev := make([]domain.Evidence, 0, min(len(invs), maxEvidence))
	for _, inv := range invs[:min(len(invs), maxEvidence)] {
		ev = append(ev, domain.Evidence{Kind: "invoice", Ref: inv.ExternalID,
			Label: fmt.Sprintf("%s due %s", outstanding(inv).Display(), fmtDay(inv.DueAt)), At: inv.DueAt})
	}
	oldest := invs[0]
	if len(invs) == 1 {
		e.add(CodePastDueInvoice, fmt.Sprintf("Invoice %s for %s was due %s and is unpaid.", oldest.ExternalID,
			outstanding(oldest).Display(), fmtDay(oldest.DueAt)), ev...)
		return
	}
	total, sameCurrency := int64(0), true
	for _, inv := range invs {
		total += outstanding(inv).AmountMinor
		sameCurrency = sameCurrency && inv.AmountDue.Currency == oldest.AmountDue.Currency
	}
	amount := "in several currencies"
	if sameCurrency {
		amount = (domain.Money{AmountMinor: total, Currency: oldest.AmountDue.Currency}).Display() + " outstanding"
	}
	e.add(CodePastDueInvoice, fmt.Sprintf("%d invoices past due, %s; the oldest, %s, was due %s.",
		len(invs), amount, oldest.ExternalID, fmtDay(oldest.DueAt)), ev...)
}

// failedPayments adds failed_payment for payment attempts that failed in the
// last 30 days, newest first in the evidence.
func (e *eval) failedPayments() {
	now := e.v.now
	since := now.Add(-failedPaymentDays * day)
	var failed []domain.Invoice
	for _, inv := range e.v.invoices {
		if !inv.LastFailureAt.IsZero() && inv.LastFailureAt.After(since) && !inv.LastFailureAt.After(now) {
			failed = append(failed, inv)
		}
	}
	if len(failed) == 0 {
		return
	}
	slices.SortFunc(failed, func(a, b domain.Invoice) int {
		if c := b.LastFailureAt.Compare(a.LastFailureAt); c != 0 {
			return c
		}
		return strings.Compare(a.ExternalID, b.ExternalID)
	})
	ev := make([]domain.Evidence, 0, min(len(failed), maxEvidence))
	for _, inv := range failed[:min(len(failed), maxEvidence)] {
		label := fmt.Sprintf("%s failed %s", inv.AmountDue.Display(), fmtDay(inv.LastFailureAt))
		if r := clip(inv.FailureReason, 60); r != "" {
			label += ": " + r
		}
		ev = append(ev, domain.Evidence{Kind: "invoice", Ref: inv.ExternalID, Label: label, At: inv.LastFailureAt})
	}
	newest := failed[0]
	var detail string
	if len(failed) == 1 {
		detail = fmt.Sprintf("Payment of invoice %s (%s) failed on %s", newest.ExternalID, newest.AmountDue.Display(),
			fmtDay(newest.LastFailureAt))
	} else {
		detail = fmt.Sprintf("%d invoices had a failed payment in the last %d days; the newest, %s, failed on %s",
			len(failed), failedPaymentDays, newest.ExternalID, fmtDay(newest.LastFailureAt))
	}
	if r := clip(newest.FailureReason, 60); r != "" {
		detail += " (" + r + ")"
	}
	if !newest.PaidAt.IsZero() {
		detail += "; it was paid on " + fmtDay(newest.PaidAt)
	}
	e.add(CodeFailedPayment, detail+".", ev...)
}

// cancellation adds subscription_canceled when a source was canceled and none
// still runs, else cancel_scheduled when a running source is set to cancel.
func (e *eval) cancellation() {
	var canceled, scheduled []domain.RevenueSource
	running := false
	for _, r := range e.v.revenue {
		switch {
		case r.Status == domain.StatusCanceled:
			canceled = append(canceled, r)
		case current(r.Status):
			running = true
			if r.CancelAtPeriodEnd {
				scheduled = append(scheduled, r)
			}
		}
	}
	switch {
	case !running && len(canceled) > 0:
		r := newestTerm(canceled)
		detail := fmt.Sprintf("%s was canceled", contractName(r))
		if !r.TermEnd.IsZero() {
			detail += fmt.Sprintf(" (term end %s)", fmtDay(r.TermEnd))
		}
		e.add(CodeSubscriptionCanceled, detail+" and no contract or subscription is active, trialing or past due.",
			contractEvidence(canceled, "canceled")...)
	case len(scheduled) > 0:
		r := newestTerm(scheduled)
		detail := fmt.Sprintf("%s is set to cancel at the end of its period", contractName(r))
		if !r.TermEnd.IsZero() {
			detail += " on " + fmtDay(r.TermEnd)
		}
		e.add(CodeCancelScheduled, detail+".", contractEvidence(scheduled, "set to cancel")...)
	}
}

// newestTerm returns the source whose term ends last (open-ended counts as
// latest), ties broken by external id.
func newestTerm(rs []domain.RevenueSource) domain.RevenueSource {
	best := rs[0]
	for _, r := range rs[1:] {
		if laterTerm(r, best) {
			best = r
		}
	}
	return best
}

func laterTerm(a, b domain.RevenueSource) bool {
	switch {
	case a.TermEnd.IsZero() != b.TermEnd.IsZero():
		return a.TermEnd.IsZero()
	case !a.TermEnd.Equal(b.TermEnd):
		return a.TermEnd.After(b.TermEnd)
	}
	return a.ExternalID < b.ExternalID
}

// contractName names a revenue source in a sentence: "Contract C-1 (Pro)".
func contractName(r domain.RevenueSource) string {
	kind := "Contract"
	if r.Source == domain.SourceStripe {
		kind = "Subscription"
	}
	s := kind + " " + r.ExternalID
	if p := clip(r.Product, 40); p != "" {
		s += " (" + p + ")"
	}
	return s
}

// contractEvidence lists rs, latest term end first; it sorts rs in place.
func contractEvidence(rs []domain.RevenueSource, state string) []domain.Evidence {
	slices.SortFunc(rs, func(a, b domain.RevenueSource) int {
		switch {
		case laterTerm(a, b):
			return -1
		case laterTerm(b, a):
			return 1
		}
		return 0
	})
	ev := make([]domain.Evidence, 0, min(len(rs), maxEvidence))
	for _, r := range rs[:min(len(rs), maxEvidence)] {
		ev = append(ev, domain.Evidence{Kind: "contract", Ref: r.ExternalID, Label: contractLabel(r, state), At: r.TermEnd})
	}
	return ev
}

// contractLabel is a short evidence label: "Pro, canceled, term end 2026-09-30".
func contractLabel(r domain.RevenueSource, state string) string {
	parts := make([]string, 0, 3)
	if p := clip(r.Product, 40); p != "" {
		parts = append(parts, p)
	}
	parts = append(parts, state)
	if !r.TermEnd.IsZero() {
		parts = append(parts, "term end "+fmtDay(r.TermEnd))
	}
	return strings.Join(parts, ", ")
}

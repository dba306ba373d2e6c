package demo

import (
	"slices"
	"time"

	"successdesk/backend/domain"
)

// invoice returns a collected invoice for the billing date d. Stripe and card
// invoices are charged an hour after issue; Salesbricks bank transfers arrive
// within the 30-day terms. An invoice whose payment would land after now is
// still open.
func (g *gen) invoice(w *work, src domain.Source, d time.Time, amount int64, card bool) domain.Invoice {
	issued := d.Add(time.Duration(g.between(3600, 8*3600)) * time.Second)
	if issued.After(g.now) {
		issued = d
	}
	inv := domain.Invoice{Source: src, Status: domain.InvoicePaid, IssuedAt: issued,
		AmountDue: domain.Money{AmountMinor: amount, Currency: w.currency}}
	if src == domain.SourceStripe {
		inv.ExternalID, inv.DueAt = g.extID("in_", 18), issued
	} else {
		inv.ExternalID, inv.DueAt = g.extID("sb_inv_", 10), issued.Add(30*day)
	}
	var paid time.Time
	if src == domain.SourceStripe || card {
		paid = issued.Add(retryOffsets[0] + time.Duration(g.between(5, 300))*time.Second)
		inv.Attempts = 1
	} else {
		paid = issued.Add(time.Duration(g.between(2, 29))*day + time.Duration(g.between(0, 8*3600))*time.Second)
	}
	if paid.After(g.now) {
		inv.Status, inv.Attempts = domain.InvoiceOpen, 0
		return inv
	}
	inv.PaidAt, inv.AmountPaidMinor = paid, amount
	return inv
}

func (g *gen) failure() failure { return failures[g.weighted(55, 25, 20)] }

// failOpen makes inv unpaid with every attempt due so far failed, and the
// next retry scheduled unless all four have run.
func (g *gen) failOpen(inv *domain.Invoice) {
	n := 0
	for n < len(retryOffsets) && !inv.IssuedAt.Add(retryOffsets[n]).After(g.now) {
		n++
	}
	if n == 0 {
		return
	}
	inv.Status, inv.Attempts, inv.FailureReason = domain.InvoiceFailed, n, g.failure().code
	inv.LastFailureAt = inv.IssuedAt.Add(retryOffsets[n-1])
	inv.PaidAt, inv.AmountPaidMinor, inv.NextAttemptAt = time.Time{}, 0, time.Time{}
	if n < len(retryOffsets) {
		inv.NextAttemptAt = inv.IssuedAt.Add(retryOffsets[n])
	}
}

// failVoid makes inv a fully failed invoice that was voided when the
// subscription was canceled after the last retry.
func (g *gen) failVoid(inv *domain.Invoice) {
	n := len(retryOffsets)
	inv.Status, inv.Attempts, inv.FailureReason = domain.InvoiceVoid, n, g.failure().code
	inv.LastFailureAt = inv.IssuedAt.Add(retryOffsets[n-1])
	inv.PaidAt, inv.AmountPaidMinor, inv.NextAttemptAt = time.Time{}, 0, time.Time{}
}

// recoverAfter makes inv paid on the retry after n failed attempts (1–3). It
// reports false, changing nothing, when that retry would be after now.
func (g *gen) recoverAfter(inv *domain.Invoice, n int) bool {
	paid := inv.IssuedAt.Add(retryOffsets[n] + time.Duration(g.between(5, 300))*time.Second)
	if paid.After(g.now) {
		return false
	}
	inv.Status, inv.Attempts, inv.FailureReason = domain.InvoicePaid, n+1, g.failure().code
	inv.LastFailureAt = inv.IssuedAt.Add(retryOffsets[n-1])
	inv.PaidAt, inv.AmountPaidMinor, inv.NextAttemptAt = paid, inv.AmountDue.AmountMinor, time.Time{}
	return true
}

// recoverOld gives one paid invoice issued 40–200 days ago a history of 1–3
// failed attempts before it was paid.
func (g *gen) recoverOld(r *Revenue) {
	lo, hi := g.now.AddDate(0, 0, -200), g.now.AddDate(0, 0, -40)
	var cands []int
	for i, inv := range r.Invoices {
		if inv.Status == domain.InvoicePaid && inv.IssuedAt.After(lo) && inv.IssuedAt.Before(hi) {
			cands = append(cands, i)
		}
	}
	if len(cands) > 0 {
		g.recoverAfter(&r.Invoices[cands[g.r.IntN(len(cands))]], g.between(1, 3))
	}
}

// bill appends rs with one invoice per billing date. The main source of an
// upgraded account bills the old amount before the upgrade, and an annual
// one gets a prorated invoice for the difference.
func (g *gen) bill(w *work, rs domain.RevenueSource, dates []time.Time, card bool) {
	r := Revenue{RevenueSource: rs, Invoices: make([]domain.Invoice, 0, len(dates)+1)}
	main := len(w.b.Revenue) == 0
	var oldAmount int64
	if main && w.sc.upgraded && !w.sc.zeroSeats {
		g.upgrade(w, rs.TermStart)
		if !w.upgradeAt.IsZero() {
			oldPrice := localPrice(plans[w.oldPlan].price, w.currency)
			oldAmount = intervalAmount(int64(w.oldSeats)*oldPrice, rs.Interval)
		}
	}
	for _, d := range dates {
		amount := rs.Amount.AmountMinor
		if oldAmount > 0 && d.Before(w.upgradeAt) {
			amount = oldAmount
		}
		r.Invoices = append(r.Invoices, g.invoice(w, rs.Source, d, amount, card))
	}
	if oldAmount > 0 && rs.Interval == domain.IntervalAnnual && !rs.TermEnd.IsZero() {
		left := rs.TermEnd.Sub(w.upgradeAt).Hours() / rs.TermEnd.Sub(rs.TermStart).Hours()
		delta := int64(float64(rs.Amount.AmountMinor-oldAmount) * left)
		if delta > 0 {
			r.Invoices = append(r.Invoices, g.invoice(w, rs.Source, w.upgradeAt, roundTo(delta, 100), card))
			slices.SortStableFunc(r.Invoices, func(a, b domain.Invoice) int { return a.IssuedAt.Compare(b.IssuedAt) })
		}
	}
	w.b.Revenue = append(w.b.Revenue, r)
}

// upgrade picks when and from what the main source was upgraded; it leaves
// upgradeAt zero when the term is too young for one.
func (g *gen) upgrade(w *work, termStart time.Time) {
	at := g.today.AddDate(0, 0, -g.between(20, 170))
	if at.Before(termStart.AddDate(0, 0, 7)) {
		return
	}
	w.upgradeAt = at.Add(time.Duration(g.between(14, 22)) * time.Hour)
	if w.plan > 0 && g.chance(0.4) {
		w.oldPlan, w.oldSeats = w.plan-1, max(1, w.seats-g.between(0, w.seats/5))
	} else {
		w.oldPlan, w.oldSeats = w.plan, max(1, w.seats-g.between(2, max(2, w.seats/4)))
	}
	if w.oldPlan == w.plan && w.oldSeats == w.seats {
		w.upgradeAt = time.Time{}
	}
}

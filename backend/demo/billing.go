package demo

import (
	"math/rand/v2"
	"time"

	"successdesk/backend/domain"
)

// streamBilling seeds the draws that decide which contracts Stripe bills,
// apart from the account's own stream so that adding them changes nothing
// else in the book.
const streamBilling uint64 = 0x5eed_b111_0000_0000

// Mirror mismatch kinds: how a Stripe subscription that bills a contract
// can disagree with it, as a reconciliation should catch.
const (
	mirrorAgrees = iota
	mirrorOldPrice
	mirrorRenewalOff
	mirrorCanceled
	mirrorMonthly
)

// billedByStripe gives some live Salesbricks contracts a Stripe
// subscription of the same product that bills them, as companies do when
// Salesbricks closes the deal and Stripe collects. Most agree with their
// contract; about one in four disagrees in one way (an old price, a period
// that ends off the contract's renewal, a canceled subscription, monthly
// billing of an annual contract). The mirror carries no invoices of its
// own: the contract's invoices stand for both.
func (g *gen) billedByStripe(w *work, i int) {
	if w.hc != nil || w.sc.zeroSeats || len(w.b.Revenue) == 0 {
		return
	}
	c := w.b.Revenue[0].RevenueSource
	if c.Source != domain.SourceSalesbricks || (c.Status != domain.StatusActive && c.Status != domain.StatusPastDue) ||
		w.stripe >= 0 {
		return
	}
	r := rand.New(rand.NewPCG(uint64(g.o.Seed), streamBilling^(uint64(i)*0x9E3779B97F4A7C15)))
	if r.Float64() >= 0.3 {
		return
	}
	kind := mirrorAgrees
	if r.Float64() < 0.25 {
		kind = mirrorOldPrice + r.IntN(4)
	}
	m := c
	m.ID, m.Source = 0, domain.SourceStripe
	m.ExternalID = "sub_1Mb" + c.ExternalID[len("sb_sub_"):]
	m.TermStart, m.TermEnd = c.TermStart, c.TermEnd
	if c.Interval == domain.IntervalMonthly {
		m.TermStart = g.monthStart(c.TermStart)
		m.TermEnd = m.TermStart.AddDate(0, 1, 0)
	}
	switch kind {
	case mirrorOldPrice:
		m.Amount.AmountMinor = roundTo(c.Amount.AmountMinor*9/10, 100)
	case mirrorRenewalOff:
		m.TermEnd = m.TermEnd.AddDate(0, 0, 14+r.IntN(20))
	case mirrorCanceled:
		m.Status, m.CancelAtPeriodEnd = domain.StatusCanceled, false
		m.TermEnd = g.today.AddDate(0, 0, -(3 + r.IntN(20)))
		m.TermStart = m.TermEnd.AddDate(0, -1, 0)
	case mirrorMonthly:
		if c.Interval == domain.IntervalAnnual {
			m.Interval, m.Amount.AmountMinor = domain.IntervalMonthly, c.MRRMinor
			m.TermStart = g.monthStart(c.TermStart)
			m.TermEnd = m.TermStart.AddDate(0, 1, 0)
		}
	}
	m.MRRMinor, m.ARRMinor = domain.NormalizeMRR(m.Amount.AmountMinor, m.Interval), domain.NormalizeARR(m.Amount.AmountMinor, m.Interval)
	w.b.Revenue = append(w.b.Revenue, Revenue{RevenueSource: m})
}

// monthStart is the latest monthly anniversary of start on or before today.
func (g *gen) monthStart(start time.Time) time.Time {
	if start.After(g.today) {
		return start
	}
	m := (g.today.Year()-start.Year())*12 + int(g.today.Month()) - int(start.Month())
	for m > 0 && start.AddDate(0, m, 0).After(g.today) {
		m--
	}
	return start.AddDate(0, m, 0)
}

package demo

import (
	"fmt"
	"time"

	"successdesk/backend/domain"
)

// retryOffsets are when card attempts happen, counted from the invoice's
// issue time: the first charge, then three Smart Retries.
var retryOffsets = [4]time.Duration{time.Hour, 3*day + time.Hour, 8*day + time.Hour, 15*day + time.Hour}

type addOn struct {
	product string
	monthly int64 // USD cents
}

var addOns = []addOn{{"PiperNet Storage add-on (5 TB)", 29900}, {"PiperNet Storage add-on (20 TB)", 99900},
	{"Priority Support", 50000}, {"Middle-Out API credits", 35000}, {"Advanced Security pack", 75000}}

// localPrice converts a USD list price into cur, rounded to whole units.
func localPrice(usd int64, cur string) int64 {
	switch cur {
	case "EUR":
		return roundTo(usd*92/100, 100)
	case "GBP":
		return roundTo(usd*79/100, 100)
	}
	return usd
}

func roundTo(v, unit int64) int64 { return (v + unit/2) / unit * unit }

// intervalAmount is what one billing interval costs; annual billing gets 10% off.
func intervalAmount(perMonth int64, iv domain.Interval) int64 {
	switch iv {
	case domain.IntervalQuarterly:
		return 3 * perMonth
	case domain.IntervalAnnual:
		return roundTo(perMonth*12*9/10, 100)
	}
	return perMonth
}

func intervalMonths(iv domain.Interval) int {
	switch iv {
	case domain.IntervalQuarterly:
		return 3
	case domain.IntervalAnnual:
		return 12
	}
	return 1
}

func (g *gen) revenue(w *work) {
	s := &w.sc
	w.b.Revenue = make([]Revenue, 0, 3)
	switch {
	case s.trial:
		g.trialSource(w)
	case s.prospect:
		g.orderSource(w, nil)
	default:
		if s.layout == layoutStripe {
			g.stripeMain(w)
		} else {
			g.sbMain(w)
		}
		if s.layout == layoutMerged {
			g.stripeAddOn(w)
		}
		if s.order {
			g.orderSource(w, &w.b.Revenue[0])
		}
	}
	// Payment stories play out on the Stripe source when there is one.
	if w.stripe >= 0 && len(w.b.Revenue[w.stripe].Invoices) > 0 {
		r := &w.b.Revenue[w.stripe]
		last := &r.Invoices[len(r.Invoices)-1]
		switch {
		case s.payTrouble:
			g.failOpen(last)
		case s.failedCancel:
			g.failVoid(last)
		case s.recoveredRecent:
			if !g.recoverAfter(last, 2) {
				g.recoverAfter(last, 1)
			}
		}
	}
	if s.overdue {
		r := &w.b.Revenue[0]
		last := &r.Invoices[len(r.Invoices)-1]
		last.Status, last.PaidAt, last.AmountPaidMinor, last.Attempts = domain.InvoiceOpen, time.Time{}, 0, 0
	}
	if s.recoveredOld {
		i := max(w.stripe, 0) // else the main contract, paid by card that time
		g.recoverOld(&w.b.Revenue[i])
	}
}

func (g *gen) newSource(w *work, src domain.Source, product string, st domain.RevenueStatus, iv domain.Interval,
	amount int64, seats int) domain.RevenueSource {
	id := g.extID("sub_", 18)
	if src == domain.SourceSalesbricks {
		id = g.extID("sb_sub_", 10)
	}
	return domain.RevenueSource{Source: src, ExternalID: id, Product: product, Status: st, Interval: iv,
		Amount: domain.Money{AmountMinor: amount, Currency: w.currency}, Seats: seats,
		MRRMinor: domain.NormalizeMRR(amount, iv), ARRMinor: domain.NormalizeARR(amount, iv)}
}

// renewalDays is how many days from today the main term ends.
func (g *gen) renewalDays(s *scenario) int {
	switch s.renewalWithin {
	case 7:
		return g.between(1, 7)
	case 30:
		return g.between(8, 30)
	}
	return g.between(1, 365)
}

// anchor returns a billing date between minK and maxK days before today whose
// day of month is at most 28, so monthly steps never skip a month. The range
// must span at least four days.
func (g *gen) anchor(minK, maxK int) time.Time {
	for {
		if d := g.date(-g.between(minK, maxK)); d.Day() <= 28 {
			return d
		}
	}
}

// schedule returns start + k·step months for k ≥ 0, up to limit (inclusive)
// and before stop (the term end, exclusive, when set), dropping those before
// from except the latest.
func schedule(start time.Time, step int, limit, stop, from time.Time) []time.Time {
	var out []time.Time
	for k := 0; ; k++ {
		d := start.AddDate(0, k*step, 0)
		if d.After(limit) || (!stop.IsZero() && !d.Before(stop)) {
			break
		}
		out = append(out, d)
	}
	i := 0
	for i < len(out)-1 && out[i].Before(from) {
		i++
	}
	return out[i:]
}

func (g *gen) sbMain(w *work) {
	s, p := &w.sc, plans[w.plan]
	iv := domain.IntervalAnnual
	if w.plan < 3 && !s.renewalToday && !s.zeroSeats {
		iv = []domain.Interval{domain.IntervalAnnual, domain.IntervalQuarterly, domain.IntervalMonthly}[g.weighted(75, 8, 17)]
	}
	if s.overdue && iv == domain.IntervalMonthly {
		iv = domain.IntervalAnnual
	}
	term := 12
	if iv == domain.IntervalAnnual && !s.renewalToday && g.chance(0.1) {
		term = 24
	}
	var start, end time.Time
	switch {
	case s.renewalToday:
		end = g.today
	case s.expired:
		d := s.expiredDays
		if d == 0 {
			d = g.between(5, 60)
		}
		end = g.date(-d)
	case s.overdue:
		start = g.date(-g.between(35, 75))
		end = start.AddDate(0, term, 0)
	default:
		end = g.date(g.renewalDays(s))
	}
	if start.IsZero() {
		start = end.AddDate(0, -term, 0)
	}
	status := domain.StatusActive
	switch {
	case s.overdue:
		status = domain.StatusPastDue
	case s.expired:
		status = domain.StatusExpired
		w.churnAt = end
	}
	price := localPrice(p.price, w.currency)
	amount := intervalAmount(int64(w.seats)*price, iv)
	product := "Pied Piper " + p.name
	if s.zeroSeats {
		product, amount, w.seats = "Pied Piper Scale site license", 2_400_000, 0
	}
	rs := g.newSource(w, domain.SourceSalesbricks, product, status, iv, amount, w.seats)
	rs.TermStart, rs.TermEnd, rs.CancelAtPeriodEnd = start, end, s.cancelAtEnd
	w.created = firstTerm(w.created, start, term)
	g.bill(w, rs, schedule(start, intervalMonths(iv), g.today, end, w.history), g.chance(0.35))
}

func (g *gen) stripeMain(w *work) {
	s, p := &w.sc, plans[w.plan]
	iv := domain.IntervalMonthly
	annualP := 0.25
	if w.plan == 0 {
		annualP = 0.1
	}
	if s.renewalWithin > 0 || (!s.canceled && !s.recoveredRecent && g.chance(annualP)) {
		iv = domain.IntervalAnnual
	}
	var start, end, last time.Time
	status := domain.StatusActive
	switch {
	case s.canceled:
		if s.failedCancel {
			last = g.anchor(25, 90)
			end = last.Add(retryOffsets[3] + 2*time.Hour)
		} else {
			last = g.anchor(40, 100)
			end = last.AddDate(0, 1, 0)
		}
		start, status, w.churnAt = monthsBefore(last, w.created, 3), domain.StatusCanceled, end
	case iv == domain.IntervalMonthly:
		switch {
		case s.payTrouble:
			last = g.anchor(3, 25)
		case s.recoveredRecent:
			last = g.anchor(5, 25)
		default:
			last = g.anchor(0, 27)
		}
		start = monthsBefore(last, w.created, 0)
		if s.cancelAtEnd {
			end = last.AddDate(0, 1, 0)
		}
	case s.payTrouble:
		start = g.anchor(3, 25)
		end = start.AddDate(1, 0, 0)
	default:
		end = g.date(g.renewalDays(s))
		start = end.AddDate(-1, 0, 0)
	}
	if s.payTrouble {
		status = domain.StatusPastDue
	}
	price := localPrice(p.price, w.currency)
	rs := g.newSource(w, domain.SourceStripe, "Pied Piper "+p.name, status, iv, intervalAmount(int64(w.seats)*price, iv), w.seats)
	rs.TermStart, rs.TermEnd, rs.CancelAtPeriodEnd = start, end, s.cancelAtEnd
	if iv == domain.IntervalMonthly {
		w.created = start
	} else {
		w.created = firstTerm(w.created, start, 12)
	}
	w.stripe = len(w.b.Revenue)
	g.bill(w, rs, schedule(start, intervalMonths(iv), g.today, end, w.history), true)
}

// firstTerm returns when the customer started, given that a term of
// termMonths began at start: an account younger than one full term before
// start is on its first term, which began at start.
func firstTerm(created, start time.Time, termMonths int) time.Time {
	if created.After(start.AddDate(0, -termMonths, 0)) {
		return start
	}
	return created
}

// monthsBefore returns the date whole months before last that is on or just
// before created, at least minMonths months back.
func monthsBefore(last, created time.Time, minMonths int) time.Time {
	m := (last.Year()-created.Year())*12 + int(last.Month()) - int(created.Month())
	if last.AddDate(0, -m, 0).After(created) {
		m++
	}
	return last.AddDate(0, -max(m, minMonths), 0)
}

func (g *gen) stripeAddOn(w *work) {
	s, a := &w.sc, pick(g, addOns)
	last := g.anchor(0, 27)
	if s.payTrouble || s.recoveredRecent {
		last = g.anchor(5, 25)
	}
	start := last.AddDate(0, -g.between(1, 14), 0)
	status := domain.StatusActive
	if s.payTrouble {
		status = domain.StatusPastDue
	}
	rs := g.newSource(w, domain.SourceStripe, a.product, status, domain.IntervalMonthly, localPrice(a.monthly, w.currency), 0)
	rs.TermStart = start
	w.stripe = len(w.b.Revenue)
	g.bill(w, rs, schedule(start, 1, g.today, time.Time{}, w.history), true)
}

func (g *gen) trialSource(w *work) {
	p := plans[w.plan]
	trialLen := []int{14, 30}[g.weighted(70, 30)]
	trialEnd := g.date(g.between(1, trialLen-1))
	src, iv := domain.SourceStripe, domain.IntervalMonthly
	if w.sc.layout == layoutSB {
		src, iv = domain.SourceSalesbricks, domain.IntervalAnnual
	} else {
		w.stripe = 0
	}
	rs := g.newSource(w, src, "Pied Piper "+p.name, domain.StatusTrialing, iv,
		intervalAmount(int64(w.seats)*localPrice(p.price, w.currency), iv), w.seats)
	rs.TermStart, rs.TrialEnd = trialEnd.AddDate(0, 0, -trialLen), trialEnd
	w.created = rs.TermStart
	w.b.Revenue = append(w.b.Revenue, Revenue{RevenueSource: rs})
}

// orderSource adds a draft or pending Salesbricks order: a renewal of main
// when it ends within 120 days, an expansion of main otherwise, or a new
// customer's first order when main is nil.
func (g *gen) orderSource(w *work, main *Revenue) {
	p := plans[w.plan]
	price := localPrice(p.price, w.currency)
	status := []domain.RevenueStatus{domain.StatusDraft, domain.StatusPending}[g.weighted(55, 45)]
	var rs domain.RevenueSource
	w.orderAt = g.ago(1, 20)
	switch {
	case main == nil:
		rs = g.newSource(w, domain.SourceSalesbricks, "Pied Piper "+p.name, status, domain.IntervalAnnual,
			intervalAmount(int64(w.seats)*price, domain.IntervalAnnual), w.seats)
		rs.TermStart = g.date(g.between(14, 45))
		rs.TermEnd = rs.TermStart.AddDate(1, 0, 0)
		w.created = g.today.AddDate(0, 0, -g.between(25, 60))
	case main.TermEnd.After(g.today) && main.TermEnd.Before(g.today.AddDate(0, 0, 120)):
		rs = g.newSource(w, domain.SourceSalesbricks, main.Product+" renewal", status, main.Interval,
			roundTo(main.Amount.AmountMinor*105/100, 100), main.Seats)
		rs.TermStart, rs.TermEnd = main.TermEnd, main.TermEnd.AddDate(1, 0, 0)
	default:
		n := g.between(5, 25)
		rs = g.newSource(w, domain.SourceSalesbricks, fmt.Sprintf("Pied Piper %s expansion (+%d seats)", p.name, n),
			status, domain.IntervalAnnual, intervalAmount(int64(n)*price, domain.IntervalAnnual), n)
		rs.TermStart = g.date(g.between(7, 21))
		rs.TermEnd = main.TermEnd
		if !rs.TermEnd.After(rs.TermStart.AddDate(0, 1, 0)) {
			rs.TermEnd = rs.TermStart.AddDate(1, 0, 0)
		}
	}
	w.b.Revenue = append(w.b.Revenue, Revenue{RevenueSource: rs})
}

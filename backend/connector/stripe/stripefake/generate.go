package stripefake

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"successdesk/backend/connector/fakebook"
)

// book is the generated Stripe account: four tables in list order.
type book struct {
	livemode  bool
	customers *table[Customer]
	subs      *table[Subscription]
	invoices  *table[Invoice]
	events    *table[Event]
	seq       int64          // creation counter, orders equal created times
	ids       map[string]int // per id prefix, how many ids were handed out
	scratch   []byte         // encoding buffer (used under the write lock)
}

// window is how long Stripe keeps events.
const window = 30 * 24 * time.Hour

var (
	words1   = []string{"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Wonka", "Soylent", "Cyberdyne", "Tyrell", "Aperture", "Oscorp", "Pied", "Dunder", "Prestige", "Gringotts", "Monarch", "Sirius"}
	words2   = []string{"Piper", "Dynamics", "Works", "Analytics", "Logistics", "Foods", "Health", "Robotics", "Media", "Energy", "Finance", "Mobility", "Labs", "Cloud", "Systems", "Bio"}
	suffixes = []string{"Inc", "Ltd", "GmbH", "Co", "LLC", "SA"}
	tlds     = []string{"com", "io", "dev", "co.uk", "de", "ai"}
	firsts   = []string{"Ada", "Grace", "Linus", "Ken", "Barbara", "Edsger", "Frances", "Alan", "Radia", "Donald"}
	lasts    = []string{"Lovelace", "Hopper", "Torvalds", "Thompson", "Liskov", "Dijkstra", "Allen", "Turing", "Perlman", "Knuth"}
	freeMail = []string{"gmail.com", "outlook.com", "yahoo.com", "icloud.com"}
	failures = [][2]string{{"card_declined", "Your card was declined."}, {"insufficient_funds", "Your card has insufficient funds."},
		{"expired_card", "Your card has expired."}, {"processing_error", "An error occurred while processing your card. Try again in a little bit."}}
	plans = []struct {
		name string
		unit int64 // monthly, minor units
		seat bool
	}{{"Starter", 2900, false}, {"Pro", 9900, false}, {"Business", 29900, false}, {"Seat", 1500, true}}
)

// newID returns the next id with prefix ("cus", "sub", ...): Stripe-like
// 14 characters, distinct for every call.
func (b *book) newID(prefix string) string {
	n := b.ids[prefix]
	b.ids[prefix] = n + 1
	x := uint64(n)*0x9e3779b97f4a7c15 + uint64(len(prefix))*0xbf58476d1ce4e5b9
	x ^= x >> 31
	s := strconv.FormatUint(x, 36)
	if len(s) < 13 {
		s = strings.Repeat("0", 13-len(s)) + s
	}
	return fmt.Sprintf("%s_%s%s", prefix, strconv.FormatInt(int64(n%36), 36), s[len(s)-13:])
}

func (b *book) nextSeq() int64 { b.seq++; return b.seq }

// generate builds the book for n subscriptions ending at epoch.
func generate(n int, seed uint64, epoch time.Time, livemode bool) *book {
	b := &book{livemode: livemode, customers: newTable[Customer](), subs: newTable[Subscription](),
		invoices: newTable[Invoice](), events: newTable[Event](), ids: map[string]int{}}
	g := &generator{b: b, rng: rand.New(rand.NewPCG(seed, seed^0x5bd1e995)), epoch: epoch.Unix()}
	twos := n / 10 // customers holding two subscriptions
	m := n - twos
	span := int64(730 * 24 * 3600)
	for i := range m {
		g.customer(i, g.epoch-span+int64(i)*(span*97/100)/int64(max(m, 1)))
	}
	for j := range n {
		ci := j
		if j >= m {
			ci = (j - m) * m / max(twos, 1)
		}
		g.subscription(g.custs[ci])
	}
	for i, c := range g.custs {
		if i%50 == 7 { // a one-off invoice without a subscription
			g.invoice(c, nil, c.Created+86400, c.Created+86400, "paid")
		}
	}
	b.customers.sort(idOf[Customer])
	b.subs.sort(idOf[Subscription])
	b.invoices.sort(idOf[Invoice])
	b.encodeAll()
	g.history()
	return b
}

type generator struct {
	b     *book
	rng   *rand.Rand
	epoch int64
	custs []*Customer
	comps []*Customer // customers named after a company with a domain, for siblings
	subs  []*Subscription
	invs  []*Invoice
	// universe is set for a book of fakebook companies; the fields after
	// it shape the next subscription: its status, whether it is set to
	// cancel, and its seat quantity (0: drawn).
	universe   bool
	wantStatus string
	wantCancel bool
	seats      int64
}

func (g *generator) pick(xs []string) string { return xs[g.rng.IntN(len(xs))] }

func (g *generator) customer(i int, created int64) {
	b := g.b
	c := &Customer{ID: b.newID("cus"), Created: created}
	company := fmt.Sprintf("%s %s %s", g.pick(words1), g.pick(words2), g.pick(suffixes))
	slug := strings.ToLower(strings.Fields(company)[0] + strings.Fields(company)[1])
	dom := fmt.Sprintf("%s-%d.%s", slug, i, g.pick(tlds))
	person := g.pick(firsts) + " " + g.pick(lasts)
	mail := strings.ToLower(strings.ReplaceAll(person, " ", ".")) + strconv.Itoa(i) + "@" + g.pick(freeMail)
	switch r := g.rng.Float64(); {
	case r < 0.76:
		c.Name, c.Email = company, "billing@"+dom
		g.comps = append(g.comps, c)
	case r < 0.84:
		c.Name, c.Email = person, mail
	case r < 0.89:
		c.Name, c.Email, c.Domain = company, mail, dom
		g.comps = append(g.comps, c)
	case r < 0.93 && len(g.comps) > 0:
		sib := g.comps[g.rng.IntN(len(g.comps))]
		c.Name, c.Email = sib.Name, "finance@"+domainOf(sib)
	case r < 0.96:
		c.Email, c.Description = "billing@"+dom, company+" (billing)"
	default:
		c.Name = company
	}
	switch r := g.rng.Float64(); {
	case r < 0.8:
		c.Currency = "usd"
	case r < 0.92:
		c.Currency = "eur"
	default:
		c.Currency = "gbp"
	}
	g.custs = append(g.custs, c)
	b.customers.push(&stored[Customer]{v: c, created: c.Created, seq: b.nextSeq()})
}

func domainOf(c *Customer) string {
	if c.Domain != "" {
		return c.Domain
	}
	_, d, _ := strings.Cut(c.Email, "@")
	return d
}

var statusWeights = []struct {
	status string
	upTo   float64
}{{"active", .58}, {"trialing", .66}, {"past_due", .73}, {"unpaid", .76}, {"canceled", .88},
	{"incomplete", .91}, {"incomplete_expired", .94}, {"paused", 1}}

func (g *generator) subscription(c *Customer) {
	b := g.b
	status := "paused"
	r := g.rng.Float64()
	for _, w := range statusWeights {
		if r < w.upTo {
			status = w.status
			break
		}
	}
	if g.wantStatus != "" {
		status = g.wantStatus
	}
	unit, count := "month", int64(1)
	switch r := g.rng.Float64(); {
	case r < 0.3:
		unit = "year"
	case r < 0.4:
		count = 3
	}
	s := &Subscription{ID: b.newID("sub"), Customer: c.ID, Status: status, Currency: c.Currency}
	mult := map[string]int64{"month": count, "year": 10}[unit]
	p := plans[g.rng.IntN(len(plans))]
	qty := int64(1)
	if p.seat {
		qty = 1 + g.rng.Int64N(60)
		if g.seats > 0 {
			qty = g.seats
		}
	}
	s.Items = append(s.Items, g.item(p.name, p.unit*mult, qty, unit, count))
	if !p.seat && g.rng.IntN(5) == 0 {
		qty := 1 + g.rng.Int64N(40)
		if g.seats > 0 {
			qty = g.seats
		}
		s.Items = append(s.Items, g.item("Seat", 1500*mult, qty, unit, count))
	}
	// Created between the customer and now; trials and fresh states are recent.
	s.Created = c.Created + g.rng.Int64N(max(g.epoch-c.Created, 1))
	switch status {
	case "trialing", "incomplete":
		s.Created = max(c.Created, g.epoch-g.rng.Int64N(12*86400)-3600)
	case "incomplete_expired":
		s.Created = max(c.Created, g.epoch-g.rng.Int64N(60*86400)-2*86400)
	}
	periods := g.periods(s.Created, unit, int(count))
	last := periods[len(periods)-1]
	s.PeriodStart, s.PeriodEnd = last[0], last[1]
	switch status {
	case "trialing":
		s.TrialStart, s.TrialEnd = s.Created, s.Created+14*86400
		s.PeriodStart, s.PeriodEnd = s.TrialStart, s.TrialEnd
		periods = [][2]int64{{s.TrialStart, s.TrialEnd}}
	case "canceled":
		if len(periods) > 1 {
			periods = periods[:len(periods)-1]
		}
		last = periods[len(periods)-1]
		s.PeriodStart, s.PeriodEnd = last[0], last[1]
		s.CanceledAt = min(last[0]+g.rng.Int64N(last[1]-last[0]), g.epoch)
		s.EndedAt = s.CanceledAt
	case "incomplete", "incomplete_expired":
		periods = periods[:1]
		s.PeriodStart, s.PeriodEnd = periods[0][0], periods[0][1]
		if status == "incomplete_expired" {
			s.EndedAt = s.Created + 23*3600
		}
	case "active":
		if g.rng.IntN(4) == 0 && len(periods) > 1 { // began with a trial
			s.TrialStart, s.TrialEnd = s.Created, periods[1][0]
		}
		s.CancelAtPeriodEnd = g.rng.IntN(12) == 0
		if g.universe {
			s.CancelAtPeriodEnd = g.wantCancel
		}
		if s.CancelAtPeriodEnd { // Stripe stamps canceled_at when the cancellation is asked for
			s.CanceledAt = min(s.PeriodStart+(s.PeriodEnd-s.PeriodStart)/3, g.epoch)
		}
	}
	g.subs = append(g.subs, s)
	b.subs.push(&stored[Subscription]{v: s, created: s.Created, seq: b.nextSeq()})
	g.invoicesFor(c, s, periods)
}

func (g *generator) item(nickname string, unit, qty int64, interval string, count int64) Item {
	b := g.b
	return Item{ID: b.newID("si"), PriceID: b.newID("price"), ProductID: "prod_" + strings.ToLower(nickname),
		Nickname: nickname, UnitAmount: unit, Quantity: qty, Interval: interval, IntervalCount: count}
}

// periods are the billing periods from created up to the one holding now.
func (g *generator) periods(created int64, unit string, count int) [][2]int64 {
	var out [][2]int64
	start := time.Unix(created, 0).UTC()
	for {
		var end time.Time
		if unit == "year" {
			end = start.AddDate(count, 0, 0)
		} else {
			end = start.AddDate(0, count, 0)
		}
		out = append(out, [2]int64{start.Unix(), end.Unix()})
		if end.Unix() > g.epoch {
			return out
		}
		start = end
	}
}

// invoicesFor writes the last one to four invoices of s, the latest one
// shaped by the subscription's status.
func (g *generator) invoicesFor(c *Customer, s *Subscription, periods [][2]int64) {
	k := min(len(periods), 1+g.rng.IntN(4))
	periods = periods[len(periods)-k:]
	for i, p := range periods {
		latest := i == len(periods)-1
		status := "paid"
		if latest {
			switch s.Status {
			case "past_due", "incomplete":
				status = "failed"
			case "unpaid":
				status = "unpaid"
			case "incomplete_expired":
				status = "void"
			case "canceled":
				if g.rng.IntN(5) == 0 {
					status = "uncollectible"
				}
			case "active":
				if g.rng.IntN(20) == 0 {
					status = "open"
				}
			}
		}
		in := g.invoice(c, s, p[0], p[1], status)
		s.LatestInvoice = in.ID
	}
	if s.Status == "active" && g.rng.IntN(33) == 0 { // the upcoming invoice, still a draft
		g.invoice(c, s, g.epoch-3600, g.epoch-3600, "draft")
	}
}

func (g *generator) invoice(c *Customer, s *Subscription, start, end int64, status string) *Invoice {
	b := g.b
	in := &Invoice{ID: b.newID("in"), Customer: c.ID, Currency: c.Currency, Created: start, PeriodStart: start,
		PeriodEnd: end, CollectionMethod: "charge_automatically", Status: status}
	in.AmountDue = 4900
	if s != nil {
		in.Subscription, in.Currency, in.AmountDue = s.ID, s.Currency, s.Amount()
		if s.Status == "trialing" {
			in.AmountDue = 0
		}
	}
	if status != "draft" {
		in.FinalizedAt = in.Created + 3600
		in.Number = fmt.Sprintf("%s-%04d", strings.ToUpper(c.ID[len(c.ID)-8:]), len(g.invs)%10000)
	}
	fail := failures[g.rng.IntN(len(failures))]
	failed := func(attempts int64) {
		in.AttemptCount = attempts
		in.Charge = &Charge{ID: b.newID("ch"), Status: "failed", Amount: in.AmountDue,
			Created: min(in.FinalizedAt+(attempts-1)*3*86400+600, g.epoch), FailureCode: fail[0], FailureMessage: fail[1]}
	}
	switch status {
	case "paid":
		in.AmountPaid, in.PaidAt = in.AmountDue, in.FinalizedAt+600
		if in.AmountDue > 0 {
			in.AttemptCount = 1
			in.Charge = &Charge{ID: b.newID("ch"), Status: "succeeded", Amount: in.AmountDue, Created: in.PaidAt}
		}
	case "failed":
		in.Status = "open"
		if s != nil && s.Status == "incomplete" {
			failed(1)
		} else {
			failed(1 + g.rng.Int64N(3))
			in.NextPaymentAttempt = g.epoch + 86400*(1+g.rng.Int64N(4))
		}
	case "unpaid":
		in.Status = "open"
		failed(4)
		if g.rng.IntN(2) == 0 {
			in.Status, in.UncollectibleAt = "uncollectible", in.Charge.Created+3600
		}
	case "uncollectible":
		failed(4)
		in.UncollectibleAt = in.Charge.Created + 3600
	case "void":
		failed(1)
		in.VoidedAt = in.Created + 23*3600
	case "open": // sent to be paid by bank transfer, not attempted yet
		in.CollectionMethod, in.DueDate = "send_invoice", in.FinalizedAt+30*86400
	}
	g.invs = append(g.invs, in)
	b.invoices.push(&stored[Invoice]{v: in, created: in.Created, seq: b.nextSeq()})
	return in
}

// history records the events of the last 30 days for the generated objects,
// oldest first, each carrying the object as it is now.
func (g *generator) history() {
	b := g.b
	since := g.epoch - int64(window/time.Second)
	type pending struct {
		at    int64
		typ   string
		id    string
		order int
	}
	var evs []pending
	for _, c := range g.custs {
		if c.Created >= since {
			evs = append(evs, pending{c.Created, "customer.created", c.ID, len(evs)})
		}
	}
	for _, s := range g.subs {
		if s.Created >= since {
			evs = append(evs, pending{s.Created, "customer.subscription.created", s.ID, len(evs)})
		}
	}
	for _, in := range g.invs {
		if in.Created >= since {
			evs = append(evs, pending{in.Created, "invoice.created", in.ID, len(evs)})
		}
		if in.FinalizedAt >= since && in.FinalizedAt <= g.epoch {
			evs = append(evs, pending{in.FinalizedAt, "invoice.finalized", in.ID, len(evs)})
		}
		if in.PaidAt >= since && in.PaidAt <= g.epoch {
			evs = append(evs, pending{in.PaidAt, "invoice.paid", in.ID, len(evs)})
		}
		if ch := in.Charge; ch != nil && ch.Status == "failed" && ch.Created >= since {
			evs = append(evs, pending{ch.Created, "invoice.payment_failed", in.ID, len(evs)})
		}
	}
	sortBy(evs, func(a, b pending) bool { return a.at < b.at || a.at == b.at && a.order < b.order })
	for _, e := range evs {
		b.record(e.typ, e.id, e.at)
	}
}

// Subscription states for each health tier of a fakebook company; "+cancel"
// is active and set to cancel at the end of its period.
var tierStatuses = [...][]string{
	fakebook.Healthy:  {"active", "active", "active", "active", "active", "active", "active", "active", "trialing"},
	fakebook.AtRisk:   {"active+cancel", "past_due"},
	fakebook.Critical: {"canceled", "canceled", "past_due", "unpaid"},
}

// generateUniverse builds the book of the companies cs (those Stripe
// knows) ending at epoch: one customer each, with the company's Stripe
// customer id and name, created when the company became a customer,
// billing to the company domain (or, for StripeFreeMail, to a mailbox
// provider and without a domain in metadata), holding one subscription
// whose state its health tier picks and whose seats are the company's.
// Invoices and events follow as in generate.
func generateUniverse(cs []fakebook.Company, seed uint64, epoch time.Time, livemode bool) *book {
	b := &book{livemode: livemode, customers: newTable[Customer](), subs: newTable[Subscription](),
		invoices: newTable[Invoice](), events: newTable[Event](), ids: map[string]int{}}
	g := &generator{b: b, rng: rand.New(rand.NewPCG(seed, seed^0x5bd1e995)), epoch: epoch.Unix(), universe: true}
	for i, co := range cs {
		c := &Customer{ID: co.StripeID, Name: co.Name, Email: "billing@" + co.Domain,
			Created: min(co.Since.Unix(), g.epoch-86400)}
		if co.StripeFreeMail {
			c.Email = strings.ToLower(g.pick(firsts)+"."+g.pick(lasts)) + strconv.Itoa(i) + "@" + g.pick(freeMail)
		}
		switch r := g.rng.Float64(); {
		case r < 0.8:
			c.Currency = "usd"
		case r < 0.92:
			c.Currency = "eur"
		default:
			c.Currency = "gbp"
		}
		g.custs = append(g.custs, c)
		b.customers.push(&stored[Customer]{v: c, created: c.Created, seq: b.nextSeq()})
	}
	for i, co := range cs {
		st := tierStatuses[co.Profile]
		g.wantStatus, g.wantCancel = st[g.rng.IntN(len(st))], false
		if s, ok := strings.CutSuffix(g.wantStatus, "+cancel"); ok {
			g.wantStatus, g.wantCancel = s, true
		}
		g.seats = int64(co.Seats)
		g.subscription(g.custs[i])
	}
	g.wantStatus, g.wantCancel, g.seats = "", false, 0
	for i, c := range g.custs {
		if i%50 == 7 { // a one-off invoice without a subscription
			g.invoice(c, nil, c.Created+86400, c.Created+86400, "paid")
		}
	}
	b.customers.sort(idOf[Customer])
	b.subs.sort(idOf[Subscription])
	b.invoices.sort(idOf[Invoice])
	b.encodeAll()
	g.history()
	return b
}

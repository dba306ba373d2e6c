package sbfake

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"successdesk/backend/connector/fakebook"
)

var (
	words1   = []string{"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Wonka", "Soylent", "Cyberdyne", "Tyrell", "Aperture", "Oscorp", "Pied", "Dunder", "Prestige", "Gringotts", "Monarch", "Sirius"}
	words2   = []string{"Piper", "Dynamics", "Works", "Analytics", "Logistics", "Foods", "Health", "Robotics", "Media", "Energy", "Finance", "Mobility", "Labs", "Cloud", "Systems", "Bio"}
	tlds     = []string{"com", "io", "dev", "co.uk", "de", "ai"}
	firsts   = []string{"ada", "grace", "linus", "ken", "barbara", "edsger", "frances", "alan", "radia", "donald"}
	freeMail = []string{"gmail.com", "outlook.com", "yahoo.com", "icloud.com"}
	plans    = []struct {
		name string
		base int64 // per month, minor units
	}{{"Starter", 4900}, {"Growth", 19900}, {"Enterprise", 99900}}
	reasons = []string{"Chose a competitor", "No budget this year", "Project shelved", "Went with an in-house tool"}
	// frequencies cycle through the contracts; "" sends no billing_frequency
	// (the schedule's 12-month periods then decide).
	frequencies = []struct {
		word   string
		months int
	}{{"MONTHLY", 1}, {"QUARTERLY", 3}, {"ANNUALLY", 12}, {"MONTHLY", 1}, {"ANNUALLY", 12}, {"SEMI_ANNUALLY", 6}, {"", 12}}
	currencies = []string{"", "", "", "", "", "", "USD", "EUR", "GBP", "EUR"}
)

const day = 24 * time.Hour

type generator struct {
	rng     *rand.Rand
	today   time.Time
	b       *book
	domains map[string]bool
	// universe is set for a book of fakebook companies: every contact
	// writes from the company domain. plan and seats, when set, are the
	// plan of the next subscription and its seat quantity when it has a
	// seats line.
	universe bool
	plan     string
	seats    int
}

// generate builds a book of n customers and s subscriptions as of today
// (a UTC midnight). One subscription holder in ten holds two; customers
// beyond the holders have none (prospects).
func generate(n, s int, seed uint64, today time.Time) *book {
	g := &generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), today: today,
		b: &book{subs: map[string]*Subscription{}}, domains: map[string]bool{}}
	for i := range n {
		g.customer(i)
	}
	holders := min(n, s-s/10)
	for j := range s {
		ci := j
		if j >= holders {
			ci = (j - holders) * holders / max(1, s-holders)
		}
		if ci < n {
			g.subscription(g.b.customers[ci], j)
		}
	}
	for i, c := range g.b.customers {
		g.deals(c, i)
	}
	return g.b
}

// uuid is a random RFC 4122-shaped id.
func (g *generator) uuid() string {
	a, b := g.rng.Uint64(), g.rng.Uint64()
	return fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", a>>32, (a>>16)&0xffff, a&0xfff, (b>>48)&0xfff, b&0xffffffffffff)
}

func (g *generator) customer(i int) {
	w1, w2 := words1[i%len(words1)], words2[(i/len(words1)+i*7)%len(words2)]
	name := w1 + " " + w2
	dom := strings.ToLower(w1+w2) + "." + tlds[i%len(tlds)]
	for k := 2; g.domains[dom]; k++ {
		dom = fmt.Sprintf("%s%d.%s", strings.ToLower(w1+w2), k, tlds[i%len(tlds)])
		name = fmt.Sprintf("%s %s %d", w1, w2, k)
	}
	g.domains[dom] = true
	c := &Customer{ID: g.uuid(), Name: name, Domain: dom}
	if i%3 == 0 {
		c.ExternalID = fmt.Sprintf("CRM-%05d", i)
	}
	if i%2 == 0 {
		c.StripeID = fmt.Sprintf("cus_%014x", g.rng.Uint64()>>8)
	}
	if i%5 == 1 {
		c.Website = "https://www." + dom + "/"
	}
	g.b.customers = append(g.b.customers, c)
}

// freeMailOnly marks the customers (by index) whose contacts all use free
// mail.
func freeMailOnly(i int) bool { return i%5 == 3 }

func (g *generator) subscription(c *Customer, j int) { g.subscriptionOf(c, j, j%20) }

// subscriptionOf adds the j-th subscription to c, in lifecycle kind (see
// scenario).
func (g *generator) subscriptionOf(c *Customer, j, kind int) {
	ci := g.indexOf(c)
	f := frequencies[j%len(frequencies)]
	p := plans[g.rng.IntN(len(plans))]
	for _, q := range plans {
		if q.name == g.plan {
			p = q
		}
	}
	s := &Subscription{ID: g.uuid(), Customer: c, Plan: p.name, Status: "ACTIVE", Frequency: f.word,
		Currency: currencies[(j/3)%len(currencies)], BaseMonth: p.base + int64(g.rng.IntN(100)),
		SeatMonth: 1500, Months: f.months, WantStatus: "active"}
	if g.rng.IntN(4) > 0 {
		s.Seats = 5 + g.rng.IntN(56)
		if g.seats > 0 {
			s.Seats = g.seats
		}
	}
	first := firsts[(ci+j)%len(firsts)]
	if !g.universe && freeMailOnly(ci) {
		s.Contact = first + "." + strings.ToLower(strings.Fields(c.Name)[0]) + "@" + freeMail[j%len(freeMail)]
	} else {
		s.Contact = first + "@" + c.Domain
		if j%2 == 0 {
			s.Signatory = "legal@" + c.Domain
		}
		if j%3 == 0 {
			s.Payables = []string{"ap@" + c.Domain}
		}
	}
	g.scenario(s, kind)
	g.invoices(s, j)
	c.Subs = append(c.Subs, s)
	g.b.subs[s.ID] = s
}

func (g *generator) indexOf(c *Customer) int {
	for i, x := range g.b.customers {
		if x == c {
			return i
		}
	}
	return 0
}

// order adds a closed order [start, end) of typ to s.
func (g *generator) order(s *Subscription, typ string, start, end time.Time, title string) *Order {
	o := &Order{ID: g.uuid(), Type: typ, Starts: start, End: end, WantTitle: title, WantAt: start}
	months := int(end.Sub(start).Hours()/24/30.436875 + 0.5)
	if typ != "TRIAL" {
		o.Value = s.Monthly() * int64(months)
	}
	if len(s.Orders)%2 == 1 {
		o.ClosedAt = start.Add(-3*day + 9*time.Hour)
		o.WantAt = o.ClosedAt
	}
	s.Orders = append(s.Orders, o)
	return o
}

// scenario sets s's lifecycle: its dates, status, orders and intent.
func (g *generator) scenario(s *Subscription, kind int) {
	t := g.today
	k := time.Duration(30+g.rng.IntN(270)) * day
	year := func(from time.Time) time.Time { return from.AddDate(1, 0, 0) }
	plain := func(start time.Time) {
		s.Starts, s.TermStart, s.TermEnd = start, start, year(start)
		g.order(s, "STANDARD", start, year(start), "Signed for 12 months")
	}
	switch kind {
	case 0, 1, 2, 3:
		plain(t.Add(-k))
		s.Renews = true
	case 4, 5: // renewed once
		start := t.Add(-k).AddDate(-1, 0, 0)
		plain(start)
		s.TermStart, s.TermEnd = year(start), year(year(start))
		g.order(s, "RENEWAL", s.TermStart, s.TermEnd, "Renewed for 12 months")
		s.Renews = true
	case 6, 7: // upgraded this term, with or without seat lines on the order
		if s.Seats == 0 {
			s.Seats = 12
		}
		plain(t.Add(-k))
		o := g.order(s, "UPGRADE", t.Add(-10*day), s.TermEnd, fmt.Sprintf("Upgraded to %d seats", s.Seats))
		if kind == 6 {
			o.Seats = s.Seats
		}
	case 8, 9: // a trial running now: by status, or by its order alone
		start := t.Add(-5 * day)
		s.Starts, s.TermStart, s.TermEnd = start, start, start.Add(14*day)
		g.order(s, "TRIAL", start, s.TermEnd, "Started a 14-day trial")
		if kind == 8 {
			s.Status = "TRIAL"
		}
		s.WantStatus, s.WantTrialEnd = "trialing", s.TermEnd
	case 10:
		plain(t.Add(-k))
		s.Status, s.WantStatus = "PAST_DUE", "past_due"
	case 11: // terminated before its term ended
		plain(t.Add(-400 * day))
		s.Terminate = t.Add(-60 * day)
		s.Status, s.WantStatus = "CANCELED", "canceled"
	case 12: // set to end with its term
		plain(t.Add(-k))
		s.Terminate = s.TermEnd
		s.WantCancel = true
	case 13:
		plain(t.Add(-500 * day))
		s.Status, s.WantStatus = "EXPIRED", "expired"
	case 14: // signed, starting later
		plain(t.Add(20 * day))
		s.Status, s.WantStatus = "PENDING", "pending"
	case 15: // being built: no closed order yet
		s.Starts, s.TermStart = t.Add(40*day), t.Add(40*day)
		s.TermEnd = year(s.TermStart)
		s.Status, s.WantStatus = "DRAFT", "draft"
	case 16: // a status word the connector does not know
		plain(t.Add(-k))
		s.Status, s.WantStatus = "PAUSED", "pending"
	case 17: // upgraded in the first term, then renewed
		start := t.Add(-k).AddDate(-1, 0, 0)
		plain(start)
		g.order(s, "UPGRADE", start.Add(120*day), year(start), "Upgraded the contract")
		s.TermStart, s.TermEnd = year(start), year(year(start))
		g.order(s, "RENEWAL", s.TermStart, s.TermEnd, "Renewed for 12 months")
	case 18: // replaced by a two-year agreement
		plain(t.Add(-200 * day))
		s.TermStart, s.TermEnd = t.Add(-30*day), t.Add(-30*day).AddDate(2, 0, 0)
		g.order(s, "RECAST", s.TermStart, s.TermEnd, "Replaced the contract for 24 months")
	case 20: // renews within the month (fakebook books only)
		end := t.Add(time.Duration(3+g.rng.IntN(28)) * day)
		plain(end.AddDate(-1, 0, 0))
		s.Renews = true
	default: // a finished trial, then a contract
		start := t.Add(-60 * day)
		s.Starts = start
		g.order(s, "TRIAL", start, start.Add(14*day), "Started a 14-day trial")
		s.TermStart, s.TermEnd = start.Add(14*day), year(start.Add(14*day))
		g.order(s, "STANDARD", s.TermStart, s.TermEnd, "Signed for 12 months")
	}
}

// invoices gives s one bill per elapsed billing period of its term (up to
// three), the last one's state following the contract's.
func (g *generator) invoices(s *Subscription, j int) {
	if s.WantStatus == "draft" || s.WantStatus == "pending" && s.Status != "PAUSED" || s.WantStatus == "trialing" {
		return
	}
	var issued []time.Time
	for at := s.TermStart; !at.After(g.today) && len(issued) < 3; at = at.AddDate(0, s.Months, 0) {
		issued = append(issued, at)
	}
	for n, at := range issued {
		in := &Invoice{ID: g.uuid(), Number: fmt.Sprintf("INV-%06d", g.rng.IntN(1000000)), Status: "PAID",
			Total: s.Period(), Issued: at.Add(2 * time.Hour), Due: at.Add(30 * day), WantStatus: "paid"}
		in.Paid = at.Add(5*day + 3*time.Hour)
		if j%6 != 2 {
			in.Currency = s.Currency
			if in.Currency == "" {
				in.Currency = "USD"
			}
		}
		if j%8 == 3 {
			in.Remaining = -1 // sent without remaining_amount
		}
		if n == len(issued)-1 {
			switch {
			case s.Status == "PAST_DUE":
				in.Status, in.Remaining, in.Paid, in.WantStatus = "PAST_DUE", in.Total, time.Time{}, "open"
			case j%9 == 4:
				in.Status, in.Remaining, in.Paid, in.WantStatus = "MUTED", in.Total, time.Time{}, "void"
			case j%13 == 6:
				in.Status, in.Remaining, in.Paid, in.WantStatus = "PENDING", in.Total/2, time.Time{}, "open"
			}
		}
		s.Invoices = append(s.Invoices, in)
	}
	if j%11 == 5 { // the next renewal's estimate, and a bill not yet issued
		s.Invoices = append(s.Invoices,
			&Invoice{ID: g.uuid(), Status: "PENDING", Total: s.Period(), Issued: s.TermEnd, Due: s.TermEnd.Add(30 * day), Estimate: true},
			&Invoice{ID: g.uuid(), Status: "SCHEDULED", Total: s.Period(), Issued: s.TermEnd, Due: s.TermEnd.Add(30 * day)})
	}
}

// deals gives some customers an open order, some a closed-lost one (its
// reason in the lostReason field, in metadata, or nowhere) and some a won
// one.
func (g *generator) deals(c *Customer, i int) {
	cur := currencies[i%len(currencies)]
	if cur == "" {
		cur = "USD"
	}
	mk := func(stage, typ, status string, ago time.Duration) *Deal {
		p := plans[i%len(plans)]
		seats := 5 + i%20
		d := &Deal{ID: g.uuid(), Stage: stage, Type: typ, Buyer: c, Currency: cur, WantStatus: status,
			Skus:    []Sku{{p.name, 1}, {"Seats", seats}},
			Total:   (p.base + int64(seats)*1500) * 12,
			Created: g.today.Add(-ago - 20*day + 11*time.Hour), Updated: g.today.Add(-ago + 15*time.Hour)}
		if status != "open" {
			d.Closed = d.Updated
		}
		g.b.deals = append(g.b.deals, d)
		return d
	}
	if i%3 == 0 {
		stage := "BUILDING"
		if len(c.Subs) > 0 {
			stage = "BUILDING_UPGRADE"
		}
		mk(stage, "standard", "open", time.Duration(i%9)*day)
	}
	if i%4 == 1 {
		d := mk("CLOSED_LOST", "standard", "lost", time.Duration(30+i%40)*day)
		switch i % 3 {
		case 0:
			d.LostReason, d.ReasonInField = reasons[i%len(reasons)], true
		case 1:
			d.LostReason = reasons[i%len(reasons)]
		}
	}
	if i%5 == 2 && len(c.Subs) > 0 {
		mk("CLOSED", "renewal", "won", time.Duration(60+i%30)*day)
	}
}

// Lifecycle kinds (see scenario) for each health tier of a fakebook
// company: a running contract; one renewing within the month, set to
// cancel or past due; one canceled, expired or past due.
var tierKinds = [...][]int{
	fakebook.Healthy:  {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 18, 19},
	fakebook.AtRisk:   {20, 12, 10},
	fakebook.Critical: {11, 11, 13, 10},
}

// generateUniverse builds a book of the companies cs (those Salesbricks
// knows) as of today: one customer per company, with the company's name
// and domain, its contacts at that domain, its Stripe customer id when the
// company carries the alias, one contract in a lifecycle its health tier
// picks (one healthy holder in ten holds two) on the company's plan, seats
// lines of the company's seats, and deals as in generate.
func generateUniverse(cs []fakebook.Company, seed uint64, today time.Time) *book {
	g := &generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), today: today,
		b: &book{subs: map[string]*Subscription{}}, domains: map[string]bool{}, universe: true}
	for i, co := range cs {
		c := &Customer{ID: g.uuid(), Name: co.Name, Domain: co.Domain}
		if i%3 == 0 {
			c.ExternalID = fmt.Sprintf("CRM-%05d", co.Index)
		}
		if co.StripeAlias {
			c.StripeID = co.StripeID
		}
		if i%5 == 1 {
			c.Website = "https://www." + co.Domain + "/"
		}
		g.domains[co.Domain] = true
		g.b.customers = append(g.b.customers, c)
	}
	j := 0
	for i, co := range cs {
		g.plan, g.seats = co.Plan, co.Seats
		kinds := tierKinds[co.Profile]
		n := 1
		if co.Profile == fakebook.Healthy && i%10 == 9 {
			n = 2
		}
		for range n {
			g.subscriptionOf(g.b.customers[i], j, kinds[g.rng.IntN(len(kinds))])
			j++
		}
	}
	g.plan, g.seats = "", 0
	for i, c := range g.b.customers {
		g.deals(c, i)
	}
	return g.b
}

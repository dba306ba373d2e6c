package demo

import (
	"strconv"
	"strings"
	"time"

	"successdesk/backend/domain"
)

// plan is a Pied Piper price plan; price is per seat-month in USD cents.
type plan struct {
	name               string
	price              int64
	minSeats, maxSeats int
}

var plans = []plan{{"Starter", 4900, 5, 12}, {"Growth", 8900, 10, 45}, {"Scale", 14900, 30, 110},
	{"Enterprise", 22900, 80, 140}}

var planWeights = []int{35, 40, 20, 5}

// work is the state of the account being generated.
type work struct {
	b  *AccountBundle
	hc *HardCase
	sc scenario

	region   region
	location string
	currency string
	industry string
	plan     int
	seats    int
	created  time.Time
	enriched bool
	history  time.Time // invoices are kept from here on (plus each source's latest)

	topic     int // the feature this account asks about most
	stripe    int // index in b.Revenue of the Stripe source, or -1
	upgradeAt time.Time
	oldPlan   int
	oldSeats  int
	orderAt   time.Time
	churnAt   time.Time // when a canceled or expired account stopped paying
	active    int       // latest weekly active users
}

// account fills b with account i of the book.
func (g *gen) account(b *AccountBundle, i int, intended domain.RiskLevel) {
	g.seedAccount(i)
	w := &work{b: b, hc: hardCaseAt(i), stripe: -1}
	if w.hc != nil {
		intended = w.hc.Intended
	}
	b.Intended = intended

	w.region = regions[g.weighted(regionWeights...)]
	w.location = pick(g, w.region.locations)
	w.currency = "USD"
	if w.region.currency != "USD" && g.chance(0.6) {
		w.currency = w.region.currency
	}
	var name, dom string
	if h := w.hc; h != nil {
		name, dom, w.plan = h.Name, h.Domain, h.plan
		w.industry = pick(g, nouns).industry
		if h.location != "" {
			w.location = h.location
		}
		w.currency = "USD"
		if h.Kind == HardUnicodeLatin {
			w.currency = "EUR"
		}
		w.sc = hardScenario(h.Kind)
	} else {
		name, dom, w.industry = g.company()
		w.plan = g.weighted(planWeights...)
		w.sc = g.scenario(intended, w.plan)
	}
	b.Story = w.sc.story
	w.topic = g.r.IntN(len(topics))

	p := plans[w.plan]
	u := g.r.Float64()
	w.seats = p.minSeats + int(u*u*float64(p.maxSeats-p.minSeats+1))
	if w.sc.trial || w.sc.prospect {
		w.seats = g.between(5, 25)
	}
	if w.sc.adoption == adVeryLow && w.seats < 10 {
		w.seats = g.between(10, 15)
	}
	w.created = g.today.AddDate(0, 0, -min(1400, 45+int(g.r.ExpFloat64()*300)))
	w.history = g.today.AddDate(0, -g.between(6, 12), 0)
	w.enriched = dom != "" && g.chance(0.7)
	if w.hc != nil {
		w.enriched = w.hc.location != ""
	}

	g.revenue(w)
	g.billedByStripe(w, i)
	b.Account = domain.Account{Domain: dom, Name: name, Owner: pick(g, csms),
		Tracked: w.hc != nil || !g.chance(0.03), CreatedAt: w.created.Add(time.Duration(g.between(14, 22)) * time.Hour)}
	if b.Account.CreatedAt.After(g.now) {
		b.Account.CreatedAt = g.now
	}
	g.contacts(w)
	if len(b.Contacts) > 0 {
		b.Account.PrimaryEmail = b.Contacts[0].Email
	}
	g.usage(w)
	g.activities(w)
	g.deals(w)
	g.enrichment(w)
}

// company returns a unique company name, its unique domain and its industry.
func (g *gen) company() (name, dom, industry string) {
	for g.curated < len(curated) {
		c := curated[g.curated]
		g.curated++
		if !g.names[c.name] && !g.domains[c.domain] {
			g.names[c.name], g.domains[c.domain] = true, true
			return c.name, c.domain, industryOf(c.name, g)
		}
	}
	for attempt := 0; ; attempt++ {
		n := pick(g, nouns)
		brand := g.brand()
		var base, short string // domain stems: full and brand-only
		switch g.weighted(40, 25, 8, 7, 20) {
		case 0:
			name = brand + " " + n.word
			base, short = slug(brand)+slug(n.word), slug(brand)
		case 1:
			name = brand + " " + n.word + " " + companySuffixes[4+g.r.IntN(len(companySuffixes)-4)]
			base, short = slug(brand)+slug(n.word), slug(brand)
		case 2:
			name = brand
			base, short = slug(brand), slug(brand)+slug(n.word)
		case 3:
			other := g.brand()
			if other == brand {
				continue
			}
			name = brand + " & " + other
			base, short = slug(brand)+"and"+slug(other), slug(brand)+slug(other)
		default:
			last := pick(g, lastNames)
			name = last + " " + n.word
			if g.chance(0.4) {
				name += " " + companySuffixes[4+g.r.IntN(len(companySuffixes)-4)]
			}
			base, short = slug(last)+slug(n.word), slug(last)+"co"
		}
		if attempt >= 60 {
			g.overflow++
			name += " " + strconv.Itoa(2+g.overflow)
		}
		if g.names[name] {
			continue
		}
		g.names[name] = true
		return name, g.domainFor(base, short, n.tech), n.industry
	}
}

// brand returns a first word: a stand-alone word or a compound.
func (g *gen) brand() string {
	if g.chance(0.45) {
		return pick(g, brandWords)
	}
	for {
		p, r := pick(g, compoundPrefixes), pick(g, compoundRoots)
		if !strings.EqualFold(p, r) {
			return p + r
		}
	}
}

// domainFor returns the first free domain among the usual shapes of base,
// falling back to numbered ones.
func (g *gen) domainFor(base, short string, tech bool) string {
	var cands []string
	if tech {
		cands = []string{base + ".io", base + ".com", short + ".ai", base + ".ai", short + ".io"}
	} else {
		cands = []string{base + ".com", base + ".co", short + ".com", "get" + base + ".com", base + "hq.com"}
	}
	if g.chance(0.25) {
		cands[0], cands[1] = cands[1], cands[0]
	}
	for _, d := range cands {
		if !g.domains[d] {
			g.domains[d] = true
			return d
		}
	}
	for n := 2; ; n++ {
		d := base + strconv.Itoa(n) + ".com"
		if !g.domains[d] {
			g.domains[d] = true
			return d
		}
	}
}

// slug lower-cases s and keeps ASCII letters and digits only.
func slug(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		}
	}
	return string(b)
}

// industryOf guesses the industry of a curated name from its words.
func industryOf(name string, g *gen) string {
	for _, n := range nouns {
		if strings.Contains(name, " "+n.word) {
			return n.industry
		}
	}
	return pick(g, nouns).industry
}

// contacts adds 1–4 people; the first is the primary contact and comes from
// the main revenue source, the rest from the CRM or from call participants.
func (g *gen) contacts(w *work) {
	b := w.b
	dom := b.Account.Domain
	n := []int{g.between(1, 2), g.between(1, 3), g.between(2, 4), g.between(3, 4)}[w.plan]
	primary := domain.SourceSalesbricks
	if len(b.Revenue) > 0 {
		primary = b.Revenue[0].Source
	}
	b.Contacts = make([]Contact, 0, n)
	for k := range n {
		var c Contact
		switch {
		case k == 0 && w.hc != nil:
			c.Name, c.Title, c.Email = w.hc.contact, w.hc.title, w.hc.PrimaryEmail
		default:
			first, last := pick(g, firstNames), pick(g, lastNames)
			c.Name = first + " " + last
			switch {
			case k == 0 && w.plan == 0 && g.chance(0.5):
				c.Title = pick(g, founderTitles)
			case k == 0:
				c.Title = pick(g, leadTitles)
			default:
				c.Title = pick(g, staffTitles)
			}
			if dom != "" {
				switch g.weighted(60, 25, 15) {
				case 0:
					c.Email = slug(first) + "." + slug(last) + "@" + dom
				case 1:
					c.Email = slug(first[:1]) + slug(last) + "@" + dom
				default:
					c.Email = slug(first) + "@" + dom
				}
			}
		}
		if c.Email != "" && hasEmail(b.Contacts, c.Email) {
			continue
		}
		switch {
		case k == 0 && primary == domain.SourceStripe:
			c.Source, c.ExternalID = domain.SourceStripe, g.extID("cus_", 8)
		case k == 0:
			c.Source, c.ExternalID = domain.SourceSalesbricks, g.extID("sb_ct_", 10)
		case w.enriched:
			c.Source, c.ExternalID = domain.SourceHubSpot, g.hubspotID()
		default:
			c.Source, c.ExternalID = domain.SourceBuildBetter, g.extID("bb_person_", 8)
		}
		b.Contacts = append(b.Contacts, c)
	}
}

func hasEmail(cs []Contact, email string) bool {
	for _, c := range cs {
		if c.Email == email {
			return true
		}
	}
	return false
}

// contactName returns a random participant of the account ("" when none).
func (g *gen) contactName(w *work) string {
	if len(w.b.Contacts) == 0 {
		return ""
	}
	return w.b.Contacts[g.r.IntN(len(w.b.Contacts))].Name
}

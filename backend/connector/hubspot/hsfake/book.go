package hsfake

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"successdesk/backend/connector/fakebook"
)

// Company is one company record as HubSpot stores it: raw property values
// (strings, "" for none).
type Company struct {
	ID         string
	Properties map[string]string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Archived   bool
}

func (c *Company) clone() *Company {
	cp := *c
	cp.Properties = make(map[string]string, len(c.Properties))
	for k, v := range c.Properties {
		cp.Properties[k] = v
	}
	return &cp
}

// industry is an industry enumeration value and the words a sync must show.
type industry struct{ code, want string }

var industries = []industry{
	{"COMPUTER_SOFTWARE", "Computer software"},
	{"FINANCIAL_SERVICES", "Financial services"},
	{"HOSPITAL_HEALTH_CARE", "Hospital health care"},
	{"INFORMATION_TECHNOLOGY_AND_SERVICES", "Information technology and services"},
	{"MARKETING_AND_ADVERTISING", "Marketing and advertising"},
	{"LOGISTICS_AND_SUPPLY_CHAIN", "Logistics and supply chain"},
	{"E_LEARNING", "E learning"},
	{"", ""},
}

// place is a city, state and country and the location a sync must show.
type place struct{ city, state, country, want string }

var places = []place{
	{"Berlin", "", "Germany", "Berlin, Germany"},
	{"Austin", "TX", "United States", "Austin, TX, United States"},
	{"", "", "Canada", "Canada"},
	{"London", "England", "United Kingdom", "London, England, United Kingdom"},
	{"Singapore", "", "Singapore", "Singapore"},
	{"Zürich", "ZH", "Switzerland", "Zürich, ZH, Switzerland"},
	{"", "", "", ""},
}

// Domain forms: how a company's domain is written, and whether a sync
// must find it.
const (
	formBare     = iota // acme.io
	formWWW             // www.acme.io
	formURL             // https://www.acme.io/about
	formUpper           // HTTP://ACME.IO
	formWebsite         // no domain; website https://acme.io/
	formFreeMail        // gmail.com: no company's domain
	formNone            // nothing
	numForms
)

var freeMail = []string{"gmail.com", "outlook.com", "yahoo.com"}

var (
	adjectives = []string{"Blue", "Quiet", "Rapid", "Bright", "Northern", "Silver", "Open", "Clever", "Urban", "Solid"}
	nouns      = []string{"Harbor", "Ledger", "Pixel", "Forge", "Orbit", "Meadow", "Signal", "Anchor", "Summit", "Beacon"}
	suffixes   = []string{"", " Labs", " Inc.", " GmbH", " Group", " Systems"}
	tlds       = []string{".io", ".com", ".co.uk", ".de", ".ai"}
)

// spec is what the generator chose for one company; Company properties
// are rendered from it and Truth is derived from it.
type spec struct {
	name      string // as stored; the truth is trimmed
	domain    string // bare domain
	form      int
	industry  int
	employees int // 0: none
	place     int
	tier      string // customer_tier option value, "" none
	region    string // success_region option value
	products  []string
	notes     string
}

// generator makes specs from one seed.
type generator struct {
	r      *rand.Rand
	nextID int64
	used   map[string]bool
}

func newGenerator(seed uint64) *generator {
	return &generator{r: rand.New(rand.NewPCG(seed, seed^0x5eed)), nextID: 5000000000, used: map[string]bool{}}
}

func (g *generator) pick(n int) int { return g.r.IntN(n) }

func (g *generator) id() string {
	g.nextID += int64(1 + g.pick(40))
	return strconv.FormatInt(g.nextID, 10)
}

func (g *generator) spec() *spec {
	base := adjectives[g.pick(len(adjectives))] + " " + nouns[g.pick(len(nouns))]
	s := &spec{name: base + suffixes[g.pick(len(suffixes))]}
	slug := strings.ToLower(strings.ReplaceAll(base, " ", ""))
	tld := tlds[g.pick(len(tlds))]
	s.domain = slug + tld
	for i := 2; g.used[s.domain]; i++ {
		s.domain = slug + strconv.Itoa(i) + tld
	}
	g.used[s.domain] = true
	if g.pick(8) == 0 {
		s.name = "  " + strings.ReplaceAll(s.name, " ", "  ") + " " // stray spaces a sync trims
	}
	s.form = g.pick(numForms)
	s.industry = g.pick(len(industries))
	if g.pick(6) != 0 {
		s.employees = 5 + g.pick(5000)
	}
	s.place = g.pick(len(places))
	s.tier = []string{"gold", "silver", "bronze", ""}[g.pick(4)]
	s.region = []string{"na", "emea", "apac", ""}[g.pick(4)]
	for _, p := range []string{"analytics", "billing", "support"} {
		if g.pick(2) == 0 {
			s.products = append(s.products, p)
		}
	}
	if g.pick(3) == 0 {
		s.notes = []string{"Renewal call booked", "Asked for SSO", "Champion left in Q2"}[g.pick(3)]
	}
	return s
}

// render writes s as a company's raw properties.
func (s *spec) render(id string, created, updated time.Time) *Company {
	p := map[string]string{"name": s.name, "hs_object_id": id}
	switch s.form {
	case formBare:
		p["domain"] = s.domain
	case formWWW:
		p["domain"] = "www." + s.domain
	case formURL:
		p["domain"] = "https://www." + s.domain + "/about"
	case formUpper:
		p["domain"] = "HTTP://" + strings.ToUpper(s.domain)
	case formWebsite:
		p["website"] = "https://" + s.domain + "/"
	case formFreeMail:
		p["domain"] = freeMail[len(s.domain)%len(freeMail)]
	}
	p["industry"] = industries[s.industry].code
	if s.employees > 0 {
		p["numberofemployees"] = strconv.Itoa(s.employees)
	}
	pl := places[s.place]
	p["city"], p["state"], p["country"] = pl.city, pl.state, pl.country
	p["customer_tier"], p["success_region"] = s.tier, s.region
	p["products_in_use"] = strings.Join(s.products, ";")
	p["renewal_notes"] = s.notes
	c := &Company{ID: id, Properties: p, CreatedAt: created, UpdatedAt: updated}
	stamp(c)
	return c
}

// stamp writes the dates HubSpot keeps as properties.
func stamp(c *Company) {
	c.Properties["createdate"] = c.CreatedAt.UTC().Format(timeFormat)
	c.Properties["hs_lastmodifieddate"] = c.UpdatedAt.UTC().Format(timeFormat)
}

// timeFormat is how HubSpot v3 writes times.
const timeFormat = "2006-01-02T15:04:05.000Z"

// generate makes n companies ending at now: created over the past two
// years, last modified over the past 30 days.
func generate(g *generator, n int, now time.Time) (map[string]*spec, []*Company) {
	specs := make(map[string]*spec, n)
	out := make([]*Company, 0, n)
	for range n {
		id, s := g.id(), g.spec()
		created := now.Add(-time.Duration(30+g.pick(700)) * 24 * time.Hour)
		updated := now.Add(-time.Duration(g.pick(30*24*60)) * time.Minute)
		specs[id] = s
		out = append(out, s.render(id, created, updated))
	}
	return specs, out
}

// generateUniverse makes one company of each of cs (those HubSpot knows)
// as generate does, named after the company and at its domain (written in
// one of the domain forms, so some cannot be matched).
func generateUniverse(g *generator, cs []fakebook.Company, now time.Time) (map[string]*spec, []*Company) {
	specs := make(map[string]*spec, len(cs))
	out := make([]*Company, 0, len(cs))
	for _, co := range cs {
		id, s := g.id(), g.spec()
		s.name, s.domain = co.Name, co.Domain
		g.used[co.Domain] = true
		created := now.Add(-time.Duration(30+g.pick(700)) * 24 * time.Hour)
		updated := now.Add(-time.Duration(g.pick(30*24*60)) * time.Minute)
		specs[id] = s
		out = append(out, s.render(id, created, updated))
	}
	return specs, out
}

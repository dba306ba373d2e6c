package bbfake

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"successdesk/backend/connector/fakebook"
)

// TeamDomain is the e-mail domain of the generated organization's team.
const TeamDomain = "northwind.example"

// Gen describes a generated book. The same Gen gives the same book.
type Gen struct {
	Seed      uint64
	Companies int       // customer companies; 0 means 8
	Weeks     int       // history; 0 means 12
	Now       time.Time // the book ends an hour before Now; zero means time.Now()
	// Universe, when set, replaces the generated customer companies with
	// the companies of a shared universe that BuildBetter knows (see
	// fakebook.Company.Sources), in five of the six flavours (not the
	// free-mail one), whose signals lean the way their health tier does;
	// the customers known only by e-mail are left out. Companies is then
	// ignored.
	Universe []fakebook.Company
}

var (
	companyNames = []string{"Acme Rockets", "Globex", "Soylent", "Umbrella Labs", "Hooli", "Vandelay Imports",
		"Stark Freight", "Wonka Foods", "Tyrell Systems", "Cyberdyne", "Oscorp", "Massive Dynamic"}
	firstNames = []string{"Ana", "Bo", "Carla", "Dev", "Elif", "Femi", "Gus", "Hana", "Ines", "Jon", "Kai", "Lena"}
	lastNames  = []string{"Ruiz", "Chen", "Okafor", "Patel", "Novak", "Berg", "Silva", "Haddad", "Moreau", "Ito"}
	callNames  = []string{"Weekly sync", "Quarterly review", "Onboarding", "Renewal check-in", "Roadmap preview"}
	// typeNames spells each kind the ways workspaces do; "" is a type the
	// app does not keep.
	typeNames = map[string][]string{
		"feature_request": {"Feature Request", "feature request", "Request"},
		"complaint":       {"Issue", "Complaint", "Bug"},
		"escalation":      {"Escalation"},
		"nps":             {"NPS"},
		"praise":          {"Praise", "Positive Feedback"},
		"":                {"Question", "Objection", "Action Item"},
	}
	kindOrder = []string{"feature_request", "complaint", "escalation", "nps", "praise", ""}
	summaries = map[string]string{
		"feature_request": "Asked for an export of the weekly report to CSV.",
		"complaint":       "The sync with their CRM failed twice this week.",
		"escalation":      "Wants a call with leadership about the outage.",
		"praise":          "The new dashboard saved the team hours.",
		"":                "Asked how seats are counted.",
	}
)

// generator holds the state of one Generate run.
type generator struct {
	r      *rand.Rand
	b      *Book
	start  time.Time
	end    time.Time
	nextID map[string]int64
}

// account is a customer as the generator builds it. kinds and nps, when
// set, are the signal kinds and NPS scores its signals draw from.
type account struct {
	key    string
	people []int64
	kinds  []string
	nps    []int
}

// Signal kinds and NPS scores for each health tier of a fakebook company.
var (
	tierKinds = [...][]string{
		fakebook.Healthy:  {"feature_request", "praise", "praise", "nps", ""},
		fakebook.AtRisk:   {"complaint", "complaint", "nps", "nps", "feature_request"},
		fakebook.Critical: {"escalation", "escalation", "complaint", "nps"},
	}
	tierNPS = [...][]int{
		fakebook.Healthy:  {7, 8, 9, 9, 10, 10},
		fakebook.AtRisk:   {3, 4, 5, 6, 6, 7, 8},
		fakebook.Critical: {0, 1, 2, 3, 4, 5},
	}
)

// Generate returns a book of g.Companies customer companies (in six
// flavours: with a domain, without one, with a URL for a domain, with a
// free-mail domain and free-mail people, ...), two customers known only by
// their company e-mail domain, two at free-mail addresses, a team of three
// users and one colleague without a user, calls with each over g.Weeks
// weeks, team-only calls, signals of every kind (and types the app does
// not keep), and NPS survey answers that came without a call.
func Generate(g Gen) *Book {
	if g.Companies <= 0 {
		g.Companies = 8
	}
	if g.Weeks <= 0 {
		g.Weeks = 12
	}
	if g.Now.IsZero() {
		g.Now = time.Now()
	}
	end := g.Now.UTC().Add(-time.Hour).Truncate(time.Microsecond)
	gen := &generator{
		r:      rand.New(rand.NewPCG(g.Seed, g.Seed^0x9e3779b97f4a7c15)),
		b:      &Book{Organization: "Northwind Customer Success", AccountDomains: map[string]string{}},
		start:  end.Add(-time.Duration(g.Weeks) * 7 * 24 * time.Hour),
		end:    end,
		nextID: map[string]int64{"company": 100, "person": 200, "call": 1000, "signal": 5000},
	}
	team := []int64{gen.person("Tess", "Lind", "tess@"+TeamDomain, 0, 901), gen.person("Omar", "Reyes",
		"omar@"+TeamDomain, 0, 902), gen.person("Ivy", "Chen", "ivy@"+TeamDomain, 0, 903)}
	colleague := gen.person("Pat", "Kim", "pat@"+TeamDomain, 0, 0)
	var accts []account
	if g.Universe != nil {
		for i, co := range fakebook.Only(g.Universe, fakebook.BuildBetter) {
			a := gen.companyOf(i, co.Name, strings.Split(co.Domain, ".")[0], co.Domain, i%5)
			a.kinds, a.nps = tierKinds[co.Profile], tierNPS[co.Profile]
			accts = append(accts, a)
		}
	} else {
		for i := range g.Companies {
			accts = append(accts, gen.company(i))
		}
		for i, slug := range []string{"initech", "piedpiper"} {
			d := slug + ".example"
			p := gen.person(firstNames[i], lastNames[i], "lead@"+d, 0, 0)
			accts = append(accts, gen.account("domain:"+d, d, p))
		}
		for i, host := range []string{"outlook.com", "yahoo.com"} {
			p := gen.person(firstNames[i+2], lastNames[i+2], fmt.Sprintf("%s.%d@%s",
				strings.ToLower(firstNames[i+2]), i, host), 0, 0)
			accts = append(accts, gen.account("unmatched:"+strconv.FormatInt(p, 10), "", p))
		}
	}
	guest := gen.person("Sam", "Guest", "sam.guest@hotmail.com", 0, 0)
	for i, a := range accts {
		for range 2 + gen.r.IntN(4) {
			atts := []int64{team[gen.r.IntN(len(team))]}
			atts = append(atts, gen.pick(a.people)...)
			if strings.HasPrefix(a.key, "company:") && gen.r.IntN(4) == 0 {
				atts = append(atts, guest)
			}
			if gen.r.IntN(5) == 0 {
				atts = append(atts, colleague)
			}
			gen.call(a, atts)
		}
		if i%3 == 0 {
			gen.survey(a)
		}
	}
	for range 3 {
		gen.call(account{}, []int64{team[0], team[1], colleague})
	}
	return gen.b
}

func (g *generator) id(kind string) int64 {
	g.nextID[kind]++
	return g.nextID[kind]
}

func (g *generator) person(first, last, email string, company, user int64) int64 {
	id := g.id("person")
	g.b.People = append(g.b.People, Person{ID: id, FirstName: first, LastName: last, Email: email,
		CompanyID: company, UserID: user})
	return id
}

func (g *generator) account(key, domain string, people ...int64) account {
	g.b.AccountDomains[key] = domain
	return account{key: key, people: people}
}

// company adds company i in flavour i%6 with one to three people.
func (g *generator) company(i int) account {
	name := companyNames[i%len(companyNames)]
	if i >= len(companyNames) {
		name += " " + strconv.Itoa(i/len(companyNames)+1)
	}
	slug := strings.ToLower(strings.ReplaceAll(name, " ", ""))
	return g.companyOf(i, name, slug, slug+".example", i%6)
}

// companyOf adds company i named name at domain d (slug its first label)
// in flavour 0–5 with one to three people.
func (g *generator) companyOf(i int, name, slug, d string, flavour int) account {
	id := g.id("company")
	c, truth, mailHost := Company{ID: id, Name: name, Domain: d}, d, d
	switch flavour {
	case 3:
		c.Domain = "" // known by its people's e-mail only
	case 4:
		c.Domain = "https://www." + strings.ToUpper(d[:1]) + d[1:] + "/"
	case 5:
		c.Domain, truth, mailHost = "gmail.com", "", "gmail.com" // made from a gmail address
	}
	g.b.Companies = append(g.b.Companies, c)
	var people []int64
	for j := range 1 + g.r.IntN(3) {
		first := firstNames[(i+j)%len(firstNames)]
		email := fmt.Sprintf("%s@%s", strings.ToLower(first), mailHost)
		if mailHost == "gmail.com" {
			email = fmt.Sprintf("%s.%s%d@gmail.com", strings.ToLower(first), slug, j)
		}
		people = append(people, g.person(first, lastNames[(i+j)%len(lastNames)], email, id, 0))
	}
	return g.account("company:"+strconv.FormatInt(id, 10), truth, people...)
}

// pick returns a non-empty random subset of ids, in order.
func (g *generator) pick(ids []int64) []int64 {
	var out []int64
	for _, id := range ids {
		if g.r.IntN(2) == 0 {
			out = append(out, id)
		}
	}
	if len(out) == 0 {
		out = append(out, ids[g.r.IntN(len(ids))])
	}
	return out
}

// when is a random time of the book's history, leaving room for a call.
func (g *generator) when() time.Time {
	span := g.end.Add(-2 * time.Hour).Sub(g.start)
	return g.start.Add(time.Duration(g.r.Int64N(int64(span)))).Truncate(time.Microsecond)
}

// call adds a call of account a with attendees atts and its signals; a
// zero account is a team-only call.
func (g *generator) call(a account, atts []int64) {
	started := g.when()
	length := time.Duration(15+g.r.IntN(46)) * time.Minute
	c := Call{ID: g.id("call"), Name: callNames[g.r.IntN(len(callNames))], StartedAt: started,
		CompletedAt: started.Add(length), CreatedAt: started.Add(length + 2*time.Minute),
		Summary: "Walked through adoption and open questions; agreed next steps.", Attendees: atts, Account: a.key}
	g.b.Calls = append(g.b.Calls, c)
	if a.key == "" {
		return
	}
	for j := range g.r.IntN(4) {
		kind := kindOrder[g.r.IntN(len(kindOrder))]
		if a.kinds != nil {
			kind = a.kinds[g.r.IntN(len(a.kinds))]
		}
		speaker := atts[0] // the team member
		if g.r.IntN(10) < 7 {
			speaker = atts[1+g.r.IntN(len(atts)-1)]
			if !contains(a.people, speaker) { // a guest or a colleague: speak for the customer instead
				speaker = atts[1]
			}
		}
		at := c.CreatedAt.Add(time.Duration(j+1) * time.Minute)
		g.signal(a, kind, speaker, c.ID, started.Add(time.Duration(j+1)*3*time.Minute), at)
	}
}

// survey adds an NPS answer from a's first person that came without a call.
func (g *generator) survey(a account) {
	at := g.when()
	g.signal(a, "nps", a.people[0], 0, at, at.Add(time.Minute))
}

func (g *generator) signal(a account, kind string, speaker, call int64, display, created time.Time) {
	names := typeNames[kind]
	s := Signal{ID: g.id("signal"), Types: []string{names[g.r.IntN(len(names))]}, DisplayTS: display,
		CreatedAt: created, SpeakerID: speaker, CallID: call, Kind: kind, Summary: summaries[kind]}
	if kind == "nps" {
		score := g.r.IntN(11)
		if a.nps != nil {
			score = a.nps[g.r.IntN(len(a.nps))]
		}
		s.Score = &score
		s.Summary = fmt.Sprintf("Rated us %d out of 10.", score)
		s.Context = "Survey comment: keep the weekly digest coming."
	}
	if kind != "" {
		s.Account = a.key
	}
	g.b.Signals = append(g.b.Signals, s)
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

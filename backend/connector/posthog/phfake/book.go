package phfake

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"successdesk/backend/connector/fakebook"
)

// Company is a customer company of the book: a PostHog group of the
// server's group type.
type Company struct {
	Key    string // the group key ($group_N on its events)
	Name   string // the group's name property; "" when it has none
	Domain string // the group's domain property as stored; "" when it has none
	Site   string // the company's real domain, its people's e-mail domain ("" none)
	// Profile says how its usage moves over the weeks (see profiles).
	Profile string
}

// Person is someone who sends events: a PostHog person.
type Person struct {
	ID      string
	Email   string // as stored in the person's properties; "" when none
	Company int    // index in Book.Companies, -1 for none
}

// Event is one captured event.
type Event struct {
	Person int       // index in Book.Persons
	Group  string    // the group key the event carries; "" when none
	At     time.Time // UTC, whole seconds
}

// Book is the generated project.
type Book struct {
	Companies []Company
	Persons   []Person
	Events    []Event // in no particular order
}

// FreeMail are the mailbox providers the generator gives some people; none
// is a company domain.
var FreeMail = []string{"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "proton.me"}

var companyNames = []string{"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Soylent", "Stark",
	"Wayne", "Wonka", "Cyberdyne", "Tyrell", "Aperture", "Monarch", "Oscorp", "Nakatomi", "Dunder", "Gringotts",
	"Massive Dynamic", "Black Mesa"}

var firstNames = []string{"ann", "bo", "cy", "dee", "eli", "fay", "gus", "hal", "ida", "jo", "kim", "lou"}

var tlds = []string{".com", ".io", ".co", ".dev"}

// profiles shape a company's weekly usage; churned companies are active
// only before the 13-week window, so they never appear in a usage pass.
var profiles = []string{"steady", "growing", "declining", "dropped", "new", "churned", "small"}

// historyWeeks is how far back events go (beyond the 13-week window).
const historyWeeks = 17

// generate builds a book of n companies whose events end at now.
func generate(n int, seed uint64, now time.Time) *Book {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := &Book{}
	for i := range n {
		name := companyNames[i%len(companyNames)]
		if i >= len(companyNames) {
			name = fmt.Sprintf("%s %d", name, i/len(companyNames)+1)
		}
		slug := strings.ToLower(strings.ReplaceAll(name, " ", ""))
		site := slug + tlds[i%len(tlds)]
		c := Company{Key: site, Name: name, Site: site, Profile: profiles[i%len(profiles)]}
		switch {
		case i%11 == 7: // a sole trader whose domain property is a mailbox provider
			c.Key, c.Domain, c.Site = fmt.Sprintf("org_%04d", i), "gmail.com", ""
		case i%5 == 3: // keyed by an id, domain in a property written as a URL
			c.Key, c.Domain = fmt.Sprintf("org_%04d", i), "https://www."+site+"/"
		case i%5 == 4: // keyed by an id, no domain at all
			c.Key, c.Site = fmt.Sprintf("org_%04d", i), ""
			if i%10 == 9 {
				c.Name = ""
			}
		}
		b.Companies = append(b.Companies, c)
		people := 2 + rng.IntN(6)
		for j := range people {
			b.Persons = append(b.Persons, Person{ID: personID(rng), Company: i, Email: email(rng, c.Site, j)})
		}
	}
	// People of no company: freelancers with their own domain, and
	// free-mail users.
	for j := range 4 {
		site := "freelancer.dev"
		if j%2 == 1 {
			site = ""
		}
		b.Persons = append(b.Persons, Person{ID: personID(rng), Company: -1, Email: email(rng, site, j+1)})
	}
	b.events(rng, now)
	return b
}

// tierProfiles are the usage profiles of each health tier of a fakebook
// company.
var tierProfiles = [...][]string{
	fakebook.Healthy:  {"steady", "growing"},
	fakebook.AtRisk:   {"declining", "small"},
	fakebook.Critical: {"dropped"},
}

// generateUniverse builds a book of the companies cs (those PostHog knows)
// whose events end at now: each company a group keyed by its domain, with
// its name and domain properties, its Users as people (e-mails as in
// generate: mostly at the domain, some at a mailbox provider, some none),
// in a usage profile its health tier picks. There are no people outside
// the companies.
func generateUniverse(cs []fakebook.Company, seed uint64, now time.Time) *Book {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := &Book{}
	for i, co := range cs {
		ps := tierProfiles[co.Profile]
		c := Company{Key: co.Domain, Name: co.Name, Domain: co.Domain, Site: co.Domain, Profile: ps[rng.IntN(len(ps))]}
		b.Companies = append(b.Companies, c)
		for j := range co.Users {
			b.Persons = append(b.Persons, Person{ID: personID(rng), Company: i, Email: email(rng, c.Site, j)})
		}
	}
	b.events(rng, now)
	return b
}

// events gives every person events over the history weeks, as its
// company's profile says, ending at now.
func (b *Book) events(rng *rand.Rand, now time.Time) {
	thisWeek := weekStart(now)
	for p, person := range b.Persons {
		profile, group := "steady", ""
		if person.Company >= 0 {
			c := b.Companies[person.Company]
			profile, group = c.Profile, c.Key
		}
		for k := historyWeeks - 1; k >= 0; k-- {
			if !active(rng, profile, k) {
				continue
			}
			start := thisWeek.AddDate(0, 0, -7*k)
			span := 7 * 24 * time.Hour
			if k == 0 {
				span = now.Sub(start)
			}
			if span < time.Second {
				continue
			}
			for range 1 + rng.IntN(3) {
				at := start.Add(time.Duration(rng.Int64N(int64(span/time.Second))) * time.Second)
				b.Events = append(b.Events, Event{Person: p, Group: group, At: at})
			}
		}
	}
}

// active reports whether a person of profile is active k weeks before the
// current one (k = 0 is the current week).
func active(rng *rand.Rand, profile string, k int) bool {
	var p float64
	switch profile {
	case "steady":
		p = 0.7
	case "growing":
		p = 0.9 - float64(k)*0.06
	case "declining":
		p = 0.2 + float64(k)*0.06
	case "dropped":
		if k < 3 {
			return false
		}
		p = 0.6
	case "new":
		if k > 3 {
			return false
		}
		p = 0.8
	case "churned":
		if k < 14 {
			return false
		}
		p = 0.8
	case "small":
		p = 0.35
	}
	return rng.Float64() < p
}

// email gives the j-th person of a company at site an address: mostly at
// the site (one in upper case), some at a free-mail provider, some none.
func email(rng *rand.Rand, site string, j int) string {
	first := firstNames[rng.IntN(len(firstNames))]
	switch r := rng.IntN(10); {
	case r == 0:
		return ""
	case r <= 2 || site == "":
		return fmt.Sprintf("%s.%d@%s", first, rng.IntN(1000), FreeMail[rng.IntN(len(FreeMail))])
	case j == 1:
		return strings.ToUpper(first[:1]) + first[1:] + "@" + strings.ToUpper(site)
	}
	return first + "@" + site
}

func personID(rng *rand.Rand) string {
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", rng.Uint32(), rng.Uint32()&0xffff, rng.Uint32()&0xffff,
		rng.Uint32()&0xffff, rng.Uint64()&0xffffffffffff)
}

// weekStart is the Monday 00:00 UTC that starts t's week.
func weekStart(t time.Time) time.Time {
	t = t.UTC()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

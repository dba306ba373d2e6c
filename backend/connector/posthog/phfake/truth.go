package phfake

import (
	"slices"
	"strings"
	"time"
)

// TruthWeeks is the number of weeks a usage pass covers.
const TruthWeeks = 13

// Truth is what a correct usage pass over the book holds, derived from
// the generator's own data with the rules the product documents (not by
// calling the connector's mapping code):
//
//   - the window is the 13 weeks (Monday 00:00 UTC) ending with the week
//     of the server's clock;
//   - by group: every company with an event in the window is an account
//     keyed by its group key; its domain is its domain property when that
//     is a company's site, else its key when the key is its site, else
//     none (a mailbox provider is never a domain); its name is its name
//     property;
//   - by e-mail domain: every lower-cased e-mail domain with an event in
//     the window is an account keyed by it, except the mailbox providers
//     (FreeMail), whose users are dropped;
//   - weeks count the distinct people with an event in each week, zero
//     weeks included; LastSeen is the newest event in the window.
type Truth struct {
	Weeks   []time.Time    // the Mondays of the window, oldest first
	Groups  []TruthAccount // by key
	Domains []TruthAccount // by key
}

// TruthAccount is one account of a usage pass.
type TruthAccount struct {
	Key      string
	Domain   string
	Name     string
	Users    []int // per week of Truth.Weeks
	LastSeen time.Time
}

// Truth returns what a usage pass at the server's clock must deliver.
func (s *Server) Truth() Truth {
	newest := weekStart(s.now())
	t := Truth{}
	for i := range TruthWeeks {
		t.Weeks = append(t.Weeks, newest.AddDate(0, 0, 7*(i-TruthWeeks+1)))
	}
	from, to := t.Weeks[0], newest.AddDate(0, 0, 7)
	groups, domains := map[string]*TruthAccount{}, map[string]*TruthAccount{}
	seen := map[[2]any]bool{} // (account key + mode, week·person) already counted
	add := func(m map[string]*TruthAccount, mode, key string, e Event, mk func() TruthAccount) {
		a := m[key]
		if a == nil {
			na := mk()
			na.Key, na.Users = key, make([]int, TruthWeeks)
			a = &na
			m[key] = a
		}
		if e.At.After(a.LastSeen) {
			a.LastSeen = e.At
		}
		wk := int(e.At.Sub(from) / (7 * 24 * time.Hour))
		id := [2]any{mode + "\x00" + key, wk*1_000_000 + e.Person}
		if !seen[id] {
			seen[id] = true
			a.Users[wk]++
		}
	}
	for _, e := range s.b.Events {
		if e.At.Before(from) || !e.At.Before(to) {
			continue
		}
		p := s.b.Persons[e.Person]
		if e.Group != "" && p.Company >= 0 {
			c := s.b.Companies[p.Company]
			add(groups, "g", e.Group, e, func() TruthAccount { return TruthAccount{Domain: c.Site, Name: c.Name} })
		}
		if i := strings.IndexByte(p.Email, '@'); i >= 0 {
			d := strings.ToLower(p.Email[i+1:])
			if !slices.Contains(FreeMail, d) {
				add(domains, "d", d, e, func() TruthAccount { return TruthAccount{Domain: d} })
			}
		}
	}
	t.Groups, t.Domains = sorted(groups), sorted(domains)
	return t
}

func sorted(m map[string]*TruthAccount) []TruthAccount {
	out := make([]TruthAccount, 0, len(m))
	for _, a := range m {
		a.LastSeen = a.LastSeen.UTC()
		out = append(out, *a)
	}
	slices.SortFunc(out, func(a, b TruthAccount) int { return strings.Compare(a.Key, b.Key) })
	return out
}

package hsfake

import (
	"slices"
	"strings"
	"time"
)

// Want is what a correct sync must hold for one company.
type Want struct {
	ID        string
	Domain    string // normalized; "" when the company has no company domain
	Name      string
	Industry  string
	Employees int
	Location  string
	Custom    map[string]string // by property label; nil when none has a value
}

// Truth returns what a correct sync of the current book must hold, for the
// generated and added companies that are not archived, by id: with custom
// naming the custom properties the sync reads. It is derived from the
// generator's choices and tables, not from the records it serves.
func (s *Server) Truth(custom ...string) []Want {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []Want
	for id, sp := range s.specs {
		if c := s.byID[id]; c != nil && !c.Archived {
			out = append(out, sp.want(id, custom))
		}
	}
	slices.SortFunc(out, func(a, b Want) int { return cmpID(a.ID, b.ID) })
	return out
}

func (sp *spec) want(id string, custom []string) Want {
	w := Want{ID: id, Name: strings.Join(strings.Fields(sp.name), " "), Industry: industries[sp.industry].want,
		Employees: sp.employees, Location: places[sp.place].want}
	switch sp.form {
	case formBare, formWWW, formURL, formUpper, formWebsite:
		w.Domain = sp.domain
	}
	if w.Name == "" {
		w.Name = w.Domain
	}
	values := map[string][]string{"customer_tier": {sp.tier}, "success_region": {sp.region},
		"products_in_use": sp.products, "renewal_notes": {sp.notes}}
	for _, p := range CustomProperties {
		if !slices.Contains(custom, p.Name) {
			continue
		}
		var shown []string
		for _, v := range values[p.Name] {
			for _, o := range p.Options {
				if o.Value == v {
					v = o.Label
				}
			}
			if v != "" {
				shown = append(shown, v)
			}
		}
		if len(shown) > 0 {
			if w.Custom == nil {
				w.Custom = map[string]string{}
			}
			w.Custom[p.Label] = strings.Join(shown, ", ")
		}
	}
	return w
}

// IDs lists the ids of the companies not archived, in order.
func (s *Server) IDs() []string {
	var out []string
	for _, c := range s.sorted(false) {
		out = append(out, c.ID)
	}
	return out
}

// Company returns a copy of the company with id, and whether it exists.
func (s *Server) Company(id string) (Company, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.byID[id]
	if !ok {
		return Company{}, false
	}
	return *c.clone(), true
}

// Add generates one more company, created and modified now, and returns
// its id.
func (s *Server) Add() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now().UTC()
	id, sp := s.gen.id(), s.gen.spec()
	for s.byID[id] != nil {
		id = s.gen.id()
	}
	s.specs[id] = sp
	s.byID[id] = sp.render(id, now, now)
	return id
}

// Rename sets a company's name and marks it modified now; false when there
// is no such company.
func (s *Server) Rename(id, name string) bool {
	return s.change(id, time.Time{}, func(c *Company, sp *spec) {
		c.Properties["name"] = name
		if sp != nil {
			sp.name = name
		}
	})
}

// Archive archives a company (HubSpot's delete), modified now.
func (s *Server) Archive(id string) bool {
	return s.change(id, time.Time{}, func(c *Company, _ *spec) { c.Archived = true })
}

// Touch marks the companies modified at at (now when at is zero) without
// other changes; many companies touched at one time share a modification
// time, as after an import. It returns how many exist.
func (s *Server) Touch(at time.Time, ids ...string) int {
	n := 0
	for _, id := range ids {
		if s.change(id, at, func(*Company, *spec) {}) {
			n++
		}
	}
	return n
}

// change applies f to the company with id and stamps it modified at at
// (now when zero).
func (s *Server) change(id string, at time.Time, f func(*Company, *spec)) bool {
	if at.IsZero() {
		at = s.now()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.byID[id]
	if !ok {
		return false
	}
	f(c, s.specs[id])
	c.UpdatedAt = at.UTC()
	stamp(c)
	return true
}

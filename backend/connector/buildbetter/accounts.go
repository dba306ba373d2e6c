package buildbetter

import (
	"strings"

	"successdesk/backend/connector"
)

// Account key prefixes (see the package comment).
const (
	keyCompany   = "company:"
	keyDomain    = "domain:"
	keyUnmatched = "unmatched:"
)

// Ranks of account keys when choosing a call's account: a company or a
// domain says more than one person at a free-mail address.
const (
	rankCompany = iota
	rankDomain
	rankUnmatched
)

// party is the account one person stands for.
type party struct {
	acct connector.AccountRecord
	rank int
}

// teamDomains returns the company domains of the attendees that are
// BuildBetter users: on the same call, anyone else at those domains is a
// colleague too.
func teamDomains(atts []attendeeRow) map[string]bool {
	var out map[string]bool
	for _, a := range atts {
		if p := a.Person; p != nil && isUser(p) {
			if d := connector.DomainFromEmail(p.Email); d != "" {
				if out == nil {
					out = map[string]bool{}
				}
				out[d] = true
			}
		}
	}
	return out
}

func isUser(p *personRow) bool { return p.User != nil && p.User.ID.valid() }

// isTeam reports whether p works for the organization itself: a user, or a
// person at one of team's domains.
func isTeam(p *personRow, team map[string]bool) bool {
	if isUser(p) {
		return true
	}
	d := connector.DomainFromEmail(p.Email)
	return d != "" && team[d]
}

// partyOf returns the account person p stands for; false when p has
// neither a company, a usable e-mail domain nor a valid id.
func partyOf(p *personRow) (party, bool) {
	email := oneLine(p.Email, maxEmail)
	if c := p.Company; c != nil && c.ID.valid() {
		d := companyDomain(c.Domain)
		if d == "" {
			d = connector.DomainFromEmail(email)
		}
		return party{rank: rankCompany, acct: connector.AccountRecord{
			Key: keyCompany + string(c.ID), Domain: d, Name: oneLine(c.Name, maxTitle)}}, true
	}
	if d := connector.DomainFromEmail(email); d != "" {
		return party{rank: rankDomain, acct: connector.AccountRecord{Key: keyDomain + d, Domain: d, Name: d}}, true
	}
	if p.ID.valid() {
		name := displayName(p)
		if name == "" {
			name = email
		}
		return party{rank: rankUnmatched, acct: connector.AccountRecord{
			Key: keyUnmatched + string(p.ID), Name: name, PrimaryEmail: email}}, true
	}
	return party{}, false
}

// companyDomain normalizes a company record's domain; a free-mail host (a
// CRM entry made from someone's gmail address) gives "".
func companyDomain(raw string) string {
	d := connector.NormalizeDomain(raw)
	if d == "" || connector.DomainFromEmail("postmaster@"+d) != d {
		return ""
	}
	return d
}

// displayName is "First Last", trimmed, one line.
func displayName(p *personRow) string {
	return oneLine(strings.TrimSpace(p.FirstName)+" "+strings.TrimSpace(p.LastName), maxTitle)
}

// callParty returns the account a call is with and the names of its
// attendees there: the account with most customer attendees, companies and
// domains before unmatched people, ties to the smaller key. false when
// every attendee is on the team.
func callParty(atts []attendeeRow) (party, []string, bool) {
	team := teamDomains(atts)
	type tally struct {
		p     party
		n     int
		names []string
	}
	var order []*tally
	byKey := map[string]*tally{}
	for _, a := range atts {
		p := a.Person
		if p == nil || isTeam(p, team) {
			continue
		}
		pt, ok := partyOf(p)
		if !ok {
			continue
		}
		t := byKey[pt.acct.Key]
		if t == nil {
			t = &tally{p: pt}
			byKey[pt.acct.Key] = t
			order = append(order, t)
		}
		t.n++
		if d := pt.acct.Domain; d != "" && (t.p.acct.Domain == "" || d < t.p.acct.Domain) {
			t.p.acct.Domain = d // a company known by its people's e-mail, as accountSet.add
		}
		name := displayName(p)
		if name == "" {
			name = oneLine(p.Email, maxEmail)
		}
		if name != "" {
			t.names = append(t.names, name)
		}
	}
	var best *tally
	for _, t := range order {
		if best == nil || t.p.rank < best.p.rank ||
			t.p.rank == best.p.rank && (t.n > best.n || t.n == best.n && t.p.acct.Key < best.p.acct.Key) {
			best = t
		}
	}
	if best == nil {
		return party{}, nil, false
	}
	return best.p, best.names, true
}

// signalParty returns the account a signal is about: its speaker's when
// the speaker is a customer, else its call's. false when neither names one.
func signalParty(s *signalRow) (party, *personRow, bool) {
	var atts []attendeeRow
	if s.Call != nil {
		atts = s.Call.Attendees
	}
	var speaker *personRow
	if s.Attendee != nil {
		speaker = s.Attendee.Person
	}
	if speaker != nil && !isTeam(speaker, teamDomains(atts)) {
		if pt, ok := partyOf(speaker); ok {
			return pt, speaker, true
		}
	}
	if s.Call != nil {
		if pt, _, ok := callParty(atts); ok {
			return pt, speaker, true
		}
	}
	return party{}, speaker, false
}

// accountSet gathers the accounts a pass delivers, each key once. When the
// same key comes with different details, the first non-empty name and the
// smallest non-empty domain win, so the result does not depend on the
// order rows arrive in beyond the first name.
type accountSet map[string]connector.AccountRecord

func (s accountSet) add(a connector.AccountRecord) {
	old, ok := s[a.Key]
	if !ok {
		s[a.Key] = a
		return
	}
	if old.Name == "" {
		old.Name = a.Name
	}
	if a.Domain != "" && (old.Domain == "" || a.Domain < old.Domain) {
		old.Domain = a.Domain
	}
	if old.PrimaryEmail == "" {
		old.PrimaryEmail = a.PrimaryEmail
	}
	s[a.Key] = old
}

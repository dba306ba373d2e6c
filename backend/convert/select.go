package convert

import (
	"strings"
	"time"

	"successdesk/backend/domain"
)

// Exclusion says why a record is not a candidate.
type Exclusion string

const (
	Included         Exclusion = ""
	ExcludedSource   Exclusion = "source"    // its source is not included
	ExcludedStatus   Exclusion = "status"    // its status is not a chosen candidate status
	ExcludedDomain   Exclusion = "domain"    // its account's domain is excluded
	ExcludedFreeMail Exclusion = "free_mail" // its account is known only by a free e-mail address
	ExcludedPaying   Exclusion = "paying"    // its account already pays
	ExcludedMinValue Exclusion = "min_value" // its estimated value is under the minimum
	ExcludedNoRecord Exclusion = "no_record" // neither a record nor a route into Convert
)

// Selector applies the candidate rules of one Settings. Build it once per
// tally; it is safe for concurrent use.
type Selector struct {
	s        Settings
	fx       domain.FXRates
	statuses map[domain.RevenueStatus]bool
	domains  map[string]bool
}

// NewSelector returns the selector of s (normalized), converting values
// into fx's base currency.
func NewSelector(s Settings, fx domain.FXRates) *Selector {
	s = s.Normalize()
	sel := &Selector{s: s, fx: fx, statuses: map[domain.RevenueStatus]bool{}, domains: map[string]bool{}}
	for _, st := range s.Statuses {
		sel.statuses[st] = true
	}
	for _, d := range s.ExcludeDomains {
		sel.domains[d] = true
	}
	return sel
}

// Settings returns the normalized settings the selector applies.
func (sel *Selector) Settings() *Settings { return &sel.s }

// Exclude returns why f is not a candidate, or Included. The rules are
// checked in this order: source, status, excluded domain (the account's
// domain or its primary e-mail's, a subdomain of an excluded domain
// included), free e-mail, paying account, minimum value in the base
// currency. An account routed to Convert is always included.
func (sel *Selector) Exclude(f *Facts) Exclusion {
	if f.Route != nil {
		return Included
	}
	if !f.HasRecord() {
		return ExcludedNoRecord
	}
	s := &sel.s
	switch f.Record.Source {
	case domain.SourceSalesbricks:
		if !s.IncludeSalesbricks {
			return ExcludedSource
		}
	case domain.SourceStripe:
		if !s.IncludeStripe {
			return ExcludedSource
		}
	default:
		return ExcludedSource
	}
	if !sel.statuses[f.Record.Status] {
		return ExcludedStatus
	}
	if len(sel.domains) > 0 && (sel.excluded(strings.ToLower(f.Account.Domain)) || sel.excluded(EmailDomain(f.Account.PrimaryEmail))) {
		return ExcludedDomain
	}
	if s.ExcludeFreeMail && f.freeMailAccount() {
		return ExcludedFreeMail
	}
	if s.ExcludePaying && f.Paying {
		return ExcludedPaying
	}
	if s.MinValueMinor > 0 {
		base, _ := sel.fx.ToBase(domain.Money{AmountMinor: f.Record.ARRMinor, Currency: f.Record.Amount.Currency})
		if base < s.MinValueMinor {
			return ExcludedMinValue
		}
	}
	return Included
}

// excluded reports whether d or a domain it is a subdomain of is excluded.
func (sel *Selector) excluded(d string) bool {
	for d != "" {
		if sel.domains[d] {
			return true
		}
		i := strings.IndexByte(d, '.')
		if i < 0 {
			return false
		}
		d = d[i+1:]
	}
	return false
}

// Candidate is one scored candidate of a tally.
type Candidate struct {
	Facts *Facts
	Result
}

// Tally selects the candidates among facts under s and scores them as of
// now, keeping the order of facts.
func Tally(facts []Facts, s Settings, fx domain.FXRates, now time.Time) []Candidate {
	sel := NewSelector(s, fx)
	out := make([]Candidate, 0, len(facts))
	for i := range facts {
		f := &facts[i]
		if sel.Exclude(f) != Included {
			continue
		}
		out = append(out, Candidate{Facts: f, Result: Score(f, &sel.s, fx, now)})
	}
	return out
}

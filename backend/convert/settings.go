package convert

import (
	"slices"
	"strings"
	"unicode"

	"successdesk/backend/domain"
)

// Settings decide what counts as a candidate and how it is tiered. The
// JSON names are the stored form and the Settings tab's.
type Settings struct {
	IncludeSalesbricks bool                   `json:"includeSalesbricks"`
	IncludeStripe      bool                   `json:"includeStripe"`
	Statuses           []domain.RevenueStatus `json:"statuses"`
	ExcludeDomains     []string               `json:"excludeDomains"`
	ExcludeFreeMail    bool                   `json:"excludeFreeMail"`
	ExcludePaying      bool                   `json:"excludePaying"`
	MinValueMinor      int64                  `json:"minValueMinor"` // base currency
	UrgencyDays        int                    `json:"urgencyDays"`
	HighCutoff         int                    `json:"highCutoff"`
	MediumCutoff       int                    `json:"mediumCutoff"`
}

// CandidateStatuses are the statuses a candidate may have, in display order.
var CandidateStatuses = []domain.RevenueStatus{domain.StatusTrialing, domain.StatusPending, domain.StatusDraft}

// Bounds of the settings.
const (
	MinUrgencyDays    = 1
	MaxUrgencyDays    = 90
	MaxExcludeDomains = 500
	MaxMinValueMinor  = 1_000_000_000_00 // a billion in major units
)

// Defaults are the settings a new book starts with: both sources, every
// candidate status, free e-mail and paying accounts excluded, no minimum
// value, a 7-day urgency window, High ≥ 70 and Medium ≥ 40.
func Defaults() Settings {
	return Settings{IncludeSalesbricks: true, IncludeStripe: true, Statuses: slices.Clone(CandidateStatuses),
		ExcludeDomains: []string{}, ExcludeFreeMail: true, ExcludePaying: true, MinValueMinor: 0, UrgencyDays: 7,
		HighCutoff: 70, MediumCutoff: 40}
}

// Normalize returns s tidied as the Settings tab's text fields are typed:
// statuses lower-cased and de-duplicated in display order (unknown ones
// kept, for Validate to name); excluded domains trimmed, lower-cased,
// stripped of a leading "@", "*." or "www." and a trailing dot,
// de-duplicated in the order given, empty ones dropped. Slices are never
// nil.
func (s Settings) Normalize() Settings {
	out := s
	out.Statuses = make([]domain.RevenueStatus, 0, len(s.Statuses))
	seen := map[domain.RevenueStatus]bool{}
	for _, st := range s.Statuses {
		st = domain.RevenueStatus(strings.ToLower(strings.TrimSpace(string(st))))
		if !seen[st] {
			seen[st] = true
			out.Statuses = append(out.Statuses, st)
		}
	}
	rank := func(st domain.RevenueStatus) int {
		if i := slices.Index(CandidateStatuses, st); i >= 0 {
			return i
		}
		return len(CandidateStatuses)
	}
	slices.SortStableFunc(out.Statuses, func(a, b domain.RevenueStatus) int { return rank(a) - rank(b) })
	out.ExcludeDomains = make([]string, 0, len(s.ExcludeDomains))
	seenDom := map[string]bool{}
	for _, d := range s.ExcludeDomains {
		d = strings.ToLower(strings.TrimSpace(d))
		for _, p := range []string{"@", "*.", "www."} {
			d = strings.TrimPrefix(d, p)
		}
		d = strings.TrimSuffix(d, ".")
		if d != "" && !seenDom[d] {
			seenDom[d] = true
			out.ExcludeDomains = append(out.ExcludeDomains, d)
		}
	}
	return out
}

// Validate returns a domain.EInvalid error, in plain words naming the
// field, when s cannot be used: no source included, no status or one that
// is not a candidate status, an excluded domain that is not a domain name
// (or more than MaxExcludeDomains of them), a negative or huge minimum
// value, an urgency window outside 1–90 days, or cut-offs that do not
// satisfy 1 ≤ Medium < High ≤ 100. Call it on Normalize's result.
func (s Settings) Validate() error {
	if !s.IncludeSalesbricks && !s.IncludeStripe {
		return domain.Errorf(domain.EInvalid, "Sources: include Salesbricks orders, Stripe trials or both.")
	}
	if len(s.Statuses) == 0 {
		return domain.Errorf(domain.EInvalid, "Candidate statuses: choose at least one of trialing, pending or draft.")
	}
	for _, st := range s.Statuses {
		if !slices.Contains(CandidateStatuses, st) {
			return domain.Errorf(domain.EInvalid, "Candidate statuses: %q is not a candidate status; choose trialing, pending or draft.", string(st))
		}
	}
	if len(s.ExcludeDomains) > MaxExcludeDomains {
		return domain.Errorf(domain.EInvalid, "Excluded domains: at most %d domains can be excluded.", MaxExcludeDomains)
	}
	for _, d := range s.ExcludeDomains {
		if !validDomain(d) {
			return domain.Errorf(domain.EInvalid, "Excluded domains: %q is not a domain name such as example.com.", d)
		}
	}
	if s.MinValueMinor < 0 {
		return domain.Errorf(domain.EInvalid, "Minimum estimated value cannot be negative.")
	}
	if s.MinValueMinor > MaxMinValueMinor {
		return domain.Errorf(domain.EInvalid, "Minimum estimated value must be at most 1,000,000,000.")
	}
	if s.UrgencyDays < MinUrgencyDays || s.UrgencyDays > MaxUrgencyDays {
		return domain.Errorf(domain.EInvalid, "Urgency window must be between %d and %d days.", MinUrgencyDays, MaxUrgencyDays)
	}
	if s.MediumCutoff < 1 || s.HighCutoff > 100 || s.MediumCutoff >= s.HighCutoff {
		return domain.Errorf(domain.EInvalid, "Likelihood cut-offs must satisfy 1 ≤ Medium < High ≤ 100.")
	}
	return nil
}

// validDomain reports whether d looks like a domain name: dot-separated
// labels of letters, digits and inner hyphens, at most 253 characters.
func validDomain(d string) bool {
	if len(d) > 253 || !strings.Contains(d, ".") {
		return false
	}
	for _, label := range strings.Split(d, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return false
			}
		}
	}
	return true
}

// Equal reports whether s and o are the same settings.
func (s Settings) Equal(o Settings) bool {
	return s.IncludeSalesbricks == o.IncludeSalesbricks && s.IncludeStripe == o.IncludeStripe &&
		slices.Equal(s.Statuses, o.Statuses) && slices.Equal(s.ExcludeDomains, o.ExcludeDomains) &&
		s.ExcludeFreeMail == o.ExcludeFreeMail && s.ExcludePaying == o.ExcludePaying &&
		s.MinValueMinor == o.MinValueMinor && s.UrgencyDays == o.UrgencyDays &&
		s.HighCutoff == o.HighCutoff && s.MediumCutoff == o.MediumCutoff
}

// Tier is a likelihood tier.
type Tier string

const (
	TierHigh   Tier = "high"
	TierMedium Tier = "medium"
	TierLow    Tier = "low"
)

// Tiers lists the tiers, most likely first.
var Tiers = []Tier{TierHigh, TierMedium, TierLow}

// Label is the tier's badge text.
func (t Tier) Label() string {
	switch t {
	case TierHigh:
		return "High"
	case TierMedium:
		return "Medium"
	}
	return "Low"
}

// Rank orders tiers: High 3, Medium 2, Low 1.
func (t Tier) Rank() int {
	switch t {
	case TierHigh:
		return 3
	case TierMedium:
		return 2
	}
	return 1
}

// Tier returns score's tier under the settings' cut-offs: High at or above
// HighCutoff, Medium at or above MediumCutoff, Low below.
func (s Settings) Tier(score int) Tier {
	switch {
	case score >= s.HighCutoff:
		return TierHigh
	case score >= s.MediumCutoff:
		return TierMedium
	}
	return TierLow
}

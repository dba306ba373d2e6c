package convert

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"successdesk/backend/domain"
)

func TestDefaultsAreTheProposal(t *testing.T) {
	d := Defaults()
	if err := d.Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	if !d.IncludeSalesbricks || !d.IncludeStripe || !d.ExcludeFreeMail || !d.ExcludePaying || d.MinValueMinor != 0 ||
		d.UrgencyDays != 7 || d.HighCutoff != 70 || d.MediumCutoff != 40 || len(d.ExcludeDomains) != 0 ||
		!slices.Equal(d.Statuses, []domain.RevenueStatus{"trialing", "pending", "draft"}) {
		t.Fatalf("defaults %+v", d)
	}
	d.Statuses[0] = "changed"
	if Defaults().Statuses[0] != domain.StatusTrialing {
		t.Fatal("Defaults shares its status slice")
	}
}

func TestValidateNamesTheField(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*Settings)
		field string
	}{
		{"no source", func(s *Settings) { s.IncludeSalesbricks, s.IncludeStripe = false, false }, "Sources"},
		{"no status", func(s *Settings) { s.Statuses = nil }, "Candidate statuses"},
		{"active status", func(s *Settings) { s.Statuses = []domain.RevenueStatus{"active"} }, `Candidate statuses: "active"`},
		{"bad domain", func(s *Settings) { s.ExcludeDomains = []string{"not a domain"} }, `Excluded domains: "not a domain"`},
		{"no dot", func(s *Settings) { s.ExcludeDomains = []string{"localhost"} }, "Excluded domains"},
		{"hyphen edge", func(s *Settings) { s.ExcludeDomains = []string{"-acme.com"} }, "Excluded domains"},
		{"too many domains", func(s *Settings) {
			for i := 0; i <= MaxExcludeDomains; i++ {
				s.ExcludeDomains = append(s.ExcludeDomains, "d"+strconv.Itoa(i)+".com")
			}
		}, "Excluded domains: at most"},
		{"negative minimum", func(s *Settings) { s.MinValueMinor = -1 }, "Minimum estimated value"},
		{"huge minimum", func(s *Settings) { s.MinValueMinor = MaxMinValueMinor + 1 }, "Minimum estimated value"},
		{"urgency zero", func(s *Settings) { s.UrgencyDays = 0 }, "Urgency window"},
		{"urgency long", func(s *Settings) { s.UrgencyDays = 91 }, "Urgency window"},
		{"cut-offs equal", func(s *Settings) { s.HighCutoff, s.MediumCutoff = 50, 50 }, "Likelihood cut-offs"},
		{"cut-offs reversed", func(s *Settings) { s.HighCutoff, s.MediumCutoff = 40, 70 }, "Likelihood cut-offs"},
		{"medium zero", func(s *Settings) { s.MediumCutoff = 0 }, "Likelihood cut-offs"},
		{"high over 100", func(s *Settings) { s.HighCutoff = 101 }, "Likelihood cut-offs"},
	} {
		s := Defaults()
		tc.edit(&s)
		err := s.Normalize().Validate()
		if domain.ErrorCode(err) != domain.EInvalid || !strings.HasPrefix(domain.ErrorMessage(err), tc.field) {
			t.Errorf("%s: %v, want an invalid error starting %q", tc.name, err, tc.field)
		}
	}
	ok := Defaults()
	ok.IncludeSalesbricks, ok.Statuses, ok.UrgencyDays, ok.MediumCutoff, ok.HighCutoff = false, []domain.RevenueStatus{"draft"}, 90, 1, 100
	ok.ExcludeDomains = []string{"müller.de", "eu.acme-corp.co.uk"}
	if err := ok.Normalize().Validate(); err != nil {
		t.Fatalf("edge values refused: %v", err)
	}
}

func TestNormalizeTidiesTypedValues(t *testing.T) {
	s := Defaults()
	s.Statuses = []domain.RevenueStatus{"Draft ", "trialing", "draft", "pending"}
	s.ExcludeDomains = []string{" @Acme.COM", "www.hooli.com.", "acme.com", "", "*.piedpiper.com"}
	n := s.Normalize()
	if !slices.Equal(n.Statuses, []domain.RevenueStatus{"trialing", "pending", "draft"}) {
		t.Errorf("statuses %v", n.Statuses)
	}
	if !slices.Equal(n.ExcludeDomains, []string{"acme.com", "hooli.com", "piedpiper.com"}) {
		t.Errorf("domains %v", n.ExcludeDomains)
	}
	if !n.Equal(n.Normalize()) || n.Equal(Defaults()) {
		t.Error("Normalize is not idempotent, or Equal ignores the domains")
	}
}

func TestTierCutoffs(t *testing.T) {
	s := Defaults()
	for score, want := range map[int]Tier{0: TierLow, 39: TierLow, 40: TierMedium, 69: TierMedium, 70: TierHigh, 100: TierHigh} {
		if got := s.Tier(score); got != want {
			t.Errorf("default tier of %d = %s, want %s", score, got, want)
		}
	}
	s.HighCutoff, s.MediumCutoff = 85, 60
	for score, want := range map[int]Tier{59: TierLow, 60: TierMedium, 84: TierMedium, 85: TierHigh} {
		if got := s.Tier(score); got != want {
			t.Errorf("tier of %d with 85/60 = %s, want %s", score, got, want)
		}
	}
	if TierHigh.Rank() <= TierMedium.Rank() || TierMedium.Rank() <= TierLow.Rank() || TierMedium.Label() != "Medium" {
		t.Error("tier ranks or labels out of order")
	}
}

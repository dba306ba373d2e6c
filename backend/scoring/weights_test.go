package scoring

import (
	"math"
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"testing"

	"successdesk/backend/domain"
)

// troubled triggers one factor in every category.
func troubled() *domain.AccountFacts {
	return with(func(f *domain.AccountFacts) {
		f.Usage = weeks(9, 9, 9, 9)               // low_adoption -8
		f.Revenue[0].TermEnd = date(2026, 10, 19) // renewal_7d -10
		f.Invoices = append(f.Invoices, openInvoice("in_3", 120_000, date(2026, 9, 1), date(2026, 10, 1)))
		f.Signals = []domain.Activity{signal("sig_1", domain.SignalEscalation, date(2026, 10, 10), "Outage")}
	})
}

func pointsByCode(h domain.HealthScore) map[string]int {
	m := map[string]int{}
	for _, f := range h.Factors {
		m[f.Code] = f.Points
	}
	return m
}

func TestWeights(t *testing.T) {
	def := domain.DefaultHealthSettings()
	base := pointsByCode(Health(troubled(), def, domain.DefaultFXRates(), now))
	want := map[string]int{"low_adoption": -8, "renewal_7d": -10, "past_due_invoice": -15, "escalation": -12}
	if !reflect.DeepEqual(base, want) {
		t.Fatalf("default points = %v, want %v", base, want)
	}

	t.Run("doubling a weight doubles that category only", func(t *testing.T) {
		for _, c := range domain.Categories {
			s := def
			switch c {
			case domain.CategoryAdoption:
				s.Weights.Adoption *= 2
			case domain.CategoryPayment:
				s.Weights.Payment *= 2
			case domain.CategoryRenewal:
				s.Weights.Renewal *= 2
			case domain.CategorySignals:
				s.Weights.Signals *= 2
			}
			h := Health(troubled(), s, domain.DefaultFXRates(), now)
			for _, f := range h.Factors {
				w := base[f.Code]
				if f.Category == c {
					w *= 2
				}
				if f.Points != w {
					t.Errorf("%s doubled: %s = %d, want %d", c, f.Code, f.Points, w)
				}
			}
			if len(h.Factors) != len(base) {
				t.Errorf("%s doubled: %d factors, want %d", c, len(h.Factors), len(base))
			}
		}
	})

	t.Run("a zero weight drops the category", func(t *testing.T) {
		s := def
		s.Weights.Payment = 0
		h := Health(troubled(), s, domain.DefaultFXRates(), now)
		for _, f := range h.Factors {
			if f.Category == domain.CategoryPayment {
				t.Errorf("payment factor %s kept with weight 0", f.Code)
			}
		}
		if h.Score != 100-8-10-12 {
			t.Errorf("score = %d, want %d", h.Score, 100-8-10-12)
		}
	})

	t.Run("missing usage spreads its weight", func(t *testing.T) {
		f := troubled()
		f.Usage = nil
		h := Health(f, def, domain.DefaultFXRates(), now)
		spread := float64(def.Weights.Total()) / float64(def.Weights.Total()-def.Weights.Adoption)
		for code, p := range base {
			if spec(code).Category == domain.CategoryAdoption {
				continue
			}
			if got, want := pointsByCode(h)[code], int(math.Round(float64(p)*spread)); got != want {
				t.Errorf("%s = %d, want %d", code, got, want)
			}
		}
		if len(h.Missing) != 1 || h.Missing[0].Category != domain.CategoryAdoption {
			t.Errorf("missing = %v, want adoption", h.Missing)
		}
	})

	t.Run("only a missing category weighs", func(t *testing.T) {
		f := troubled()
		f.Usage = nil
		h := Health(f, *weights(100, 0, 0, 0), domain.DefaultFXRates(), now)
		if h.Score != 100 || len(h.Factors) != 0 {
			t.Errorf("score %d with %d factors, want 100 and none", h.Score, len(h.Factors))
		}
	})

	t.Run("scaled points that round to zero are dropped", func(t *testing.T) {
		h := Health(troubled(), *weights(35, 25, 20, 1), domain.DefaultFXRates(), now)
		if p, ok := pointsByCode(h)["escalation"]; !ok || p != -1 {
			t.Errorf("escalation at signals weight 1 = %d (present %v), want -1", p, ok)
		}
		h = Health(troubled(), *weights(2, 25, 20, 20), domain.DefaultFXRates(), now)
		if _, ok := pointsByCode(h)["low_adoption"]; ok {
			t.Errorf("low_adoption kept although -8×2/35 rounds to 0: %v", pointsByCode(h))
		}
	})

	t.Run("negative weights count as zero", func(t *testing.T) {
		h := Health(troubled(), *weights(-35, 25, 20, 20), domain.DefaultFXRates(), now)
		if _, ok := pointsByCode(h)["low_adoption"]; ok {
			t.Errorf("adoption factor scored with a negative weight: %v", pointsByCode(h))
		}
	})
}

func TestFactorsSorted(t *testing.T) {
	h := Health(troubled(), domain.DefaultHealthSettings(), domain.DefaultFXRates(), now)
	for i := 1; i < len(h.Factors); i++ {
		a, b := h.Factors[i-1], h.Factors[i]
		if a.Points > b.Points || (a.Points == b.Points && a.Code > b.Code) {
			t.Errorf("factor %d (%s %d) before %s %d", i-1, a.Code, a.Points, b.Code, b.Points)
		}
	}
}

func TestHealthDoesNotMutateFacts(t *testing.T) {
	for _, tc := range healthCases() {
		before := deepCopy(tc.facts)
		Health(tc.facts, domain.DefaultHealthSettings(), domain.DefaultFXRates(), now)
		if !reflect.DeepEqual(before, tc.facts) {
			t.Errorf("%s: Health changed its input facts", tc.name)
		}
	}
}

func deepCopy(f *domain.AccountFacts) *domain.AccountFacts {
	c := *f
	c.Revenue = append([]domain.RevenueSource(nil), f.Revenue...)
	c.Invoices = append([]domain.Invoice(nil), f.Invoices...)
	c.Usage = append([]domain.UsageWeek(nil), f.Usage...)
	c.Signals = append([]domain.Activity(nil), f.Signals...)
	return &c
}

func TestCatalogue(t *testing.T) {
	snake := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	seen := map[string]bool{}
	for _, s := range Catalogue() {
		if !snake.MatchString(s.Code) || seen[s.Code] {
			t.Errorf("code %q is not a unique snake_case id", s.Code)
		}
		seen[s.Code] = true
		if s.Label == "" || s.Rule == "" || s.BasePoints == 0 || domain.DefaultHealthSettings().Weights.Of(s.Category) == 0 {
			t.Errorf("%s: incomplete spec %+v", s.Code, s)
		}
	}
	c := Catalogue()
	c[0].BasePoints = 999
	if Catalogue()[0].BasePoints == 999 {
		t.Error("Catalogue returned its backing array")
	}
}

func TestReweightMatchesRecompute(t *testing.T) {
	def := domain.DefaultHealthSettings()
	for _, s := range []*domain.HealthSettings{weights(35, 50, 20, 20), weights(100, 1, 60, 5), weights(10, 10, 10, 10), weights(0, 25, 20, 20)} {
		for _, tc := range healthCases() {
			at := now
			if !tc.now.IsZero() {
				at = tc.now
			}
			h := Health(tc.facts, def, domain.DefaultFXRates(), at)
			orig := append([]domain.RiskFactor(nil), h.Factors...)
			got := Reweight(h, *s)
			want := Health(tc.facts, *s, domain.DefaultFXRates(), at)
			if got.Score != want.Score || got.Level != want.Level || !sameFactors(got.Factors, want.Factors) {
				t.Errorf("%s at %+v: Reweight gives %d %v, Health gives %d %v", tc.name, s.Weights,
					got.Score, got.Factors, want.Score, want.Factors)
			}
			if !sameFactors(orig, h.Factors) {
				t.Errorf("%s: Reweight changed its input's factors", tc.name)
			}
		}
	}
}

// sameFactors compares factor lists, treating nil and empty alike.
func sameFactors(a, b []domain.RiskFactor) bool {
	return slices.EqualFunc(a, b, func(x, y domain.RiskFactor) bool { return reflect.DeepEqual(x, y) })
}

func TestCategoriesKnown(t *testing.T) {
	if len(domain.Categories) != nCategories {
		t.Fatalf("domain.Categories has %d entries, scoring expects %d", len(domain.Categories), nCategories)
	}
	for i, c := range domain.Categories {
		if categoryIndex(c) != i {
			t.Errorf("categoryIndex(%s) = %d, want %d", c, categoryIndex(c), i)
		}
	}
}

func TestClip(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"Outage in EU", 80, "Outage in EU"},
		{"  Outage \n in\tEU ", 80, "Outage in EU"},
		{"Ünïcode  text", 80, "Ünïcode text"},
		{"abcdefghij", 5, "abcd…"},
		{"", 5, ""},
	} {
		if got := clip(tc.in, tc.max); got != tc.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}

// TestOrderIndependent checks that the order of the input records does not
// change the score or its explanation.
func TestOrderIndependent(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range healthCases() {
		at := now
		if !tc.now.IsZero() {
			at = tc.now
		}
		want := Health(tc.facts, domain.DefaultHealthSettings(), domain.DefaultFXRates(), at)
		for range 5 {
			f := deepCopy(tc.facts)
			rng.Shuffle(len(f.Revenue), func(i, j int) { f.Revenue[i], f.Revenue[j] = f.Revenue[j], f.Revenue[i] })
			rng.Shuffle(len(f.Invoices), func(i, j int) { f.Invoices[i], f.Invoices[j] = f.Invoices[j], f.Invoices[i] })
			rng.Shuffle(len(f.Usage), func(i, j int) { f.Usage[i], f.Usage[j] = f.Usage[j], f.Usage[i] })
			rng.Shuffle(len(f.Signals), func(i, j int) { f.Signals[i], f.Signals[j] = f.Signals[j], f.Signals[i] })
			if got := Health(f, domain.DefaultHealthSettings(), domain.DefaultFXRates(), at); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: shuffled input gives\n%s\nwant\n%s", tc.name, render(got, domain.DefaultFXRates(), at), render(want, domain.DefaultFXRates(), at))
				break
			}
		}
	}
}

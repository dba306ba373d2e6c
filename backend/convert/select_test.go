package convert

import (
	"math/rand/v2"
	"testing"
	"time"

	"successdesk/backend/domain"
)

func TestExclusions(t *testing.T) {
	eur := trial(10, 79_200, 5) // €792 a month: €9,504 a year, $10,264.32 at 1.08
	eur.Amount.Currency = "EUR"
	routed := &domain.Route{ID: 1, AccountID: 1, From: domain.SectionHealth, To: domain.SectionConvert}
	active := trial(10, 50_000, 5)
	active.Status = domain.StatusActive
	sbTrial := trial(10, 50_000, 5)
	sbTrial.Source = domain.SourceSalesbricks
	for _, tc := range []struct {
		name string
		f    Facts
		edit func(*Settings)
		want Exclusion
	}{
		{"stripe trial", Facts{Record: trial(10, 50_000, 5), Account: company("hooli.com")}, nil, Included},
		{"stripe off", Facts{Record: trial(10, 50_000, 5), Account: company("hooli.com")},
			func(s *Settings) { s.IncludeStripe = false }, ExcludedSource},
		{"salesbricks off", Facts{Record: sbTrial, Account: company("hooli.com")},
			func(s *Settings) { s.IncludeSalesbricks = false }, ExcludedSource},
		{"salesbricks on, stripe off", Facts{Record: sbTrial, Account: company("hooli.com")},
			func(s *Settings) { s.IncludeStripe = false }, Included},
		{"active is never a candidate", Facts{Record: active, Account: company("hooli.com")}, nil, ExcludedStatus},
		{"draft unchosen", Facts{Record: order(domain.StatusDraft, 5, 500_000), Account: company("hooli.com")},
			func(s *Settings) { s.Statuses = []domain.RevenueStatus{"trialing", "pending"} }, ExcludedStatus},
		{"pending chosen", Facts{Record: order(domain.StatusPending, 5, 500_000), Account: company("hooli.com")},
			func(s *Settings) { s.Statuses = []domain.RevenueStatus{"pending"} }, Included},
		{"domain excluded", Facts{Record: trial(10, 50_000, 5), Account: company("hooli.com")},
			func(s *Settings) { s.ExcludeDomains = []string{"hooli.com"} }, ExcludedDomain},
		{"subdomain of an excluded domain", Facts{Record: trial(10, 50_000, 5), Account: company("eu.hooli.com")},
			func(s *Settings) { s.ExcludeDomains = []string{"HOOLI.com"} }, ExcludedDomain},
		{"look-alike domain kept", Facts{Record: trial(10, 50_000, 5), Account: company("nothooli.com")},
			func(s *Settings) { s.ExcludeDomains = []string{"hooli.com"} }, Included},
		{"e-mail domain excluded", Facts{Record: trial(10, 50_000, 5),
			Account: domain.Account{ID: 1, Name: "Hooli", PrimaryEmail: "gavin@hooli.com"}},
			func(s *Settings) { s.ExcludeDomains = []string{"hooli.com"} }, ExcludedDomain},
		{"free mail", Facts{Record: trial(10, 50_000, 5), Account: domain.Account{ID: 1, Name: "Jenny", PrimaryEmail: "jenny@Gmail.com"}},
			nil, ExcludedFreeMail},
		{"free mail allowed", Facts{Record: trial(10, 50_000, 5), Account: domain.Account{ID: 1, Name: "Jenny", PrimaryEmail: "jenny@gmail.com"}},
			func(s *Settings) { s.ExcludeFreeMail = false }, Included},
		{"paying", Facts{Record: trial(10, 50_000, 5), Account: company("hooli.com"), Paying: true}, nil, ExcludedPaying},
		{"paying allowed", Facts{Record: trial(10, 50_000, 5), Account: company("hooli.com"), Paying: true},
			func(s *Settings) { s.ExcludePaying = false }, Included},
		{"under the minimum", Facts{Record: trial(10, 50_000, 5), Account: company("hooli.com")},
			func(s *Settings) { s.MinValueMinor = 600_001 }, ExcludedMinValue},
		{"at the minimum", Facts{Record: trial(10, 50_000, 5), Account: company("hooli.com")},
			func(s *Settings) { s.MinValueMinor = 600_000 }, Included},
		{"minimum in the base currency: EUR over", Facts{Record: eur, Account: company("hooli.com")},
			func(s *Settings) { s.MinValueMinor = 1_000_000 }, Included},
		{"minimum in the base currency: EUR under", Facts{Record: eur, Account: company("hooli.com")},
			func(s *Settings) { s.MinValueMinor = 1_030_000 }, ExcludedMinValue},
		{"routed beats every rule", Facts{Record: active, Account: domain.Account{ID: 1, PrimaryEmail: "x@gmail.com"}, Paying: true, Route: routed},
			func(s *Settings) { s.ExcludeDomains, s.MinValueMinor = []string{"gmail.com"}, 1 }, Included},
		{"routed without a record", Facts{Account: company("hooli.com"), Route: routed}, nil, Included},
		{"no record, no route", Facts{Account: company("hooli.com")}, nil, ExcludedNoRecord},
	} {
		s := Defaults()
		if tc.edit != nil {
			tc.edit(&s)
		}
		if got := NewSelector(s, fx).Exclude(&tc.f); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestTallyKeepsOrderAndScoresOnlyCandidates(t *testing.T) {
	facts := []Facts{
		{Record: trial(10, 50_000, 2), Account: company("a.com"), Usage: weeks(4, 6, 8, 9)},
		{Record: trial(10, 50_000, 2), Account: company("b.com"), Paying: true},
		{Record: order(domain.StatusPending, 5, 500_000), Account: company("c.com")},
	}
	got := Tally(facts, Defaults(), fx, now)
	if len(got) != 2 || got[0].Facts != &facts[0] || got[1].Facts != &facts[2] {
		t.Fatalf("tally %+v", got)
	}
	s := Defaults()
	if got[0].Result != Score(&facts[0], &s, fx, now) {
		t.Errorf("tally result %+v differs from Score", got[0].Result)
	}
}

// TestFactorsStayWithinTheCatalogue scores many generated candidates: every
// factor's points lie within its catalogue range, the categories within the
// model's bounds, the factors sum to the score before the clamp, and the
// tier follows the cut-offs.
func TestFactorsStayWithinTheCatalogue(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	bounds := map[Category][2]int{CategorySeats: {0, 30}, CategoryUsage: {-10, 20}, CategorySignals: {-20, 20},
		CategoryFit: {-3, 15}, CategoryUrgency: {-5, 15}}
	statuses := []domain.RevenueStatus{domain.StatusTrialing, domain.StatusPending, domain.StatusDraft}
	for i := 0; i < 3000; i++ {
		r := trial(rng.IntN(30), int64(rng.IntN(800_000)), rng.IntN(40)-10)
		r.Status = statuses[rng.IntN(3)]
		if rng.IntN(4) == 0 {
			r.TrialEnd = time.Time{}
		}
		var usage []domain.UsageWeek
		if n := rng.IntN(9); n > 0 {
			counts := make([]int, n)
			for k := range counts {
				counts[k] = rng.IntN(40)
			}
			usage = weeksEnding(domain.WeekStart(now).AddDate(0, 0, -7*rng.IntN(4)), counts...)
		}
		acct := company("hooli.com")
		if rng.IntN(5) == 0 {
			acct = domain.Account{ID: 1, Name: "Jen", PrimaryEmail: "jen@gmail.com"}
		}
		f := Facts{Record: r, Account: acct, Usage: usage, Activity: Activity{Calls: rng.IntN(4), Emails: rng.IntN(5),
			Positive: rng.IntN(4), Complaints: rng.IntN(3), Escalations: rng.IntN(2), Detractors: rng.IntN(2)}}
		s := Defaults()
		s.UrgencyDays = 1 + rng.IntN(30)
		x := Explain(&f, &s, fx, now)
		sum, per := 0, map[Category]int{}
		for _, fc := range x.Factors {
			sp := spec(fc.Code)
			if fc.Points < sp.Min || fc.Points > sp.Max || fc.Points == 0 {
				t.Fatalf("%s: %d outside %d..%d (%+v)", fc.Code, fc.Points, sp.Min, sp.Max, f)
			}
			sum += fc.Points
			per[fc.Category] += fc.Points
		}
		for c, n := range per {
			if b := bounds[c]; n < b[0] || n > b[1] {
				t.Fatalf("category %s sums to %d, outside %v: %+v", c, n, b, x.Factors)
			}
		}
		if x.Score != min(max(sum, 0), 100) || x.Tier != s.Tier(x.Score) {
			t.Fatalf("score %d %s, factors sum %d", x.Score, x.Tier, sum)
		}
	}
}

func TestCatalogueCodesAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Catalogue() {
		if seen[c.Code] || c.Label == "" || c.Rule == "" || c.Min > c.Max {
			t.Errorf("bad catalogue entry %+v", c)
		}
		seen[c.Code] = true
	}
	if len(seen) > 32 {
		t.Fatal("more codes than the applied-factor bit set holds")
	}
}

func TestFreeMail(t *testing.T) {
	if !IsFreeMail("gmail.com") || IsFreeMail("hooli.com") || EmailDomain("A@B.Example ") != "b.example" || EmailDomain("nobody") != "" {
		t.Fatal("free-mail helpers")
	}
	if l := FreeMailDomains(); len(l) < 20 || l[0] > l[1] {
		t.Fatalf("free-mail list %v", l)
	}
}

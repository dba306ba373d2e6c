// Package fakebook is a shared company universe for the source fakes: a
// deterministic list of customer companies that every fake (sbfake,
// stripefake, phfake, bbfake, hsfake) can serve instead of its own random
// book, so that one company shows up in several sources under one domain,
// as it does for a real customer.
//
// Each Company says which sources know it, what it licenses and which
// health tier it is meant to end in. A fake draws the rest (contracts,
// invoices, usage, calls) from its own seed, shaped by that tier: the
// intent is roughly 10% critical and 20% at risk, like the demo book (so
// 12% of the companies are meant to be critical and 30% at risk: a
// company that few sources know shows only part of its trouble).
// What a correct sync holds is still each fake's Truth; this package only
// decides who is who.
//
// Generate reads no clock and no environment: the same seed, size and
// now give the same universe.
package fakebook

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Sources is a set of the sources that know a company.
type Sources uint8

// The sources a company can be known to.
const (
	Salesbricks Sources = 1 << iota
	Stripe
	PostHog
	BuildBetter
	HubSpot
)

// Has reports whether every source of x is in s.
func (s Sources) Has(x Sources) bool { return s&x == x }

// Profile is the health tier a company is meant to end in.
type Profile uint8

// Health tiers.
const (
	Healthy Profile = iota
	AtRisk
	Critical
)

func (p Profile) String() string {
	return [...]string{"healthy", "at_risk", "critical"}[p]
}

// Company is one customer company of the universe.
type Company struct {
	Index   int
	Name    string
	Domain  string // lower-case bare domain, unique in the universe
	Sources Sources
	Profile Profile
	Plan    string    // Starter, Growth or Enterprise (Salesbricks plan names)
	Seats   int       // licensed seats
	Users   int       // people at the company who use the product
	Since   time.Time // customer since (UTC midnight)

	// StripeID is the company's Stripe customer id when Stripe knows it.
	// StripeAlias says Salesbricks names it as the customer's
	// stripe_customer_id; StripeFreeMail says the Stripe customer bills to
	// a mailbox-provider address, so only that alias can join it to the
	// company (it is set only with StripeAlias).
	StripeID       string
	StripeAlias    bool
	StripeFreeMail bool
}

// Knows reports whether a source that creates accounts (Salesbricks,
// Stripe, PostHog or BuildBetter) knows c. HubSpot only enriches accounts
// that exist.
func (c Company) Knows() bool {
	return c.Sources&(Salesbricks|Stripe|PostHog|BuildBetter) != 0
}

var (
	words1 = []string{"Alder", "Birch", "Cedar", "Delta", "Ember", "Falcon", "Granite", "Harbor", "Indigo", "Juniper",
		"Kestrel", "Lumen", "Maple", "Nimbus", "Onyx", "Pioneer", "Quartz", "Raven", "Sable", "Tundra"}
	words2 = []string{"Analytics", "Bio", "Cloud", "Dynamics", "Energy", "Foods", "Health", "Labs", "Logistics",
		"Media", "Mobility", "Robotics", "Systems", "Works", "Finance", "Studio"}
	tlds  = []string{"com", "io", "dev", "co", "ai", "app"}
	plans = []string{"Starter", "Growth", "Enterprise"}
)

// Generate returns n companies drawn from seed, as of now.
//
// About 12% are meant to be critical and 30% at risk. About 5% are known
// to HubSpot alone (prospects: they must never become
// accounts). Of the others, Salesbricks knows about 65%, Stripe 45%,
// PostHog 80%, BuildBetter 40% and HubSpot 60%, and each knows at least
// one source that creates accounts. Half of the companies both
// Salesbricks and Stripe know carry the Stripe alias, and 40% of those
// bill Stripe from a free-mail address.
func Generate(seed uint64, n int, now time.Time) []Company {
	rng := rand.New(rand.NewPCG(seed, seed^0xfa4eb00c))
	today := now.UTC().Truncate(24 * time.Hour)
	out := make([]Company, 0, n)
	combos := len(words1) * len(words2)
	for i := range n {
		w1, w2 := words1[i%len(words1)], words2[(i/len(words1)+i)%len(words2)]
		name, slug := w1+" "+w2, strings.ToLower(w1+w2)
		if k := i / combos; k > 0 {
			name, slug = fmt.Sprintf("%s %d", name, k+1), fmt.Sprintf("%s%d", slug, k+1)
		}
		c := Company{Index: i, Name: name, Domain: slug + "." + tlds[(i/combos+i)%len(tlds)],
			Plan: plans[rng.IntN(len(plans))], Seats: 4 + rng.IntN(22)}
		c.Since = today.AddDate(0, 0, -(30 + rng.IntN(1000)))
		switch r := rng.Float64(); {
		case r < 0.12:
			c.Profile = Critical
		case r < 0.42:
			c.Profile = AtRisk
		}
		if rng.Float64() < 0.05 {
			c.Sources = HubSpot
		} else {
			for _, s := range []struct {
				src Sources
				p   float64
			}{{Salesbricks, 0.65}, {Stripe, 0.45}, {PostHog, 0.80}, {BuildBetter, 0.40}, {HubSpot, 0.60}} {
				if rng.Float64() < s.p {
					c.Sources |= s.src
				}
			}
			if !c.Knows() {
				c.Sources |= PostHog
			}
		}
		c.Users = max(1, c.Seats*(70+rng.IntN(50))/100)
		if c.Sources.Has(Stripe) {
			c.StripeID = fmt.Sprintf("cus_fb%08d", i)
			if c.Sources.Has(Salesbricks) && rng.IntN(2) == 0 {
				c.StripeAlias = true
				c.StripeFreeMail = rng.IntN(5) < 2
			}
		}
		out = append(out, c)
	}
	return out
}

// Only returns the companies src knows, in universe order.
func Only(cs []Company, src Sources) []Company {
	var out []Company
	for _, c := range cs {
		if c.Sources.Has(src) {
			out = append(out, c)
		}
	}
	return out
}

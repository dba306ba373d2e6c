// Package reconcile compares what Salesbricks (the contract) and Stripe (the
// billing) say about the same customer and lists where they disagree: the
// amount, the billing interval, the renewal date, the status, or a paid
// contract with no subscription (or a subscription with no contract). It is
// pure: it reads an account's revenue sources and a clock, nothing else.
//
// A contract and a subscription describe the same thing when they name the
// same product (Link); a subscription for another product is sold on its
// own and is not compared.
package reconcile

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"successdesk/backend/domain"
)

// Kind names what disagrees.
type Kind string

const (
	KindAmount                 Kind = "amount"
	KindInterval               Kind = "interval"
	KindRenewal                Kind = "renewal"
	KindStatus                 Kind = "status"
	KindContractNoSubscription Kind = "contract_without_subscription"
	KindSubscriptionNoContract Kind = "subscription_without_contract"
)

// RenewalSlack is how far apart a contract's end and a subscription's
// period end may be before they disagree: billing runs a day or two off
// a signature date.
const RenewalSlack = 3 * 24 * time.Hour

// Mismatch is one disagreement, with both sides' values as the ledger
// shows them ("" where a side has no record).
type Mismatch struct {
	Kind         Kind
	Contract     string // the Salesbricks contract's external id ("" when none)
	Subscription string // the Stripe subscription's external id ("" when none)
	Salesbricks  string
	Stripe       string
}

// Explain says the mismatch in plain words.
func (m Mismatch) Explain() string {
	switch m.Kind {
	case KindAmount:
		return fmt.Sprintf("The contract bills %s; Stripe charges %s.", m.Salesbricks, m.Stripe)
	case KindInterval:
		return fmt.Sprintf("The contract is billed %s; the subscription %s.", billed(m.Salesbricks), billed(m.Stripe))
	case KindRenewal:
		return fmt.Sprintf("The contract renews %s; the subscription's period ends %s.", m.Salesbricks, m.Stripe)
	case KindStatus:
		return fmt.Sprintf("The contract is %s; the subscription is %s.", m.Salesbricks, m.Stripe)
	case KindContractNoSubscription:
		return fmt.Sprintf("A paid contract (%s) has no live Stripe subscription (it is %s).", m.Salesbricks, m.Stripe)
	case KindSubscriptionNoContract:
		return fmt.Sprintf("A Stripe subscription (%s) bills a contract that is %s.", m.Stripe, m.Salesbricks)
	}
	return string(m.Kind)
}

// billed turns an interval into the adverb a sentence needs: "annual" is
// billed "annually"; the others read as they are.
func billed(interval string) string {
	if interval == string(domain.IntervalAnnual) {
		return "annually"
	}
	return interval
}

// live reports whether r still runs.
func live(r domain.RevenueSource) bool {
	return r.Status == domain.StatusActive || r.Status == domain.StatusTrialing || r.Status == domain.StatusPastDue
}

// Pair is a Salesbricks contract and the Stripe subscription that bills it.
type Pair struct {
	Contract     domain.RevenueSource
	Subscription domain.RevenueSource
}

// ProductKey folds a product name for linking: lower case, spacing collapsed.
func ProductKey(product string) string {
	return strings.Join(strings.Fields(strings.ToLower(product)), " ")
}

// Link pairs one account's Salesbricks contracts with the Stripe
// subscriptions that bill them. A subscription bills a contract when both
// name the same product (ProductKey); among several of one product, live
// records pair with live ones first, then by the nearest term end. Each
// record pairs at most once. What is left unpaired is returned in the
// input order: a contract Salesbricks invoices itself, or a subscription
// sold on its own (an add-on, a self-serve plan). Empty products never pair.
func Link(revs []domain.RevenueSource) (pairs []Pair, rest []domain.RevenueSource) {
	type side struct {
		r    domain.RevenueSource
		used bool
		idx  int
	}
	byKey := map[string][2][]*side{}
	var keys []string
	all := make([]*side, 0, len(revs))
	for i, r := range revs {
		sd := &side{r: r, idx: i}
		all = append(all, sd)
		k := ProductKey(r.Product)
		if k == "" || (r.Source != domain.SourceSalesbricks && r.Source != domain.SourceStripe) {
			continue
		}
		g, seen := byKey[k]
		if !seen {
			keys = append(keys, k)
		}
		if r.Source == domain.SourceSalesbricks {
			g[0] = append(g[0], sd)
		} else {
			g[1] = append(g[1], sd)
		}
		byKey[k] = g
	}
	sort.Strings(keys)
	for _, k := range keys {
		g := byKey[k]
		if len(g[0]) == 0 || len(g[1]) == 0 {
			continue
		}
		for _, list := range g {
			sort.SliceStable(list, func(i, j int) bool {
				a, b := list[i].r, list[j].r
				if live(a) != live(b) {
					return live(a)
				}
				return a.ExternalID < b.ExternalID
			})
		}
		for _, c := range g[0] {
			var best *side
			for _, s := range g[1] {
				if !s.used && (best == nil || nearer(c.r, s.r, best.r)) {
					best = s
				}
			}
			if best == nil {
				break
			}
			best.used, c.used = true, true
			pairs = append(pairs, Pair{Contract: c.r, Subscription: best.r})
		}
	}
	for _, sd := range all {
		if !sd.used {
			rest = append(rest, sd.r)
		}
	}
	return pairs, rest
}

// nearer reports whether subscription a suits contract c better than b:
// the same liveness first, then the nearer term end.
func nearer(c, a, b domain.RevenueSource) bool {
	if (live(a) == live(c)) != (live(b) == live(c)) {
		return live(a) == live(c)
	}
	da, db := absDur(c.TermEnd.Sub(a.TermEnd)), absDur(c.TermEnd.Sub(b.TermEnd))
	if da != db {
		return da < db
	}
	return a.ExternalID < b.ExternalID
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// Account lists the mismatches of one account's revenue sources, pair by
// pair (see Link): two live records are compared field by field; a live
// paid contract whose subscription has ended is a contract without a
// subscription; a live subscription whose contract has ended (expired or
// canceled) is a subscription without a contract. A trial contract need
// not bill yet, and a draft or pending order is not a contract yet.
func Account(revs []domain.RevenueSource) []Mismatch {
	pairs, _ := Link(revs)
	var out []Mismatch
	for _, p := range pairs {
		out = append(out, PairMismatches(p)...)
	}
	return out
}

// PairMismatches lists how the two records of p disagree (see Account).
func PairMismatches(p Pair) []Mismatch {
	c, s := p.Contract, p.Subscription
	switch {
	case live(c) && live(s):
		return compare(c, s)
	case live(c) && c.Status != domain.StatusTrialing && c.MRRMinor > 0 && ended(s.Status):
		return []Mismatch{{Kind: KindContractNoSubscription, Contract: c.ExternalID, Subscription: s.ExternalID, Salesbricks: money(c), Stripe: statusWord(s.Status)}}
	case live(s) && ended(c.Status):
		return []Mismatch{{Kind: KindSubscriptionNoContract, Contract: c.ExternalID, Subscription: s.ExternalID, Salesbricks: statusWord(c.Status), Stripe: money(s)}}
	}
	return nil
}

// ended reports whether a record has stopped for good.
func ended(s domain.RevenueStatus) bool {
	return s == domain.StatusCanceled || s == domain.StatusExpired
}

// compare lists how contract c and subscription s disagree.
func compare(c, s domain.RevenueSource) []Mismatch {
	m := func(k Kind, sb, st string) Mismatch {
		return Mismatch{Kind: k, Contract: c.ExternalID, Subscription: s.ExternalID, Salesbricks: sb, Stripe: st}
	}
	var out []Mismatch
	if c.Amount.Currency != s.Amount.Currency || c.MRRMinor != s.MRRMinor {
		out = append(out, m(KindAmount, money(c), money(s)))
	}
	if c.Interval != s.Interval {
		out = append(out, m(KindInterval, string(c.Interval), string(s.Interval)))
	}
	if !c.TermEnd.IsZero() && !s.TermEnd.IsZero() {
		d := c.TermEnd.Sub(s.TermEnd)
		if d < 0 {
			d = -d
		}
		if d > RenewalSlack {
			out = append(out, m(KindRenewal, domain.DayLabel(c.TermEnd), domain.DayLabel(s.TermEnd)))
		}
	}
	if statusGroup(c.Status) != statusGroup(s.Status) {
		out = append(out, m(KindStatus, statusWord(c.Status), statusWord(s.Status)))
	}
	return out
}

// statusGroup folds statuses that mean the same for billing: a trial is a
// trial, past due is its own state, everything else live is active.
func statusGroup(s domain.RevenueStatus) domain.RevenueStatus {
	if s == domain.StatusTrialing || s == domain.StatusPastDue {
		return s
	}
	return domain.StatusActive
}

// statusWord writes a status as a word in a sentence: "past due", "active".
func statusWord(s domain.RevenueStatus) string { return strings.ReplaceAll(string(s), "_", " ") }

// money writes r's monthly amount exactly, to the minor unit, so that no
// rounding hides a difference ("$2,400.00/mo", "¥30,000/mo").
func money(r domain.RevenueSource) string {
	return domain.Money{AmountMinor: r.MRRMinor, Currency: strings.ToUpper(r.Amount.Currency)}.Display() + "/mo"
}

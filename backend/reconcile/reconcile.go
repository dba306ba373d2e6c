// Package reconcile compares what Salesbricks (the contract) and Stripe (the
// billing) say about the same customer and lists where they disagree: the
// amount, the billing interval, the renewal date, the status, or a paid
// contract with no subscription (or a subscription with no contract). It is
// pure: it reads an account's revenue sources and a clock, nothing else.
//
// Only live records are compared: a contract or subscription that is
// active, trialing or past due. An account that only one of the two
// sources knows has nothing to reconcile.
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
		return fmt.Sprintf("The contract is billed %s; the subscription %s.", m.Salesbricks, m.Stripe)
	case KindRenewal:
		return fmt.Sprintf("The contract renews %s; the subscription's period ends %s.", m.Salesbricks, m.Stripe)
	case KindStatus:
		return fmt.Sprintf("The contract is %s; the subscription is %s.", m.Salesbricks, m.Stripe)
	case KindContractNoSubscription:
		return fmt.Sprintf("A paid contract (%s) has no live Stripe subscription.", m.Salesbricks)
	case KindSubscriptionNoContract:
		return fmt.Sprintf("A Stripe subscription (%s) has no live Salesbricks contract.", m.Stripe)
	}
	return string(m.Kind)
}

// live reports whether r still runs.
func live(r domain.RevenueSource) bool {
	return r.Status == domain.StatusActive || r.Status == domain.StatusTrialing || r.Status == domain.StatusPastDue
}

// Account lists the mismatches of one account's revenue sources, contract
// by contract: each live contract is paired with the live subscription
// closest to it (same currency and interval first, then the nearest MRR),
// each subscription used once; what is left unpaired on either side is a
// missing record. Trial contracts without a subscription are not flagged:
// a trial need not bill yet.
func Account(revs []domain.RevenueSource) []Mismatch {
	var contracts, subs []domain.RevenueSource
	for _, r := range revs {
		if !live(r) {
			continue
		}
		switch r.Source {
		case domain.SourceSalesbricks:
			contracts = append(contracts, r)
		case domain.SourceStripe:
			subs = append(subs, r)
		}
	}
	if len(contracts) == 0 && len(subs) == 0 {
		return nil
	}
	var hasContract, hasSubscription bool
	for _, r := range revs {
		hasContract = hasContract || r.Source == domain.SourceSalesbricks
		hasSubscription = hasSubscription || r.Source == domain.SourceStripe
	}
	if !hasContract || !hasSubscription {
		return nil
	}
	sort.SliceStable(contracts, func(i, j int) bool { return contracts[i].ExternalID < contracts[j].ExternalID })
	sort.SliceStable(subs, func(i, j int) bool { return subs[i].ExternalID < subs[j].ExternalID })
	used := make([]bool, len(subs))
	var out []Mismatch
	for _, c := range contracts {
		best := -1
		for i, s := range subs {
			if !used[i] && (best < 0 || closer(c, s, subs[best])) {
				best = i
			}
		}
		if best < 0 {
			if c.Status != domain.StatusTrialing && c.MRRMinor > 0 {
				out = append(out, Mismatch{Kind: KindContractNoSubscription, Contract: c.ExternalID, Salesbricks: money(c)})
			}
			continue
		}
		used[best] = true
		out = append(out, compare(c, subs[best])...)
	}
	for i, s := range subs {
		if !used[i] {
			out = append(out, Mismatch{Kind: KindSubscriptionNoContract, Subscription: s.ExternalID, Stripe: money(s)})
		}
	}
	return out
}

// closer reports whether subscription a matches contract c better than b.
func closer(c, a, b domain.RevenueSource) bool {
	score := func(s domain.RevenueSource) (int, int64) {
		rank := 0
		if s.Amount.Currency != c.Amount.Currency {
			rank += 2
		}
		if s.Interval != c.Interval {
			rank++
		}
		d := s.MRRMinor - c.MRRMinor
		if d < 0 {
			d = -d
		}
		return rank, d
	}
	ra, da := score(a)
	rb, db := score(b)
	return ra < rb || ra == rb && da < db
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
			out = append(out, m(KindRenewal, c.TermEnd.UTC().Format("2006-01-02"), s.TermEnd.UTC().Format("2006-01-02")))
		}
	}
	if statusGroup(c.Status) != statusGroup(s.Status) {
		out = append(out, m(KindStatus, string(c.Status), string(s.Status)))
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

// zeroDecimal are ISO 4217 currencies without minor units.
var zeroDecimal = map[string]bool{"BIF": true, "CLP": true, "DJF": true, "GNF": true, "ISK": true, "JPY": true,
	"KMF": true, "KRW": true, "PYG": true, "RWF": true, "UGX": true, "VND": true, "VUV": true, "XAF": true,
	"XOF": true, "XPF": true}

// money writes r's monthly amount exactly, so that no rounding hides a
// difference ("USD 2400.00/mo", "JPY 30000/mo").
func money(r domain.RevenueSource) string {
	cur, n := strings.ToUpper(r.Amount.Currency), r.MRRMinor
	if zeroDecimal[cur] {
		return fmt.Sprintf("%s %d/mo", cur, n)
	}
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	return fmt.Sprintf("%s %s%d.%02d/mo", cur, sign, n/100, n%100)
}

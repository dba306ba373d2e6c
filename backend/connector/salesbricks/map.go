package salesbricks

import (
	"strings"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// This file maps customers and subscriptions. Mappers are pure (the clock
// comes in as now), never panic and never fail on odd values: an unusable
// record gives ok false, odd amounts clamp to [0, maxAmount].

// account is a customer as mapped: the record for the store plus the ids
// Salesbricks keeps for other systems.
type account struct {
	connector.AccountRecord
	// StripeCustomerID is Salesbricks' stripe_customer_id ("" when none): a
	// direct join to the Stripe connector's AccountRecord.Key. The record
	// carries it as an alias.
	StripeCustomerID string
	// ExternalID is the seller's own id for the customer ("" when none).
	ExternalID string
}

// mapCustomer maps a customer. contacts are the e-mails of its contracts'
// people, best first. The domain is the customer's own domain, else its
// website, else its e-mail's, else the first contact's that is a company
// domain; free-mail domains never become one. A stripe_customer_id becomes
// the record's Stripe alias when it has the shape of one ("cus_…"): a
// placeholder such as "N/A" shared by many customers must not join them
// into one account. ok is false without an id.
func mapCustomer(c wireCustomer, contacts []string) (account, bool) {
	if c.ID == "" {
		return account{}, false
	}
	a := account{
		AccountRecord:    connector.AccountRecord{Key: c.ID.String(), Name: c.Name.String()},
		StripeCustomerID: stripeID(c.StripeCustomerID.String()),
		ExternalID:       c.ExternalID.String(),
	}
	if a.StripeCustomerID != "" {
		a.Aliases = []connector.KeyRef{{Source: domain.SourceStripe, Key: a.StripeCustomerID}}
	}
	a.Domain = companyDomain(c.Domain.String())
	if a.Domain == "" {
		a.Domain = companyDomain(c.Website.String())
	}
	emails := append([]string{c.Email.String()}, contacts...)
	for _, e := range emails {
		if !validEmail(e) {
			continue
		}
		if a.PrimaryEmail == "" {
			a.PrimaryEmail = strings.TrimSpace(e)
		}
		if a.Domain == "" {
			a.Domain = connector.DomainFromEmail(e)
		}
	}
	return a, true
}

// StripeCustomerID is the Stripe customer id a Salesbricks account record
// names as its alias (Salesbricks' stripe_customer_id), "" when none.
func StripeCustomerID(rec connector.AccountRecord) string {
	for _, al := range rec.Aliases {
		if al.Source == domain.SourceStripe {
			return al.Key
		}
	}
	return ""
}

// stripeID returns s when it is shaped like a Stripe customer id, else "".
func stripeID(s string) string {
	rest, ok := strings.CutPrefix(s, "cus_")
	if !ok || rest == "" || len(s) > 255 {
		return ""
	}
	for i := 0; i < len(rest); i++ {
		if b := rest[i]; !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
			return ""
		}
	}
	return s
}

// companyDomain normalizes a domain or web address and drops free-mail
// providers ("gmail.com" is nobody's company).
func companyDomain(s string) string {
	d := connector.NormalizeDomain(s)
	if d == "" || connector.DomainFromEmail("billing@"+d) != d {
		return ""
	}
	return d
}

// validEmail reports whether s looks like one plain address at a dotted
// host.
func validEmail(s string) bool {
	s = strings.TrimSpace(s)
	at := strings.LastIndexByte(s, '@')
	return at > 0 && !strings.ContainsAny(s, " \t\r\n<>,;\"") && connector.NormalizeDomain(s[at+1:]) != ""
}

// contactsOf lists the e-mails of a contract's people: point of contact,
// signatory, then accounts payable.
func contactsOf(cur *wireCurrent) []string {
	if cur == nil {
		return nil
	}
	var out []string
	for _, p := range []*wirePerson{cur.PointOfContact, cur.Signatory} {
		if p != nil && p.Email != "" {
			out = append(out, p.Email.String())
		}
	}
	for _, e := range cur.AccountsPayable {
		if e != "" {
			out = append(out, e.String())
		}
	}
	return out
}

// statusWords maps Salesbricks' status words (upper case, "_" for spaces
// and dashes) to ours. ACTIVE is documented; the rest cover the lifecycle
// the product shows.
var statusWords = invert(map[domain.RevenueStatus][]string{
	domain.StatusActive:   {"ACTIVE", "LIVE", "STARTED", "RENEWED", "IN_PROGRESS"},
	domain.StatusTrialing: {"TRIAL", "TRIALING", "TRIALLING", "IN_TRIAL"},
	domain.StatusPastDue:  {"PAST_DUE", "OVERDUE", "UNPAID", "DELINQUENT"},
	domain.StatusCanceled: {"CANCELED", "CANCELLED", "TERMINATED", "CHURNED"},
	domain.StatusExpired:  {"EXPIRED", "ENDED", "LAPSED", "INACTIVE", "COMPLETED"},
	domain.StatusPending:  {"PENDING", "SCHEDULED", "NOT_STARTED", "UPCOMING", "AWAITING_START", "SIGNED"},
	domain.StatusDraft:    {"DRAFT", "BUILDING", "QUOTE"},
})

// invert turns value → words into word → value.
func invert[V comparable](m map[V][]string) map[string]V {
	out := map[string]V{}
	for v, words := range m {
		for _, w := range words {
			out[w] = v
		}
	}
	return out
}

// word is s as a status or type word: trimmed, upper case, "_" for spaces
// and dashes.
func word(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(s)))
}

// mapStatus maps a status word; ok is false for an empty or unknown one.
func mapStatus(s string) (domain.RevenueStatus, bool) {
	st, ok := statusWords[word(s)]
	return st, ok
}

// mapSubscription maps a subscription's current state to a revenue record
// of the account accountKey. ref is the subscription as the customers list
// named it (its id is the record's ExternalID); orders are its closed
// orders, used to tell a running trial and the current term's start.
//
//   - Status: the state's status, else the list's; unknown words give
//     pending. An active contract whose latest started order is a TRIAL
//     still running at now (or whose state says order_type TRIAL) is
//     trialing, with TrialEnd that order's end.
//   - Amount, Interval, MRR, ARR: see amountOf.
//   - Seats: the quantities of line items named like seats, users,
//     licenses or members.
//   - TermStart: the start of the latest started order (the current term),
//     else the subscription's start.
//   - TermEnd: ends_at, else renews_at; an earlier terminates_at wins.
//     CancelAtPeriodEnd: a live contract with a terminates_at still ahead
//     or auto_renews false.
//
// ok is false without a subscription id or account key.
func mapSubscription(cur wireCurrent, ref wireSubRef, accountKey string, orders []wireOrder, now time.Time) (connector.RevenueRecord, bool) {
	if ref.ID == "" || accountKey == "" {
		return connector.RevenueRecord{}, false
	}
	status, ok := mapStatus(cur.Status.String())
	if !ok {
		if status, ok = mapStatus(ref.Status.String()); !ok {
			status = domain.StatusPending
		}
	}
	latest, haveLatest := latestStarted(orders, now)
	var trialEnd time.Time
	switch {
	case status == domain.StatusTrialing:
		trialEnd = cur.EndsAt.end()
		if haveLatest && word(latest.OrderType.String()) == "TRIAL" {
			trialEnd = latest.EndsAt.end()
		}
	case status == domain.StatusActive && word(cur.OrderType.String()) == "TRIAL":
		status, trialEnd = domain.StatusTrialing, cur.EndsAt.end()
	case status == domain.StatusActive && haveLatest && word(latest.OrderType.String()) == "TRIAL" &&
		latest.EndsAt.end().After(now):
		status, trialEnd = domain.StatusTrialing, latest.EndsAt.end()
	}
	amt, iv, cur3 := amountOf(cur, now)
	currency := currencyOf(cur.Currency.String())
	if currency == "" {
		currency = cur3
	}
	if currency == "" {
		currency = DefaultCurrency
	}
	rec := connector.RevenueRecord{AccountKey: accountKey, RevenueSource: domain.RevenueSource{
		Source:     domain.SourceSalesbricks,
		ExternalID: ref.ID.String(),
		Product:    productOf(cur, ref),
		Status:     status,
		Interval:   iv,
		Amount:     domain.Money{AmountMinor: amt, Currency: currency},
		MRRMinor:   domain.NormalizeMRR(amt, iv),
		ARRMinor:   domain.NormalizeARR(amt, iv),
		Seats:      seatsOf(cur.LineItems),
		TrialEnd:   trialEnd,
	}}
	rec.TermStart = firstTime(cur.StartsAt.t, ref.StartsAt.t)
	if haveLatest && !latest.StartsAt.t.IsZero() {
		rec.TermStart = latest.StartsAt.t
	}
	rec.TermEnd = firstTime(cur.EndsAt.end(), cur.RenewsAt.t, ref.EndsAt.end())
	if t := cur.TerminatesAt.end(); !t.IsZero() && (rec.TermEnd.IsZero() || t.Before(rec.TermEnd)) {
		rec.TermEnd = t
	}
	live := status == domain.StatusActive || status == domain.StatusTrialing || status == domain.StatusPastDue
	rec.CancelAtPeriodEnd = live && (cur.TerminatesAt.end().After(now) || cur.AutoRenews.set && !cur.AutoRenews.value)
	return rec, true
}

// latestStarted is the order that started last at or before now.
func latestStarted(orders []wireOrder, now time.Time) (wireOrder, bool) {
	var best wireOrder
	found := false
	for _, o := range orders {
		t := o.StartsAt.t
		if t.IsZero() || t.After(now) {
			continue
		}
		if !found || !t.Before(best.StartsAt.t) {
			best, found = o, true
		}
	}
	return best, found
}

func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// productOf names the contract: the plan, else the subscription's name.
func productOf(cur wireCurrent, ref wireSubRef) string {
	if cur.PlanName != "" {
		return cur.PlanName.String()
	}
	for _, li := range cur.LineItems {
		if li.PlanName != "" {
			return li.PlanName.String()
		}
	}
	if ref.Name != "" {
		return ref.Name.String()
	}
	for _, li := range cur.LineItems {
		if li.BrickName != "" {
			return li.BrickName.String()
		}
	}
	return ""
}

// seatWords mark a line item that counts seats.
var seatWords = []string{"seat", "user", "licen", "member"}

// seatsOf sums the quantities of seat-like line items.
func seatsOf(items []wireLineItem) int {
	var n int64
	for _, li := range items {
		name := strings.ToLower(li.BrickName.String() + " " + li.PlanName.String())
		for _, w := range seatWords {
			if strings.Contains(name, w) {
				n = min(n+int64(li.Quantity), int64(1)<<31-1)
				break
			}
		}
	}
	return int(n)
}

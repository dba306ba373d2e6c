package stripefake

import (
	"slices"
	"strings"
	"time"

	"successdesk/backend/connector/fakepeer"
	"successdesk/backend/domain"
)

// Truth is what a correct sync of the book into the app's store holds,
// derived from the generator's own data with the rules the product
// documents (not by calling the connector's mapping code):
//
//   - every customer that is not deleted is an account. Its domain is
//     metadata["domain"], else its e-mail's domain unless that is a free-mail
//     provider, else none; customers sharing a domain are one account. The
//     account's name is the customer's name, else its description, else the
//     domain, else the customer id.
//   - every subscription of such a customer is a revenue source: status
//     mapped (unpaid → past_due, incomplete and paused → pending,
//     incomplete_expired → expired), month → monthly, 3 months → quarterly,
//     year → annual, amount Σ unit × quantity, MRR and ARR normalized from
//     it, product the price nicknames joined by " + ".
//   - every invoice of such a customer that is not a draft is an invoice:
//     paid → paid, open with attempts → failed, open → open, void and
//     uncollectible → void. Some are also a payment activity: a failed one
//     "<invoice>/attempt/<n>" dated by its failed charge, one paid after
//     failed attempts "<invoice>/paid" dated when paid, a void or
//     uncollectible one with attempts "<invoice>/closed" dated when it was
//     voided or marked uncollectible.
//   - every such subscription also has its contract changes (Changes): a
//     trial "<sub>/trial" at its trial start; "<sub>/started" when active,
//     past due, unpaid or canceled, at the end of its trial (one that ends
//     after it starts; else at its start),
//     unless it ended by then; then one of "<sub>/canceled" at its end (else
//     its cancellation), "<sub>/expired" (incomplete_expired) at its end, or
//     "<sub>/cancel" at its cancellation when set to cancel at period end.
type Truth struct {
	Accounts []TruthAccount          // sorted by Domain, then Name
	Revenue  map[string]TruthRevenue // by subscription id
	Invoices map[string]TruthInvoice // by invoice id
	Payments map[string]TruthPayment // payment activities by external id
	Changes  map[string]TruthChange  // contract-change activities by external id
	Keys     map[string]string       // customer id → its account's Domain, or the customer id without one
	Objects  int                     // customers + subscriptions + invoices the lists serve (drafts included)
}

// TruthAccount is one account: a company domain (or none) and the customers
// gathered under it.
type TruthAccount struct {
	Domain    string
	Name      string
	Customers []string
}

// TruthRevenue is one subscription as a revenue source.
type TruthRevenue = fakepeer.TruthRevenue

// TruthInvoice is one invoice.
type TruthInvoice struct {
	Customer        string
	Subscription    string
	Status          domain.InvoiceStatus
	AmountDue       domain.Money
	AmountPaidMinor int64
	Attempts        int
	IssuedAt        time.Time
	DueAt           time.Time
	PaidAt          time.Time
	NextAttemptAt   time.Time
	LastFailureAt   time.Time
	FailureReason   string
}

// TruthPayment is one payment activity; Reason is a failure's (a text its
// body holds), "" for the others.
type TruthPayment struct {
	Customer   string
	Invoice    string
	OccurredAt time.Time
	Reason     string
}

// TruthChange is one contract-change activity of a subscription.
type TruthChange struct {
	Customer   string
	OccurredAt time.Time
}

var freeMailDomains = map[string]bool{"gmail.com": true, "outlook.com": true, "yahoo.com": true, "icloud.com": true}

var subStatus = map[string]domain.RevenueStatus{
	"active": domain.StatusActive, "trialing": domain.StatusTrialing, "past_due": domain.StatusPastDue,
	"unpaid": domain.StatusPastDue, "canceled": domain.StatusCanceled, "incomplete": domain.StatusPending,
	"paused": domain.StatusPending, "incomplete_expired": domain.StatusExpired,
}

func ts(u int64) time.Time {
	if u <= 0 {
		return time.Time{}
	}
	return time.Unix(u, 0).UTC()
}

// Truth computes the expected outcome of syncing the book as it is now.
func (s *Server) Truth() Truth {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b := s.b
	t := Truth{Revenue: map[string]TruthRevenue{}, Invoices: map[string]TruthInvoice{},
		Payments: map[string]TruthPayment{}, Changes: map[string]TruthChange{}, Keys: map[string]string{}}
	live := map[string]bool{}
	byDomain := map[string]*TruthAccount{}
	var accts []*TruthAccount
	for i := len(b.customers.rows) - 1; i >= 0; i-- { // list order: the newest names a shared account
		c := b.customers.rows[i].v
		if c.Deleted {
			continue
		}
		t.Objects++
		live[c.ID] = true
		d := strings.ToLower(c.Domain)
		if d == "" {
			if _, host, ok := strings.Cut(c.Email, "@"); ok && !freeMailDomains[strings.ToLower(host)] {
				d = strings.ToLower(host)
			}
		}
		name := firstOf(strings.TrimSpace(c.Name), strings.TrimSpace(c.Description), d, c.ID)
		if a := byDomain[d]; d != "" && a != nil {
			a.Customers = append(a.Customers, c.ID)
			t.Keys[c.ID] = d
			continue
		}
		a := &TruthAccount{Domain: d, Name: name, Customers: []string{c.ID}}
		accts = append(accts, a)
		if d != "" {
			byDomain[d] = a
			t.Keys[c.ID] = d
		} else {
			t.Keys[c.ID] = c.ID
		}
	}
	for _, a := range accts {
		t.Accounts = append(t.Accounts, *a)
	}
	slices.SortFunc(t.Accounts, func(x, y TruthAccount) int {
		if c := strings.Compare(x.Domain, y.Domain); c != 0 {
			return c
		}
		return strings.Compare(x.Name, y.Name)
	})
	for _, r := range b.subs.rows {
		sub := r.v
		if sub.Removed {
			continue
		}
		t.Objects++
		if live[sub.Customer] {
			t.Revenue[sub.ID] = revenueTruth(sub)
			changesTruth(sub, t.Changes)
		}
	}
	for _, r := range b.invoices.rows {
		in := r.v
		if in.Removed {
			continue
		}
		t.Objects++
		if !live[in.Customer] || in.Status == "draft" {
			continue
		}
		it := invoiceTruth(in)
		t.Invoices[in.ID] = it
		switch {
		case it.Status == domain.InvoiceFailed:
			t.Payments[in.ID+"/attempt/"+itoa(in.AttemptCount)] = TruthPayment{Customer: in.Customer, Invoice: in.ID,
				OccurredAt: it.LastFailureAt, Reason: it.FailureReason}
		case it.Status == domain.InvoicePaid && in.AttemptCount > 1:
			t.Payments[in.ID+"/paid"] = TruthPayment{Customer: in.Customer, Invoice: in.ID, OccurredAt: it.PaidAt}
		case it.Status == domain.InvoiceVoid && in.AttemptCount > 0:
			at := ts(in.VoidedAt)
			if in.Status == "uncollectible" {
				at = ts(in.UncollectibleAt)
			}
			if at.IsZero() {
				at = it.IssuedAt
			}
			t.Payments[in.ID+"/closed"] = TruthPayment{Customer: in.Customer, Invoice: in.ID, OccurredAt: at}
		}
	}
	return t
}

func revenueTruth(sub *Subscription) TruthRevenue {
	iv := domain.IntervalMonthly
	var names []string
	var seats int64
	for i, it := range sub.Items {
		if i == 0 {
			switch {
			case it.Interval == "week" && it.IntervalCount == 1:
				iv = domain.IntervalWeekly
			case it.Interval == "year" && it.IntervalCount == 1, it.Interval == "month" && it.IntervalCount == 12:
				iv = domain.IntervalAnnual
			case it.Interval == "month" && it.IntervalCount == 3:
				iv = domain.IntervalQuarterly
			}
		}
		n := firstOf(it.Nickname, it.ProductID)
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
		seats += it.Quantity
	}
	amt := sub.Amount()
	return TruthRevenue{
		Customer: sub.Customer, Product: strings.Join(names, " + "), Status: subStatus[sub.Status], Interval: iv,
		Amount:   domain.Money{AmountMinor: amt, Currency: strings.ToUpper(sub.Currency)},
		MRRMinor: domain.NormalizeMRR(amt, iv), ARRMinor: domain.NormalizeARR(amt, iv), Seats: int(seats),
		TermStart: ts(sub.PeriodStart), TermEnd: ts(sub.PeriodEnd), TrialEnd: ts(sub.TrialEnd),
		CancelAtPeriodEnd: sub.CancelAtPeriodEnd,
	}
}

// changesTruth adds sub's contract changes to into, by the rules on Truth.
func changesTruth(sub *Subscription, into map[string]TruthChange) {
	add := func(kind string, at int64) {
		if at > 0 {
			into[sub.ID+"/"+kind] = TruthChange{Customer: sub.Customer, OccurredAt: ts(at)}
		}
	}
	hadTrial := sub.TrialStart > 0 && sub.TrialEnd > sub.TrialStart
	if hadTrial {
		add("trial", sub.TrialStart)
	}
	switch sub.Status {
	case "active", "past_due", "unpaid", "canceled":
		start := sub.Created
		if hadTrial {
			start = sub.TrialEnd
		}
		if sub.EndedAt == 0 || start < sub.EndedAt {
			add("started", start)
		}
	}
	switch {
	case sub.Status == "canceled":
		add("canceled", firstPositive(sub.EndedAt, sub.CanceledAt))
	case sub.Status == "incomplete_expired":
		add("expired", sub.EndedAt)
	case sub.CancelAtPeriodEnd:
		add("cancel", sub.CanceledAt)
	}
}

func firstPositive(vs ...int64) int64 {
	for _, v := range vs {
		if v > 0 {
			return v
		}
	}
	return 0
}

func invoiceTruth(in *Invoice) TruthInvoice {
	it := TruthInvoice{
		Customer: in.Customer, Subscription: in.Subscription,
		AmountDue:       domain.Money{AmountMinor: in.AmountDue, Currency: strings.ToUpper(in.Currency)},
		AmountPaidMinor: in.AmountPaid, Attempts: int(in.AttemptCount), IssuedAt: ts(in.FinalizedAt),
		DueAt: ts(in.DueDate), NextAttemptAt: ts(in.NextPaymentAttempt),
	}
	if it.IssuedAt.IsZero() {
		it.IssuedAt = ts(in.Created)
	}
	switch in.Status {
	case "paid":
		it.Status, it.PaidAt = domain.InvoicePaid, ts(in.PaidAt)
	case "open":
		it.Status = domain.InvoiceOpen
		if in.AttemptCount > 0 {
			it.Status = domain.InvoiceFailed
			it.LastFailureAt = it.IssuedAt
			if ch := in.Charge; ch != nil && ch.Status == "failed" {
				it.LastFailureAt, it.FailureReason = ts(ch.Created), ch.FailureMessage
			}
		}
	default:
		it.Status = domain.InvoiceVoid
	}
	return it
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// Customers returns a copy of every customer, deleted ones included, in
// list order (newest first).
func (s *Server) Customers() []Customer {
	return snapshot(s, func(b *book) *table[Customer] { return b.customers })
}

// Subscriptions returns a copy of every subscription, newest first.
func (s *Server) Subscriptions() []Subscription {
	return snapshot(s, func(b *book) *table[Subscription] { return b.subs })
}

// Invoices returns a copy of every invoice, newest first.
func (s *Server) Invoices() []Invoice {
	return snapshot(s, func(b *book) *table[Invoice] { return b.invoices })
}

func snapshot[T any](s *Server, pick func(*book) *table[T]) []T {
	s.mu.RLock()
	defer s.mu.RUnlock()
	rows := pick(s.b).rows
	out := make([]T, 0, len(rows))
	for i := len(rows) - 1; i >= 0; i-- {
		out = append(out, *rows[i].v)
	}
	return out
}

package sbfake

import (
	"strings"
	"time"

	"successdesk/backend/connector/fakepeer"
	"successdesk/backend/domain"
)

// Truth is what a correct sync of the current book holds, taken from what
// the generator meant each record to be rather than from its wire form or
// the connector's mapping code:
//
//   - every customer not removed is an account. Its domain is the
//     company's when its website is sent or any of its contracts' contacts
//     writes from the company domain; customers whose contacts all use free
//     mail and send no website have none. Its primary e-mail is its first
//     contract's point of contact.
//   - every subscription of such a customer (not removed) is a revenue
//     source: the intended status; its plan as product; MRR the monthly
//     price and ARR twelve times it, exactly; the amount one billing
//     interval costs (semi-annual billing restated as annual); seats the
//     seats line's quantity; the term of its latest started order.
//   - every closed order of such a subscription is an activity with the
//     title the generator meant ("Renewed for 12 months").
//   - every invoice of such a subscription that is neither an estimate nor
//     scheduled is an invoice.
//   - every GraphQL order of such a customer is a deal.
type Truth struct {
	Accounts   map[string]TruthAccount  // by customer id
	Revenue    map[string]TruthRevenue  // by subscription id
	Invoices   map[string]TruthInvoice  // by invoice id
	Activities map[string]TruthActivity // by order id
	Deals      map[string]TruthDeal     // by order id
}

// TruthAccount is one customer as an account.
type TruthAccount struct {
	Name, Domain, PrimaryEmail, StripeCustomerID, ExternalID string
}

// TruthRevenue is one subscription as a revenue source.
type TruthRevenue = fakepeer.TruthRevenue

// TruthInvoice is one invoice.
type TruthInvoice struct {
	Customer, Subscription string
	Status                 domain.InvoiceStatus
	AmountDue              domain.Money
	AmountPaidMinor        int64
	IssuedAt, DueAt        time.Time
	PaidAt                 time.Time
}

// TruthActivity is one closed order as a contract change.
type TruthActivity struct {
	Customer   string
	Title      string
	OccurredAt time.Time
}

// TruthDeal is one GraphQL order as a deal. ReasonInField says the lost
// reason travels only in the lostReason field (which a plain schema lacks);
// otherwise it is in the order's metadata.
type TruthDeal struct {
	Customer      string
	Name          string
	Status        domain.DealStatus
	AmountMinor   int64
	Currency      string
	LostReason    string
	ReasonInField bool
	ClosedAt      time.Time
	UpdatedAt     time.Time
}

// Truth computes the truth of the current book.
func (s *Server) Truth() Truth {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t := Truth{Accounts: map[string]TruthAccount{}, Revenue: map[string]TruthRevenue{},
		Invoices: map[string]TruthInvoice{}, Activities: map[string]TruthActivity{}, Deals: map[string]TruthDeal{}}
	for _, c := range s.b.customers {
		if s.removed[c.ID] {
			continue
		}
		a := TruthAccount{Name: c.Name, StripeCustomerID: c.StripeID, ExternalID: c.ExternalID}
		if c.Website != "" {
			a.Domain = c.Domain
		}
		for _, sub := range c.Subs {
			if s.removed[sub.ID] {
				continue
			}
			if a.PrimaryEmail == "" {
				a.PrimaryEmail = sub.Contact
			}
			if strings.HasSuffix(sub.Contact, "@"+c.Domain) {
				a.Domain = c.Domain
			}
			t.Revenue[sub.ID] = s.revenueTruth(sub)
			for _, o := range sub.Orders {
				t.Activities[o.ID] = TruthActivity{Customer: c.ID, Title: o.WantTitle, OccurredAt: o.WantAt}
			}
			for _, in := range sub.Invoices {
				if in.WantStatus != "" && !in.Estimate {
					t.Invoices[in.ID] = invoiceTruth(sub, in)
				}
			}
		}
		t.Accounts[c.ID] = a
	}
	for _, d := range s.b.deals {
		if s.removed[d.Buyer.ID] {
			continue
		}
		var skus []string
		for _, k := range d.Skus {
			skus = append(skus, k.Name)
		}
		t.Deals[d.ID] = TruthDeal{Customer: d.Buyer.ID, Name: d.Buyer.Name + " — " + strings.Join(skus, " + "),
			Status: domain.DealStatus(d.WantStatus), AmountMinor: d.Total, Currency: d.Currency,
			LostReason: d.LostReason, ReasonInField: d.ReasonInField, ClosedAt: d.Closed, UpdatedAt: d.Updated}
	}
	return t
}

func (s *Server) revenueTruth(sub *Subscription) TruthRevenue {
	cur := sub.Currency
	if cur == "" {
		cur = "USD"
	}
	r := TruthRevenue{Customer: sub.Customer.ID, Product: sub.Plan, Status: domain.RevenueStatus(sub.WantStatus),
		MRRMinor: sub.Monthly(), ARRMinor: 12 * sub.Monthly(), Seats: sub.Seats, TermStart: sub.Starts,
		TermEnd: sub.TermEnd, TrialEnd: sub.WantTrialEnd, CancelAtPeriodEnd: sub.WantCancel}
	switch sub.Months {
	case 1:
		r.Interval, r.Amount = domain.IntervalMonthly, domain.Money{AmountMinor: sub.Monthly(), Currency: cur}
	case 3:
		r.Interval, r.Amount = domain.IntervalQuarterly, domain.Money{AmountMinor: 3 * sub.Monthly(), Currency: cur}
	default:
		r.Interval, r.Amount = domain.IntervalAnnual, domain.Money{AmountMinor: 12 * sub.Monthly(), Currency: cur}
	}
	var latest time.Time
	for _, o := range sub.Orders {
		if !o.Starts.After(s.today) && !o.Starts.Before(latest) {
			latest = o.Starts
		}
	}
	if !latest.IsZero() {
		r.TermStart = latest
	}
	if !sub.Terminate.IsZero() && sub.Terminate.Before(r.TermEnd) {
		r.TermEnd = sub.Terminate
	}
	return r
}

func invoiceTruth(sub *Subscription, in *Invoice) TruthInvoice {
	cur := in.Currency
	if cur == "" {
		cur = sub.Currency
	}
	if cur == "" {
		cur = "USD"
	}
	t := TruthInvoice{Customer: sub.Customer.ID, Subscription: sub.ID, Status: domain.InvoiceStatus(in.WantStatus),
		AmountDue: domain.Money{AmountMinor: in.Total, Currency: cur}, IssuedAt: in.Issued, DueAt: in.Due}
	switch {
	case in.Remaining >= 0:
		t.AmountPaidMinor = in.Total - in.Remaining
	case in.WantStatus == "paid":
		t.AmountPaidMinor = in.Total
	}
	if in.WantStatus == "paid" {
		t.PaidAt = in.Paid
	}
	return t
}

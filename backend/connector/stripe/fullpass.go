package stripe

import (
	"context"

	stripe "github.com/stripe/stripe-go/v76"

	"successdesk/backend/connector"
)

// fetchFull returns the page of a full pass at pos. With starting, pos is
// the beginning of a new pass: the page carries StartsFullPass, the pass
// is dated now and its watermark is the Date of Stripe's first answer. A
// phase that turns out empty (or ends on an empty page) moves straight on
// to the next phase within the same call, so only the end of the pass
// yields an empty page.
func (c *Connector) fetchFull(ctx context.Context, pos position, starting bool) (connector.Page, error) {
	if starting {
		pos = position{phase: phaseCustomers, full: c.now().Unix()}
	}
	for {
		page, hasMore, last, date, err := c.fetchList(ctx, pos.phase, pos.after)
		if err != nil {
			return connector.Page{}, err
		}
		if starting && pos.mark == 0 {
			pos.mark = date
		}
		page.Phase = phaseLabel[pos.phase]
		page.StartsFullPass = starting
		if hasMore && last != "" {
			if !validAfter(last) {
				return connector.Page{}, unreadable()
			}
			pos.after = last
			if page.Len() > 0 {
				page.Next = pos.String()
				return page, nil
			}
			continue // a page of objects we skip (drafts): read on
		}
		// The phase ended (has_more false, or an empty page claiming more).
		np := nextPhase(pos.phase)
		switch {
		case np == "":
			page.Done, page.EndsFullPass = true, true
			if pos.mark > 0 && pos.full > 0 {
				page.Next = position{phase: phaseEvents, mark: pos.mark, full: pos.full}.String()
			}
			return page, nil
		case page.Len() == 0:
			pos.phase, pos.after = np, ""
		default:
			pos.phase, pos.after = np, ""
			page.Next = pos.String()
			return page, nil
		}
	}
}

// fetchPhase reads one list page of phase after the object after. last
// is the id of the page's last object ("" when the page is empty), the
// starting_after of the next page.
func (c *Connector) fetchPhase(ctx context.Context, phase, after string) (page connector.Page, hasMore bool, last string, err error) {
	page, hasMore, last, _, err = c.fetchList(ctx, phase, after)
	return page, hasMore, last, err
}

// fetchList is fetchPhase that also returns Stripe's Date of the answer.
func (c *Connector) fetchList(ctx context.Context, phase, after string) (page connector.Page, hasMore bool, last string, date int64, err error) {
	lp := listParams(ctx, after)
	switch phase {
	case phaseCustomers:
		a, err := c.get(ctx, "/v1/customers", &stripe.CustomerListParams{ListParams: lp})
		if err != nil {
			return page, false, "", 0, err
		}
		l, err := decodeList(a.body, customerElem)
		a.release()
		if err != nil {
			return page, false, "", 0, unreadable()
		}
		page.Accounts = make([]connector.AccountRecord, 0, len(l.Data))
		for _, cu := range l.Data {
			if cu == nil {
				continue
			}
			last = cu.ID
			if r, ok := MapCustomer(cu); ok {
				page.Accounts = append(page.Accounts, r)
			}
		}
		return page, l.HasMore, last, a.date, nil
	case phaseSubscriptions:
		// Prices come in full on subscription items (not expandable), and
		// expanding their products would exceed Stripe's 4-level limit.
		a, err := c.get(ctx, "/v1/subscriptions",
			&stripe.SubscriptionListParams{ListParams: lp, Status: stripe.String("all")})
		if err != nil {
			return page, false, "", 0, err
		}
		l, err := decodeList(a.body, subscriptionElem)
		a.release()
		if err != nil {
			return page, false, "", 0, unreadable()
		}
		page.Revenue = make([]connector.RevenueRecord, 0, len(l.Data))
		for _, s := range l.Data {
			if s == nil {
				continue
			}
			last = s.ID
			if r, ok := MapSubscription(s); ok {
				page.Revenue = append(page.Revenue, r)
				page.Activities = append(page.Activities, SubscriptionEvents(s, r)...)
			}
		}
		return page, l.HasMore, last, a.date, nil
	default: // invoices
		p := &stripe.InvoiceListParams{ListParams: lp}
		p.AddExpand("data.charge") // the latest attempt's failure time and reason
		a, err := c.get(ctx, "/v1/invoices", p)
		if err != nil {
			return page, false, "", 0, err
		}
		l, err := decodeList(a.body, invoiceElem)
		a.release()
		if err != nil {
			return page, false, "", 0, unreadable()
		}
		page.Invoices = make([]connector.InvoiceRecord, 0, len(l.Data))
		for _, in := range l.Data {
			if in == nil {
				continue
			}
			last = in.ID
			if r, act, ok := MapInvoice(in); ok {
				page.Invoices = append(page.Invoices, r)
				if act != nil {
					page.Activities = append(page.Activities, *act)
				}
			}
		}
		return page, l.HasMore, last, a.date, nil
	}
}

package stripe

import (
	"context"
	"net/url"
	"strings"
	"time"

	stripe "github.com/stripe/stripe-go/v76"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// eventTypes are the events an incremental pass reads (Stripe takes at
// most 20 in types[]): every change to a customer, a subscription or an
// invoice.
var eventTypes = []string{
	"customer.created", "customer.updated", "customer.deleted",
	"customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
	"customer.subscription.paused", "customer.subscription.resumed",
	"customer.subscription.pending_update_applied", "customer.subscription.pending_update_expired",
	"invoice.created", "invoice.finalized", "invoice.updated", "invoice.paid", "invoice.payment_failed",
	"invoice.payment_succeeded", "invoice.voided", "invoice.marked_uncollectible", "invoice.deleted",
}

// fetchChanges is an incremental pass from pos (phase events): one page
// with every change since the watermark, Done, whose Next carries the new
// watermark. It turns into the first page of a full pass when one is due
// (see the package comment).
func (c *Connector) fetchChanges(ctx context.Context, pos position) (connector.Page, error) {
	if c.fullPassDue(pos) {
		return c.fetchFull(ctx, pos, true)
	}
	p := &stripe.EventListParams{ListParams: listParams(ctx, ""),
		CreatedRange: &stripe.RangeQueryParams{GreaterThanOrEqual: pos.mark - int64(EventOverlap/time.Second)}}
	for _, t := range eventTypes {
		p.Types = append(p.Types, stripe.String(t))
	}
	var evs []*event
	mark := pos.mark
	for first := true; ; first = false {
		a, err := c.get(ctx, "/v1/events", p)
		if connector.IsForbidden(err) { // a restricted key without events: full passes only
			return c.fetchFull(ctx, pos, true)
		}
		if err != nil {
			return connector.Page{}, err
		}
		if first && a.date > mark {
			mark = a.date
		}
		l, err := decodeList(a.body, eventElem)
		a.release()
		if err != nil {
			return connector.Page{}, unreadable()
		}
		for _, e := range l.Data {
			if e != nil {
				evs = append(evs, e)
			}
		}
		if len(evs) > MaxEvents {
			return c.fetchFull(ctx, pos, true)
		}
		if !l.HasMore || len(l.Data) == 0 || l.Data[len(l.Data)-1] == nil {
			break
		}
		p.StartingAfter = stripe.String(l.Data[len(l.Data)-1].ID)
	}
	page, err := mapEvents(evs, func(id string) (*stripe.Invoice, error) { return c.invoice(ctx, id) })
	if err != nil {
		return connector.Page{}, err
	}
	page.Phase, page.Done = PhaseEvents, true
	page.Next = position{phase: phaseEvents, mark: mark, full: pos.full}.String()
	return page, nil
}

// mapEvents turns events, newest first, into one page: the newest event
// of each object wins (the object it carries is the latest state known),
// customer.deleted and invoice.deleted become deletions, and an invoice
// that failed is read again with refetch (nil: gone) for its charge, the
// failure's time and reason. Events this app does not know, objects that
// do not decode and objects that do not map are left out; only refetch's
// errors are returned. No I/O of its own, no panics on any input.
func mapEvents(evs []*event, refetch func(id string) (*stripe.Invoice, error)) (connector.Page, error) {
	var page connector.Page
	seen := map[string]bool{}
	for _, e := range evs {
		switch {
		case strings.HasPrefix(e.Type, "customer.subscription."):
			s, err := decodeObject(e.Object, subscriptionElem)
			if err != nil || s == nil || seen["s:"+s.ID] {
				continue
			}
			seen["s:"+s.ID] = true
			if r, ok := MapSubscription(s); ok {
				page.Revenue = append(page.Revenue, r)
				page.Activities = append(page.Activities, SubscriptionEvents(s, r)...)
			}
		case strings.HasPrefix(e.Type, "customer."):
			cu, err := decodeObject(e.Object, customerElem)
			if err != nil || cu == nil || seen["c:"+cu.ID] {
				continue
			}
			seen["c:"+cu.ID] = true
			if e.Type == "customer.deleted" || cu.Deleted {
				page.Deleted = append(page.Deleted, connector.Ref{Kind: connector.RefAccount, Key: cu.ID})
			} else if r, ok := MapCustomer(cu); ok {
				page.Accounts = append(page.Accounts, r)
			}
		case strings.HasPrefix(e.Type, "invoice."):
			in, err := decodeObject(e.Object, invoiceElem)
			if err != nil || in == nil || seen["i:"+in.ID] {
				continue
			}
			seen["i:"+in.ID] = true
			if e.Type == "invoice.deleted" {
				page.Deleted = append(page.Deleted, connector.Ref{Kind: connector.RefInvoice, Key: in.ID})
				continue
			}
			r, act, ok := MapInvoice(in)
			if ok && r.Status == domain.InvoiceFailed {
				fresh, err := refetch(in.ID)
				if err != nil {
					return connector.Page{}, err
				}
				if fresh == nil {
					continue // gone since the event
				}
				r, act, ok = MapInvoice(fresh)
			}
			if ok {
				page.Invoices = append(page.Invoices, r)
				if act != nil {
					page.Activities = append(page.Activities, *act)
				}
			}
		}
	}
	return page, nil
}

// invoice reads one invoice with its charge expanded; nil when Stripe
// has no such invoice any more.
func (c *Connector) invoice(ctx context.Context, id string) (*stripe.Invoice, error) {
	if !validAfter(id) || id == "" {
		return nil, nil
	}
	p := &stripe.InvoiceParams{}
	p.AddExpand("charge")
	a, err := c.get(ctx, "/v1/invoices/"+url.PathEscape(id), p)
	if domain.ErrorCode(err) == domain.ENotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	in, err := decodeObject(a.body, invoiceElem)
	a.release()
	if err != nil {
		return nil, unreadable()
	}
	return in, nil
}

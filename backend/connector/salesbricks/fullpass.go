package salesbricks

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// Fetch returns the page at cursor (see the package comment): a page of
// customers with everything they own, or a page of GraphQL orders as
// deals. Every page carries connector.PhaseOrders; the first is
// StartsFullPass, the last Done and, unless the customers list moved
// during the pass, EndsFullPass.
func (c *Connector) Fetch(ctx context.Context, cur connector.Cursor) (connector.Page, error) {
	if err := ctx.Err(); err != nil {
		return connector.Page{}, err
	}
	if c.key == "" {
		return connector.Page{}, notConnected()
	}
	pos, err := parseCursor(cur)
	if err != nil {
		return connector.Page{}, err
	}
	starting := cur == ""
	if pos.phase == phaseCustomers {
		p, more, err := c.customersPage(ctx, &pos)
		if err != nil {
			return connector.Page{}, err
		}
		p.Phase, p.StartsFullPass = connector.PhaseOrders, starting
		if !more {
			pos.phase, pos.offset = phaseDeals, 0
		}
		if p.Len() > 0 {
			p.Next = pos.String()
			return p, nil
		}
	}
	// The deals phase; reached within the same call when the customers
	// list ended on an empty page, so that only the pass's end is empty.
	p, more, err := c.dealsPhasePage(ctx, &pos)
	if err != nil {
		return connector.Page{}, err
	}
	p.Phase, p.StartsFullPass = connector.PhaseOrders, starting
	if more && p.Len() > 0 {
		p.Next = pos.String()
		return p, nil
	}
	p.Done, p.EndsFullPass = true, !pos.moved
	return p, nil
}

// customersPage reads the customers page at pos and everything its
// customers own, and moves pos past it. more is false when the list ended
// (no next page, or an empty page that claims one). A page of customers
// without ids is skipped, so a page returned with more is never empty.
func (c *Connector) customersPage(ctx context.Context, pos *position) (p connector.Page, more bool, err error) {
	for {
		r, err := c.get(ctx, "/customers", listQuery(c.pageSize, pos.offset))
		if err != nil {
			return p, false, err
		}
		list, err := decodePage[wireCustomer](r.body)
		if err != nil {
			return p, false, unreadable()
		}
		if list.Count != nil {
			switch {
			case pos.count < 0:
				pos.count = *list.Count
			case *list.Count != pos.count:
				pos.moved = true
			}
		}
		bundles, err := c.readSubscriptions(ctx, list.Results)
		if err != nil {
			return p, false, err
		}
		p = assemble(list.Results, bundles, c.now())
		if list.Next == "" || len(list.Results) == 0 {
			return p, false, nil
		}
		if pos.offset += len(list.Results); pos.offset > maxOffset {
			return connector.Page{}, false, unreadable()
		}
		if p.Len() > 0 {
			return p, true, nil
		}
	}
}

// bundle is one subscription as read: its state, closed orders and invoices.
type bundle struct {
	ref      wireSubRef
	cur      wireCurrent
	orders   []wireOrder
	invoices []wireInvoice
	ok       bool // read in full; false when Salesbricks no longer has it
}

// readSubscription reads one subscription. A 404 on any of its calls (it
// was removed after the customers page was read) gives a bundle without ok
// and no error.
func (c *Connector) readSubscription(ctx context.Context, ref wireSubRef) (bundle, error) {
	b := bundle{ref: ref}
	base := "/subscriptions/" + ref.ID.String()
	r, err := c.get(ctx, base+"/current", nil)
	if statusOf(r, err) == http.StatusNotFound {
		return b, nil
	}
	if err != nil {
		return b, err
	}
	if body := bytes.TrimSpace(r.body); len(body) == 0 || body[0] != '{' || json.Unmarshal(body, &b.cur) != nil {
		return b, unreadable()
	}
	var gone bool
	if b.orders, gone, err = readAll[wireOrder](ctx, c, base+"/orders", "ordering", "starts_at"); err != nil || gone {
		return bundle{ref: ref}, err
	}
	if b.invoices, gone, err = readAll[wireInvoice](ctx, c, base+"/invoices", "scope", "all", "ordering", "created_at"); err != nil || gone {
		return bundle{ref: ref}, err
	}
	b.ok = true
	return b, nil
}

// readAll reads every page of a subscription's list. gone is true when the
// list answers 404.
func readAll[T any](ctx context.Context, c *Connector, path string, extra ...string) (all []T, gone bool, err error) {
	offset := 0
	for range maxSubPages {
		r, err := c.get(ctx, path, listQuery(SubPageSize, offset, extra...))
		if statusOf(r, err) == http.StatusNotFound {
			return nil, true, nil
		}
		if err != nil {
			return nil, false, err
		}
		pg, err := decodePage[T](r.body)
		if err != nil {
			return nil, false, unreadable()
		}
		all = append(all, pg.Results...)
		if pg.Next == "" || len(pg.Results) == 0 {
			return all, false, nil
		}
		offset += len(pg.Results)
	}
	return nil, false, domain.Errorf(domain.EUnavailable,
		"Salesbricks kept listing more pages for one contract than a contract can hold; the next sync will try again.")
}

// assemble maps a customers page and its subscriptions into a page: each
// account, then its revenue, activities and invoices. A record already on
// the page (a repeated id) is left out.
func assemble(custs []wireCustomer, bundles [][]bundle, now time.Time) connector.Page {
	var p connector.Page
	seen := map[string]bool{}
	first := func(kind, id string) bool {
		k := kind + ":" + id
		if seen[k] {
			return false
		}
		seen[k] = true
		return true
	}
	for i, cu := range custs {
		var contacts []string
		for _, b := range bundles[i] {
			if b.ok {
				contacts = append(contacts, contactsOf(&b.cur)...)
			}
		}
		acc, ok := mapCustomer(cu, contacts)
		if !ok || !first("account", acc.Key) {
			continue
		}
		p.Accounts = append(p.Accounts, acc.AccountRecord)
		for _, b := range bundles[i] {
			if !b.ok {
				continue
			}
			rev, ok := mapSubscription(b.cur, b.ref, acc.Key, b.orders, now)
			if !ok || !first("revenue", rev.ExternalID) {
				continue
			}
			p.Revenue = append(p.Revenue, rev)
			latest, haveLatest := latestStarted(b.orders, now)
			for _, o := range b.orders {
				seats := 0
				if haveLatest && o.ID == latest.ID {
					seats = rev.Seats
				}
				if a, ok := mapOrder(o, acc.Key, rev.Product, rev.Amount.Currency, seats); ok && first("activity", a.ExternalID) {
					p.Activities = append(p.Activities, a)
				}
			}
			for _, in := range b.invoices {
				if r, ok := mapInvoice(in, acc.Key, rev.ExternalID, rev.Amount.Currency); ok && first("invoice", r.ExternalID) {
					p.Invoices = append(p.Invoices, r)
				}
			}
		}
	}
	return p
}

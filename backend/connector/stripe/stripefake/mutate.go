package stripefake

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// This file changes the book between (or during) runs, recording the
// events Stripe would. Every method takes the server's write lock; event
// times come from Options.Now.

func sortBy[T any](xs []T, less func(a, b T) bool) {
	sort.SliceStable(xs, func(i, j int) bool { return less(xs[i], xs[j]) })
}

// bytes encodes v through the book's scratch buffer and returns a copy of
// exactly its size.
func (b *book) bytes(v any) []byte {
	b.scratch = appendJSON(b.scratch[:0], v)
	return append([]byte(nil), b.scratch...)
}

func (b *book) encodeCustomer(r *stored[Customer]) { r.enc = b.bytes(customerJSON(r.v, b.livemode)) }

func (b *book) encodeSubscription(r *stored[Subscription]) {
	r.enc = b.bytes(subscriptionJSON(r.v, b.livemode))
}

// encodeInvoice renders the invoice once and fills its charge slot twice:
// with the charge id (enc) and with the expanded charge (encX).
func (b *book) encodeInvoice(r *stored[Invoice]) {
	in := r.v
	var sub *Subscription
	if s, ok := b.subs.get(in.Subscription); ok {
		sub = s.v
	}
	b.scratch = appendJSON(b.scratch[:0], invoiceJSON(in, sub, b.livemode))
	if in.Charge == nil {
		r.enc = append([]byte(nil), b.scratch...)
		r.encX = r.enc
		return
	}
	head, tail, _ := bytes.Cut(b.scratch, chargeSlot)
	ch := appendJSON(nil, chargeJSON(in, in.Charge, b.livemode))
	r.enc = slices.Concat(head, appendString(nil, in.Charge.ID), tail)
	r.encX = slices.Concat(head, ch, tail)
}

func (b *book) encodeAll() {
	for _, r := range b.customers.rows {
		b.encodeCustomer(r)
	}
	for _, r := range b.subs.rows {
		b.encodeSubscription(r)
	}
	for _, r := range b.invoices.rows {
		b.encodeInvoice(r)
	}
}

// record appends an event of type typ about the object id at time at; the
// event carries the object's current encoding.
func (b *book) record(typ, id string, at int64) {
	var snap []byte
	switch {
	case strings.HasPrefix(id, "cus_"):
		r, _ := b.customers.get(id)
		snap = r.enc
	case strings.HasPrefix(id, "sub_"):
		r, _ := b.subs.get(id)
		snap = r.enc
	default:
		r, _ := b.invoices.get(id)
		snap = r.enc
	}
	e := &Event{ID: b.newID("evt"), Type: typ, Created: at, object: snap}
	r := &stored[Event]{v: e, created: at, seq: b.nextSeq()}
	r.enc = b.bytes(eventJSON(e, b.livemode))
	b.events.add(e.ID, r)
}

func (s *Server) unix() int64 { return s.now().Unix() }

func errNoSuch(kind, id string) error { return fmt.Errorf("stripefake: no %s %q", kind, id) }

// AddCustomer adds c, created now, and records customer.created. An empty
// c.ID is filled in; the id is returned.
func (s *Server) AddCustomer(c Customer) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.b
	if c.ID == "" {
		c.ID = b.newID("cus")
	}
	if c.Currency == "" {
		c.Currency = "usd"
	}
	c.Created, c.Deleted = s.unix(), false
	r := &stored[Customer]{v: &c, created: c.Created, seq: b.nextSeq()}
	b.encodeCustomer(r)
	b.customers.add(c.ID, r)
	b.record("customer.created", c.ID, c.Created)
	return c.ID
}

// UpdateCustomer applies fn to customer id and records customer.updated.
func (s *Server) UpdateCustomer(id string, fn func(*Customer)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.b.customers.get(id)
	if !ok || r.v.Deleted {
		return errNoSuch("customer", id)
	}
	fn(r.v)
	r.v.ID, r.v.Created = id, r.created
	s.b.encodeCustomer(r)
	s.b.record("customer.updated", id, s.unix())
	return nil
}

// DeleteCustomer deletes customer id as Stripe does: its subscriptions
// that have not ended are canceled now (customer.subscription.deleted each)
// and the customer leaves the customers list (customer.deleted). Its
// subscriptions and invoices stay listed.
func (s *Server) DeleteCustomer(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, now := s.b, s.unix()
	r, ok := b.customers.get(id)
	if !ok || r.v.Deleted {
		return errNoSuch("customer", id)
	}
	for _, sr := range b.subs.rows {
		if sub := sr.v; sub.Customer == id && !sub.Removed && sub.EndedAt == 0 {
			sub.Status, sub.CanceledAt, sub.EndedAt, sub.CancelAtPeriodEnd = "canceled", now, now, false
			b.encodeSubscription(sr)
			b.record("customer.subscription.deleted", sub.ID, now)
		}
	}
	r.v.Deleted = true
	b.record("customer.deleted", id, now)
	return nil
}

// AddSubscription adds sub for an existing customer, created now with its
// first period starting now, and records customer.subscription.created.
// Empty ids (the subscription's and its items') are filled in; items bill
// every week, every 1, 3 or 12 months or every year (an IntervalCount of 0 means 1).
func (s *Server) AddSubscription(sub Subscription) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, now := s.b, s.unix()
	c, ok := b.customers.get(sub.Customer)
	if !ok || c.v.Deleted {
		return "", errNoSuch("customer", sub.Customer)
	}
	if sub.ID == "" {
		sub.ID = b.newID("sub")
	}
	if sub.Status == "" {
		sub.Status = "active"
	}
	if sub.Currency == "" {
		sub.Currency = c.v.Currency
	}
	sub.Items = append([]Item(nil), sub.Items...)
	for i := range sub.Items {
		it := &sub.Items[i]
		if it.IntervalCount == 0 {
			it.IntervalCount = 1
		}
		if !(it.Interval == "month" && (it.IntervalCount == 1 || it.IntervalCount == 3 || it.IntervalCount == 12) ||
			(it.Interval == "year" || it.Interval == "week") && it.IntervalCount == 1) {
			return "", fmt.Errorf("stripefake: Truth knows weekly, monthly, quarterly and yearly prices, not every %d %s",
				it.IntervalCount, it.Interval)
		}
		if it.ID == "" {
			it.ID = b.newID("si")
		}
		if it.PriceID == "" {
			it.PriceID = b.newID("price")
		}
		if it.ProductID == "" {
			it.ProductID = "prod_" + strings.ToLower(strings.ReplaceAll(it.Nickname, " ", "_"))
		}
	}
	sub.Created, sub.PeriodStart, sub.Removed = now, now, false
	sub.PeriodEnd = time.Unix(now, 0).AddDate(0, 1, 0).Unix()
	if len(sub.Items) > 0 && sub.Items[0].Interval == "year" {
		sub.PeriodEnd = time.Unix(now, 0).AddDate(1, 0, 0).Unix()
	}
	r := &stored[Subscription]{v: &sub, created: now, seq: b.nextSeq()}
	b.encodeSubscription(r)
	b.subs.add(sub.ID, r)
	b.record("customer.subscription.created", sub.ID, now)
	return sub.ID, nil
}

// UpdateSubscription applies fn to subscription id and records
// customer.subscription.updated.
func (s *Server) UpdateSubscription(id string, fn func(*Subscription)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.b.subs.get(id)
	if !ok || r.v.Removed {
		return errNoSuch("subscription", id)
	}
	fn(r.v)
	r.v.ID, r.v.Created = id, r.created
	s.b.encodeSubscription(r)
	s.reencodeInvoicesOf(id)
	s.b.record("customer.subscription.updated", id, s.unix())
	return nil
}

// CancelSubscription ends subscription id now (status canceled) and
// records customer.subscription.deleted; it stays listed with status=all.
func (s *Server) CancelSubscription(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.b.subs.get(id)
	if !ok || r.v.Removed {
		return errNoSuch("subscription", id)
	}
	now := s.unix()
	r.v.Status, r.v.CanceledAt, r.v.EndedAt, r.v.CancelAtPeriodEnd = "canceled", now, now, false
	s.b.encodeSubscription(r)
	s.b.record("customer.subscription.deleted", id, now)
	return nil
}

// RemoveSubscription makes subscription id and its invoices vanish from
// every list without any event, as purged test data does: only a full pass
// can notice.
func (s *Server) RemoveSubscription(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.b.subs.get(id)
	if !ok || r.v.Removed {
		return errNoSuch("subscription", id)
	}
	r.v.Removed = true
	for _, ir := range s.b.invoices.rows {
		if ir.v.Subscription == id {
			ir.v.Removed = true
		}
	}
	return nil
}

func (s *Server) reencodeInvoicesOf(subID string) {
	for _, ir := range s.b.invoices.rows {
		if ir.v.Subscription == subID {
			s.b.encodeInvoice(ir)
		}
	}
}

// FailPayment records a failed attempt to collect invoice id now: the
// invoice is open, its attempt count goes up, its charge is a failed one
// with code and message, the next attempt is three days on; it records
// invoice.payment_failed.
func (s *Server) FailPayment(id, code, message string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, now := s.b, s.unix()
	r, ok := b.invoices.get(id)
	if !ok || r.v.Removed || r.v.Status == "draft" {
		return errNoSuch("invoice", id)
	}
	in := r.v
	in.Status, in.AttemptCount, in.AmountPaid, in.PaidAt = "open", in.AttemptCount+1, 0, 0
	in.NextPaymentAttempt = now + 3*86400
	in.Charge = &Charge{ID: b.newID("ch"), Status: "failed", Amount: in.AmountDue, Created: now,
		FailureCode: code, FailureMessage: message}
	b.encodeInvoice(r)
	b.record("invoice.payment_failed", id, now)
	return nil
}

// PayInvoice marks invoice id paid now with a succeeded charge and records
// invoice.paid.
func (s *Server) PayInvoice(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, now := s.b, s.unix()
	r, ok := b.invoices.get(id)
	if !ok || r.v.Removed || r.v.Status == "draft" {
		return errNoSuch("invoice", id)
	}
	in := r.v
	in.Status, in.AmountPaid, in.PaidAt, in.NextPaymentAttempt = "paid", in.AmountDue, now, 0
	in.AttemptCount++
	in.Charge = &Charge{ID: b.newID("ch"), Status: "succeeded", Amount: in.AmountDue, Created: now}
	b.encodeInvoice(r)
	b.record("invoice.paid", id, now)
	return nil
}

// Emit records an event of type typ about object id (a customer,
// subscription or invoice) now, without changing the object.
func (s *Server) Emit(typ, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.b
	_, c := b.customers.get(id)
	_, sub := b.subs.get(id)
	_, in := b.invoices.get(id)
	if !c && !sub && !in {
		return errNoSuch("object", id)
	}
	b.record(typ, id, s.unix())
	return nil
}

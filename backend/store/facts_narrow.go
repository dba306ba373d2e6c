package store

import (
	"maps"
	"slices"
	"time"

	"successdesk/backend/domain"
)

// This file holds, in Go, the window ScanFacts applies in SQL (see
// ScanFacts and FactsWindow.signalQuery): facts read once for a wide window
// can then be narrowed to several narrower ones, as a run of recomputes at
// successive times does (see health.Recomputer.RecomputeSeries).
// TestNarrowEqualsScan keeps the two in step.

// Covers reports whether every fact ScanFacts reads for n is also read for
// w: the same account range, each of w's parts (usage weeks, failed and
// paid invoices, signals of each kind n reads) starting no later than n's.
func (w FactsWindow) Covers(n FactsWindow) bool {
	if w.FromID != n.FromID || w.ToID != n.ToID || w.UsageSince.After(n.UsageSince) ||
		w.FailuresSince.After(n.FailuresSince) || w.AsOf.After(n.AsOf) {
		return false
	}
	if len(n.SignalKinds) > 0 {
		for _, k := range n.SignalKinds {
			if !w.reads(k) || w.signalSince(k).After(n.signalSince(k)) {
				return false
			}
		}
		return true
	}
	// n reads every kind: so must w, each from no later.
	if len(w.SignalKinds) > 0 || w.SignalsSince.After(n.SignalsSince) {
		return false
	}
	for k := range maps.Keys(w.KindSince) {
		if w.signalSince(k).After(n.signalSince(k)) {
			return false
		}
	}
	return true
}

// Narrow sets dst to the facts ScanFacts reads for w out of src, facts read
// for a window that covers w (see Covers): the same account, revenue and
// last activity, and the invoices, usage weeks and signals w reads, in
// src's order. dst's slices are reused; src is not changed.
func (w FactsWindow) Narrow(dst, src *domain.AccountFacts) {
	*dst = domain.AccountFacts{Account: src.Account, Revenue: append(dst.Revenue[:0], src.Revenue...),
		Invoices: dst.Invoices[:0], Invoiced: src.Invoiced, Usage: dst.Usage[:0], Signals: dst.Signals[:0],
		LastActivityAt: src.LastActivityAt}
	for _, inv := range src.Invoices {
		if w.readsInvoice(&inv) {
			dst.Invoices = append(dst.Invoices, inv)
		}
	}
	for _, u := range src.Usage {
		if !u.WeekStart.Before(w.UsageSince) {
			dst.Usage = append(dst.Usage, u)
		}
	}
	for _, s := range src.Signals {
		if w.reads(s.Signal) && !s.OccurredAt.Before(w.signalSince(s.Signal)) {
			dst.Signals = append(dst.Signals, s)
		}
	}
}

// readsInvoice is ScanFacts' invoice condition: unpaid (open or failed), a
// payment failed since FailuresSince, or paid after AsOf.
func (w FactsWindow) readsInvoice(inv *domain.Invoice) bool {
	return inv.Status == domain.InvoiceOpen || inv.Status == domain.InvoiceFailed ||
		!inv.LastFailureAt.IsZero() && !inv.LastFailureAt.Before(w.FailuresSince) ||
		!inv.PaidAt.IsZero() && inv.PaidAt.After(w.AsOf)
}

// reads reports whether w reads signals of kind k.
func (w FactsWindow) reads(k domain.SignalKind) bool {
	return len(w.SignalKinds) == 0 || slices.Contains(w.SignalKinds, k)
}

// signalSince is when w starts reading signals of kind k: the later of
// SignalsSince and the kind's own start, as signalQuery's conditions say.
func (w FactsWindow) signalSince(k domain.SignalKind) time.Time {
	since := w.SignalsSince
	if t, ok := w.KindSince[k]; ok && t.After(since) {
		since = t
	}
	return since
}

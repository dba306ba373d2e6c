package scoring

import (
	"slices"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/reconcile"
)

// view is an account's facts as they stood at now: records dated after now
// are gone, invoices paid after now are unpaid, usage weeks are Monday-aligned,
// sorted oldest first, one per week and never negative. A view never shares
// a mutated backing array with the caller's facts.
type view struct {
	now      time.Time
	revenue  []domain.RevenueSource
	invoices []domain.Invoice
	usage    []domain.UsageWeek
	signals  []domain.Activity // any order
	billed   bool              // the account has invoices at all
}

func asOf(f *domain.AccountFacts, now time.Time) view {
	return view{
		now:      now,
		revenue:  billedOnce(revenueAsOf(f.Revenue, now)),
		invoices: invoicesAsOf(f.Invoices, now),
		usage:    usageAsOf(f.Usage, now),
		signals:  signalsAsOf(f.Signals, now),
		billed:   len(f.Invoices) > 0 || f.Invoiced,
	}
}

// keep returns the elements of in for which ok is true. When all are kept it
// returns in itself, so the common case does not allocate.
func keep[T any](in []T, ok func(*T) bool) []T {
	for i := range in {
		if !ok(&in[i]) {
			out := make([]T, i, len(in))
			copy(out, in[:i])
			for j := i + 1; j < len(in); j++ {
				if ok(&in[j]) {
					out = append(out, in[j])
				}
			}
			return out
		}
	}
	return in
}

func revenueAsOf(in []domain.RevenueSource, now time.Time) []domain.RevenueSource {
	return keep(in, func(r *domain.RevenueSource) bool { return !r.TermStart.After(now) })
}

// billedOnce drops each Stripe subscription that bills a Salesbricks
// contract (see billedBy), so that the contract speaks for both and the
// plan's ARR, seats and renewal count once.
func billedOnce(in []domain.RevenueSource) []domain.RevenueSource {
	drop := billedBy(in)
	if len(drop) == 0 {
		return in
	}
	return keep(in, func(r *domain.RevenueSource) bool { return r.Source != domain.SourceStripe || drop[r.ExternalID] == "" })
}

// billedBy maps the external id of each Stripe subscription in in that bills
// a Salesbricks contract in in (reconcile.Link: the same product) to that
// contract's external id; nil when there is none. A live subscription whose
// contract has stopped is left out: it still bills on its own.
func billedBy(in []domain.RevenueSource) map[string]string {
	var sb, st bool
	for i := range in {
		sb = sb || in[i].Source == domain.SourceSalesbricks
		st = st || in[i].Source == domain.SourceStripe
	}
	if !sb || !st {
		return nil
	}
	pairs, _ := reconcile.Link(in)
	var by map[string]string
	for _, p := range pairs {
		if !current(p.Subscription.Status) || current(p.Contract.Status) {
			if by == nil {
				by = map[string]string{}
			}
			by[p.Subscription.ExternalID] = p.Contract.ExternalID
		}
	}
	return by
}

func signalsAsOf(in []domain.Activity, now time.Time) []domain.Activity {
	return keep(in, func(a *domain.Activity) bool { return !a.OccurredAt.After(now) })
}

// invoicesAsOf drops invoices issued after now and rewrites, on a copy, the
// ones whose payment or failure happened after now.
func invoicesAsOf(in []domain.Invoice, now time.Time) []domain.Invoice {
	out := keep(in, func(i *domain.Invoice) bool { return !i.IssuedAt.After(now) })
	copied := len(out) != len(in) || len(in) == 0
	for i := range out {
		inv := &out[i]
		if !inv.PaidAt.After(now) && !inv.LastFailureAt.After(now) {
			continue
		}
		if !copied {
			out = slices.Clone(out)
			inv, copied = &out[i], true
		}
		if inv.LastFailureAt.After(now) {
			inv.LastFailureAt, inv.FailureReason = time.Time{}, ""
		}
		if inv.PaidAt.After(now) {
			inv.PaidAt, inv.AmountPaidMinor = time.Time{}, 0
			inv.Status = domain.InvoiceOpen
			if !inv.LastFailureAt.IsZero() {
				inv.Status = domain.InvoiceFailed
			}
		}
	}
	return out
}

// usageAsOf returns the weeks starting at or before now, aligned to their
// Monday, oldest first, one per week (the largest count wins), counts ≥ 0.
func usageAsOf(in []domain.UsageWeek, now time.Time) []domain.UsageWeek {
	clean := true
	for i := range in {
		u := &in[i]
		if u.WeekStart.After(now) || u.ActiveUsers < 0 || !domain.IsWeekStart(u.WeekStart) ||
			(i > 0 && !in[i-1].WeekStart.Before(u.WeekStart)) {
			clean = false
			break
		}
	}
	if clean {
		return in
	}
	out := make([]domain.UsageWeek, 0, len(in))
	for _, u := range in {
		if u.WeekStart.After(now) {
			continue
		}
		u.WeekStart = domain.WeekStart(u.WeekStart)
		u.ActiveUsers = max(u.ActiveUsers, 0)
		out = append(out, u)
	}
	slices.SortStableFunc(out, func(a, b domain.UsageWeek) int { return a.WeekStart.Compare(b.WeekStart) })
	w := 0
	for _, u := range out {
		if w > 0 && out[w-1].WeekStart.Equal(u.WeekStart) {
			out[w-1].ActiveUsers = max(out[w-1].ActiveUsers, u.ActiveUsers)
			continue
		}
		out[w] = u
		w++
	}
	return out[:w]
}

// current reports whether a revenue status still runs: active, trialing or
// past due.
func current(s domain.RevenueStatus) bool {
	return s == domain.StatusActive || s == domain.StatusTrialing || s == domain.StatusPastDue
}

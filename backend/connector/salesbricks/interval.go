package salesbricks

import (
	"math"
	"time"

	"successdesk/backend/domain"
)

// amountOf returns what one billing interval of the contract costs (minor
// units, clamped to [0, maxAmount]), that interval, and the currency the
// amount's own text named ("" when none):
//
//   - The amount is the sub_total (before tax) of the billing_schedule
//     period running at now, else of the next one, else of the last one;
//     without a usable schedule, the state's sub_total; without that, the
//     sum of its line items' sub_totals.
//   - billing_frequency MONTHLY, QUARTERLY and ANNUALLY keep the amount as
//     monthly, quarterly and annual; SEMI_ANNUALLY is restated as annual
//     (×2) and ALL_UPFRONT as annual over the period's months (×12/months),
//     so that MRR and ARR stay exact where they can be.
//   - Without a billing_frequency the period's length decides (about 1, 3
//     or 12 months; any other length is restated as annual); without a
//     period either, the amount is taken as annual, the usual contract term.
func amountOf(cur wireCurrent, now time.Time) (int64, domain.Interval, string) {
	per, havePer := pickPeriod(cur.BillingSchedule, now)
	var amt amount
	switch {
	case havePer:
		amt = per.SubTotal
	case cur.SubTotal.set:
		amt = cur.SubTotal
	default:
		for _, li := range cur.LineItems {
			if li.SubTotal.set {
				amt.minor = clamp(clamp(amt.minor) + clamp(li.SubTotal.minor))
				amt.set = true
				if amt.currency == "" {
					amt.currency = li.SubTotal.currency
				}
			}
		}
	}
	base := clamp(amt.minor)
	months := 0
	if havePer {
		months = monthsBetween(per.StartsAt.t, per.EndsAt.end())
	} else {
		months = monthsBetween(cur.StartsAt.t, cur.EndsAt.end())
	}
	switch word(cur.BillingFrequency.String()) {
	case "MONTHLY", "MONTH":
		return base, domain.IntervalMonthly, amt.currency
	case "QUARTERLY", "QUARTER":
		return base, domain.IntervalQuarterly, amt.currency
	case "ANNUALLY", "ANNUAL", "YEARLY", "YEAR":
		return base, domain.IntervalAnnual, amt.currency
	case "SEMI_ANNUALLY", "SEMIANNUALLY", "SEMI_ANNUAL":
		return ratio(base, 2, 1), domain.IntervalAnnual, amt.currency
	case "ALL_UPFRONT", "UPFRONT":
		if months > 0 {
			return ratio(base, 12, int64(months)), domain.IntervalAnnual, amt.currency
		}
		return base, domain.IntervalAnnual, amt.currency
	}
	if !havePer {
		return base, domain.IntervalAnnual, amt.currency
	}
	switch months {
	case 1:
		return base, domain.IntervalMonthly, amt.currency
	case 3:
		return base, domain.IntervalQuarterly, amt.currency
	case 0, 12:
		return base, domain.IntervalAnnual, amt.currency
	}
	return ratio(base, 12, int64(months)), domain.IntervalAnnual, amt.currency
}

// pickPeriod chooses the billing period that prices the contract at now:
// the one running, else the next to start, else the last. Only periods
// with a sub_total count.
func pickPeriod(sched []wirePeriod, now time.Time) (wirePeriod, bool) {
	var running, next, last *wirePeriod
	for i := range sched {
		p := &sched[i]
		if !p.SubTotal.set {
			continue
		}
		start, end := p.StartsAt.t, p.EndsAt.end()
		switch {
		case !start.IsZero() && !start.After(now) && (end.IsZero() || now.Before(end)):
			if running == nil {
				running = p
			}
		case start.After(now):
			if next == nil || start.Before(next.StartsAt.t) {
				next = p
			}
		}
		if last == nil || !start.Before(last.StartsAt.t) {
			last = p
		}
	}
	for _, p := range []*wirePeriod{running, next, last} {
		if p != nil {
			return *p, true
		}
	}
	return wirePeriod{}, false
}

// avgMonth is the mean Gregorian month.
const avgMonth = 30.436875 * 24 * float64(time.Hour)

// monthsBetween is the whole number of months from start to end, rounded
// (a 365-day year is 12, a 90-day quarter 3); 0 when either is unknown or
// end is not after start.
func monthsBetween(start, end time.Time) int {
	if start.IsZero() || end.IsZero() || !end.After(start) {
		return 0
	}
	m := math.Round(float64(end.Sub(start)) / avgMonth)
	if m > 1200 {
		return 1200
	}
	return int(m)
}

// daysBetween is the whole number of days from start to end, rounded; 0
// when either is unknown or end is not after start.
func daysBetween(start, end time.Time) int {
	if start.IsZero() || end.IsZero() || !end.After(start) {
		return 0
	}
	d := math.Round(end.Sub(start).Hours() / 24)
	if d > 36600 {
		return 36600
	}
	return int(d)
}

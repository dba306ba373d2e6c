package stripe

import (
	"math"
	"strings"
	"time"

	stripe "github.com/stripe/stripe-go/v76"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// This file is the pure mapping layer: stripe-go v76 structs (API version
// 2023-10-16) in, connector records out. No I/O, no clock, no panics on any
// input (see the fuzz tests).

// maxAmount caps every computed amount so that normalizations (×52, ×12)
// can never overflow int64.
const maxAmount = math.MaxInt64 / 64

// MapCustomer maps a Stripe customer to an account. ok is false for a nil,
// id-less or deleted customer. The domain is metadata["domain"] when it is a
// real company domain, else the e-mail's domain; free-mail domains never
// become a domain.
func MapCustomer(c *stripe.Customer) (rec connector.AccountRecord, ok bool) {
	if c == nil || c.ID == "" || c.Deleted {
		return rec, false
	}
	rec = connector.AccountRecord{
		Key:          c.ID,
		Name:         strings.TrimSpace(c.Name),
		PrimaryEmail: strings.TrimSpace(c.Email),
	}
	if d := companyDomain(c.Metadata["domain"]); d != "" {
		rec.Domain = d
	} else {
		rec.Domain = connector.DomainFromEmail(c.Email)
	}
	if rec.Name == "" {
		rec.Name = strings.TrimSpace(c.Description)
	}
	return rec, true
}

// companyDomain normalizes a domain-ish string and drops free-mail providers.
func companyDomain(s string) string {
	d := connector.NormalizeDomain(s)
	if d == "" || connector.DomainFromEmail("billing@"+d) != d {
		return ""
	}
	return d
}

// MapSubscriptionStatus maps a Stripe subscription status to ours; ok is
// false for an unknown status.
func MapSubscriptionStatus(s stripe.SubscriptionStatus) (domain.RevenueStatus, bool) {
	switch s {
	case stripe.SubscriptionStatusActive:
		return domain.StatusActive, true
	case stripe.SubscriptionStatusTrialing:
		return domain.StatusTrialing, true
	case stripe.SubscriptionStatusPastDue, stripe.SubscriptionStatusUnpaid:
		return domain.StatusPastDue, true
	case stripe.SubscriptionStatusCanceled:
		return domain.StatusCanceled, true
	case stripe.SubscriptionStatusIncomplete, stripe.SubscriptionStatusPaused:
		return domain.StatusPending, true
	case stripe.SubscriptionStatusIncompleteExpired:
		return domain.StatusExpired, true
	}
	return "", false
}

// recurrence is one item's billing period.
type recurrence struct {
	unit  string // "day", "week", "month", "year"
	count int64  // >= 1
}

func itemRecurrence(it *stripe.SubscriptionItem) (recurrence, bool) {
	var r recurrence
	switch {
	case it.Price != nil && it.Price.Recurring != nil:
		r = recurrence{string(it.Price.Recurring.Interval), it.Price.Recurring.IntervalCount}
	case it.Plan != nil:
		r = recurrence{string(it.Plan.Interval), it.Plan.IntervalCount}
	default:
		return r, false
	}
	if r.count < 1 {
		r.count = 1
	}
	switch r.unit {
	case "day", "week", "month", "year":
		return r, true
	}
	return r, false
}

// NormalizeInterval turns one Stripe billing period's amount into ours:
// week → weekly, month → monthly, 3 months → quarterly, year or 12 months →
// annual; any other period (n weeks, days, 2/6 months, multi-year) is restated as a
// monthly amount (week ×52/12, day ×365/12, n months ÷n, n years ÷12n),
// rounded half up. amount is clamped to [0, maxAmount].
func NormalizeInterval(unit string, count, amount int64) (domain.Interval, int64) {
	amount = clamp(amount)
	if count < 1 {
		count = 1
	}
	switch {
	case unit == "week" && count == 1:
		return domain.IntervalWeekly, amount
	case unit == "month" && count == 1:
		return domain.IntervalMonthly, amount
	case unit == "month" && count == 3:
		return domain.IntervalQuarterly, amount
	case unit == "year" && count == 1, unit == "month" && count == 12:
		return domain.IntervalAnnual, amount
	case unit == "week":
		return domain.IntervalMonthly, ratio(amount, 52, 12*count)
	case unit == "day":
		return domain.IntervalMonthly, ratio(amount, 365, 12*count)
	case unit == "year":
		return domain.IntervalMonthly, ratio(amount, 1, 12*count)
	default: // n months
		return domain.IntervalMonthly, ratio(amount, 1, count)
	}
}

// ratio is amount·num/den rounded half up, for amount >= 0, den > 0, without
// overflow (den may be huge when a fuzzer picks the interval count).
func ratio(amount, num, den int64) int64 {
	if den <= 0 || den > maxAmount {
		return 0
	}
	q, r := amount/den, amount%den
	// amount <= maxAmount, so q·num and r·num fit for num <= 365.
	return clamp(q*num + (r*num+den/2)/den)
}

func clamp(v int64) int64 {
	switch {
	case v < 0:
		return 0
	case v > maxAmount:
		return maxAmount
	}
	return v
}

// mulSat and addSat are saturating on [0, maxAmount].
func mulSat(a, b int64) int64 {
	a, b = clamp(a), clamp(b)
	if a == 0 || b == 0 {
		return 0
	}
	if a > maxAmount/b {
		return maxAmount
	}
	return a * b
}

func addSat(a, b int64) int64 { return clamp(clamp(a) + clamp(b)) }

func unitAmount(it *stripe.SubscriptionItem) int64 {
	if p := it.Price; p != nil {
		if p.UnitAmount != 0 {
			return p.UnitAmount
		}
		if d := p.UnitAmountDecimal; d > 0 && !math.IsInf(d, 0) && !math.IsNaN(d) {
			if d >= maxAmount {
				return maxAmount
			}
			return int64(math.Round(d))
		}
		return 0
	}
	if it.Plan != nil {
		return it.Plan.Amount
	}
	return 0
}

// MapSubscription maps a subscription (items with their prices, as returned
// by GET /v1/subscriptions) to a revenue record. Amount is Σ unit_amount ×
// quantity over items, in the currency's minor unit, per our Interval (see
// NormalizeInterval); tiered or metered prices contribute 0. ok is false
// when the subscription has no id, no customer or an unknown status.
func MapSubscription(s *stripe.Subscription) (rec connector.RevenueRecord, ok bool) {
	if s == nil || s.ID == "" || s.Customer == nil || s.Customer.ID == "" {
		return rec, false
	}
	status, ok := MapSubscriptionStatus(s.Status)
	if !ok {
		return rec, false
	}
	currency := strings.ToUpper(string(s.Currency))
	var (
		period  recurrence
		havePer bool
		amount  int64
		seats   int64
		names   []string
	)
	if s.Items != nil {
		for _, it := range s.Items.Data {
			if it == nil {
				continue
			}
			if r, ok := itemRecurrence(it); ok && !havePer {
				period, havePer = r, true
			}
			q := clamp(it.Quantity)
			amount = addSat(amount, mulSat(unitAmount(it), q))
			seats = addSat(seats, q)
			if currency == "" && it.Price != nil {
				currency = strings.ToUpper(string(it.Price.Currency))
			}
			if n := itemName(it); n != "" && !containsStr(names, n) {
				names = append(names, n)
			}
		}
	}
	if !havePer { // Stripe requires one interval per subscription; default monthly
		period = recurrence{"month", 1}
	}
	amount = discounted(s, amount, currency)
	iv, amt := NormalizeInterval(period.unit, period.count, amount)
	if seats > math.MaxInt32 {
		seats = math.MaxInt32
	}
	rec = connector.RevenueRecord{
		AccountKey: s.Customer.ID,
		RevenueSource: domain.RevenueSource{
			Source:            domain.SourceStripe,
			ExternalID:        s.ID,
			Product:           strings.Join(names, " + "),
			Status:            status,
			Interval:          iv,
			Amount:            domain.Money{AmountMinor: amt, Currency: currency},
			MRRMinor:          domain.NormalizeMRR(amt, iv),
			ARRMinor:          domain.NormalizeARR(amt, iv),
			Seats:             int(seats),
			TermStart:         unix(s.CurrentPeriodStart),
			TermEnd:           unix(s.CurrentPeriodEnd),
			TrialEnd:          unix(s.TrialEnd),
			CancelAtPeriodEnd: s.CancelAtPeriodEnd,
		},
	}
	return rec, true
}

// discounted applies the subscription's recurring discount to one billing
// period's amount: a "forever" coupon always, a "repeating" one until it
// ends (End zero or after the current period starts). A "once" coupon
// changes one invoice, not the recurring revenue, and is ignored, as is an
// amount off in another currency. Percent off is rounded half up; the
// result is never below 0.
func discounted(s *stripe.Subscription, amount int64, currency string) int64 {
	d := s.Discount
	if d == nil || d.Coupon == nil {
		return amount
	}
	c := d.Coupon
	switch c.Duration {
	case stripe.CouponDurationForever:
	case stripe.CouponDurationRepeating:
		if d.End != 0 && d.End <= s.CurrentPeriodStart {
			return amount
		}
	default:
		return amount
	}
	if p := c.PercentOff; p > 0 && !math.IsNaN(p) {
		if p >= 100 {
			return 0
		}
		return clamp(amount - int64(math.Round(float64(amount)*p/100)))
	}
	if c.AmountOff > 0 && strings.EqualFold(string(c.Currency), currency) {
		return clamp(amount - c.AmountOff)
	}
	return amount
}

func itemName(it *stripe.SubscriptionItem) string {
	if p := it.Price; p != nil {
		if p.Product != nil && p.Product.Name != "" {
			return strings.TrimSpace(p.Product.Name)
		}
		if p.Nickname != "" {
			return strings.TrimSpace(p.Nickname)
		}
		if p.Product != nil {
			return p.Product.ID
		}
		return p.ID
	}
	if it.Plan != nil {
		if it.Plan.Nickname != "" {
			return strings.TrimSpace(it.Plan.Nickname)
		}
		return it.Plan.ID
	}
	return ""
}

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// unix is t as UTC, or the zero time for t <= 0 (Stripe's null) and for
// values no calendar can hold.
func unix(t int64) time.Time {
	if t <= 0 || t > 253402300799 { // 9999-12-31
		return time.Time{}
	}
	return time.Unix(t, 0).UTC()
}

// MapInvoice maps an invoice to an invoice record plus, when it is failed
// (open with at least one payment attempt), one payment activity for the
// latest failed attempt. ok is false for drafts, unknown statuses and
// invoices without an id or customer.
func MapInvoice(in *stripe.Invoice) (rec connector.InvoiceRecord, act *connector.ActivityRecord, ok bool) {
	if in == nil || in.ID == "" || in.Customer == nil || in.Customer.ID == "" {
		return rec, nil, false
	}
	var status domain.InvoiceStatus
	switch in.Status {
	case stripe.InvoiceStatusPaid:
		status = domain.InvoicePaid
	case stripe.InvoiceStatusOpen:
		status = domain.InvoiceOpen
		if in.AttemptCount > 0 {
			status = domain.InvoiceFailed
		}
	case stripe.InvoiceStatusVoid, stripe.InvoiceStatusUncollectible:
		status = domain.InvoiceVoid
	default: // draft, unknown
		return rec, nil, false
	}
	attempts := in.AttemptCount
	if attempts < 0 {
		attempts = 0
	} else if attempts > math.MaxInt32 {
		attempts = math.MaxInt32
	}
	rec = connector.InvoiceRecord{
		AccountKey: in.Customer.ID,
		Invoice: domain.Invoice{
			Source:          domain.SourceStripe,
			ExternalID:      in.ID,
			Status:          status,
			AmountDue:       domain.Money{AmountMinor: clamp(in.AmountDue), Currency: strings.ToUpper(string(in.Currency))},
			AmountPaidMinor: clamp(in.AmountPaid),
			IssuedAt:        unix(in.Created),
			DueAt:           unix(in.DueDate),
			Attempts:        int(attempts),
			NextAttemptAt:   unix(in.NextPaymentAttempt),
		},
	}
	if in.Subscription != nil {
		rec.RevenueKey = in.Subscription.ID
	}
	if st := in.StatusTransitions; st != nil {
		if t := unix(st.FinalizedAt); !t.IsZero() {
			rec.IssuedAt = t
		}
		if status == domain.InvoicePaid {
			rec.PaidAt = unix(st.PaidAt)
		}
	}
	if status == domain.InvoiceFailed {
		rec.LastFailureAt = rec.IssuedAt // best known; the charge is exact when expanded
		if ch := in.Charge; ch != nil && ch.Status == stripe.ChargeStatusFailed {
			if t := unix(ch.Created); !t.IsZero() {
				rec.LastFailureAt = t
			}
			rec.FailureReason = strings.TrimSpace(ch.FailureMessage)
			if rec.FailureReason == "" {
				rec.FailureReason = ch.FailureCode
			}
		}
		a := failedPaymentActivity(rec)
		act = &a
	}
	switch {
	case status == domain.InvoicePaid && attempts > 1:
		a := recoveredPaymentActivity(rec)
		act = &a
	case status == domain.InvoiceVoid && attempts > 0:
		a := closedInvoiceActivity(rec, in.Status, in.StatusTransitions)
		act = &a
	}
	return rec, act, true
}

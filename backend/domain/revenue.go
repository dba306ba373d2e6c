package domain

import "time"

// RevenueStatus is the lifecycle state of a contract or subscription.
type RevenueStatus string

const (
	StatusActive   RevenueStatus = "active"
	StatusTrialing RevenueStatus = "trialing"
	StatusPastDue  RevenueStatus = "past_due"
	StatusCanceled RevenueStatus = "canceled"
	StatusExpired  RevenueStatus = "expired"
	StatusPending  RevenueStatus = "pending"
	StatusDraft    RevenueStatus = "draft"
)

// RevenueStatuses lists every status in display order.
var RevenueStatuses = []RevenueStatus{StatusActive, StatusTrialing, StatusPastDue, StatusCanceled,
	StatusExpired, StatusPending, StatusDraft}

// Recurring reports whether the status still earns recurring revenue.
func (s RevenueStatus) Recurring() bool {
	return s == StatusActive || s == StatusPastDue
}

// Interval is a billing interval.
type Interval string

const (
	IntervalWeekly    Interval = "weekly"
	IntervalMonthly   Interval = "monthly"
	IntervalQuarterly Interval = "quarterly"
	IntervalAnnual    Interval = "annual"
)

// Period is the word for one interval in a sentence ("$49 per month"):
// week, month, quarter or year; month for an unknown interval.
func (iv Interval) Period() string {
	switch iv {
	case IntervalWeekly:
		return "week"
	case IntervalQuarterly:
		return "quarter"
	case IntervalAnnual:
		return "year"
	}
	return "month"
}

// RevenueSource is a Salesbricks contract or a Stripe subscription attached to
// an account. Amount is what one billing interval costs; MRR and ARR are exact
// normalizations of it in the same currency.
type RevenueSource struct {
	ID                int64
	AccountID         int64
	Source            Source
	ExternalID        string
	Product           string
	Status            RevenueStatus
	Interval          Interval
	Amount            Money
	MRRMinor          int64
	ARRMinor          int64
	Seats             int
	TermStart         time.Time
	TermEnd           time.Time // zero when open-ended
	TrialEnd          time.Time // zero when not a trial
	CancelAtPeriodEnd bool
}

// NormalizeMRR returns the monthly recurring amount of one billing interval's
// amount, exact in minor units (rounded half away from zero). A week is
// 52/12 of a month.
func NormalizeMRR(amountMinor int64, iv Interval) int64 {
	switch iv {
	case IntervalWeekly:
		return divRound(amountMinor*52, 12)
	case IntervalQuarterly:
		return divRound(amountMinor, 3)
	case IntervalAnnual:
		return divRound(amountMinor, 12)
	}
	return amountMinor
}

// NormalizeARR returns the annual recurring amount of one billing interval's
// amount, exactly: 52 weeks, 12 months or 4 quarters.
func NormalizeARR(amountMinor int64, iv Interval) int64 {
	switch iv {
	case IntervalWeekly:
		return amountMinor * 52
	case IntervalQuarterly:
		return amountMinor * 4
	case IntervalAnnual:
		return amountMinor
	}
	return amountMinor * 12
}

func divRound(a, b int64) int64 {
	if a < 0 {
		return -divRound(-a, b)
	}
	return (a + b/2) / b
}

// InvoiceStatus is the payment state of an invoice.
type InvoiceStatus string

const (
	InvoicePaid   InvoiceStatus = "paid"
	InvoiceOpen   InvoiceStatus = "open"
	InvoiceFailed InvoiceStatus = "failed" // open with at least one failed attempt
	InvoiceVoid   InvoiceStatus = "void"
)

// Invoice is one bill and its payment attempts.
type Invoice struct {
	ID              int64
	AccountID       int64
	RevenueSourceID int64 // 0 when unknown
	Source          Source
	ExternalID      string
	Status          InvoiceStatus
	AmountDue       Money
	AmountPaidMinor int64
	IssuedAt        time.Time
	DueAt           time.Time
	PaidAt          time.Time // zero when unpaid
	Attempts        int
	LastFailureAt   time.Time // zero when no attempt failed
	NextAttemptAt   time.Time // zero when none is scheduled
	FailureReason   string
}

// PastDue reports whether the invoice is unpaid after its due date at now.
func (i Invoice) PastDue(now time.Time) bool {
	return (i.Status == InvoiceOpen || i.Status == InvoiceFailed) && !i.DueAt.IsZero() && now.After(i.DueAt)
}

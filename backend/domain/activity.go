package domain

import "time"

// ActivityKind is the type of an activity-feed event.
type ActivityKind string

const (
	ActivityCall           ActivityKind = "call"
	ActivityEmail          ActivityKind = "email"
	ActivityProject        ActivityKind = "project"
	ActivitySignal         ActivityKind = "signal"
	ActivityContractChange ActivityKind = "contract_change"
	ActivityPayment        ActivityKind = "payment"
)

// SignalKind classifies a conversation signal.
type SignalKind string

const (
	SignalFeatureRequest SignalKind = "feature_request"
	SignalComplaint      SignalKind = "complaint"
	SignalEscalation     SignalKind = "escalation"
	SignalNPS            SignalKind = "nps"
	SignalPraise         SignalKind = "praise"
)

// Activity is one dated event on an account: a call with its summary, a
// signal, a contract change or a payment event. Title and Body are untrusted
// source text. Score is the NPS score for NPS signals and nil otherwise.
type Activity struct {
	ID         int64
	AccountID  int64
	Source     Source
	ExternalID string
	Kind       ActivityKind
	Signal     SignalKind // set when Kind is ActivitySignal
	OccurredAt time.Time
	Title      string
	Body       string
	Actor      string
	Score      *int
}

// UsageWeek is the number of distinct active users of an account in the week
// starting WeekStart (a Monday, UTC).
type UsageWeek struct {
	AccountID   int64
	WeekStart   time.Time
	ActiveUsers int
}

// WeekStart returns the Monday 00:00 UTC that starts t's week.
func WeekStart(t time.Time) time.Time {
	t = t.UTC()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	off := (int(d.Weekday()) + 6) % 7
	return d.AddDate(0, 0, -off)
}

// IsWeekStart reports whether t is a Monday 00:00 UTC, that is whether t
// equals WeekStart(t), without building any date.
func IsWeekStart(t time.Time) bool {
	if t.Nanosecond() != 0 {
		return false
	}
	sec := t.Unix()
	if sec%86400 != 0 {
		return false
	}
	// Day 0 of Unix time, 1970-01-01, was a Thursday: Mondays are the days
	// d with d+3 a multiple of 7.
	return ((sec/86400+3)%7+7)%7 == 0
}

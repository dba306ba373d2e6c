package convert

import (
	"time"

	"successdesk/backend/domain"
)

const day = 24 * time.Hour

// dayOf returns midnight UTC of t's day.
func dayOf(t time.Time) time.Time { return t.UTC().Truncate(day) }

// DaysUntil returns whole calendar days (UTC) from now's day to t's day;
// negative when t's day is before now's.
func DaysUntil(t, now time.Time) int { return int(dayOf(t).Sub(dayOf(now)) / day) }

// fmtDate writes t's UTC day as the explanations show dates: "Dec 17, 2026".
func fmtDate(t time.Time) string { return domain.DayLabel(t) }

// fmtIn says when a day d days away is: "today", "in 1 day", "in 6 days".
func fmtIn(d int) string {
	if d == 0 {
		return "today"
	}
	return "in " + domain.Plural(d, "day")
}

// record names a record in a sentence: "order sb_sub_1 (Pied Piper Pro)".
func record(r domain.RevenueSource) string {
	kind := "subscription"
	if r.Source == domain.SourceSalesbricks {
		kind = "order"
	}
	if r.Product == "" {
		return kind + " " + r.ExternalID
	}
	return kind + " " + r.ExternalID + " (" + r.Product + ")"
}

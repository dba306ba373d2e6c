package scoring

import (
	"strings"
	"time"
	"unicode/utf8"

	"successdesk/backend/domain"
)

const day = 24 * time.Hour

// dayOf returns midnight UTC of t's day.
func dayOf(t time.Time) time.Time { return t.UTC().Truncate(day) }

// daysUntil returns whole calendar days (UTC) from now's day to t's day;
// negative when t's day is before now's.
func daysUntil(t, now time.Time) int {
	return int(dayOf(t).Sub(dayOf(now)) / day)
}

// fmtDate formats t as 2006-01-02 (UTC). It is time.DateOnly without the
// layout parsing, which matters at 100k accounts.
func fmtDate(t time.Time) string {
	y, m, d := t.UTC().Date()
	if y < 0 || y > 9999 {
		return t.UTC().Format(time.DateOnly)
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + d/10), byte('0' + d%10)}
	return string(b[:])
}

// fmtDay writes t's UTC day for a sentence or label a person reads:
// "Dec 17, 2026" (fmtDate's 2006-01-02 is kept for evidence references).
func fmtDay(t time.Time) string { return domain.DayLabel(t) }

// dayRange writes a run of usage weeks for a sentence: "Sep 21 – Oct 12, 2026".
func dayRange(from, to time.Time) string { return domain.DayRangeLabel(from, to) }

// pct returns n/d as a whole percentage, rounded half up; d must be > 0.
func pct(n, d int) int {
	return int((int64(n)*200 + int64(d)) / (int64(d) * 2))
}

// clip shortens untrusted source text for an evidence label.
func clip(s string, max int) string {
	if !tidy(s) {
		s = strings.Join(strings.Fields(s), " ")
	}
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

// tidy reports whether s has no leading, trailing, doubled or non-space
// whitespace, so clip can skip rebuilding it.
func tidy(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
		case c < ' ' || c >= 0x80: // control bytes, and non-ASCII that may be Unicode space
			return false
		}
	}
	return true
}

// quoted returns s in typographic quotes, or "" when s is blank.
func quoted(s string) string {
	s = clip(s, 80)
	if s == "" {
		return ""
	}
	return "“" + s + "”"
}

// weekRange names a run of usage weeks in an evidence reference: "2026-09-21..2026-10-12".
func weekRange(from, to time.Time) string {
	if from.Equal(to) {
		return fmtDate(from)
	}
	return fmtDate(from) + ".." + fmtDate(to)
}

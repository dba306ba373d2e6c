package domain

import (
	"strconv"
	"time"
)

// monthAbbr are the month names DayLabel writes.
var monthAbbr = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// DayLabel writes t's UTC day as the explanations people read show dates:
// "Dec 17, 2026", the way the window formats them. (Identifiers such as an
// evidence reference keep 2006-01-02.) It builds the string by hand: scores
// and rankings write several per account, 100,000 accounts at a time.
func DayLabel(t time.Time) string {
	y, m, d := t.UTC().Date()
	b := make([]byte, 0, 12)
	b = append(b, monthAbbr[m-1]...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(d), 10)
	b = append(b, ", "...)
	b = strconv.AppendInt(b, int64(y), 10)
	return string(b)
}

// DayRangeLabel writes the UTC days from..to: "Nov 2 – Nov 23, 2026" within
// one year, "Dec 29, 2025 – Jan 19, 2026" across two, and DayLabel(from)
// when both are the same day.
func DayRangeLabel(from, to time.Time) string {
	fy, fm, fd := from.UTC().Date()
	ty, tm, td := to.UTC().Date()
	switch {
	case fy == ty && fm == tm && fd == td:
		return DayLabel(from)
	case fy == ty:
		return monthAbbr[fm-1] + " " + strconv.Itoa(fd) + " – " + DayLabel(to)
	}
	return DayLabel(from) + " – " + DayLabel(to)
}

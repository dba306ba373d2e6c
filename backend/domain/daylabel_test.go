package domain

import (
	"testing"
	"time"
)

func TestDayLabel(t *testing.T) {
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 12, 17, 0, 0, 0, 0, time.UTC), "Dec 17, 2026"},
		{time.Date(2026, 1, 2, 23, 59, 0, 0, time.UTC), "Jan 2, 2026"},
		// The UTC day, whatever the zone the time carries.
		{time.Date(2026, 3, 1, 1, 0, 0, 0, time.FixedZone("CET", 3600*2)), "Feb 28, 2026"},
	} {
		if got := DayLabel(tc.at); got != tc.want {
			t.Errorf("DayLabel(%v) = %q, want %q", tc.at, got, tc.want)
		}
		if got, std := DayLabel(tc.at), tc.at.UTC().Format("Jan 2, 2006"); got != std {
			t.Errorf("DayLabel(%v) = %q, the standard layout gives %q", tc.at, got, std)
		}
	}
}

func TestDayRangeLabel(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 12, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		from, to time.Time
		want     string
	}{
		{d(2026, 11, 2), d(2026, 11, 23), "Nov 2 – Nov 23, 2026"},
		{d(2025, 12, 29), d(2026, 1, 19), "Dec 29, 2025 – Jan 19, 2026"},
		{d(2026, 11, 23), d(2026, 11, 23), "Nov 23, 2026"},
	} {
		if got := DayRangeLabel(tc.from, tc.to); got != tc.want {
			t.Errorf("DayRangeLabel(%v, %v) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}

func BenchmarkDayLabel(b *testing.B) {
	at := time.Date(2026, 12, 17, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		_ = DayLabel(at)
	}
}

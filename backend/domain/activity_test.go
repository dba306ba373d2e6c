package domain

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestIsWeekStartMatchesWeekStart checks IsWeekStart against WeekStart on
// every midnight and hour of three years around 1970 and 2026, and on
// random instants over five centuries, with and without nanoseconds.
func TestIsWeekStartMatchesWeekStart(t *testing.T) {
	check := func(at time.Time) {
		if got, want := IsWeekStart(at), at.Equal(WeekStart(at)); got != want {
			t.Fatalf("IsWeekStart(%v) = %v, want %v", at, got, want)
		}
	}
	for _, from := range []time.Time{time.Date(1968, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)} {
		for h := 0; h < 3*366*24; h++ {
			at := from.Add(time.Duration(h) * time.Hour)
			check(at)
			check(at.In(time.FixedZone("X", 5*3600)))
			check(at.Add(time.Nanosecond))
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	lo, hi := time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for i := 0; i < 200000; i++ {
		day := (lo + rng.Int64N(hi-lo)) / 86400 * 86400
		check(time.Unix(day, 0).UTC())
		check(time.Unix(day+rng.Int64N(86400), 0))
	}
}

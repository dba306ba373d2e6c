package main

import (
	"testing"
	"time"
)

func TestStartTicks(t *testing.T) {
	cases := []struct {
		name string
		stat string
		want uint64
		ok   bool
	}{
		{"plain name", "4242 (success-desk) S 1 4242 4242 0 -1 4194560 900 0 0 0 5 3 0 0 20 0 9 0 123456 1000 20 18446744073709551615", 123456, true},
		{"a name with spaces and parentheses", "7 (a) b (c)) R 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 987 1 1", 987, true},
		{"too few fields", "7 (x) R 1 7 7 0", 0, false},
		{"no name", "7 x R 1", 0, false},
		{"not a number", "7 (x) R 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 soon 1 1", 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := startTicks(c.stat)
			if got != c.want || ok != c.ok {
				t.Fatalf("startTicks = %d, %v; want %d, %v", got, ok, c.want, c.ok)
			}
		})
	}
}

// The test binary started before this test and not long before; a wrong
// field (another process time, the boot time) lands outside that window,
// and a start that could not be read comes back as the fallback itself.
func TestProcessStartedIsThisProcess(t *testing.T) {
	now := time.Now()
	got := processStarted(now)
	if !got.Before(now) {
		t.Fatalf("started %v, not before the test began (%v): the fallback came back", got, now)
	}
	if now.Sub(got) > 10*time.Minute {
		t.Fatalf("started %v before the test: not this process", now.Sub(got))
	}
}

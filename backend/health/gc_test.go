package health

import (
	"runtime/debug"
	"testing"
)

// gcPercent reads the collector's target (setting it back at once).
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestRoomyGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, own := range []int{100, 50, 800, -1} {
		debug.SetGCPercent(own)
		want := recomputeGCPercent
		if own < 0 || own > recomputeGCPercent {
			want = own
		}
		first := roomyGC()
		second := roomyGC() // overlapping recomputes of two books
		if got := gcPercent(); got != want {
			t.Errorf("own %d: during = %d, want %d", own, got, want)
		}
		first()
		first() // a second call does nothing
		if got := gcPercent(); got != want {
			t.Errorf("own %d: after the first of two = %d, want %d", own, got, want)
		}
		second()
		if got := gcPercent(); got != own {
			t.Errorf("own %d: after both = %d, want it restored", own, got)
		}
	}
}

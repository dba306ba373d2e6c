package domain

import "testing"

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 attempts", 1: "1 attempt", 2: "2 attempts", -1: "-1 attempt", -3: "-3 attempts"} {
		if got := Plural(n, "attempt"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
}

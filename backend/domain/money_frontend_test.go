package domain

import (
	"maps"
	"os"
	"regexp"
	"slices"
	"testing"
)

// TestFrontendKnowsTheSameZeroDecimalCurrencies: the window formats money
// from exact minor units with its own list of currencies without minor
// units (frontend/src/lib/format.ts); it must be this package's, or a JPY
// amount would show a hundred times too small or too large.
func TestFrontendKnowsTheSameZeroDecimalCurrencies(t *testing.T) {
	src, err := os.ReadFile("../../frontend/src/lib/format.ts")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`const ZERO_DECIMAL = new Set\(\[([^\]]*)\]\)`).FindSubmatch(src)
	if m == nil {
		t.Fatal("format.ts has no ZERO_DECIMAL set")
	}
	var front []string
	for _, q := range regexp.MustCompile(`'([A-Z]{3})'`).FindAllSubmatch(m[1], -1) {
		front = append(front, string(q[1]))
	}
	slices.Sort(front)
	back := slices.Sorted(maps.Keys(zeroDecimal))
	if !slices.Equal(front, back) {
		t.Errorf("the window's zero-decimal currencies %v differ from the backend's %v", front, back)
	}
}

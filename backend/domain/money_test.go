package domain

import (
	"math"
	"testing"
)

func TestDecimalIsExactPerCurrency(t *testing.T) {
	for _, tc := range []struct {
		minor int64
		cur   string
		want  string
	}{{0, "USD", "0.00"}, {5, "USD", "0.05"}, {-1250, "USD", "-12.50"}, {30000, "JPY", "30000"}, {-7, "KRW", "-7"},
		{math.MinInt64, "USD", "-92233720368547758.08"}, {math.MaxInt64, "EUR", "92233720368547758.07"}} {
		if got := Decimal(tc.minor, tc.cur); got != tc.want {
			t.Errorf("Decimal(%d, %s) = %q, want %q", tc.minor, tc.cur, got, tc.want)
		}
	}
}

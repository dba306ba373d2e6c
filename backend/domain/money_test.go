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

func TestToBaseRestatesMinorDigits(t *testing.T) {
	fx := FXRates{Base: "USD", Rates: map[string]float64{"EUR": 1.08, "JPY": 0.0067}}
	for _, tc := range []struct {
		m    Money
		want int64
		ok   bool
	}{
		{Money{10000, "USD"}, 10000, true},
		{Money{10000, "EUR"}, 10800, true},
		{Money{300000, "JPY"}, 201000, true}, // ¥300,000 is $2,010.00
		{Money{-150, "EUR"}, -162, true},
		{Money{500, "GBP"}, 500, false},
		{Money{500, "KRW"}, 50000, false}, // unknown: at 1, decimals restated
	} {
		got, ok := fx.ToBase(tc.m)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ToBase(%v) = %d, %v; want %d, %v", tc.m, got, ok, tc.want, tc.ok)
		}
	}
	jpyBase := FXRates{Base: "JPY", Rates: map[string]float64{"USD": 150}}
	if got, _ := jpyBase.ToBase(Money{1999, "USD"}); got != 2999 { // $19.99 is ¥2,998.5 → ¥2,999
		t.Errorf("USD into a JPY base: %d", got)
	}
}

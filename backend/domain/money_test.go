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

func TestNormalizeIsExactPerInterval(t *testing.T) {
	for _, tc := range []struct {
		iv       Interval
		amount   int64
		mrr, arr int64
	}{
		{IntervalWeekly, 1000, 4333, 52000}, // $10 a week: $43.33 a month, $520 a year exactly
		{IntervalWeekly, 3, 13, 156},        // 13.0 rounds half away from zero
		{IntervalMonthly, 4900, 4900, 58800},
		{IntervalQuarterly, 30000, 10000, 120000},
		{IntervalQuarterly, 100, 33, 400},
		{IntervalAnnual, 1_200_000, 100_000, 1_200_000},
		{IntervalAnnual, 6, 1, 6}, // 0.5 rounds up
		{IntervalMonthly, -500, -500, -6000},
	} {
		if mrr, arr := NormalizeMRR(tc.amount, tc.iv), NormalizeARR(tc.amount, tc.iv); mrr != tc.mrr || arr != tc.arr {
			t.Errorf("%s %d: MRR %d ARR %d, want %d and %d", tc.iv, tc.amount, mrr, arr, tc.mrr, tc.arr)
		}
	}
}

func TestFXValidateAndRebase(t *testing.T) {
	usd := FXRates{Base: "USD", Rates: map[string]float64{"USD": 1, "EUR": 1.08, "GBP": 1.27}}
	if err := usd.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []FXRates{
		{Base: "usd"}, {Base: "US"}, {Base: "USD", Rates: map[string]float64{"EUR": 0}},
		{Base: "USD", Rates: map[string]float64{"EUR": math.NaN()}}, {Base: "USD", Rates: map[string]float64{"EUR": -1}},
		{Base: "USD", Rates: map[string]float64{"eur": 1}}, {Base: "USD", Rates: map[string]float64{"USD": 2}},
		{Base: "USD", Rates: map[string]float64{"EUR": 2e6}},
	} {
		if err := bad.Validate(); ErrorCode(err) != EInvalid {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	eur, err := usd.Rebase("EUR")
	if err != nil {
		t.Fatal(err)
	}
	if eur.Base != "EUR" || eur.Rates["EUR"] != 1 || math.Abs(eur.Rates["USD"]-1/1.08) > 1e-12 || math.Abs(eur.Rates["GBP"]-1.27/1.08) > 1e-12 {
		t.Fatalf("rebased %+v", eur)
	}
	// €108.00 is $116.64 at 1.08, and back: the round trip is exact to the cent here.
	if v, _ := usd.ToBase(Money{10800, "EUR"}); v != 11664 {
		t.Fatalf("EUR→USD %d", v)
	}
	if v, _ := eur.ToBase(Money{11664, "USD"}); v != 10800 {
		t.Fatalf("USD→EUR %d", v)
	}
	if _, err := usd.Rebase("JPY"); ErrorCode(err) != EInvalid {
		t.Fatalf("rebasing into a currency without a rate: %v", err)
	}
}

func TestMoneyDisplay(t *testing.T) {
	for _, c := range []struct {
		m    Money
		want string
	}{
		{Money{0, "USD"}, "$0.00"},
		{Money{5, "USD"}, "$0.05"},
		{Money{123450, "USD"}, "$1,234.50"},
		{Money{-9900, "EUR"}, "-€99.00"},
		{Money{100000000, "GBP"}, "£1,000,000.00"},
		{Money{500000, "JPY"}, "¥500,000"},
		{Money{1500, "KRW"}, "1,500 KRW"},
		{Money{123450, "CHF"}, "1,234.50 CHF"},
		{Money{-123450, "CAD"}, "-CA$1,234.50"},
		{Money{99, ""}, "0.99"},
		{Money{math.MinInt64, "USD"}, "-$92,233,720,368,547,758.08"},
		{Money{math.MaxInt64, "JPY"}, "¥9,223,372,036,854,775,807"},
	} {
		if got := c.m.Display(); got != c.want {
			t.Errorf("%+v.Display() = %q, want %q", c.m, got, c.want)
		}
	}
}

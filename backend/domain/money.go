package domain

import (
	"fmt"
	"math"
	"strconv"
)

// Money is an exact amount in minor units (cents, pence) of an ISO 4217
// currency such as "USD".
type Money struct {
	AmountMinor int64
	Currency    string
}

// FXRates converts between currencies for portfolio totals. Rates map a
// currency to how many units of Base one unit of it is worth.
type FXRates struct {
	Base  string
	Rates map[string]float64
}

// DefaultFXRates are fixed reference rates used until the user sets their own.
func DefaultFXRates() FXRates {
	return FXRates{Base: "USD", Rates: map[string]float64{"USD": 1, "EUR": 1.08, "GBP": 1.27}}
}

// ToBase converts m into the base currency, rounding half away from zero to
// the nearest minor unit. Rates are per major unit, so minor units are
// restated between currencies with different decimals (¥100 at 0.0067 is
// $0.67, 67 cents). An unknown currency converts at 1 (minor digits
// restated) and reports ok=false.
func (r FXRates) ToBase(m Money) (amountMinor int64, ok bool) {
	if m.Currency == r.Base || m.Currency == "" {
		return m.AmountMinor, true
	}
	rate, ok := r.Rates[m.Currency]
	if !ok {
		rate = 1
	}
	f := float64(m.AmountMinor) * rate * math.Pow10(MinorDigits(r.Base)-MinorDigits(m.Currency))
	if f < 0 {
		return int64(f - 0.5), ok
	}
	return int64(f + 0.5), ok
}

// zeroDecimal are ISO 4217 currencies without minor units.
var zeroDecimal = map[string]bool{"BIF": true, "CLP": true, "DJF": true, "GNF": true, "ISK": true, "JPY": true,
	"KMF": true, "KRW": true, "PYG": true, "RWF": true, "UGX": true, "VND": true, "VUV": true, "XAF": true,
	"XOF": true, "XPF": true}

// MinorDigits is how many decimal places currency's minor unit has: 0 for
// zero-decimal currencies such as JPY, 2 otherwise.
func MinorDigits(currency string) int {
	if zeroDecimal[currency] {
		return 0
	}
	return 2
}

// Decimal writes minor units of currency as a plain decimal in major units,
// exactly: "-12.50" for -1250 USD, "30000" for 30000 JPY.
func Decimal(minor int64, currency string) string {
	sign := ""
	u := uint64(minor)
	if minor < 0 {
		sign, u = "-", uint64(-(minor+1))+1
	}
	if MinorDigits(currency) == 0 {
		return sign + strconv.FormatUint(u, 10)
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

// MaxRate bounds a conversion rate: no currency is worth a million units
// of another, so a larger rate is a typing slip.
const MaxRate = 1e6

// Validate checks that Base is a three-letter upper-case ISO 4217 code and
// that every rate is a finite number in (0, MaxRate] keyed by such a code;
// the base's own rate, when listed, must be 1. Errors are EInvalid and name
// the currency.
func (r FXRates) Validate() error {
	if !isoCode(r.Base) {
		return Errorf(EInvalid, "The reporting currency %q is not a three-letter currency code such as USD.", r.Base)
	}
	for cur, rate := range r.Rates {
		if !isoCode(cur) {
			return Errorf(EInvalid, "%q is not a three-letter currency code such as EUR.", cur)
		}
		if math.IsNaN(rate) || math.IsInf(rate, 0) || rate <= 0 || rate > MaxRate {
			return Errorf(EInvalid, "The rate for %s must be a number above 0 (how many %s one %s is worth).", cur, r.Base, cur)
		}
		if cur == r.Base && rate != 1 {
			return Errorf(EInvalid, "%s is the reporting currency: its rate is 1.", cur)
		}
	}
	return nil
}

// Rebase restates r in base: every rate is divided by base's rate, so
// totals come out in base. base must be r.Base or have a rate in r.
func (r FXRates) Rebase(base string) (FXRates, error) {
	if base == r.Base {
		return r, nil
	}
	via, ok := r.Rates[base]
	if !ok || via <= 0 {
		return r, Errorf(EInvalid, "There is no rate for %s to report in it: add one first.", base)
	}
	out := FXRates{Base: base, Rates: map[string]float64{base: 1}}
	if _, listed := r.Rates[r.Base]; !listed {
		out.Rates[r.Base] = 1 / via
	}
	for cur, rate := range r.Rates {
		if cur != base {
			out.Rates[cur] = rate / via
		}
	}
	return out, nil
}

func isoCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

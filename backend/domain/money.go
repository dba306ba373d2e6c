package domain

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

// ToBase converts m into the base currency, rounding to the nearest minor
// unit. An unknown currency converts at 1 and reports ok=false.
func (r FXRates) ToBase(m Money) (amountMinor int64, ok bool) {
	if m.Currency == r.Base || m.Currency == "" {
		return m.AmountMinor, true
	}
	rate, ok := r.Rates[m.Currency]
	if !ok {
		return m.AmountMinor, false
	}
	f := float64(m.AmountMinor) * rate
	if f < 0 {
		return int64(f - 0.5), true
	}
	return int64(f + 0.5), true
}

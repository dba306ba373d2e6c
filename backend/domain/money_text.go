package domain

import "strconv"

// moneySymbols are the currencies written with a symbol; the rest carry
// their code after the amount.
var moneySymbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$"}

// Display renders m for people, exactly and with grouped thousands:
// "$1,234.50", "-€99.00", "¥5,000" (zero-decimal currencies have no
// fraction), "1,234.50 CHF", and a bare "1,234.50" without a currency.
// Every sentence the app writes about money (factor details, activity
// titles, drafts) goes through it, so amounts read the same everywhere.
func (m Money) Display() string {
	u := uint64(m.AmountMinor)
	sign := ""
	if m.AmountMinor < 0 {
		sign, u = "-", uint64(-(m.AmountMinor+1))+1 // safe for math.MinInt64
	}
	b := make([]byte, 0, 32)
	if MinorDigits(m.Currency) == 0 {
		b = appendGrouped(b, u)
	} else {
		b = appendGrouped(b, u/100)
		b = append(b, '.', byte('0'+u%100/10), byte('0'+u%10))
	}
	if sym, ok := moneySymbols[m.Currency]; ok {
		return sign + sym + string(b)
	}
	if m.Currency == "" {
		return sign + string(b)
	}
	return sign + string(b) + " " + m.Currency
}

// appendGrouped appends n in decimal with a comma between thousands.
func appendGrouped(b []byte, n uint64) []byte {
	var digits [20]byte
	s := strconv.AppendUint(digits[:0], n, 10)
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, c)
	}
	return b
}

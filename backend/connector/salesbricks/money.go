package salesbricks

import (
	"math"
	"strconv"
	"strings"
)

// maxAmount caps every amount so that normalizations (×12) and sums can
// never overflow int64.
const maxAmount = math.MaxInt64 / 64

// symbols maps the currency signs Salesbricks may put in front of an amount
// to their ISO codes; longer signs first so "A$" wins over "$".
var symbols = []struct{ sign, code string }{
	{"US$", "USD"}, {"CA$", "CAD"}, {"AU$", "AUD"}, {"A$", "AUD"}, {"C$", "CAD"},
	{"$", "USD"}, {"€", "EUR"}, {"£", "GBP"}, {"₹", "INR"},
}

// parseMajor reads an amount in major units, exactly, into minor units
// (hundredths, the minor unit of every currency Salesbricks offers): "1200",
// "1,200.50", "$1,200.50", "1200.5 EUR", "EUR 1200.5", "-3", "1.2e3". A third
// decimal rounds half away from zero. currency is the ISO code the text
// names ("" when none). ok is false for text that is not an amount; values
// beyond maxAmount saturate.
func parseMajor(s string) (minor int64, currency string, ok bool) {
	s = strings.TrimSpace(s)
	for _, sym := range symbols {
		if rest, found := strings.CutPrefix(s, sym.sign); found {
			s, currency = strings.TrimSpace(rest), sym.code
			break
		}
	}
	if currency == "" {
		if c := isoPrefix(s); c != "" {
			s, currency = strings.TrimSpace(s[3:]), c
		} else if c := isoSuffix(s); c != "" {
			s, currency = strings.TrimSpace(s[:len(s)-3]), c
		}
	}
	s = strings.ReplaceAll(s, ",", "")
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil || e < -40 || e > 40 {
			return 0, "", false
		}
		mant, exp = s[:i], e
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	if intPart == "" && frac == "" || !digits(intPart) || !digits(frac) {
		return 0, "", false
	}
	all := intPart + frac
	point := len(intPart) + exp + 2 // minor units: the point moves two more places
	var v int64
	for i := 0; i < point; i++ {
		d := int64(0)
		if i < len(all) {
			d = int64(all[i] - '0')
		}
		if v > (maxAmount-d)/10 {
			v = maxAmount
			break
		}
		v = v*10 + d
	}
	if point >= 0 && point < len(all) && all[point] >= '5' && v < maxAmount {
		v++
	}
	if neg {
		v = -v
	}
	return v, currency, true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isoPrefix returns the code of "EUR 12.00"-style text, else "".
func isoPrefix(s string) string {
	if len(s) > 3 && isUpperCode(s[:3]) && !isLetter(s[3]) {
		return s[:3]
	}
	return ""
}

// isoSuffix returns the code of "12.00 EUR"-style text, else "".
func isoSuffix(s string) string {
	if n := len(s); n > 3 && isUpperCode(s[n-3:]) && !isLetter(s[n-4]) {
		return s[n-3:]
	}
	return ""
}

func isUpperCode(s string) bool {
	return len(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z'
}

func isLetter(b byte) bool { return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' }

// currencyOf returns an ISO 4217 code from s ("eur" → "EUR"), or "" when s
// is not three letters.
func currencyOf(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if isUpperCode(s) {
		return s
	}
	return ""
}

// clamp bounds v to [0, maxAmount].
func clamp(v int64) int64 {
	switch {
	case v < 0:
		return 0
	case v > maxAmount:
		return maxAmount
	}
	return v
}

// ratio is amount·num/den rounded half up for amount in [0, maxAmount],
// 0 < num <= 12 and den > 0, without overflow.
func ratio(amount, num, den int64) int64 {
	amount = clamp(amount)
	if den <= 0 {
		return 0
	}
	q, r := amount/den, amount%den
	return clamp(q*num + (r*num+den/2)/den)
}

package httpx

import (
	"net/http"
	"strings"
	"time"
)

// maxRetryAfterSeconds caps delta-seconds so the Duration cannot overflow
// (about 292 years is the Duration range; a year is plenty).
const maxRetryAfterSeconds = 366 * 24 * 60 * 60

// ParseRetryAfter reads a Retry-After header value: either delta-seconds
// ("120") or an HTTP date (any form http.ParseTime accepts), the latter
// measured from now. A date in the past gives 0. ok is false for an empty or
// malformed value. The result is never negative and at most a year.
func ParseRetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if isDigits(v) {
		var n int64
		for i := 0; i < len(v); i++ {
			n = n*10 + int64(v[i]-'0')
			if n > maxRetryAfterSeconds {
				n = maxRetryAfterSeconds
				break
			}
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	d = t.Sub(now) // saturates at the Duration range
	if d < 0 {
		return 0, true
	}
	if d > maxRetryAfterSeconds*time.Second {
		d = maxRetryAfterSeconds * time.Second
	}
	return d, true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

package hubspot

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// HubSpot's rate-limit headers (absent on search answers).
const (
	hdrInterval       = "X-HubSpot-RateLimit-Interval-Milliseconds"
	hdrDailyRemaining = "X-HubSpot-RateLimit-Daily-Remaining"
	hdrRemaining      = "X-HubSpot-RateLimit-Remaining"
	hdrSecondlyLeft   = "X-HubSpot-RateLimit-Secondly-Remaining"
)

// HubSpot's policyName values in a 429 body.
const (
	policyDaily    = "DAILY"
	policySecondly = "SECONDLY"
)

// rateWait decides what to do about a 429 that httpx returned (it retried
// and gave up): daily is true when the account's daily limit is used up
// (never waited for); otherwise wait is how long to pause before one more
// try, 0 for none. A 429 with Retry-After was already honoured or judged
// too long by httpx, so it gets no further wait here. Without Retry-After
// the wait is one second for the per-second policy (SECONDLY, the search
// endpoint's; or, without a policyName, when only the Secondly-Remaining
// header is 0), else one burst window: the Interval-Milliseconds header,
// else DefaultRateWindow. A window beyond the client's MaxRetryAfter is
// not waited for.
func (c *Connector) rateWait(resp *http.Response, se *httpx.StatusError) (wait time.Duration, daily bool) {
	if se.RetryAfter > 0 || resp.Header.Get("Retry-After") != "" {
		return 0, false
	}
	policy := policyOf(resp)
	h := resp.Header
	if policy == policyDaily || strings.TrimSpace(h.Get(hdrDailyRemaining)) == "0" {
		return 0, true
	}
	wait = DefaultRateWindow
	if ms, err := strconv.ParseInt(strings.TrimSpace(h.Get(hdrInterval)), 10, 64); err == nil && ms > 0 &&
		ms <= int64(time.Hour/time.Millisecond) {
		wait = time.Duration(ms) * time.Millisecond
	}
	switch {
	case policy == policySecondly:
		wait = time.Second
	case policy == "" && strings.TrimSpace(h.Get(hdrRemaining)) != "0" &&
		strings.TrimSpace(h.Get(hdrSecondlyLeft)) == "0":
		wait = time.Second // only the per-second allowance is used up
	}
	if wait > c.hc.Policy().MaxRetryAfter {
		return 0, false
	}
	return wait, false
}

// policyOf reads policyName from a 429 body ("" when there is none).
func policyOf(resp *http.Response) string {
	if resp.Body == nil {
		return ""
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 16<<10))
	var e struct {
		PolicyName string `json:"policyName"`
	}
	if json.Unmarshal(b, &e) != nil {
		return ""
	}
	return strings.ToUpper(strings.TrimSpace(e.PolicyName))
}

// dailyLimit is the error for an account whose daily API limit is used up.
func dailyLimit() error {
	return domain.Errorf(domain.EUnavailable,
		"HubSpot's daily API limit for this account is used up. Syncing resumes after it resets at midnight "+
			"in the account's time zone.")
}

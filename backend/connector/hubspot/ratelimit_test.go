package hubspot

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"successdesk/backend/httpx"
)

func TestRateWait(t *testing.T) {
	c := New("pat-x", httpx.New(httpx.Policy{MaxRetryAfter: time.Minute}))
	for _, tc := range []struct {
		name    string
		headers map[string]string
		body    string
		wait    time.Duration
		daily   bool
	}{
		{"nothing known", nil, "", DefaultRateWindow, false},
		{"interval header", map[string]string{hdrInterval: "5000", hdrRemaining: "0"}, "", 5 * time.Second, false},
		{"ten-secondly policy", map[string]string{hdrSecondlyLeft: "0"}, `{"policyName":"TEN_SECONDLY_ROLLING"}`,
			DefaultRateWindow, false},
		{"secondly policy", map[string]string{hdrInterval: "10000"}, `{"policyName":"secondly"}`, time.Second, false},
		{"only the second used up", map[string]string{hdrRemaining: "40", hdrSecondlyLeft: "0"}, "", time.Second, false},
		{"daily policy", nil, `{"policyName":"DAILY"}`, 0, true},
		{"daily header", map[string]string{hdrDailyRemaining: "0"}, `not json`, 0, true},
		{"window too long", map[string]string{hdrInterval: "3600000"}, "", 0, false},
		{"nonsense interval", map[string]string{hdrInterval: "-4"}, "", DefaultRateWindow, false},
		{"Retry-After present", map[string]string{"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, "", 0, false},
	} {
		resp := &http.Response{Header: http.Header{}, Body: io.NopCloser(strings.NewReader(tc.body))}
		for k, v := range tc.headers {
			resp.Header.Set(k, v)
		}
		wait, daily := c.rateWait(resp, &httpx.StatusError{Status: 429})
		if wait != tc.wait || daily != tc.daily {
			t.Errorf("%s: wait %v daily %v, want %v %v", tc.name, wait, daily, tc.wait, tc.daily)
		}
	}
}

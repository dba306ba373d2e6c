package posthog

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"successdesk/backend/connector/posthog/phfake"
	"successdesk/backend/domain"
)

func TestThrottling(t *testing.T) {
	cases := []struct {
		name     string
		fault    phfake.Fault
		code     string
		msg      string          // part of the message
		slept    []time.Duration // waits that must have happened
		requests int
	}{
		{"query budget spent once, then served", phfake.Fault{Kind: phfake.FaultRateLimit, RetryAfter: "45"},
			"", "", []time.Duration{45 * time.Second}, 2},
		{"query budget spent for good", phfake.Fault{Kind: phfake.FaultRateLimit, RetryAfter: "30", Times: -1},
			domain.EUnavailable, "PostHog is limiting queries for this project (it allows only a few each hour); usage will sync again in 30s.",
			[]time.Duration{30 * time.Second, 30 * time.Second}, 3},
		{"query budget spent for an hour", phfake.Fault{Kind: phfake.FaultRateLimit, RetryAfter: "3600", Times: -1},
			domain.EUnavailable, "usage will sync again in 1h0m0s.", nil, 1},
		{"too many queries at once", phfake.Fault{Kind: phfake.FaultConcurrency, Times: -1},
			domain.EUnavailable, "PostHog is busy running other queries for this project; usage will sync again later.", nil, 3},
		{"server error for good", phfake.Fault{Kind: phfake.FaultStatus, Status: http.StatusInternalServerError, Times: -1},
			domain.EUnavailable, "PostHog is unavailable", nil, 3},
		{"malformed answer", phfake.Fault{Kind: phfake.FaultMalformed},
			domain.EUnavailable, msgUnreadable, nil, 1},
		{"query still running", phfake.Fault{Kind: phfake.FaultPending},
			domain.EUnavailable, msgPending, nil, 1},
		{"refused key", phfake.Fault{Kind: phfake.FaultStatus, Status: http.StatusUnauthorized},
			domain.EUnauthorized, "PostHog rejected the credentials", nil, 1},
		{"missing scope", phfake.Fault{Kind: phfake.FaultStatus, Status: http.StatusForbidden},
			domain.EUnauthorized, "needs Query read", nil, 1},
		{"rejected query", phfake.Fault{Kind: phfake.FaultStatus, Status: http.StatusBadRequest},
			domain.EInvalid, "PostHog could not run the usage query: The request was refused by an injected fault.", nil, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, srv, hc, sl := fakeFor(t, phfake.Options{Companies: 5})
			f.Inject(tc.fault)
			c := connect(srv, hc, WithProject(project), WithGroupType("company", 0))
			p, err := c.Fetch(t.Context(), "")
			if domain.ErrorCode(err) != tc.code {
				t.Fatalf("err = %v, want code %q", err, tc.code)
			}
			if tc.code == "" && p.Len() == 0 {
				t.Errorf("no records after the fault passed")
			}
			if msg := domain.ErrorMessage(err); !strings.Contains(msg, tc.msg) {
				t.Errorf("message %q, want it to hold %q", msg, tc.msg)
			}
			if err != nil && strings.Contains(err.Error(), testKey) {
				t.Errorf("the key leaked: %v", err)
			}
			for _, d := range tc.slept {
				if !slices.Contains(sl.slept(), d) {
					t.Errorf("slept %v; want %v among them", sl.slept(), d)
				}
			}
			if n := len(f.Requests()); n != tc.requests {
				t.Errorf("%d requests, want %d", n, tc.requests)
			}
		})
	}
}

func TestRequestErrors(t *testing.T) {
	// A project id that is not the key's.
	_, srv, hc, _ := fakeFor(t, phfake.Options{Companies: 3})
	c := connect(srv, hc, WithProject("999"), WithGroupType("company", 0))
	if _, err := c.Fetch(t.Context(), ""); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("unknown project: %v", err)
	}
	// Settings out of range, and keys that cannot read: nothing is sent.
	f, srv, hc, _ := fakeFor(t, phfake.Options{Companies: 3})
	for _, tc := range []struct {
		name string
		c    *Connector
		code string
	}{
		{"group index", connect(srv, hc, WithGroupType("company", 5)), domain.EInvalid},
		{"group type to look up without a name", connect(srv, hc, WithGroupType(" ", LookUpIndex)), domain.EInvalid},
		{"project id", connect(srv, hc, WithProject("my-project")), domain.EInvalid},
		{"project key", New("phc_projectTokenAbc", hc, WithHost(srv.URL)), domain.EInvalid},
		{"no key", New("  ", hc, WithHost(srv.URL)), domain.ENotConnected},
	} {
		if _, err := tc.c.Fetch(t.Context(), ""); domain.ErrorCode(err) != tc.code {
			t.Errorf("%s: err = %v, want %s", tc.name, err, tc.code)
		}
	}
	if n := len(f.Requests()); n != 0 {
		t.Errorf("%d requests for connectors that cannot run", n)
	}
}

func TestCanceledContextSendsNothing(t *testing.T) {
	f, srv, hc, _ := fakeFor(t, phfake.Options{Companies: 3})
	c := connect(srv, hc, WithGroupType("company", 0))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Fetch(ctx, ""); err != ctx.Err() {
		t.Errorf("err = %v, want the context's", err)
	}
	if n := len(f.Requests()); n != 0 {
		t.Errorf("%d requests on a canceled context", n)
	}
}

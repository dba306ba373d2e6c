package syncer_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"successdesk/backend/connector/stripe/stripefake"
	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// faultBook is the book size of the fault tests: 9 pages of customers,
// 10 of subscriptions, about 25 of invoices.
const faultBook = 1000

// TestStripeTransientFaultsConverge: rate limits, server errors, resets
// and a hanging answer are retried by the HTTP client, and the run still
// ends with the truth.
func TestStripeTransientFaultsConverge(t *testing.T) {
	retryAt := t0.Add(7 * time.Second).Format(http.TimeFormat)
	cases := []struct {
		name    string
		fault   stripefake.Fault
		timeout time.Duration
		wait    time.Duration // a wait the client must have asked for
	}{
		{"429 Retry-After seconds", stripefake.Fault{Kind: stripefake.FaultStatus, Status: 429, RetryAfter: "3",
			Path: "/v1/subscriptions", After: 2, Times: 2}, 0, 3 * time.Second},
		{"429 Retry-After date", stripefake.Fault{Kind: stripefake.FaultStatus, Status: 429, RetryAfter: retryAt,
			Path: "/v1/invoices", After: 4}, 0, 7 * time.Second},
		{"500", stripefake.Fault{Kind: stripefake.FaultStatus, Status: 500, After: 5, Times: 3}, 0, 0},
		{"502", stripefake.Fault{Kind: stripefake.FaultStatus, Status: 502, Path: "/v1/customers", After: 1}, 0, 0},
		{"503", stripefake.Fault{Kind: stripefake.FaultStatus, Status: 503, Path: "/v1/invoices", After: 9, Times: 2}, 0, 0},
		{"connection reset", stripefake.Fault{Kind: stripefake.FaultReset, After: 12, Times: 2}, 0, 0},
		{"timeout", stripefake.Fault{Kind: stripefake.FaultHang, Path: "/v1/subscriptions", After: 3}, 500 * time.Millisecond, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newStripeEnv(t, faultBook, tc.timeout, nil)
			e.fake.Inject(tc.fault)
			r := e.run()
			if r.Err != nil {
				t.Fatalf("run failed: %v", r.Err)
			}
			checkTruth(t, e.st, e.fake.Truth())
			if st := e.state(); st.Status != store.SyncIdle || st.ErrorCount != 0 {
				t.Errorf("state = %+v", st)
			}
			if tc.wait > 0 && !slices.Contains(e.sleeps(), tc.wait) {
				t.Errorf("waits %v; want one of %s", e.sleeps(), tc.wait)
			}
			if e.fake.Faulted() < max(tc.fault.Times, 1) {
				t.Errorf("%d requests faulted, want %d", e.fake.Faulted(), max(tc.fault.Times, 1))
			}
			if tc.fault.Kind == stripefake.FaultStatus && len(e.sleeps()) == 0 {
				t.Errorf("no retry was made")
			}
		})
	}
}

// TestStripeBrokenBodyResumes: a body that is not JSON, or is cut short,
// fails the run in plain words; the cursor stays where the last committed
// page left it; the next run resumes there and ends with the truth,
// nothing twice.
func TestStripeBrokenBodyResumes(t *testing.T) {
	for _, kind := range []stripefake.FaultKind{stripefake.FaultMalformed, stripefake.FaultTruncated} {
		t.Run(map[stripefake.FaultKind]string{stripefake.FaultMalformed: "malformed", stripefake.FaultTruncated: "truncated"}[kind], func(t *testing.T) {
			e := newStripeEnv(t, faultBook, 0, nil)
			e.fake.Inject(stripefake.Fault{Kind: kind, Path: "/v1/subscriptions", After: 3})
			r := e.run()
			if domain.ErrorCode(r.Err) != domain.EUnavailable {
				t.Fatalf("run: %+v", r)
			}
			st := e.state()
			want := map[stripefake.FaultKind]string{
				stripefake.FaultMalformed: "Stripe sent an answer that could not be read; the next sync will try again from here.",
				stripefake.FaultTruncated: "Stripe's answer was cut off before the end; the next sync will try again from here.",
			}[kind]
			if st.Status != store.SyncFailed || st.LastError != want || st.ErrorCount != 1 ||
				!strings.HasPrefix(st.Cursor, "subscriptions:sub_") {
				t.Fatalf("state after the broken body: %+v", st)
			}
			if n := rows(t, e.st)["revenue_sources"]; n != 300 {
				t.Fatalf("%d subscriptions kept, want the 3 pages committed", n)
			}
			n := len(e.fake.Requests())
			r = e.run()
			if r.Err != nil || r.ResumedFrom != st.Cursor {
				t.Fatalf("resume: %+v", r)
			}
			for _, q := range e.fake.Requests()[n:] {
				if strings.HasPrefix(q, "GET /v1/customers") {
					t.Fatalf("the resumed run started over: %s", q)
				}
			}
			checkTruth(t, e.st, e.fake.Truth())
			if st := e.state(); st.Status != store.SyncIdle || st.ErrorCount != 0 || st.LastError != "" {
				t.Errorf("state after resuming: %+v", st)
			}
		})
	}
}

// TestStripeKeyRevokedHalfway: a key refused in the middle of a run sends
// the source to "reconnect" with what was synced kept and a plain message
// that carries neither the key nor Stripe's masked echo of it.
func TestStripeKeyRevokedHalfway(t *testing.T) {
	e := newStripeEnv(t, faultBook, 0, nil)
	e.fake.RevokeAfter(15)
	r := e.run()
	if domain.ErrorCode(r.Err) != domain.EUnauthorized || r.Pages < 10 {
		t.Fatalf("run: %+v", r)
	}
	st := e.state()
	if st.Status != store.SyncReconnect || st.ErrorCount != 1 ||
		st.LastError != "Stripe rejected the credentials (401 Unauthorized); check the token in Settings." {
		t.Fatalf("state = %+v", st)
	}
	for _, secret := range []string{e.key, stripefake.Mask(e.key), "Invalid API Key", "rk_test"} {
		if strings.Contains(st.LastError, secret) || strings.Contains(st.Cursor, secret) ||
			strings.Contains(domain.ErrorMessage(r.Err), secret) || strings.Contains(r.Err.Error(), secret) {
			t.Errorf("%q leaked: %q / %v", secret, st.LastError, r.Err)
		}
	}
	kept := rows(t, e.st)
	if kept["accounts"] == 0 || kept["revenue_sources"] == 0 {
		t.Fatalf("rows synced before the refusal were lost: %v", kept)
	}
	if due, _ := e.sync.Due(t.Context()); len(due) != 0 {
		t.Errorf("a refused key must wait for a person: due = %v", due)
	}
	e.fake.RevokeAfter(-1) // the key is fixed in Settings
	if r := e.run(); r.Err != nil || r.ResumedFrom != st.Cursor {
		t.Fatalf("after reconnecting: %+v", r)
	}
	checkTruth(t, e.st, e.fake.Truth())
}

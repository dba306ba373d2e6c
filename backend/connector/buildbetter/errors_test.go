package buildbetter

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"successdesk/backend/connector/buildbetter/bbfake"
	"successdesk/backend/domain"
)

// fetchErr runs one Fetch from "" against a fake with o and fault f
// injected (none when f is nil), with the connector's key.
func fetchErr(t *testing.T, o bbfake.Options, key string, f *bbfake.Fault) (error, *peer) {
	t.Helper()
	o.Book = conformanceBook(2)
	p := newPeer(t, o, key)
	if f != nil {
		p.fake.Inject(*f)
	}
	_, err := p.c.Fetch(context.Background(), "")
	if err != nil && strings.Contains(err.Error()+domain.ErrorMessage(err), key) {
		t.Errorf("the key leaked into %v", err)
	}
	return err, p
}

func TestFetchErrors(t *testing.T) {
	cases := []struct {
		name     string
		opts     bbfake.Options
		key      string
		fault    *bbfake.Fault
		code     string
		requests int    // requests sent, 0 to skip the check
		msg      string // part of the message, "" to skip
	}{
		{"wrong key, 401", bbfake.Options{}, "bb_wrong_key_0000", nil, domain.EUnauthorized, 1, "refused the API key"},
		{"wrong key, GraphQL error in a 200", bbfake.Options{AuthInBody: true}, "bb_wrong_key_0000", nil,
			domain.EUnauthorized, 1, "refused the API key"},
		{"auth code in a 200", bbfake.Options{}, testKey, &bbfake.Fault{Kind: bbfake.FaultGraphQLError, Code: "invalid-jwt"},
			domain.EUnauthorized, 1, "refused the API key"},
		{"auth code in a 400", bbfake.Options{}, testKey, &bbfake.Fault{Kind: bbfake.FaultStatus, Status: 400,
			Code: "access-denied"}, domain.EUnauthorized, 1, "refused the API key"},
		{"400 without one", bbfake.Options{}, testKey, &bbfake.Fault{Kind: bbfake.FaultStatus, Status: 400},
			domain.EInvalid, 1, "rejected the request"},
		{"query rejected", bbfake.Options{}, testKey, &bbfake.Fault{Kind: bbfake.FaultGraphQLError, Code: "validation-failed"},
			domain.EUnavailable, 1, "(validation-failed)"},
		{"rate limit as a GraphQL error", bbfake.Options{}, testKey, &bbfake.Fault{Kind: bbfake.FaultGraphQLError, Code: "RATE_LIMITED"},
			domain.EUnavailable, 1, "limiting requests"},
		{"malformed JSON", bbfake.Options{}, testKey, &bbfake.Fault{Kind: bbfake.FaultMalformed}, domain.EUnavailable, 1,
			"could not be read"},
		{"500 every time", bbfake.Options{}, testKey, &bbfake.Fault{Kind: bbfake.FaultStatus, Status: 500, Times: -1},
			domain.EUnavailable, 3, "unavailable"},
		{"429 beyond the policy", bbfake.Options{}, testKey, &bbfake.Fault{Kind: bbfake.FaultStatus, Status: 429,
			RetryAfter: "3600"}, domain.EUnavailable, 1, "limiting requests"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err, p := fetchErr(t, tc.opts, tc.key, tc.fault)
			if domain.ErrorCode(err) != tc.code {
				t.Fatalf("err = %v, want code %s", err, tc.code)
			}
			if n := len(p.fake.Requests()); tc.requests > 0 && n != tc.requests {
				t.Errorf("%d requests, want %d: %q", n, tc.requests, p.fake.Requests())
			}
			if !strings.Contains(domain.ErrorMessage(err), tc.msg) {
				t.Errorf("message %q lacks %q", domain.ErrorMessage(err), tc.msg)
			}
			if strings.Contains(domain.ErrorMessage(err), "injected") {
				t.Errorf("the source's own text reached the message: %q", domain.ErrorMessage(err))
			}
		})
	}
}

// TestRetries: a 429 with Retry-After and a 500 are retried through the
// client (waiting the Retry-After), and the page arrives.
func TestRetries(t *testing.T) {
	p := newPeer(t, bbfake.Options{Book: conformanceBook(2)}, testKey)
	p.fake.Inject(bbfake.Fault{Kind: bbfake.FaultStatus, Status: http.StatusTooManyRequests, RetryAfter: "7"})
	p.fake.Inject(bbfake.Fault{Kind: bbfake.FaultStatus, Status: http.StatusInternalServerError})
	page, err := p.c.Fetch(context.Background(), "")
	if err != nil || len(page.Accounts) != 2 {
		t.Fatalf("page %+v, err %v", page, err)
	}
	if !slices.Contains(p.sleeps(), 7*time.Second) {
		t.Errorf("slept %v, want the 7s Retry-After", p.sleeps())
	}
	if got := p.fake.Requests(); len(got) != 4 || got[0] != "fault" || got[1] != "fault" {
		t.Errorf("requests %q: want two faults, then the scan's two rounds", got)
	}
}

// TestServerRowCap: a server that returns fewer rows than asked (a row
// fetch limit) is read in full, with more requests.
func TestServerRowCap(t *testing.T) {
	capped := newPeer(t, bbfake.Options{Book: bbfake.Generate(bbfake.Gen{Seed: 5, Now: fixedNow}), MaxRows: 7}, testKey)
	pages := drain(t, capped.c, "")
	checkAccountsFirst(t, pages)
	checkTruth(t, capped.fake.Truth(), pages)
	if n := len(capped.fake.Requests()); n < 10 {
		t.Errorf("only %d requests under a cap of 7 rows", n)
	}
}

func TestBadCursorAndMissingKey(t *testing.T) {
	c := New(testKey, nil, WithBaseURL("http://127.0.0.1:1"))
	for _, cur := range []string{"nope", "next", "next;w=5", "next;w=0;f=1", "next;w=5;f=1;x=2", "next;w=5;w=5;f=1",
		"calls:1;nc=0;ns=1;s=0;u=5;f=1;t=1", "calls:-1;nc=2;ns=1;s=0;u=5;f=1;t=1", "calls:01;nc=2;ns=1;s=0;u=5;f=1;t=1",
		"signals:0;nc=2;ns=1;s=5;u=5;f=1;t=1", "events:0;nc=2;ns=1;s=0;u=5;f=1;t=1", "calls:0;nc=2;ns=1;s=0;u=5;f=1",
		"calls:0;nc=+2;ns=1;s=0;u=5;f=1;t=1", fmt.Sprintf("calls:0;nc=%d;ns=1;s=0;u=5;f=1;t=1", int64(1)<<50)} {
		if _, err := c.Fetch(context.Background(), cur); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("cursor %q: err = %v", cur, err)
		}
	}
	c = New("  ", nil)
	if _, err := c.Fetch(context.Background(), ""); domain.ErrorCode(err) != domain.ENotConnected {
		t.Errorf("no key: err = %v", err)
	}
	if _, err := c.Verify(context.Background()); domain.ErrorCode(err) != domain.ENotConnected {
		t.Errorf("no key, Verify: err = %v", err)
	}
}

func TestPrintingHidesTheKey(t *testing.T) {
	c := New(testKey, nil)
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(f, c); strings.Contains(s, testKey) {
			t.Errorf("%s shows the key: %s", f, s)
		}
	}
}

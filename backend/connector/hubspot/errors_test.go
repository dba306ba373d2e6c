package hubspot

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"successdesk/backend/connector/hubspot/hsfake"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// checkErr fails unless err has code and its message contains want and
// not the fake's token.
func checkErr(t *testing.T, err error, code, want string) {
	t.Helper()
	if domain.ErrorCode(err) != code || !strings.Contains(domain.ErrorMessage(err), want) {
		t.Errorf("err = %v; want code %s with %q", err, code, want)
	}
	if err != nil && strings.Contains(err.Error()+domain.ErrorMessage(err), hsfake.DefaultToken) {
		t.Errorf("token in %v", err)
	}
}

func TestWrongToken(t *testing.T) {
	r := newRig(t, hsfake.Options{Companies: 3, Token: "pat-na1-the-right-one"}, 3)
	r.c = New(hsfake.DefaultToken, r.c.hc, WithBaseURL(r.c.baseURL))
	_, err := r.c.Fetch(context.Background(), "")
	checkErr(t, err, domain.EUnauthorized, "HubSpot refused the token")
	if n := len(r.fake.Requests()); n != 1 {
		t.Errorf("%d requests; a refused token is not retried", n)
	}
}

func TestMissingScopeNamesIt(t *testing.T) {
	r := newRig(t, hsfake.Options{Companies: 3, Scopes: []string{hsfake.ScopeDeals}}, 3)
	_, err := r.c.Fetch(context.Background(), "")
	checkErr(t, err, domain.EUnauthorized, "lacks the crm.objects.companies.read scope")
	_, err = r.c.Verify(context.Background())
	checkErr(t, err, domain.EUnauthorized, "lacks the crm.objects.companies.read scope")

	r = newRig(t, hsfake.Options{Companies: 3, Scopes: []string{hsfake.ScopeCompanies}}, 3)
	_, err = r.c.FetchStages(context.Background())
	checkErr(t, err, domain.EUnauthorized, "lacks the crm.objects.deals.read scope")

	r = newRig(t, hsfake.Options{Companies: 3, Scopes: []string{hsfake.ScopeDeals}}, 3)
	_, err = r.c.Properties(context.Background())
	checkErr(t, err, domain.EUnauthorized, "lacks the scopes crm.schemas.companies.read, crm.objects.companies.read")
}

func TestRateLimits(t *testing.T) {
	for _, tc := range []struct {
		name       string
		fault      hsfake.Fault
		cursor     bool // search (an incremental run) instead of a list
		clientWait []time.Duration
		connWait   []time.Duration
		code       string // "" for success
	}{
		{name: "Retry-After honoured by the client",
			fault:      hsfake.Fault{Status: 429, RetryAfter: "3"},
			clientWait: []time.Duration{3 * time.Second}},
		{name: "burst window from the rate-limit headers",
			fault:      hsfake.Fault{Status: 429, Times: 2},
			clientWait: []time.Duration{0}, connWait: []time.Duration{10 * time.Second}},
		{name: "no headers: the default window",
			fault:      hsfake.Fault{Status: 429, Times: 2, NoRateHeaders: true},
			clientWait: []time.Duration{0}, connWait: []time.Duration{DefaultRateWindow}},
		{name: "search's per-second limit",
			fault:  hsfake.Fault{Status: 429, Times: 2, Policy: hsfake.PolicySecondly, NoRateHeaders: true},
			cursor: true, clientWait: []time.Duration{0}, connWait: []time.Duration{time.Second}},
		{name: "daily limit is not waited for",
			fault:      hsfake.Fault{Status: 429, Times: -1, Policy: hsfake.PolicyDaily},
			clientWait: []time.Duration{0}, code: domain.EUnavailable},
		{name: "a limit that holds gives up after the waits",
			fault:      hsfake.Fault{Status: 429, Times: -1},
			clientWait: []time.Duration{0, 0, 0}, connWait: []time.Duration{10 * time.Second, 10 * time.Second},
			code: domain.EUnavailable},
		{name: "Retry-After beyond the policy",
			fault: hsfake.Fault{Status: 429, Times: -1, RetryAfter: "7200"}, code: domain.EUnavailable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, hsfake.Options{Companies: 3}, 2)
			cur := ""
			if tc.cursor {
				cur = fullThenIncremental(t, r, time.Hour)
				r.fake.Touch(time.Time{}, r.fake.IDs()[0])
			}
			r.fake.Inject(tc.fault)
			p, err := r.c.Fetch(context.Background(), cur)
			client, conn := r.sleeps.get()
			for i := range client {
				client[i] = client[i].Truncate(time.Second) // backoff jitter
			}
			if !slices.Equal(client, tc.clientWait) || !slices.Equal(conn, tc.connWait) {
				t.Errorf("client waited %v, connector %v; want %v and %v", client, conn, tc.clientWait, tc.connWait)
			}
			if tc.code == "" {
				if err != nil || p.Len() == 0 {
					t.Errorf("page of %d, err %v", p.Len(), err)
				}
				return
			}
			checkErr(t, err, tc.code, "")
			if tc.fault.Policy == hsfake.PolicyDaily && !strings.Contains(domain.ErrorMessage(err), "daily API limit") {
				t.Errorf("daily limit message: %q", domain.ErrorMessage(err))
			}
		})
	}
}

func TestCancelDuringRateWindow(t *testing.T) {
	r := newRig(t, hsfake.Options{Companies: 3}, 1)
	ctx, cancel := context.WithCancel(context.Background())
	r.c.sleep = func(ctx context.Context, d time.Duration) error { cancel(); return ctx.Err() }
	r.fake.Inject(hsfake.Fault{Status: 429, Times: -1})
	_, err := r.c.Fetch(ctx, "")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestServerErrorsAndBrokenAnswers(t *testing.T) {
	r := newRig(t, hsfake.Options{Companies: 3}, 3)
	r.fake.Inject(hsfake.Fault{Status: http.StatusInternalServerError, Times: -1})
	_, err := r.c.Fetch(context.Background(), "")
	checkErr(t, err, domain.EUnavailable, "HubSpot is unavailable")
	if n := len(r.fake.Requests()); n != 3 {
		t.Errorf("%d requests; a 500 is retried", n)
	}

	for _, call := range []func(*Connector) error{
		func(c *Connector) error { _, err := c.Fetch(context.Background(), ""); return err },
		func(c *Connector) error { _, err := c.FetchStages(context.Background()); return err },
		func(c *Connector) error { _, err := c.Properties(context.Background()); return err },
		func(c *Connector) error { _, err := c.Verify(context.Background()); return err },
	} {
		r := newRig(t, hsfake.Options{Companies: 3}, 1)
		r.fake.Inject(hsfake.Fault{Kind: hsfake.FaultMalformed, Times: -1})
		checkErr(t, call(r.c), domain.EUnavailable, "could not be read")
	}
}

func TestNotJSONObjects(t *testing.T) {
	for _, body := range []string{"null", "[]", `"x"`, "", `{"results":{}}`, `{"results":[{"id":{}}],"paging":5}`} {
		if _, err := decodePage([]byte(body)); err == nil && body != `{"results":[{"id":{}}],"paging":5}` {
			t.Errorf("decoded %q", body)
		}
	}
	p, err := decodePage([]byte(`{"results":[{"id":12,"properties":{"name":"A","numberofemployees":40,"x":null,"y":true}}]}`))
	if err != nil || string(p.Results[0].ID) != "12" || p.Results[0].Properties["numberofemployees"] != "40" ||
		p.Results[0].Properties["y"] != "true" || p.Results[0].Properties["x"] != "" {
		t.Errorf("tolerant decode: %+v, %v", p, err)
	}
}

func TestNoToken(t *testing.T) {
	c := New("  ", httpx.New(httpx.Policy{MaxAttempts: 1}), WithBaseURL("http://127.0.0.1:1"))
	ctx := context.Background()
	_, err := c.Fetch(ctx, "")
	checkErr(t, err, domain.ENotConnected, "not connected")
	_, err = c.FetchStages(ctx)
	checkErr(t, err, domain.ENotConnected, "not connected")
	_, err = c.Properties(ctx)
	checkErr(t, err, domain.ENotConnected, "not connected")
	_, err = c.Verify(ctx)
	checkErr(t, err, domain.ENotConnected, "not connected")
	if s := c.String() + " " + c.GoString(); strings.Contains(s, "pat-") {
		t.Errorf("String shows the token: %s", s)
	}
}

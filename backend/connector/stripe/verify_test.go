package stripe

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"successdesk/backend/connector"
	"successdesk/backend/connector/stripe/stripefake"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// verifyAgainst verifies key against a small fake that accepts accepted.
func verifyAgainst(t *testing.T, accepted, key string, o stripefake.Options) (connector.Identity, *stripefake.Server, error) {
	t.Helper()
	o.Subscriptions, o.Key = 5, accepted
	f := stripefake.New(o)
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c := New(key, httpx.New(httpx.Policy{Source: "Stripe", MaxAttempts: 1}, httpx.WithHTTPClient(srv.Client())),
		WithBaseURL(srv.URL))
	id, err := c.Verify(context.Background())
	return id, f, err
}

func TestVerify(t *testing.T) {
	cases := []struct {
		name, key string
		opts      stripefake.Options
		want      connector.Identity
		requests  []string
	}{
		{"secret test key", "sk_test_51VerifyAbc", stripefake.Options{},
			connector.Identity{Account: "Success Desk (test)", Mode: "test"}, []string{"GET /v1/account"}},
		{"restricted live key", "rk_live_51VerifyAbc", stripefake.Options{Livemode: true},
			connector.Identity{Account: "Success Desk (test)", Mode: "live"}, []string{"GET /v1/account"}},
		{"restricted key without the account", "rk_test_51VerifyAbc", stripefake.Options{Deny: []string{"/v1/account"}},
			connector.Identity{Mode: "test"}, []string{"GET /v1/account", "GET /v1/customers?limit=1"}},
		{"unknown prefix, live objects", "sk_org_51VerifyAbc", stripefake.Options{Livemode: true, Deny: []string{"/v1/account"}},
			connector.Identity{Mode: "live"}, []string{"GET /v1/account", "GET /v1/customers?limit=1"}},
		{"unknown prefix, account readable", "sk_org_51VerifyAbc", stripefake.Options{},
			connector.Identity{Account: "Success Desk (test)", Mode: "test"}, []string{"GET /v1/account", "GET /v1/customers?limit=1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			id, f, err := verifyAgainst(t, tc.key, tc.key, tc.opts)
			if err != nil || id != tc.want {
				t.Fatalf("Verify = %+v, %v; want %+v", id, err, tc.want)
			}
			if got := f.Requests(); strings.Join(got, "|") != strings.Join(tc.requests, "|") {
				t.Errorf("requests %q, want %q", got, tc.requests)
			}
		})
	}
}

func TestVerifyRefusals(t *testing.T) {
	const good = "sk_test_51GoodKey0000"
	// A wrong key: Stripe's 401 body echoes it masked; none of it may show.
	wrong := "sk_test_51WrongKey1234"
	_, f, err := verifyAgainst(t, good, wrong, stripefake.Options{})
	if domain.ErrorCode(err) != domain.EUnauthorized || domain.ErrorMessage(err) != msgRefused {
		t.Fatalf("wrong key: %v", err)
	}
	for _, s := range []string{wrong, stripefake.Mask(wrong), "1234", "Invalid API Key"} {
		if strings.Contains(err.Error(), s) {
			t.Errorf("the error carries %q: %v", s, err)
		}
	}
	if n := len(f.Requests()); n != 1 {
		t.Errorf("%d requests for a refused key", n)
	}
	// A restricted key that may read neither the account nor customers.
	_, _, err = verifyAgainst(t, "rk_test_51Narrow", "rk_test_51Narrow",
		stripefake.Options{Deny: []string{"/v1/account", "/v1/customers"}})
	if domain.ErrorCode(err) != domain.EUnauthorized || domain.ErrorMessage(err) != msgNoCustomers {
		t.Fatalf("narrow key: %v", err)
	}
	// A publishable key is refused before any request; no key is not connected.
	_, f, err = verifyAgainst(t, good, "pk_test_51Publishable", stripefake.Options{})
	if domain.ErrorCode(err) != domain.EInvalid || len(f.Requests()) != 0 {
		t.Fatalf("publishable key: %v after %d requests", err, len(f.Requests()))
	}
	_, _, err = verifyAgainst(t, good, " ", stripefake.Options{})
	if domain.ErrorCode(err) != domain.ENotConnected {
		t.Fatalf("no key: %v", err)
	}
}

func TestPrintingHidesTheKey(t *testing.T) {
	const key = "sk_" + "live_printMeFakeKey"
	c := New(key, httpx.New(httpx.Policy{}))
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(f, c); strings.Contains(s, key) || strings.Contains(s, "PrintMe") {
			t.Errorf("%s shows the key: %s", f, s)
		}
	}
}

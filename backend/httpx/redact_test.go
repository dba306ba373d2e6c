package httpx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const (
	canaryAuth  = "sk_test_CANARYauth7f3a9"
	canaryQuery = "CANARYquery51c2e8"
	canaryKey   = "CANARYsbkey0d41"
	canaryExtra = "CANARYextra99ab"
)

var canaries = []string{canaryAuth, canaryQuery, canaryKey, canaryExtra}

func assertNoCanary(t *testing.T, what, s string) {
	t.Helper()
	for _, c := range canaries {
		if strings.Contains(s, c) {
			t.Errorf("%s leaks canary %q:\n%s", what, c, s)
		}
	}
	if strings.Contains(s, "CANARY") {
		t.Errorf("%s leaks part of a canary:\n%s", what, s)
	}
}

// echo answers with everything the request carried: headers and query.
func echo(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(code)
		fmt.Fprintf(w, "{\"error\":\"bad key %s\", \"headers\": %q, \"url\": %q, \"query\": %q}",
			r.Header.Get("Authorization"), r.Header, r.URL.String(), r.URL.RawQuery)
	}
}

func canaryRequest(t *testing.T, base string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+"/v1/customers?limit=10&api_key="+canaryQuery, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+canaryAuth)
	req.Header.Set("X-SALESBRICKS-KEY", canaryKey)
	req.Header.Set("X-Workspace", canaryExtra)
	return req
}

func TestCanaryNeverLeaks(t *testing.T) {
	for _, code := range []int{401, 400, 503} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			srv, _ := serve(t, echo(code))
			var logs bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			c := testClient(Policy{Source: "Stripe", MaxAttempts: 2, RedactHeaders: []string{"x-workspace"}},
				newFakeClock(), WithLogger(logger))
			resp, err := c.Do(canaryRequest(t, srv.URL))
			var se *StatusError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v", err)
			}
			resp.Body.Close()
			assertNoCanary(t, "Error()", err.Error())
			assertNoCanary(t, "StatusError fields", fmt.Sprintf("%+v %#v", *se, *se))
			assertNoCanary(t, "AsDomain", AsDomain(err, "Stripe").Error())
			assertNoCanary(t, "logs", logs.String())
			if !strings.Contains(logs.String(), "http attempt") || !strings.Contains(logs.String(), Redacted) {
				t.Fatalf("expected attempt logs with redacted headers:\n%s", logs.String())
			}
			if !strings.Contains(se.Body, "bad key") {
				t.Fatalf("Body lost its useful part: %q", se.Body)
			}
		})
	}
}

func TestCanaryNeverLeaksFromTransportErrors(t *testing.T) {
	srv, _ := serve(t, status(200))
	base := srv.URL
	srv.Close() // connection refused from now on

	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := testClient(Policy{Source: "Stripe", MaxAttempts: 2, RedactHeaders: []string{"X-Workspace"}}, newFakeClock(), WithLogger(logger))
	req := canaryRequest(t, base)
	req.URL.User = url.UserPassword("user", "CANARYpassword")
	_, err := c.Do(req)
	var te *TransportError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v", err)
	}
	for e := error(err); e != nil; e = errors.Unwrap(e) {
		assertNoCanary(t, fmt.Sprintf("chain %T", e), e.Error())
	}
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Fatalf("cause should still be a *url.Error: %#v", te.Err)
	}
	assertNoCanary(t, "url.Error.URL", ue.URL)
	assertNoCanary(t, "TransportError fields", fmt.Sprintf("%+v", *te))
	assertNoCanary(t, "AsDomain", AsDomain(err, "").Error())
	assertNoCanary(t, "logs", logs.String())
	if !strings.Contains(logs.String(), "http retry") {
		t.Fatalf("expected a retry log line:\n%s", logs.String())
	}
}

func TestRedact(t *testing.T) {
	h := http.Header{}
	h.Set("Authorization", "Bearer x")
	h.Set("X-Salesbricks-Key", "k1")
	h["x-buildbetter-api-key"] = []string{"k2"} // non-canonical key
	h.Set("X-Trace", "keep")
	h.Set("X-Mine", "secret")
	h.Set("X-Vendor-Token", "t")
	h.Set("Stripe-Signature", "s")
	h.Add("Cookie", "a=1")
	h.Add("Cookie", "b=2")

	got := Redact(h, "x-mine")
	for _, k := range []string{"Authorization", "X-Salesbricks-Key", "x-buildbetter-api-key", "X-Mine", "X-Vendor-Token", "Stripe-Signature"} {
		if v := got[k]; len(v) != 1 || v[0] != Redacted {
			t.Errorf("%s = %q, want redacted", k, v)
		}
	}
	if v := got["Cookie"]; len(v) != 2 || v[0] != Redacted || v[1] != Redacted {
		t.Errorf("Cookie = %q", v)
	}
	if got.Get("X-Trace") != "keep" {
		t.Errorf("X-Trace = %q", got.Get("X-Trace"))
	}
	if h.Get("Authorization") != "Bearer x" {
		t.Error("Redact modified its input")
	}
	if Redact(h).Get("X-Mine") != "secret" {
		t.Error("X-Mine is only sensitive when listed")
	}
	got["X-Trace"][0] = "changed"
	if h.Get("X-Trace") != "keep" {
		t.Error("Redact shares value slices with its input")
	}
	if Redact(nil) != nil {
		t.Error("Redact(nil) != nil")
	}
}

func TestSafeURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://u:p@api.stripe.com/v1/customers?key=x#frag": "https://api.stripe.com/v1/customers",
		"http://127.0.0.1:8080/a%2Fb?x=1":                    "http://127.0.0.1:8080/a%2Fb",
		"https://example.com":                                "https://example.com",
	} {
		u, err := url.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := SafeURL(u); got != want {
			t.Errorf("SafeURL(%q) = %q, want %q", in, got, want)
		}
	}
	if SafeURL(nil) != "" {
		t.Error("SafeURL(nil)")
	}
}

func TestLogRequest(t *testing.T) {
	req := canaryRequest(t, "https://api.stripe.com")
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "request", LogRequest(req, "X-Workspace"))
	out := buf.String()
	assertNoCanary(t, "LogRequest", out)
	for _, want := range []string{`"method":"GET"`, `"url":"https://api.stripe.com/v1/customers"`, `"Authorization":"[redacted]"`} {
		if !strings.Contains(out, want) {
			t.Errorf("log %s lacks %s", out, want)
		}
	}
}

func TestScrub(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a\n\tb\x00c", "a b?c"},
		{"key rk_live_abc123 bad", "key [redacted] bad"},
		{"Authorization: Bearer abcdef.ghij", "Authorization: [redacted]"},
		{"token ghp_AAAA and phx_BBBB", "[redacted] and [redacted]"},
		{"bad \xff utf8", "bad ? utf8"},
		{"secretvalue here", "[redacted] here"},
	} {
		if got := scrub(tc.in, []string{"secretvalue"}, 512); got != tc.want {
			t.Errorf("scrub(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	long := strings.Repeat("é", 400) // 800 bytes
	if got := scrub(long, nil, 512); len(got) > 512 || !strings.HasPrefix(long, got) {
		t.Errorf("truncation broke a rune or the limit: %d bytes", len(got))
	}
	// A secret straddling the cut is still removed.
	s := strings.Repeat("x ", 254) + "sk_test_" + strings.Repeat("Z", 40)
	if got := scrub(s, nil, 512); strings.Contains(got, "ZZZ") || strings.Contains(got, "sk_test") {
		t.Errorf("straddling token leaked: %q", got)
	}
}

func TestStatusErrorBodyIsLimited(t *testing.T) {
	big := strings.Repeat("y", 100<<10)
	srv, _ := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(400)
		io.WriteString(w, big)
	})
	c := testClient(Policy{}, newFakeClock())
	resp, err := c.Do(get(t, srv.URL))
	var se *StatusError
	if !errors.As(err, &se) || len(se.Body) != 512 {
		t.Fatalf("err = %v body len = %d", err, len(se.Body))
	}
	if b := readBody(t, resp); len(b) != maxErrorBody {
		t.Fatalf("buffered body = %d bytes, want %d", len(b), maxErrorBody)
	}
}

package httpx

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"successdesk/backend/domain"
)

func TestClassify(t *testing.T) {
	se := func(s int) error {
		return &StatusError{Status: s, Source: "Stripe", Method: "GET", URL: "https://api.stripe.com/v1/x"}
	}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"400", se(400), domain.EInvalid},
		{"401", se(401), domain.EUnauthorized},
		{"403", se(403), domain.EUnauthorized},
		{"404", se(404), domain.ENotFound},
		{"408", se(408), domain.EUnavailable},
		{"409", se(409), domain.EConflict},
		{"410", se(410), domain.ENotFound},
		{"422", se(422), domain.EInvalid},
		{"429", se(429), domain.EUnavailable},
		{"500", se(500), domain.EUnavailable},
		{"502", se(502), domain.EUnavailable},
		{"503", se(503), domain.EUnavailable},
		{"504", se(504), domain.EUnavailable},
		{"wrapped 401", fmt.Errorf("sync stripe: %w", se(401)), domain.EUnauthorized},
		{"transport", &TransportError{Err: errors.New("connection reset")}, domain.EUnavailable},
		{"deadline", context.DeadlineExceeded, domain.EUnavailable},
		{"canceled", fmt.Errorf("x: %w", context.Canceled), domain.EUnavailable},
		{"net.Error", &net.OpError{Op: "dial", Err: errors.New("refused")}, domain.EUnavailable},
		{"domain", domain.Errorf(domain.ENotConnected, "no token"), domain.ENotConnected},
		{"other", errors.New("boom"), domain.EInternal},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Classify(tc.err); got != tc.want {
				t.Fatalf("Classify = %q, want %q", got, tc.want)
			}
			if tc.err == nil {
				return
			}
			if got := domain.ErrorCode(AsDomain(tc.err, "Stripe")); got != tc.want {
				t.Fatalf("AsDomain code = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestAsDomainMessages(t *testing.T) {
	if AsDomain(nil, "x") != nil {
		t.Fatal("AsDomain(nil) != nil")
	}
	for _, tc := range []struct {
		err  error
		src  string
		want string
	}{
		{&StatusError{Status: 401, Source: "Stripe"}, "", "unauthorized: Stripe rejected the credentials (401 Unauthorized); check the token in Settings."},
		{&StatusError{Status: 503, Source: "Stripe"}, "", "unavailable: Stripe is unavailable (503 Service Unavailable); try again later."},
		{&StatusError{Status: 429, RetryAfter: 90 * time.Second}, "Attio", "unavailable: Attio is limiting requests (429 Too Many Requests); try again in 1m30s."},
		{&StatusError{Status: 404, Source: "x", Body: "sk_test_zzz"}, "Attio", "not_found: Attio has no such record (404 Not Found)."},
		{&TransportError{Source: "PostHog", Err: context.Canceled}, "", "unavailable: The request to PostHog was canceled."},
		{&TransportError{Source: "PostHog", Err: context.DeadlineExceeded}, "", "unavailable: PostHog did not answer in time; try again later."},
		{&TransportError{Err: errors.New("connection refused")}, "HubSpot", "unavailable: HubSpot could not be reached; check the network and try again."},
		{errors.New("boom sk_test_zzz"), "Attio", "internal: Unexpected error talking to Attio."},
	} {
		if got := AsDomain(tc.err, tc.src).Error(); got != tc.want {
			t.Errorf("AsDomain(%v) = %q\nwant %q", tc.err, got, tc.want)
		}
	}
	d := domain.Errorf(domain.EConflict, "kept")
	if AsDomain(fmt.Errorf("w: %w", d), "x") != d {
		t.Error("a *domain.Error should pass through")
	}
}

func TestStatusErrorMessage(t *testing.T) {
	e := &StatusError{Status: 599, Source: "", Method: "DELETE", URL: "https://h/x/y", Attempts: 2}
	if got, want := e.Error(), "the service answered 599 for DELETE /x/y after 2 attempts"; got != want {
		t.Fatalf("%q != %q", got, want)
	}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	e = &StatusError{Status: 429, Source: "GitHub", Method: "GET", URL: "https://api.github.com/repos", RetryAfter: 2 * time.Minute, RetryAt: at}
	if got := e.Error(); !strings.HasSuffix(got, "; it asked to retry in 2m0s (at 2026-01-02T03:04:05Z)") {
		t.Fatalf("%q", got)
	}
}

package connector_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

func TestNormalizeDomain(t *testing.T) {
	for in, want := range map[string]string{
		"acme.io": "acme.io", "https://www.Acme.io/about?x=1": "acme.io", "ACME.IO.": "acme.io",
		"http://acme.io:8080": "acme.io", "localhost": "", "": "", "not a domain.com": "",
	} {
		if got := connector.NormalizeDomain(in); got != want {
			t.Errorf("NormalizeDomain(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDomainFromEmail(t *testing.T) {
	for in, want := range map[string]string{
		"ann@Hooli.com": "hooli.com", "Ann <ann@piedpiper.com>": "piedpiper.com", "bob@gmail.com": "",
		"x@outlook.com": "", "nonsense": "", "": "",
	} {
		if got := connector.DomainFromEmail(in); got != want {
			t.Errorf("DomainFromEmail(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFetchError(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	if connector.FetchError(ctx, nil, domain.SourceStripe) != nil {
		t.Fatal("nil error should stay nil")
	}
	se := &httpx.StatusError{Status: http.StatusUnauthorized, Method: "GET", URL: "https://api.stripe.com/v1/customers"}
	err := connector.FetchError(ctx, se, domain.SourceStripe)
	if domain.ErrorCode(err) != domain.EUnauthorized || !strings.Contains(domain.ErrorMessage(err), "Stripe") {
		t.Fatalf("401: %v", err)
	}
	cancel()
	err = connector.FetchError(ctx, &httpx.TransportError{Err: context.Canceled}, domain.SourceStripe)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled: %v", err)
	}
}

func TestPageLenAndKeys(t *testing.T) {
	p := connector.Page{
		Accounts: []connector.AccountRecord{{Key: "c1"}},
		Revenue:  []connector.RevenueRecord{{AccountKey: "c1", RevenueSource: domain.RevenueSource{ExternalID: "s1"}}},
		Invoices: []connector.InvoiceRecord{{AccountKey: "c1", Invoice: domain.Invoice{ExternalID: "i1"}}},
		Activities: []connector.ActivityRecord{{AccountKey: "c1",
			Activity: domain.Activity{ExternalID: "a1"}}},
		Usage: []connector.UsageRecord{{AccountKey: "c1",
			UsageWeek: domain.UsageWeek{WeekStart: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}}},
	}
	if p.Len() != 5 {
		t.Fatalf("Len = %d", p.Len())
	}
	want := "account:c1 revenue:s1 invoice:i1 activity:a1 usage:c1@2026-11-23"
	if got := strings.Join(p.Keys(), " "); got != want {
		t.Fatalf("Keys = %q", got)
	}
}

package posthog

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/connector/connectortest"
	"successdesk/backend/connector/posthog/phfake"
	"successdesk/backend/httpx"
)

// fakeNow is the clock of every test that needs a fixed one: a Wednesday.
var fakeNow = time.Date(2026, 11, 25, 15, 30, 0, 0, time.UTC)

func fixedClock() time.Time { return fakeNow }

// serveConformance: a book of 2·pages+3 companies (one of them quiet for
// the whole window, so not listed), two per page, so that a pass spans
// `pages` pages or a little more.
func serveConformance(t *testing.T, token string, pages int, trailingEmpty bool) http.Handler {
	return phfake.New(phfake.Options{Companies: 2*pages + 3, Seed: 7, Key: token, Now: fixedClock,
		TrailingEmpty: trailingEmpty})
}

func TestConformance(t *testing.T) {
	connectortest.Run(t, connectortest.Fixture{
		Token: "phx_conformance_5Hq2xR8wL0",
		Serve: serveConformance,
		Connect: func(t *testing.T, baseURL, token string, client *httpx.Client) connector.Connector {
			return New(token, client, WithHost(baseURL), WithProject(strconv.Itoa(phfake.DefaultProject)),
				WithGroupType("company", 0), WithClock(fixedClock), withPageSize(2))
		},
	})
}

func TestConformanceByEmailDomain(t *testing.T) {
	connectortest.Run(t, connectortest.Fixture{
		Token: "phx_conformance_email_77aa",
		Serve: serveConformance,
		Connect: func(t *testing.T, baseURL, token string, client *httpx.Client) connector.Connector {
			return New(token, client, WithHost(baseURL), WithProject(strconv.Itoa(phfake.DefaultProject)),
				WithClock(fixedClock), withPageSize(2))
		},
	})
}

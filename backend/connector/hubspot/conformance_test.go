package hubspot

import (
	"net/http"
	"testing"

	"successdesk/backend/connector"
	"successdesk/backend/connector/connectortest"
	"successdesk/backend/connector/hubspot/hsfake"
	"successdesk/backend/httpx"
)

// conformanceToken is shaped like a private app token.
const conformanceToken = "pat-na1-7f3c2b1a-conformance-55aa-0e1d2c3b4a59"

// serveConformance: a generated book of 2·pages companies, two a page.
func serveConformance(t *testing.T, token string, pages int, trailingEmpty bool) http.Handler {
	return hsfake.New(hsfake.Options{Token: token, Companies: 2 * pages, Seed: 7, MaxPageSize: 2,
		TrailingEmpty: trailingEmpty})
}

func TestConformance(t *testing.T) {
	connectortest.Run(t, connectortest.Fixture{
		Token: conformanceToken,
		Serve: serveConformance,
		Connect: func(t *testing.T, baseURL, token string, client *httpx.Client) connector.Connector {
			return New(token, client, WithBaseURL(baseURL))
		},
	})
}

// TestConformanceWithCustomProperties: reading the custom properties'
// definitions keeps the contract too.
func TestConformanceWithCustomProperties(t *testing.T) {
	connectortest.Run(t, connectortest.Fixture{
		Token: conformanceToken,
		Serve: serveConformance,
		Connect: func(t *testing.T, baseURL, token string, client *httpx.Client) connector.Connector {
			return New(token, client, WithBaseURL(baseURL), WithCustomProperties([]string{"customer_tier"}))
		},
	})
}

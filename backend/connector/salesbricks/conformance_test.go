package salesbricks

import (
	"net/http"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/connector/connectortest"
	"successdesk/backend/connector/salesbricks/sbfake"
	"successdesk/backend/httpx"
)

// conformanceKey is shaped like a token but cannot pass for a real one.
const conformanceKey = "sb-conformance-" + "not-a-real-key-4c1e"

// serveConformance is a fake with 2·pages customers, two per page. They hold
// no contracts: the suite counts one request per page (see
// TestFaultsDuringFanOut and TestCancelDuringFanOut for the per-contract
// requests under the same faults).
func serveConformance(t *testing.T, token string, pages int, trailingEmpty bool) http.Handler {
	return sbfake.New(sbfake.Options{Customers: 2 * pages, Key: token, TrailingEmpty: trailingEmpty,
		Now: func() time.Time { return fakeNow }})
}

func TestConformance(t *testing.T) {
	connectortest.Run(t, connectortest.Fixture{
		Token: conformanceKey,
		Serve: serveConformance,
		Connect: func(t *testing.T, baseURL, token string, client *httpx.Client) connector.Connector {
			return New(token, client, WithBaseURL(baseURL), WithPageSize(2),
				WithClock(func() time.Time { return fakeNow }))
		},
	})
}

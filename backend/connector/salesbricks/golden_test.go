package salesbricks

import (
	"context"
	"testing"

	"successdesk/backend/connector/connectortest"
	"successdesk/backend/connector/salesbricks/sbfake"
)

// The normalized output of a small fixed book: every page of a pass, and
// the deals FetchDeals reads (go test -update rewrites testdata/golden).
func TestGolden(t *testing.T) {
	f := newFixture(t, sbfake.Options{Subscriptions: 12, Seed: 11}, WithPageSize(5))
	connectortest.Golden(t, "testdata/golden/pass.json", drain(t, f.conn))
	deals, err := f.conn.FetchDeals(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	connectortest.Golden(t, "testdata/golden/deals.json", deals)
}

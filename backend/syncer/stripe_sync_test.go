package syncer_test

import (
	"strings"
	"testing"
	"time"

	"successdesk/backend/connector/stripe"
	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// TestStripeSyncMatchesTruth syncs a generated book of 10,000
// subscriptions through the real connector and ends with exactly its
// truth; running again (incremental, then a full pass a day later)
// changes nothing.
func TestStripeSyncMatchesTruth(t *testing.T) {
	e := newStripeEnv(t, 10000, 0, nil)
	r := e.run()
	if r.Err != nil || r.Skipped != 0 || r.Deleted != 0 {
		t.Fatalf("first run: %+v", r)
	}
	tr := e.fake.Truth()
	checkTruth(t, e.st, tr)
	st := e.state()
	if st.Status != store.SyncIdle || !strings.HasPrefix(st.Cursor, "events:") || st.ErrorCount != 0 {
		t.Fatalf("state after a full pass: %+v", st)
	}
	if fp, _ := e.st.FullPass(t.Context(), domain.SourceStripe); fp.Number != 1 || fp.Open || !fp.CompletedAt.Equal(t0) {
		t.Fatalf("full pass bookkeeping: %+v", fp)
	}
	before := rows(t, e.st)

	e.clk.Advance(time.Hour)
	n := len(e.fake.Requests())
	if r := e.run(); r.Err != nil || r.ResumedFrom != st.Cursor {
		t.Fatalf("incremental run: %+v", r)
	}
	for _, q := range e.fake.Requests()[n:] {
		if !strings.HasPrefix(q, "GET /v1/events?") && !strings.HasPrefix(q, "GET /v1/invoices/") {
			t.Errorf("an incremental run with nothing new asked for %s", q)
		}
	}
	sameRows(t, rows(t, e.st), before)

	e.clk.Advance(stripe.FullPassEvery)
	n = len(e.fake.Requests())
	if r := e.run(); r.Err != nil || r.Deleted != 0 {
		t.Fatalf("daily full pass: %+v", r)
	}
	if q := e.fake.Requests()[n]; !strings.HasPrefix(q, "GET /v1/customers?") {
		t.Errorf("a day later the run began with %s, want a full pass", q)
	}
	sameRows(t, rows(t, e.st), before)
	checkTruth(t, e.st, tr)
	if fp, _ := e.st.FullPass(t.Context(), domain.SourceStripe); fp.Number != 2 || fp.Open {
		t.Fatalf("full pass bookkeeping: %+v", fp)
	}
}

package syncer_test

import (
	"context"
	"testing"

	"successdesk/backend/domain"
)

// TestFullPassSweepsWhatItDidNotDeliver: a connector that marks its full
// passes gets the records of a customer it no longer lists removed at the
// end of the next complete pass; the customer's account goes too unless
// something else refers to it (here: usage weeks).
func TestFullPassSweepsWhatItDidNotDeliver(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	fake := stripeFake(3)
	fake.MarkFullPass()
	s := newSyncer(t, st, &recorder{}, fake)
	if _, err := s.Run(ctx); err != nil {
		t.Fatal(err)
	}
	full := map[string]int{"accounts": 6, "revenue_sources": 6, "invoices": 6, "activities": 3, "usage_weeks": 3}
	got := rows(t, st)
	for k, n := range full {
		if got[k] != n {
			t.Fatalf("after the first pass %s = %d, want %d", k, got[k], n)
		}
	}
	// The source no longer lists page 2's two customers; a failed pass
	// sweeps nothing.
	fake.SetPages(stripePage(1), stripePage(3))
	fake.FailAt(2, domain.Errorf(domain.EUnavailable, "Stripe is unavailable."))
	if rep, _ := s.Run(ctx); rep.Sources[0].Err == nil || rows(t, st)["revenue_sources"] != 6 {
		t.Fatalf("a failed pass: %+v, rows %v", rep.Sources[0], rows(t, st))
	}
	rep, err := s.Run(ctx)
	if err != nil || rep.Sources[0].Err != nil {
		t.Fatalf("resumed pass: %+v %v", rep, err)
	}
	// 2 revenue + 2 invoices + 1 activity + 2 keys + 1 account.
	if d := rep.Sources[0].Deleted; d != 8 {
		t.Errorf("%d rows removed, want 8", d)
	}
	want := map[string]int{"accounts": 5, "revenue_sources": 4, "invoices": 4, "activities": 2, "usage_weeks": 3}
	got = rows(t, st)
	for k, n := range want {
		if got[k] != n {
			t.Errorf("after the sweep %s = %d, want %d", k, got[k], n)
		}
	}
	if _, err := st.AccountByDomain(ctx, "co2.example"); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("the swept customer's account is still there: %v", err)
	}
}

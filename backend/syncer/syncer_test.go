package syncer_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"successdesk/backend/connector"
	"successdesk/backend/connector/connectortest"
	"successdesk/backend/domain"
	"successdesk/backend/store"
	"successdesk/backend/syncer"
)

func TestRunCommitsEachPageWithItsCursor(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	rec := &recorder{}
	fake := stripeFake(5)
	// Pages are fetched ahead while earlier ones commit: when page n is
	// asked for, any k < n of them may be committed. Whatever a reader
	// sees, the committed pages and the cursor after them are there
	// together or not at all.
	fake.OnFetch = func(n int) {
		cur, items, accounts := snapshot(t, st)
		k := items / recordsPerPage
		if k >= n || cur != connectortest.CursorFor(k+1) || items != k*recordsPerPage || accounts != 2*k {
			t.Errorf("before page %d: cursor %q with %d items and %d accounts", n, cur, items, accounts)
		}
	}
	s := newSyncer(t, st, rec, fake)
	rep, err := s.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := rep.Sources[0]
	if r.Pages != 5 || r.Items != 5*recordsPerPage || r.Skipped != 0 || r.Err != nil || !rep.Recomputed {
		t.Fatalf("report = %+v", rep)
	}
	want := map[string]int{"accounts": 10, "revenue_sources": 10, "invoices": 10, "activities": 5, "usage_weeks": 5}
	got := rows(t, st)
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s = %d, want %d", k, got[k], n)
		}
	}
	fin := state(t, st, domain.SourceStripe)
	if fin.Status != store.SyncIdle || fin.Cursor != "" || fin.ErrorCount != 0 || !fin.LastSuccessAt.Equal(t0) ||
		fin.ItemsSynced != 5*recordsPerPage {
		t.Fatalf("final state = %+v", fin)
	}
	// Invoices point at their subscriptions; no-domain accounts have none.
	acc, err := st.AccountByDomain(ctx, "co3.example")
	if err != nil {
		t.Fatal(err)
	}
	invs, _ := st.Invoices(ctx, acc.ID)
	if len(invs) != 1 || invs[0].RevenueSourceID == 0 || invs[0].Source != domain.SourceStripe {
		t.Fatalf("invoices = %+v", invs)
	}

	// A second run is a full pass again and changes nothing.
	before := rows(t, st)
	fake.OnFetch = nil
	if _, err := s.Run(ctx); err != nil {
		t.Fatal(err)
	}
	sameRows(t, rows(t, st), before)
	if calls := fake.Calls(); len(calls) != 10 || calls[5] != "" {
		t.Fatalf("calls = %q", calls)
	}
	if rec.count() != 2 {
		t.Fatalf("recomputes = %d, want one per run", rec.count())
	}
}

func TestFaultKeepsCommittedPagesAndResumes(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	rec := &recorder{}
	fake := stripeFake(5)
	fake.FailAt(3, domain.Errorf(domain.EUnavailable, "Stripe is unavailable (503 Service Unavailable); try again later."))
	s := newSyncer(t, st, rec, fake)

	rep, err := s.Run(ctx)
	if err != nil {
		t.Fatalf("a source failure must not fail Run: %v", err)
	}
	if r := rep.Sources[0]; r.Pages != 2 || domain.ErrorCode(r.Err) != domain.EUnavailable {
		t.Fatalf("report = %+v", r)
	}
	sameRows(t, rows(t, st), cleanRows(t, 2))
	s1 := state(t, st, domain.SourceStripe)
	if s1.Status != store.SyncFailed || s1.ErrorCount != 1 || s1.Cursor != connectortest.CursorFor(3) ||
		s1.LastError != "Stripe is unavailable (503 Service Unavailable); try again later." {
		t.Fatalf("failed state = %+v", s1)
	}

	rep, err = s.Run(ctx)
	if err != nil || rep.Sources[0].Err != nil || rep.Sources[0].ResumedFrom != connectortest.CursorFor(3) {
		t.Fatalf("resume: %+v, %v", rep, err)
	}
	calls := fake.Calls()
	if want := []string{"", "page-2", "page-3", "page-3", "page-4", "page-5"}; !slices.Equal(calls, want) {
		t.Fatalf("calls = %q, want %q", calls, want)
	}
	sameRows(t, rows(t, st), cleanRows(t, 5))
	s2 := state(t, st, domain.SourceStripe)
	if s2.Status != store.SyncIdle || s2.ErrorCount != 0 || s2.LastError != "" || s2.ItemsSynced != 5*recordsPerPage {
		t.Fatalf("state after resume = %+v", s2)
	}
}

func TestUnauthorizedNeedsReconnect(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	fake := stripeFake(3)
	fake.FailAt(2, domain.Errorf(domain.EUnauthorized, "Stripe rejected the credentials (401 Unauthorized); check the token in Settings."))
	s := newSyncer(t, st, &recorder{}, fake)
	if _, err := s.Run(ctx); err != nil {
		t.Fatal(err)
	}
	got := state(t, st, domain.SourceStripe)
	if got.Status != store.SyncReconnect || got.ErrorCount != 1 || got.Cursor != connectortest.CursorFor(2) {
		t.Fatalf("state = %+v", got)
	}
	sameRows(t, rows(t, st), cleanRows(t, 1))
	if due, _ := s.Due(ctx); len(due) != 0 {
		t.Fatalf("the schedule must not retry refused credentials: due = %v", due)
	}
}

func TestUnexpectedErrorIsStoredPlain(t *testing.T) {
	st := openStore(t)
	fake := stripeFake(2)
	fake.FailAt(1, fmt.Errorf("decode: unexpected token near sk_live_51Hxyz"))
	if _, err := newSyncer(t, st, &recorder{}, fake).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := state(t, st, domain.SourceStripe); got.LastError != "Internal error." || got.Status != store.SyncFailed {
		t.Fatalf("state = %+v", got)
	}
}

func TestCancelSourceLeavesResumableState(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	rec := &recorder{}
	fake := stripeFake(5)
	var s *syncer.Syncer
	fake.BlockAt(3)
	fake.OnFetch = func(n int) {
		if n == 3 && !s.Cancel(domain.SourceStripe) {
			t.Error("Cancel found no running source")
		}
	}
	s = newSyncer(t, st, rec, fake)
	rep, err := s.Run(ctx)
	if err != nil || !rep.Sources[0].Canceled || rep.Sources[0].Err != nil || rep.Sources[0].Pages != 2 {
		t.Fatalf("canceled run: %+v, %v", rep, err)
	}
	got := state(t, st, domain.SourceStripe)
	if got.Status != store.SyncIdle || got.ErrorCount != 0 || got.Cursor != connectortest.CursorFor(3) {
		t.Fatalf("state = %+v", got)
	}
	fake.OnFetch = nil
	if rep, err := s.Run(ctx); err != nil || rep.Sources[0].ResumedFrom != connectortest.CursorFor(3) {
		t.Fatalf("resume: %+v, %v", rep, err)
	}
	sameRows(t, rows(t, st), cleanRows(t, 5))
}

func TestContextCancelStopsRunWithoutRecompute(t *testing.T) {
	st := openStore(t)
	rec := &recorder{}
	fake := stripeFake(5)
	ctx, cancel := context.WithCancel(context.Background())
	// Cancel arrives while page 2 is being fetched: page 2 is still
	// committed, page 3 is never asked for.
	fake.OnFetch = func(n int) {
		if n == 2 {
			cancel()
		}
	}
	s := newSyncer(t, st, rec, fake)
	_, err := s.Run(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if rec.count() != 0 {
		t.Fatalf("recompute ran after a cancel")
	}
	got := state(t, st, domain.SourceStripe)
	if got.Status != store.SyncIdle || got.Cursor != connectortest.CursorFor(3) || got.ErrorCount != 0 {
		t.Fatalf("state = %+v", got)
	}
	if _, err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	sameRows(t, rows(t, st), cleanRows(t, 5))
}

func TestRunConflictsWhileRunning(t *testing.T) {
	st := openStore(t)
	fake := stripeFake(2)
	fake.BlockAt(1)
	started := make(chan struct{})
	fake.OnFetch = func(int) { close(started) }
	s := newSyncer(t, st, &recorder{}, fake)
	done := make(chan error)
	go func() { _, err := s.Run(context.Background()); done <- err }()
	<-started
	if _, err := s.Run(context.Background()); domain.ErrorCode(err) != domain.EConflict {
		t.Fatalf("second run: err = %v, want conflict", err)
	}
	s.Cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestOrphanRecordsAreSkippedAndUnknownSourcesReported(t *testing.T) {
	st := openStore(t)
	page := connector.Page{Invoices: []connector.InvoiceRecord{{AccountKey: "cus_nobody",
		Invoice: domain.Invoice{ExternalID: "in_x", Status: domain.InvoiceOpen, IssuedAt: t0}}},
		Accounts: []connector.AccountRecord{{Key: ""}}}
	s := newSyncer(t, st, &recorder{}, connectortest.NewFake(domain.SourceStripe, page))
	rep, err := s.Run(context.Background(), domain.SourceStripe, domain.SourceAttio)
	if err != nil {
		t.Fatal(err)
	}
	if r := rep.Sources[0]; r.Skipped != 2 || r.Items != 0 || r.Err != nil {
		t.Fatalf("stripe = %+v", r)
	}
	if r := rep.Sources[1]; domain.ErrorCode(r.Err) != domain.ENotConnected {
		t.Fatalf("attio = %+v", r)
	}
	if _, err := st.SyncState(context.Background(), domain.SourceAttio); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("attio state touched: %v", err)
	}
}

func TestNewRejectsDuplicateConnectors(t *testing.T) {
	st := openStore(t)
	_, err := syncer.New(st, []connector.Connector{stripeFake(1), stripeFake(1)}, syncer.Options{})
	if domain.ErrorCode(err) != domain.EInvalid {
		t.Fatalf("err = %v", err)
	}
}

func TestNewRejectsUnsyncableSource(t *testing.T) {
	_, err := syncer.New(openStore(t), []connector.Connector{connectortest.NewFake(domain.SourceManual)}, syncer.Options{})
	if domain.ErrorCode(err) != domain.EInvalid {
		t.Fatalf("err = %v", err)
	}
}

func TestCanceledRunStillReportsFinished(t *testing.T) {
	rec := &recorder{}
	fake := stripeFake(3)
	ctx, cancel := context.WithCancel(context.Background())
	fake.OnFetch = func(n int) {
		if n == 2 {
			cancel()
		}
	}
	if _, err := newSyncer(t, openStore(t), rec, fake).Run(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	last := rec.events[len(rec.events)-1]
	fin, ok := last.data.(syncer.Finished)
	if last.name != syncer.EventFinished || !ok || len(fin.Sources) != 1 || fin.Sources[0].Status != "canceled" {
		t.Fatalf("last event = %+v", last)
	}
}

package syncer_test

import (
	"context"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/store"
	"successdesk/backend/syncer"
)

// Pages fetched while the store is busy wait for it and are then committed
// together, in order, with the cursor after the last of them; nothing is
// lost or written twice.
func TestPagesWaitingForTheStoreShareATransaction(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	rec := &recorder{}
	fake := stripeFake(6)
	held, release, other := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	fake.OnFetch = func(n int) {
		switch n {
		case 1: // another writer holds the store until page 6 is asked for
			go func() {
				other <- st.Write(ctx, func(*store.Tx) error { close(held); <-release; return nil })
			}()
			<-held
		case 6:
			close(release)
		}
	}
	c := &clock{now: t0, step: 200 * time.Millisecond} // every commit sends its progress
	s, err := syncer.New(st, []connector.Connector{fake}, syncer.Options{Recompute: rec.recompute, Emit: rec.emit, Now: c.Now,
		BatchPages: 8})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Run(ctx)
	if err != nil || rep.Sources[0].Err != nil || rep.Sources[0].Pages != 6 || rep.Sources[0].Items != 6*recordsPerPage {
		t.Fatalf("run: %+v, %v", rep, err)
	}
	if err := <-other; err != nil {
		t.Fatal(err)
	}
	// The first transaction waited for the store; by then pages up to 5
	// were fetched, so they went in it or in the next one, and page 6 in
	// those or one more: at most three commits where page by page took six.
	var done []int
	for _, p := range rec.progress() {
		if p.Source == "stripe" {
			done = append(done, p.Done)
		}
	}
	commits := done[1 : len(done)-1] // after "Loading…" (0), before the closing count
	ok := len(commits) >= 1 && len(commits) <= 3 && done[0] == 0 && done[len(done)-1] == 6*recordsPerPage
	for i, d := range commits {
		ok = ok && d%recordsPerPage == 0 && (i == 0 || d > commits[i-1])
	}
	if !ok || commits[len(commits)-1] != 6*recordsPerPage {
		t.Fatalf("progress after each commit = %v, want at most three commits of whole pages", done)
	}
	sameRows(t, rows(t, st), cleanRows(t, 6))
	if got := state(t, st, domain.SourceStripe); got.Cursor != "" || got.ItemsSynced != 6*recordsPerPage ||
		got.Status != store.SyncIdle {
		t.Fatalf("state = %+v", got)
	}
}

// repeater serves page 1 and then, from "page-2" on, page 2 naming its own
// cursor as the next one: a source repeating itself.
type repeater struct{ calls int }

func (r *repeater) Source() domain.Source { return domain.SourceStripe }

func (r *repeater) Fetch(_ context.Context, cur connector.Cursor) (connector.Page, error) {
	r.calls++
	if cur == "" {
		p := stripePage(1)
		p.Next = "page-2"
		return p, nil
	}
	p := stripePage(2)
	p.Next = cur
	return p, nil
}

// A source that repeats a page stops the run with a plain error; the pages
// before it are committed, and the fetcher stops asking.
func TestRepeatedPageStopsTheRun(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	src := &repeater{}
	s := newSyncer(t, st, &recorder{}, src)
	rep, err := s.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := rep.Sources[0]
	if domain.ErrorCode(r.Err) != domain.EInternal || domain.ErrorMessage(r.Err) != "Stripe returned the same page twice." ||
		r.Pages != 1 || src.calls != 2 {
		t.Fatalf("report = %+v after %d fetches", r, src.calls)
	}
	sameRows(t, rows(t, st), cleanRows(t, 1))
	if got := state(t, st, domain.SourceStripe); got.Cursor != "page-2" || got.Status != store.SyncFailed {
		t.Fatalf("state = %+v", got)
	}
}

package syncer_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/store"
	"successdesk/backend/syncer"
)

// clock advances by step each time it is read.
type clock struct {
	mu   sync.Mutex
	now  time.Time
	step time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(c.step)
	return c.now
}

func runWithClock(t *testing.T, step time.Duration) (*recorder, syncer.Report) {
	t.Helper()
	rec := &recorder{}
	c := &clock{now: t0, step: step}
	// One page per transaction, as when the source is slower than the
	// store, so that every page's commit is a progress step.
	s, err := syncer.New(openStore(t), []connector.Connector{stripeFake(5)},
		syncer.Options{Recompute: rec.recompute, Emit: rec.emit, Now: c.Now, BatchPages: 1})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rec, rep
}

func TestProgressPhasesCountsAndThrottle(t *testing.T) {
	// A slow clock: every page lands within 100 ms of the last event, so
	// only the forced events (phase changes and the final count) are sent.
	rec, _ := runWithClock(t, time.Millisecond)
	got := rec.progress()
	want := []syncer.Progress{
		{Phase: connector.PhaseChecking, Seq: 1},
		{Source: "stripe", Phase: connector.PhaseLoading, Seq: 2},
		{Source: "stripe", Phase: connector.PhaseSubscriptions, Done: recordsPerPage, Total: 40, Seq: 3}, // a phase change is never throttled
		{Source: "stripe", Phase: connector.PhaseSubscriptions, Done: 5 * recordsPerPage, Total: 40, Seq: 4},
		{Phase: connector.PhaseTallying, Seq: 5},
	}
	if len(got) != len(want) {
		t.Fatalf("throttled progress = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	last := rec.events[len(rec.events)-1]
	fin, ok := last.data.(syncer.Finished)
	// The events are numbered in the order sent, the finished one last.
	if last.name != syncer.EventFinished || !ok || len(fin.Sources) != 1 || fin.Sources[0].Status != "idle" ||
		fin.Sources[0].Items != 40 || fin.Seq != int64(len(rec.events)) {
		t.Fatalf("last event = %+v", last)
	}

	// A fast clock: each page is more than 100 ms after the last event.
	rec, _ = runWithClock(t, 200*time.Millisecond)
	var done []int
	for _, p := range rec.progress() {
		if p.Source == "stripe" {
			done = append(done, p.Done)
		}
	}
	wantDone := []int{0, 8, 16, 24, 32, 40, 40}
	if len(done) != len(wantDone) {
		t.Fatalf("done counts = %v, want %v", done, wantDone)
	}
	for i := range wantDone {
		if done[i] != wantDone[i] {
			t.Fatalf("done counts = %v, want %v", done, wantDone)
		}
	}
	if rec.count() != 1 {
		t.Fatalf("recomputes = %d", rec.count())
	}
}

func TestRecomputeErrorIsReturned(t *testing.T) {
	boom := domain.Errorf(domain.EInternal, "boom")
	s, _ := syncer.New(openStore(t), []connector.Connector{stripeFake(1)},
		syncer.Options{Recompute: func(context.Context) error { return boom }})
	rep, err := s.Run(context.Background())
	if domain.ErrorCode(err) != domain.EInternal || rep.Recomputed {
		t.Fatalf("rep = %+v, err = %v", rep, err)
	}
}

func TestDueFollowsIntervalAndStatus(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	c := &clock{now: t0}
	s, _ := syncer.New(st, []connector.Connector{stripeFake(1)}, syncer.Options{Now: c.Now, Interval: 30 * time.Minute})
	if due, _ := s.Due(ctx); len(due) != 1 {
		t.Fatalf("never synced: due = %v", due)
	}
	if _, err := s.Run(ctx); err != nil {
		t.Fatal(err)
	}
	c.now = t0.Add(29 * time.Minute)
	if due, _ := s.Due(ctx); len(due) != 0 {
		t.Fatalf("29 min later: due = %v", due)
	}
	if rep, err := s.RunDue(ctx); err != nil || len(rep.Sources) != 0 {
		t.Fatalf("RunDue with nothing due: %+v, %v", rep, err)
	}
	c.now = t0.Add(30 * time.Minute)
	if due, _ := s.Due(ctx); len(due) != 1 {
		t.Fatalf("30 min later: due = %v", due)
	}
	// An interrupted run (the app died mid-run) is due at once.
	_ = st.Write(ctx, func(tx *store.Tx) error { return tx.MarkRunning(ctx, domain.SourceStripe, t0) })
	c.now = t0.Add(time.Minute)
	if due, _ := s.Due(ctx); len(due) != 1 {
		t.Fatalf("interrupted: due = %v", due)
	}
}

func TestScheduleRunsWhileOnlineOnly(t *testing.T) {
	var online atomic.Bool
	var recomputes, checks atomic.Int32
	st := openStore(t)
	s, _ := syncer.New(st, []connector.Connector{stripeFake(2)}, syncer.Options{
		Interval:  5 * time.Millisecond,
		Online:    func() bool { checks.Add(1); return online.Load() },
		Recompute: func(context.Context) error { recomputes.Add(1); return nil },
		// Every tick sees the source as due.
		Now: func() time.Time { return time.Now().Add(24 * time.Hour) },
	})
	ctx, cancel := context.WithCancel(context.Background())
	wait := s.Start(ctx)
	// Five ticks that each found the machine offline (counted, not timed):
	// none of them may have run the source.
	deadline := time.Now().Add(5 * time.Second)
	for checks.Load() < 5 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if checks.Load() < 5 {
		t.Fatal("the schedule never checked whether it was online")
	}
	if n := recomputes.Load(); n != 0 {
		t.Fatalf("offline schedule ran %d times", n)
	}
	online.Store(true)
	deadline = time.Now().Add(5 * time.Second)
	for recomputes.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	wait()
	if recomputes.Load() == 0 {
		t.Fatal("online schedule never ran")
	}
	if got, _ := st.SyncState(context.Background(), domain.SourceStripe); got.Status == store.SyncRunning {
		t.Fatalf("state after stop = %+v", got)
	}
}

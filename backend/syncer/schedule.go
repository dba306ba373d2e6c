package syncer

import (
	"context"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// Due lists the sources the schedule would sync at now: those never
// synced, not idle (a failed or interrupted run resumes), or last
// successful at least one Interval ago. Sources waiting for new credentials
// (status reconnect) are left to the person fixing them in Settings.
func (s *Syncer) Due(ctx context.Context) ([]domain.Source, error) {
	now := s.opts.Now()
	var due []domain.Source
	for _, src := range s.order {
		st, err := s.st.SyncState(ctx, src)
		switch {
		case domain.ErrorCode(err) == domain.ENotFound:
			due = append(due, src)
		case err != nil:
			return nil, err
		case st.Status == store.SyncReconnect:
		case st.Status != store.SyncIdle, st.LastSuccessAt.IsZero(), !now.Before(st.LastSuccessAt.Add(s.opts.Interval)):
			due = append(due, src)
		}
	}
	return due, nil
}

// RunDue runs the due sources (see Due) unless Online reports false or
// nothing is due, in which case it does nothing and returns an empty Report.
func (s *Syncer) RunDue(ctx context.Context) (Report, error) {
	if s.opts.Online != nil && !s.opts.Online() {
		return Report{}, nil
	}
	due, err := s.Due(ctx)
	if err != nil || len(due) == 0 {
		return Report{}, err
	}
	return s.Run(ctx, due...)
}

// Start runs the schedule in a goroutine: RunDue at once, then every
// Interval, until ctx ends (which also cancels a run under way). A tick that
// finds a run already going is skipped. The returned wait blocks until the
// loop has stopped.
func (s *Syncer) Start(ctx context.Context) (wait func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(s.opts.Interval)
		defer t.Stop()
		for {
			if _, err := s.RunDue(ctx); err != nil && ctx.Err() == nil &&
				domain.ErrorCode(err) != domain.EConflict && s.opts.Logger != nil {
				s.opts.Logger.Error("scheduled sync failed", "err", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return func() { <-done }
}

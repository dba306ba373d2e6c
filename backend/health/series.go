package health

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/scoring"
	"successdesk/backend/store"
)

// RecomputeSeries writes a snapshot at each of times, oldest first, the
// same snapshots Recompute would write if called at each time in turn, but
// reads the book once: every account's facts for the window of the earliest
// time, which covers the later ones' (store.FactsWindow.Covers), are held in
// memory and narrowed to each time's window (store.FactsWindow.Narrow).
// The snapshots are written in one write transaction, which also holds the
// read, so the book cannot change in between, and either all of them are
// written or none is.
//
// Memory grows with the book (each account's facts, a few kilobytes at
// most): it is meant for writing a new book's history (books.BuildDemo),
// where thirteen weekly recomputes would read the book thirteen times.
// done, when not nil, is called after each snapshot's scores are added,
// with its index in times. times must not be empty or go back in time
// (after truncation to the second, as Recompute truncates); invalid
// settings give a domain.EInvalid error before anything is read.
func (r *Recomputer) RecomputeSeries(ctx context.Context, settings domain.HealthSettings, times []time.Time, done func(i int)) ([]store.Snapshot, error) {
	if err := settings.Validate(); err != nil {
		return nil, err
	}
	at := make([]time.Time, len(times))
	for i, t := range times {
		at[i] = t.UTC().Truncate(time.Second)
		if i > 0 && at[i].Before(at[i-1]) {
			return nil, fmt.Errorf("recompute series: %s comes before %s", at[i].Format(time.RFC3339), at[i-1].Format(time.RFC3339))
		}
	}
	if len(at) == 0 {
		return nil, errors.New("recompute series: no times")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	defer roomyGC()()

	var snaps []store.Snapshot
	err := r.st.Write(ctx, func(tx *store.Tx) error {
		snaps = snaps[:0]
		facts, err := r.readFacts(ctx, Window(at[0]))
		if err != nil {
			return errRead{err}
		}
		for i, now := range at {
			snap := store.Snapshot{ComputedAt: now, Settings: settings, Accounts: len(facts)}
			if snap.ID, err = tx.BeginSnapshot(ctx, now, settings, 0); err != nil {
				return err
			}
			current, err := tx.CurrentHashes(ctx)
			if err != nil {
				return err
			}
			scores, err := r.scoreAll(facts, settings, now)
			if err != nil {
				return errRead{err}
			}
			for b := range slices.Chunk(scores, batchSize) {
				n, err := tx.AddEncodedBatch(ctx, snap.ID, b, current)
				if err != nil {
					return err
				}
				snap.Changed += n
			}
			tx.SetSnapshotAccounts(snap.Accounts)
			if err := tx.PruneSnapshots(ctx, now); err != nil {
				return err
			}
			snaps = append(snaps, snap)
			if done != nil {
				done(i)
			}
		}
		return nil
	})
	var re errRead
	switch {
	case errors.As(err, &re):
		return nil, fmt.Errorf("read health inputs: %w", re.err)
	case err != nil:
		return nil, fmt.Errorf("write health snapshot: %w", err)
	}
	return snaps, nil
}

// readFacts returns every account's facts for w, in account order, each
// with slices of its own.
func (r *Recomputer) readFacts(ctx context.Context, w store.FactsWindow) ([]domain.AccountFacts, error) {
	var out []domain.AccountFacts
	err := r.st.ScanFacts(ctx, w, func(f *domain.AccountFacts) error {
		out = append(out, f.Clone())
		return nil
	})
	return out, err
}

// scoreAll scores and encodes every account of facts as of now, narrowed to
// now's window, on up to four goroutines; the scores are in facts' order.
func (r *Recomputer) scoreAll(facts []domain.AccountFacts, settings domain.HealthSettings, now time.Time) ([]store.EncodedScore, error) {
	w := Window(now)
	out := make([]store.EncodedScore, len(facts))
	parts := min(runtime.GOMAXPROCS(0), 4, max(1, len(facts)/batchSize))
	size := (len(facts) + parts - 1) / parts
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := min(p*size, len(facts)), min((p+1)*size, len(facts))
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := scorer{settings: settings, fx: r.fx, now: now}
			var f domain.AccountFacts
			for i := lo; i < hi; i++ {
				w.Narrow(&f, &facts[i])
				if out[i], errs[p] = sc.encode(&f); errs[p] != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// scorer scores accounts as of now and encodes their scores, reusing its
// buffers from one account to the next: one per goroutine.
type scorer struct {
	settings domain.HealthSettings
	fx       domain.FXRates
	now      time.Time
	factors  []domain.RiskFactor
	scratch  []byte
}

func (s *scorer) encode(f *domain.AccountFacts) (store.EncodedScore, error) {
	h := scoring.HealthReusing(f, s.settings, s.fx, s.now, &s.factors)
	return store.EncodeScoreBuf(&h, &s.scratch)
}

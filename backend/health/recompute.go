package health

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/scoring"
	"successdesk/backend/store"
)

// How far back the time-series inputs are read. The model looks back at most
// 4 weeks of usage, 30 days of escalations, complaints and payment failures
// and 90 days of NPS. Usage reaches further so that an account silent for up
// to 13 weeks still reads as "no active users" rather than "no usage data".
// Unpaid invoices are always read, whatever their age.
const (
	usageWeeks  = 13
	signalDays  = 90
	failureDays = 30
)

// Window returns the facts window Recompute reads at now: usage weeks from
// the Monday 13 weeks before now's week, escalations, complaints and NPS
// answers from 90 days before now,
// and invoices unpaid, failed in the 30 days before now, or paid after now.
func Window(now time.Time) store.FactsWindow {
	now = now.UTC()
	return store.FactsWindow{
		AsOf:          now,
		UsageSince:    domain.WeekStart(now).AddDate(0, 0, -7*usageWeeks),
		SignalsSince:  now.AddDate(0, 0, -signalDays),
		SignalKinds:   []domain.SignalKind{domain.SignalEscalation, domain.SignalComplaint, domain.SignalNPS},
		FailuresSince: now.AddDate(0, 0, -failureDays),
	}
}

// Recomputer writes health snapshots for one store. It is safe for concurrent
// use; concurrent Recompute calls run one after the other.
type Recomputer struct {
	st *store.Store
	fx domain.FXRates

	mu   sync.Mutex // serializes recomputes
	last int        // accounts in the previous recompute, to size the buffer
}

// New returns a Recomputer that reads and writes st and converts ARR into
// fx.Base with fx.
func New(st *store.Store, fx domain.FXRates) *Recomputer {
	return &Recomputer{st: st, fx: fx}
}

// Recompute scores every account (tracked or not) as of now under settings
// and writes the scores as one new snapshot computed at now, then prunes old
// snapshots (store.Tx.PruneSnapshots) in the same transaction. Either the
// whole snapshot is written or nothing is.
//
// Invalid settings give a domain.EInvalid error before anything is read. The
// facts are read in one read transaction and buffered, then written in one
// write transaction, so the write lock is held only while writing.
// The returned Snapshot's ComputedAt is now in UTC truncated to the second,
// as the store keeps it.
func (r *Recomputer) Recompute(ctx context.Context, settings domain.HealthSettings, now time.Time) (store.Snapshot, error) {
	if err := settings.Validate(); err != nil {
		return store.Snapshot{}, err
	}
	now = now.UTC().Truncate(time.Second)
	r.mu.Lock()
	defer r.mu.Unlock()

	scores, err := r.score(ctx, settings, now)
	if err != nil {
		return store.Snapshot{}, fmt.Errorf("read health inputs: %w", err)
	}

	snap := store.Snapshot{ComputedAt: now, Settings: settings, Accounts: len(scores)}
	err = r.st.Write(ctx, func(tx *store.Tx) error {
		var err error
		if snap.ID, err = tx.BeginSnapshot(ctx, now, settings, len(scores)); err != nil {
			return err
		}
		current, err := tx.CurrentHashes(ctx)
		if err != nil {
			return err
		}
		for _, e := range scores {
			changed, err := tx.AddEncoded(ctx, snap.ID, e, current)
			if err != nil {
				return err
			}
			if changed {
				snap.Changed++
			}
		}
		return tx.PruneSnapshots(ctx, now)
	})
	if err != nil {
		return store.Snapshot{}, fmt.Errorf("write health snapshot: %w", err)
	}
	r.last = len(scores)
	return snap, nil
}

// batchSize is how many accounts' facts travel to the scoring goroutine at once.
const batchSize = 512

// score reads every account's facts, scores and encodes them, in account order. The
// scan (SQLite) and the scoring (Go) run on two goroutines so that they
// overlap on a multi-core machine; facts are copied into batches because
// ScanFacts reuses its buffers.
func (r *Recomputer) score(ctx context.Context, settings domain.HealthSettings, now time.Time) ([]store.EncodedScore, error) {
	scores := make([]store.EncodedScore, 0, r.last)
	batches := make(chan []domain.AccountFacts, 4)
	done := make(chan struct{})
	var encErr error
	go func() {
		defer close(done)
		for b := range batches {
			for i := range b {
				h := scoring.Health(&b[i], settings, r.fx, now)
				e, err := store.EncodeScore(&h)
				if err != nil && encErr == nil {
					encErr = err
				}
				scores = append(scores, e)
			}
		}
	}()
	batch := make([]domain.AccountFacts, 0, batchSize)
	err := r.st.ScanFacts(ctx, Window(now), func(f *domain.AccountFacts) error {
		batch = append(batch, copyFacts(f))
		if len(batch) == batchSize {
			batches <- batch
			batch = make([]domain.AccountFacts, 0, batchSize)
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	<-done
	if err == nil {
		err = encErr
	}
	return scores, err
}

// copyFacts returns f with slices of its own.
func copyFacts(f *domain.AccountFacts) domain.AccountFacts {
	c := *f
	c.Revenue = slices.Clone(f.Revenue)
	c.Invoices = slices.Clone(f.Invoices)
	c.Usage = slices.Clone(f.Usage)
	c.Signals = slices.Clone(f.Signals)
	return c
}

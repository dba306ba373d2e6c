package health

import (
	"context"
	"fmt"
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
// the Monday 13 weeks before now's week, signals from 90 days before now,
// and invoices unpaid, failed in the 30 days before now, or paid after now.
func Window(now time.Time) store.FactsWindow {
	now = now.UTC()
	return store.FactsWindow{
		AsOf:          now,
		UsageSince:    domain.WeekStart(now).AddDate(0, 0, -7*usageWeeks),
		SignalsSince:  now.AddDate(0, 0, -signalDays),
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

	scores := make([]domain.HealthScore, 0, r.last)
	err := r.st.ScanFacts(ctx, Window(now), func(f *domain.AccountFacts) error {
		scores = append(scores, scoring.Health(f, settings, r.fx, now))
		return nil
	})
	if err != nil {
		return store.Snapshot{}, fmt.Errorf("read health inputs: %w", err)
	}

	snap := store.Snapshot{ComputedAt: now, Settings: settings, Accounts: len(scores)}
	err = r.st.Write(ctx, func(tx *store.Tx) error {
		var err error
		if snap.ID, err = tx.BeginSnapshot(ctx, now, settings, len(scores)); err != nil {
			return err
		}
		for i := range scores {
			changed, err := tx.AddScore(ctx, snap.ID, &scores[i])
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

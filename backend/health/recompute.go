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

// SetFX makes fx the rates the next recompute converts ARR with.
func (r *Recomputer) SetFX(fx domain.FXRates) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fx = fx
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
		if snap.Changed, err = tx.AddEncodedBatch(ctx, snap.ID, scores, current); err != nil {
			return err
		}
		return tx.PruneSnapshots(ctx, now)
	})
	if err != nil {
		return store.Snapshot{}, fmt.Errorf("write health snapshot: %w", err)
	}
	r.last = len(scores)
	return snap, nil
}

// score reads every account's facts, scores and encodes them, in account
// order. The book is split into one account-id range per CPU, each scanned
// and scored on its own goroutine and read connection, so a multi-core
// machine overlaps SQLite's work with scoring. (Each range is read in its
// own transaction; a write landing between them is picked up by the next
// recompute, which every write that matters triggers.)
func (r *Recomputer) score(ctx context.Context, settings domain.HealthSettings, now time.Time) ([]store.EncodedScore, error) {
	splits, err := r.st.AccountIDSplit(ctx, min(runtime.GOMAXPROCS(0), 4))
	if err != nil {
		return nil, err
	}
	bounds := append(append([]int64{0}, splits...), 0)
	parts := make([][]store.EncodedScore, len(bounds)-1)
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := Window(now)
			w.FromID, w.ToID = bounds[i], bounds[i+1]
			out := make([]store.EncodedScore, 0, r.last/len(parts)+1)
			errs[i] = r.st.ScanFacts(ctx, w, func(f *domain.AccountFacts) error {
				h := scoring.Health(f, settings, r.fx, now)
				e, err := store.EncodeScore(&h)
				out = append(out, e)
				return err
			})
			parts[i] = out
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return slices.Concat(parts...), nil
}

package health

import (
	"context"
	"errors"
	"fmt"
	"runtime"
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

	mu sync.Mutex // serializes recomputes
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
// Invalid settings give a domain.EInvalid error before anything is read.
// Reading and writing overlap: the book is scanned and scored in account-id
// ranges on their own goroutines and read connections (see produce) while
// one write transaction stores each batch as it arrives, so the write lock
// is held for the length of the recompute.
// The returned Snapshot's ComputedAt is now in UTC truncated to the second,
// as the store keeps it.
func (r *Recomputer) Recompute(ctx context.Context, settings domain.HealthSettings, now time.Time) (store.Snapshot, error) {
	if err := settings.Validate(); err != nil {
		return store.Snapshot{}, err
	}
	now = now.UTC().Truncate(time.Second)
	r.mu.Lock()
	defer r.mu.Unlock()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []store.EncodedScore, 8)
	var readErr error
	read := make(chan struct{})
	go func() {
		defer close(read)
		defer close(batches)
		readErr = r.produce(ctx, settings, now, batches)
	}()
	// On any early return the producer is canceled and waited for, so no
	// goroutine outlives the call.
	defer func() { cancel(); <-read }()

	snap := store.Snapshot{ComputedAt: now, Settings: settings}
	err := r.st.Write(ctx, func(tx *store.Tx) error {
		var err error
		if snap.ID, err = tx.BeginSnapshot(ctx, now, settings, 0); err != nil {
			return err
		}
		current, err := tx.CurrentHashes(ctx)
		if err != nil {
			return err
		}
		for b := range batches {
			n, err := tx.AddEncodedBatch(ctx, snap.ID, b, current)
			if err != nil {
				return err
			}
			snap.Changed += n
			snap.Accounts += len(b)
		}
		if readErr != nil { // set before batches closed
			return errRead{readErr}
		}
		tx.SetSnapshotAccounts(snap.Accounts)
		return tx.PruneSnapshots(ctx, now)
	})
	var re errRead
	switch {
	case errors.As(err, &re):
		return store.Snapshot{}, fmt.Errorf("read health inputs: %w", re.err)
	case err != nil:
		return store.Snapshot{}, fmt.Errorf("write health snapshot: %w", err)
	}
	return snap, nil
}

// errRead carries a read failure out of the write transaction, which it
// rolls back.
type errRead struct{ err error }

func (e errRead) Error() string { return e.err.Error() }

// batchSize is how many encoded scores the producer hands over at a time.
const batchSize = 256

// produce reads every account's facts, scores and encodes them, and sends
// them to out in batches, each batch in account order. The book is split
// into one account-id range per CPU (up to 4), each scanned and scored on
// its own goroutine and read connection, so a multi-core machine overlaps
// SQLite's reading with scoring and with the writer. (Each range is read in
// its own transaction; a write landing between them is picked up by the
// next recompute, which every write that matters triggers.) It returns when
// every range is done or ctx is canceled.
func (r *Recomputer) produce(ctx context.Context, settings domain.HealthSettings, now time.Time, out chan<- []store.EncodedScore) error {
	splits, err := r.st.AccountIDSplit(ctx, min(runtime.GOMAXPROCS(0), 4))
	if err != nil {
		return err
	}
	bounds := append(append([]int64{0}, splits...), 0)
	errs := make([]error, len(bounds)-1)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := Window(now)
			w.FromID, w.ToID = bounds[i], bounds[i+1]
			batch := make([]store.EncodedScore, 0, batchSize)
			send := func() error {
				select {
				case out <- batch:
					batch = make([]store.EncodedScore, 0, batchSize)
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			errs[i] = r.st.ScanFacts(ctx, w, func(f *domain.AccountFacts) error {
				h := scoring.Health(f, settings, r.fx, now)
				e, err := store.EncodeScore(&h)
				if err != nil {
					return err
				}
				if batch = append(batch, e); len(batch) == batchSize {
					return send()
				}
				return nil
			})
			if errs[i] == nil && len(batch) > 0 {
				errs[i] = send()
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

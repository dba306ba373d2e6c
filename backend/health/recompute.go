package health

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// How far back the time-series inputs are read. The model looks back at most
// 4 weeks of usage, 30 days of escalations, complaints and payment failures
// and 90 days of NPS. Usage reaches further so that an account silent for up
// to 13 weeks still reads as "no active users" rather than "no usage data".
// Unpaid invoices are always read, whatever their age.
const (
	usageWeeks  = 13
	signalDays  = 90 // NPS
	recentDays  = 30 // escalations and complaints
	failureDays = 30
)

// Window returns the facts window Recompute reads at now: usage weeks from
// the Monday 13 weeks before now's week, NPS answers from 90 days before
// now, escalations and complaints from 30 days before now, and invoices
// unpaid, failed in the 30 days before now, or paid after now.
func Window(now time.Time) store.FactsWindow {
	now = now.UTC()
	recent := now.AddDate(0, 0, -recentDays)
	return store.FactsWindow{
		AsOf:          now,
		UsageSince:    domain.WeekStart(now).AddDate(0, 0, -7*usageWeeks),
		SignalsSince:  now.AddDate(0, 0, -signalDays),
		SignalKinds:   []domain.SignalKind{domain.SignalEscalation, domain.SignalComplaint, domain.SignalNPS},
		KindSince:     map[domain.SignalKind]time.Time{domain.SignalEscalation: recent, domain.SignalComplaint: recent},
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
// one write transaction stores the batches range by range, in account
// order. The write lock is held for the length of the recompute, from
// before the first read, so no account scored can be deleted before its
// row is written.
// While it runs, the garbage collector's target is raised (see roomyGC).
// The returned Snapshot's ComputedAt is now in UTC truncated to the second,
// as the store keeps it.
func (r *Recomputer) Recompute(ctx context.Context, settings domain.HealthSettings, now time.Time) (store.Snapshot, error) {
	if err := settings.Validate(); err != nil {
		return store.Snapshot{}, err
	}
	now = now.UTC().Truncate(time.Second)
	r.mu.Lock()
	defer r.mu.Unlock()
	defer roomyGC()()

	snap := store.Snapshot{ComputedAt: now, Settings: settings}
	err := r.st.Write(ctx, func(tx *store.Tx) error {
		// The scans start inside the write transaction: no other writer can
		// commit between the book they read and the rows written here (an
		// account a sync deleted in between used to fail the snapshot on
		// the foreign key).
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		parts, wait, err := r.produce(ctx, settings, now)
		if err != nil {
			return errRead{err}
		}
		// On any early return the scanners are canceled and waited for, so
		// no goroutine outlives the call.
		defer func() { cancel(); wait() }()
		if snap.ID, err = tx.BeginSnapshot(ctx, now, settings, 0); err != nil {
			return err
		}
		current, err := tx.CurrentHashes(ctx)
		if err != nil {
			return err
		}
		// Range by range, so rows arrive in account order: SQLite appends
		// to its b-trees instead of splitting pages in two places.
		for _, part := range parts {
			for b := range part {
				n, err := tx.AddEncodedBatch(ctx, snap.ID, b, current)
				if err != nil {
					return err
				}
				snap.Changed += n
				snap.Accounts += len(b)
			}
			// While the later ranges are still being scanned.
			if err := tx.ApplyCurrent(ctx); err != nil {
				return err
			}
		}
		if err := wait(); err != nil {
			return errRead{err}
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

// batchSize is how many encoded scores a scanner hands over at a time, and
// queuedBatches how many it may have waiting (a range of up to 256k
// accounts is scanned without waiting for the writer).
const (
	batchSize     = 256
	queuedBatches = 1024
	// rangesPerWorker splits the book finer than the CPUs, so the writer,
	// which stores the ranges in order, has only the last small range left
	// when the scanners finish.
	rangesPerWorker = 2
)

// produce starts reading every account's facts, scoring and encoding them:
// the book is split into rangesPerWorker account-id ranges per CPU (up to
// 4 CPUs), scanned in order by one goroutine and read connection per CPU, so a
// multi-core machine overlaps SQLite's reading with scoring and with the
// writer. It returns one channel per range, in account order, each carrying
// its range's scores in batches in account order and closed when the range
// is done or ctx is canceled; and wait, which waits for every scanner and
// returns their errors. (Each range is read in its own transaction; a write
// landing between them is picked up by the next recompute, which every
// write that matters triggers.)
func (r *Recomputer) produce(ctx context.Context, settings domain.HealthSettings, now time.Time) ([]chan []store.EncodedScore, func() error, error) {
	workers := min(runtime.GOMAXPROCS(0), 4)
	splits, err := r.st.AccountIDSplit(ctx, rangesPerWorker*workers)
	if err != nil {
		return nil, nil, err
	}
	bounds := append(append([]int64{0}, splits...), 0)
	// A failed range stops the others: the snapshot is rolled back anyway.
	ctx, stop := context.WithCancel(ctx)
	outs := make([]chan []store.EncodedScore, len(bounds)-1)
	for i := range outs {
		outs[i] = make(chan []store.EncodedScore, queuedBatches)
	}
	errs := make([]error, len(outs))
	var next atomic.Int64 // the next range to scan: ranges are taken in order
	var wg sync.WaitGroup
	for range min(workers, len(outs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(outs) {
					return
				}
				if errs[i] = r.scanRange(ctx, settings, now, bounds[i], bounds[i+1], outs[i]); errs[i] != nil {
					stop()
				}
				close(outs[i])
			}
		}()
	}
	return outs, func() error {
		wg.Wait()
		stop()
		// Report the cause, not the ranges it stopped (unless ctx itself was canceled).
		var causes []error
		for _, err := range errs {
			if err != nil && !errors.Is(err, context.Canceled) {
				causes = append(causes, err)
			}
		}
		if len(causes) == 0 {
			return errors.Join(errs...)
		}
		return errors.Join(causes...)
	}, nil
}

// scanRange scans, scores and encodes the accounts with from <= id < to (no
// upper bound when to is 0) and sends them to out in batches.
func (r *Recomputer) scanRange(ctx context.Context, settings domain.HealthSettings, now time.Time, from, to int64, out chan<- []store.EncodedScore) error {
	w := Window(now)
	w.FromID, w.ToID = from, to
	batch := make([]store.EncodedScore, 0, batchSize)
	sc := scorer{settings: settings, fx: r.fx, now: now}
	send := func() error {
		select {
		case out <- batch:
			batch = make([]store.EncodedScore, 0, batchSize)
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	err := r.st.ScanFacts(ctx, w, func(f *domain.AccountFacts) error {
		e, err := sc.encode(f)
		if err != nil {
			return err
		}
		if batch = append(batch, e); len(batch) == batchSize {
			return send()
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = send()
	}
	return err
}

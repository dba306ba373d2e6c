package syncer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// DefaultInterval is how often the schedule syncs when Options.Interval is 0.
const DefaultInterval = 30 * time.Minute

// Options configure a Syncer. Every field may be left zero.
type Options struct {
	Recompute func(ctx context.Context) error // scores after each run; nil skips
	Emit      func(name string, data any)     // progress and finished events; nil drops them
	Interval  time.Duration                   // schedule period; 0 means DefaultInterval
	Online    func() bool                     // the schedule skips a tick when false; nil means online
	Now       func() time.Time                // nil means time.Now
	Logger    *slog.Logger                    // causes of internal errors; nil logs nothing
	// BatchPages is the most fetched pages one transaction commits; 0
	// means DefaultBatchPages, 1 commits page by page.
	BatchPages int
}

// Syncer runs connectors into a store. It is safe for concurrent use; one
// run at a time.
type Syncer struct {
	st    *store.Store
	sink  connector.Sink
	conns map[domain.Source]connector.Connector
	order []domain.Source
	opts  Options
	prog  *throttle

	running sync.Mutex // held for a whole run
	mu      sync.Mutex
	cancels map[domain.Source]context.CancelFunc
}

// New returns a Syncer over st for conns (at most one per source, EInvalid
// otherwise), writing through a StoreSink.
func New(st *store.Store, conns []connector.Connector, opts Options) (*Syncer, error) {
	if opts.Interval <= 0 {
		opts.Interval = DefaultInterval
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.BatchPages <= 0 {
		opts.BatchPages = DefaultBatchPages
	}
	s := &Syncer{st: st, sink: NewStoreSink(st, opts.Now), conns: map[domain.Source]connector.Connector{},
		opts: opts, prog: &throttle{emit: opts.Emit, now: opts.Now}, cancels: map[domain.Source]context.CancelFunc{}}
	for _, c := range conns {
		if c == nil {
			return nil, domain.Errorf(domain.EInvalid, "A connector is missing.")
		}
		src := c.Source()
		if !slices.Contains(domain.AllSources, src) {
			return nil, domain.Errorf(domain.EInvalid, "%q is not a source that can be synced.", string(src))
		}
		if _, dup := s.conns[src]; dup {
			return nil, domain.Errorf(domain.EInvalid, "Two connectors were given for %s.", src.Label())
		}
		s.conns[src] = c
		s.order = append(s.order, src)
	}
	return s, nil
}

// Report is the outcome of one Run.
type Report struct {
	Sources    []SourceResult
	Recomputed bool
}

// SourceResult is one source's outcome. Err is nil on success and on cancel,
// and otherwise a *domain.Error whose message is what the state row keeps.
type SourceResult struct {
	Source      domain.Source
	ResumedFrom connector.Cursor // the cursor the run started at
	Pages       int              // pages committed in this run
	Items       int              // records written in this run
	Skipped     int              // records naming an unknown account
	Deleted     int              // rows removed: reported deletions and full-pass sweeps
	Canceled    bool
	Err         error
}

// Run syncs sources (every connector's source when none is given), one after
// the other, then recomputes scores once. Each source resumes from its saved
// cursor; each page is committed with its cursor, in the same transaction
// (which also holds the pages fetched before it that were still waiting).
//
// Per-source failures do not fail Run: they are stored on the source's state
// row (error count +1, plain message, status reconnect for EUnauthorized and
// ENotConnected) and reported in Report. A source without a connector gets
// an ENotConnected result and no state change. Cancel(source) stops that
// source once the pages it has fetched are committed; the run goes on with
// the others.
//
// Progress events go out as Run works ("Checking sources…", each page's
// phase, "Tallying…"), and every started run ends with one EventFinished.
// Run returns EConflict while another run is under way, ctx's error when ctx
// ends (the current page is still committed, the state left resumable, and
// no recompute is done), and the Recompute error otherwise.
func (s *Syncer) Run(ctx context.Context, sources ...domain.Source) (rep Report, err error) {
	if !s.running.TryLock() {
		return Report{}, domain.Errorf(domain.EConflict, "A sync is already running.")
	}
	defer s.running.Unlock()
	// Every started run ends with one finished event, canceled runs included.
	defer func() { s.prog.finished(finishedEvent(rep, s.opts.Now())) }()
	if len(sources) == 0 {
		sources = s.order
	}
	s.prog.progress(Progress{Phase: connector.PhaseChecking}, true)
	for _, src := range sources {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		c, ok := s.conns[src]
		if !ok {
			rep.Sources = append(rep.Sources, SourceResult{Source: src,
				Err: domain.Errorf(domain.ENotConnected, "%s is not connected.", src.Label())})
			continue
		}
		res, err := s.runSource(ctx, c)
		rep.Sources = append(rep.Sources, res)
		if err != nil {
			return rep, err
		}
		if ctx.Err() != nil {
			return rep, ctx.Err()
		}
	}
	s.prog.progress(Progress{Phase: connector.PhaseTallying}, true)
	if s.opts.Recompute != nil {
		if err := s.opts.Recompute(ctx); err != nil {
			return rep, fmt.Errorf("recompute scores: %w", err)
		}
		rep.Recomputed = true
	}
	return rep, nil
}

// Cancel stops the named sources' runs (every running source when none is
// named) once the pages they have fetched are committed: no new fetch
// starts, and one in flight ends promptly. It reports whether any was
// running.
func (s *Syncer) Cancel(sources ...domain.Source) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	found := false
	for src, cancel := range s.cancels {
		if len(sources) == 0 || slices.Contains(sources, src) {
			cancel()
			found = true
		}
	}
	return found
}

// runSource syncs one source. Its error is non-nil only when the store
// itself failed to record the state.
func (s *Syncer) runSource(ctx context.Context, c connector.Connector) (SourceResult, error) {
	src := c.Source()
	res := SourceResult{Source: src}
	sctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	s.cancels[src] = cancel
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.cancels, src)
		s.mu.Unlock()
		cancel()
	}()
	// State writes outlive a cancel so the row is always left resumable.
	keep := context.WithoutCancel(ctx)

	state, err := s.st.SyncState(ctx, src)
	if err != nil && domain.ErrorCode(err) != domain.ENotFound {
		return res, err
	}
	cursor := state.Cursor
	res.ResumedFrom = cursor
	// Counts continue only when this run resumes a full pass that a crash,
	// a kill or a cancel interrupted; an incremental run counts from zero.
	base := 0
	if cursor != "" {
		if fp, err := s.st.FullPass(ctx, src); err == nil && fp.Open {
			base = state.ItemsSynced
		}
	}
	if err := s.st.Write(keep, func(tx *store.Tx) error { return tx.MarkRunning(keep, src, s.opts.Now()) }); err != nil {
		return res, err
	}
	// Until the first page names its phase the source is "Loading…"; pages
	// that carry no phase fall back to the source's usual one.
	phase := defaultPhase(src)
	total := 0
	s.prog.progress(Progress{Source: string(src), Phase: connector.PhaseLoading, Done: base}, true)

	// Pipelined: a fetcher runs ahead of the writer, page after page, up
	// to BatchPages; the writer commits the pages waiting, in order, in
	// one transaction (Sink.Commit), so the saved cursor always points
	// right after the last committed page. When the source is slower than
	// the store, as over the network, every transaction holds one page;
	// when the store is slower, as on a loopback peer, fewer, larger
	// transactions spare it most of the commits. After a cancel no new
	// fetch starts and the pages already fetched are committed. After an
	// error the pages fetched before it are committed, and nothing after.
	var ferr error
	fctx, stop := context.WithCancel(sctx)
	defer stop()
	ahead := fetchAhead(fctx, c, cursor, s.opts.BatchPages)
	for {
		batch, last, err := nextBatch(ahead, s.opts.BatchPages)
		if len(batch) > 0 {
			// Fetched pages are committed even if a cancel arrived meanwhile.
			cr, err := s.sink.Commit(keep, src, batch...)
			if err != nil {
				ferr = err
				break
			}
			res.Pages += len(batch)
			res.Items += cr.Written
			res.Skipped += cr.Skipped
			res.Deleted += cr.Deleted
			for _, page := range batch {
				if page.Phase != "" {
					phase = page.Phase
				}
				if page.Total > 0 {
					total = page.Total
				}
			}
			s.prog.progress(Progress{Source: string(src), Phase: phase, Done: base + res.Items, Total: total}, false)
		}
		if err != nil || last {
			ferr = err
			break
		}
	}
	stop()
	for range ahead { // let the fetcher end, so no goroutine outlives the run
	}
	s.prog.progress(Progress{Source: string(src), Phase: phase, Done: base + res.Items, Total: total}, true)
	return res, s.finish(keep, sctx, &res, ferr)
}

// finish records the outcome of a source's run on its state row.
func (s *Syncer) finish(ctx, sctx context.Context, res *SourceResult, ferr error) error {
	src, now := res.Source, s.opts.Now()
	switch {
	case ferr == nil:
		return s.st.Write(ctx, func(tx *store.Tx) error { return tx.MarkSuccess(ctx, src, now) })
	case sctx.Err() != nil && (errors.Is(ferr, context.Canceled) || errors.Is(ferr, context.DeadlineExceeded)):
		res.Canceled = true
		return s.st.Write(ctx, func(tx *store.Tx) error { return tx.MarkIdle(ctx, src, now) })
	}
	code, msg := domain.ErrorCode(ferr), domain.ErrorMessage(ferr)
	var de *domain.Error
	if !errors.As(ferr, &de) && s.opts.Logger != nil {
		s.opts.Logger.Error("sync failed", "source", string(src), "err", ferr)
	}
	res.Err = &domain.Error{Code: code, Message: msg}
	reconnect := code == domain.EUnauthorized || code == domain.ENotConnected
	return s.st.Write(ctx, func(tx *store.Tx) error { return tx.MarkFailure(ctx, src, msg, reconnect, now) })
}

func finishedEvent(rep Report, now time.Time) Finished {
	f := Finished{FinishedAt: now.UTC().Format(time.RFC3339), Sources: []FinishedSource{}}
	for _, r := range rep.Sources {
		fs := FinishedSource{Source: string(r.Source), Status: string(store.SyncIdle), Items: r.Items}
		switch code := domain.ErrorCode(r.Err); {
		case r.Canceled:
			fs.Status = "canceled"
		case code == domain.ENotConnected:
			fs.Status, fs.Code, fs.Message = "not_connected", code, domain.ErrorMessage(r.Err)
		case code == domain.EUnauthorized:
			fs.Status, fs.Code, fs.Message = string(store.SyncReconnect), code, domain.ErrorMessage(r.Err)
		case code != "":
			fs.Status, fs.Code, fs.Message = string(store.SyncFailed), code, domain.ErrorMessage(r.Err)
		}
		f.Sources = append(f.Sources, fs)
	}
	return f
}

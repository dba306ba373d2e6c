package app

import (
	"context"
	"net"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/sources"
	"successdesk/backend/store"
)

// Sync schedule bounds, in minutes.
const (
	settingsKeyInterval   = "sync.interval_minutes"
	DefaultSyncMinutes    = 30
	MinSyncMinutes        = 5
	MaxSyncMinutes        = 24 * 60
	scheduleTick          = time.Minute
	firstRetryAfterFailed = time.Minute
)

// SourceView is everything Settings shows about one source.
type SourceView struct {
	Info       sources.Info
	Connection *Connection       // nil when not connected
	State      *store.SyncState  // nil when never synced
	Rows       *store.SourceRows // what it has synced into the live book
	NextRunAt  time.Time         // zero: not scheduled (not connected, running, or waiting for a new key)
}

// Status is connected, available (this build can connect it) or missing
// (a later version brings it).
func (v SourceView) Status() string {
	switch {
	case v.Connection != nil:
		return "connected"
	case v.Info.Built:
		return "available"
	}
	return "missing"
}

// SyncInterval is the schedule's period (the saved setting or 30 minutes).
func (d *Desk) SyncInterval(ctx context.Context) time.Duration {
	m := DefaultSyncMinutes
	if found, err := d.live.Store.GetSetting(ctx, settingsKeyInterval, &m); err != nil || !found || m < MinSyncMinutes || m > MaxSyncMinutes {
		m = DefaultSyncMinutes
	}
	return time.Duration(m) * time.Minute
}

// SetSyncInterval saves the schedule's period in minutes (5 to 1440).
func (d *Desk) SetSyncInterval(ctx context.Context, minutes int) error {
	if minutes < MinSyncMinutes || minutes > MaxSyncMinutes {
		return domain.Errorf(domain.EInvalid, "Sync every %d to %d minutes.", MinSyncMinutes, MaxSyncMinutes)
	}
	return d.live.Store.Write(ctx, func(tx *store.Tx) error { return tx.PutSetting(ctx, settingsKeyInterval, minutes) })
}

// SourceViews returns every source in catalogue order with its connection,
// sync state, synced rows and next scheduled run.
func (d *Desk) SourceViews(ctx context.Context) ([]SourceView, error) {
	conns, err := d.Connections(ctx)
	if err != nil {
		return nil, err
	}
	states, err := d.live.Store.SyncStates(ctx)
	if err != nil {
		return nil, err
	}
	byState := map[domain.Source]store.SyncState{}
	for _, s := range states {
		byState[s.Source] = s
	}
	interval, now := d.SyncInterval(ctx), d.opts.Now()
	var out []SourceView
	for _, info := range sources.Catalogue() {
		v := SourceView{Info: info}
		if c, ok := conns[info.Source]; ok {
			v.Connection = &c
		}
		if s, ok := byState[info.Source]; ok {
			v.State = &s
		}
		if v.Connection != nil || v.State != nil {
			rows, err := d.live.Store.CountSourceRows(ctx, info.Source)
			if err != nil {
				return nil, err
			}
			v.Rows = &rows
		}
		if v.Connection != nil {
			v.NextRunAt = nextRun(v.State, interval, now)
		}
		out = append(out, v)
	}
	return out, nil
}

// nextRun is when the schedule will sync a connected source next.
func nextRun(st *store.SyncState, interval time.Duration, now time.Time) time.Time {
	switch {
	case st == nil:
		return now
	case st.Status == store.SyncRunning, st.Status == store.SyncReconnect:
		return time.Time{}
	case st.Status == store.SyncFailed:
		wait := firstRetryAfterFailed << min(max(st.ErrorCount-1, 0), 10)
		return st.UpdatedAt.Add(min(wait, interval))
	case st.LastSuccessAt.IsZero():
		return now // stopped mid-pass: resume
	}
	return st.LastSuccessAt.Add(interval)
}

// states reduces the sources to what readiness needs.
func (d *Desk) states(ctx context.Context) map[domain.Source]sources.State {
	out := map[domain.Source]sources.State{}
	views, err := d.SourceViews(ctx)
	if err != nil {
		return out
	}
	for _, v := range views {
		switch {
		case v.Connection == nil:
			out[v.Info.Source] = sources.StateMissing
		case v.State != nil && (v.State.Status == store.SyncFailed || v.State.Status == store.SyncReconnect):
			out[v.Info.Source] = sources.StateFailing
		default:
			out[v.Info.Source] = sources.StateConnected
		}
	}
	return out
}

// Readiness implements SourceStatus for the live book.
func (d *Desk) Readiness(ctx context.Context, sec domain.Section) string {
	return sources.Readiness(sec, d.states(ctx))
}

// LastSynced implements SourceStatus: the newest successful sync.
func (d *Desk) LastSynced(ctx context.Context) time.Time {
	states, err := d.live.Store.SyncStates(ctx)
	var last time.Time
	if err != nil {
		return last
	}
	for _, s := range states {
		if s.LastSuccessAt.After(last) {
			last = s.LastSuccessAt
		}
	}
	return last
}

// due lists the connected sources whose next run has come.
func (d *Desk) due(ctx context.Context) []domain.Source {
	views, err := d.SourceViews(ctx)
	if err != nil {
		return nil
	}
	now := d.opts.Now()
	var out []domain.Source
	for _, v := range views {
		if v.Connection != nil && v.Info.Built && !v.NextRunAt.IsZero() && !now.Before(v.NextRunAt) {
			out = append(out, v.Info.Source)
		}
	}
	return out
}

// StartSchedule syncs the due sources now and then checks every minute,
// skipping while the machine is offline or a run is under way, until Close.
// Each check also rescores the live book when its scores are from an
// earlier day (RescoreIfOld), online or not.
func (d *Desk) StartSchedule() {
	d.bg.Add(1)
	go func() {
		defer d.bg.Done()
		t := time.NewTicker(scheduleTick)
		defer t.Stop()
		for {
			if online() && !d.Running() {
				if due := d.due(d.ctx); len(due) > 0 {
					if _, err := d.Sync(d.ctx, due...); err != nil && d.ctx.Err() == nil && d.opts.Log != nil &&
						domain.ErrorCode(err) != domain.EConflict {
						d.opts.Log.Warn("scheduled sync", "err", domain.ErrorMessage(err))
					}
				}
			}
			if !d.Running() {
				if _, err := d.RescoreIfOld(d.ctx); err != nil && d.ctx.Err() == nil && d.opts.Log != nil {
					d.opts.Log.Warn("daily rescore", "err", domain.ErrorMessage(err))
				}
			}
			select {
			case <-d.ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

// RescoreIfOld recomputes the live book's scores when its newest snapshot
// was computed on an earlier day (UTC, as the scores count days) than now,
// and reports whether it did. Scores read time ("renews in 3 days", "failed
// 2 days ago"), so a book opened on a new day, or left open past midnight,
// offline or with no source due, is scored as of today from what it holds.
// A book never scored is left to its first sync.
func (d *Desk) RescoreIfOld(ctx context.Context) (bool, error) {
	snap, err := d.live.Store.LatestSnapshot(ctx)
	switch {
	case domain.ErrorCode(err) == domain.ENotFound:
		return false, nil
	case err != nil:
		return false, err
	case !snap.ComputedAt.UTC().Truncate(24 * time.Hour).Before(d.opts.Now().UTC().Truncate(24 * time.Hour)):
		return false, nil
	}
	if _, err := d.live.Recompute(ctx); err != nil {
		return false, err
	}
	return true, nil
}

// online reports whether any network interface other than loopback is up
// with an address: a cheap, local check that never contacts anything.
func online() bool {
	ifs, err := net.Interfaces()
	if err != nil {
		return true
	}
	for _, i := range ifs {
		if i.Flags&net.FlagUp == 0 || i.Flags&net.FlagLoopback != 0 {
			continue
		}
		if addrs, err := i.Addrs(); err == nil && len(addrs) > 0 {
			return true
		}
	}
	return false
}

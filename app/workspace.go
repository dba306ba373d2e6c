package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// Recomputer recomputes health scores into a new snapshot.
type Recomputer interface {
	Recompute(ctx context.Context, settings domain.HealthSettings, now time.Time) (store.Snapshot, error)
}

// Workspace is the open book (demo or live) every service reads. It is
// constructed once in main and shared by the services.
type Workspace struct {
	Store   *store.Store
	Mode    string // demo | live
	FX      domain.FXRates
	Scorer  Recomputer
	Events  Emitter
	Log     *slog.Logger
	Now     func() time.Time
	Version string
	Started time.Time // process start, for the painted-time report
	// Status reports the live book's source readiness; nil for the demo book.
	Status SourceStatus
	// Touches records CS touches in PostHog when asked to; nil for the demo
	// book, whose accounts are not real.
	Touches *Touches
	// ExportDir is where exports from the window are saved.
	ExportDir string

	recompute sync.Mutex // one recompute at a time

	ratesMu sync.RWMutex
	rates   *domain.FXRates // the reporting currency chosen since opening (nil: FX)
}

// Rates are the exchange rates totals are reported in: FX as opened, or
// the ones set since with SetRates. Safe for concurrent use.
func (w *Workspace) Rates() domain.FXRates {
	w.ratesMu.RLock()
	defer w.ratesMu.RUnlock()
	if w.rates != nil {
		return *w.rates
	}
	return w.FX
}

// SetRates makes fx the workspace's rates; the next recompute scores ARR in
// fx.Base (Desk.SetReporting recomputes at once).
func (w *Workspace) SetRates(fx domain.FXRates) {
	w.ratesMu.Lock()
	defer w.ratesMu.Unlock()
	w.rates = &fx
}

// settingsKeyHealth is where the Health settings are stored.
const settingsKeyHealth = "health.settings"

// HealthSettings returns the stored Health settings, or the defaults.
func (w *Workspace) HealthSettings(ctx context.Context) (domain.HealthSettings, error) {
	s := domain.DefaultHealthSettings()
	if _, err := w.Store.GetSetting(ctx, settingsKeyHealth, &s); err != nil {
		return s, err
	}
	return s, nil
}

// Recompute runs one health recompute with the stored settings and tells
// the window that data changed.
func (w *Workspace) Recompute(ctx context.Context) (store.Snapshot, error) {
	w.recompute.Lock()
	defer w.recompute.Unlock()
	s, err := w.HealthSettings(ctx)
	if err != nil {
		return store.Snapshot{}, err
	}
	if r, ok := w.Scorer.(interface{ SetFX(domain.FXRates) }); ok {
		r.SetFX(w.Rates())
	}
	snap, err := w.Scorer.Recompute(ctx, s, w.Now())
	if err != nil {
		return snap, err
	}
	w.emit(EventDataChanged, map[string]string{"what": "health"})
	return snap, nil
}

func (w *Workspace) emit(name string, data any) {
	if w.Events != nil {
		w.Events.Emit(name, data)
	}
}

// SourceStatus is what a live book knows about its sources.
type SourceStatus interface {
	// Readiness is sec's readiness: ready, partial, not_connected or error.
	Readiness(ctx context.Context, sec domain.Section) string
	// LastSynced is the newest successful sync of any source (zero: never).
	LastSynced(ctx context.Context) time.Time
	// Inputs is how current each source's data is.
	Inputs(ctx context.Context) map[domain.Source]InputState
}

// inputs returns the live book's input states; nil for the demo book.
func (w *Workspace) inputs(ctx context.Context) map[domain.Source]InputState {
	if w.Status == nil {
		return nil
	}
	return w.Status.Inputs(ctx)
}

// Readiness is sec's readiness in this book: demo for the demo book.
func (w *Workspace) Readiness(ctx context.Context, sec domain.Section) string {
	switch {
	case w.Mode == ModeDemo:
		return ReadyDemo
	case w.Status != nil:
		return w.Status.Readiness(ctx, sec)
	}
	return ReadyNotConnected
}

// Meta describes the book for a Health DTO.
func (w *Workspace) Meta(ctx context.Context) MetaDTO {
	m := MetaDTO{Mode: w.Mode, Readiness: w.Readiness(ctx, domain.SectionHealth)}
	if w.Mode == ModeLive && w.Status != nil {
		m.LastSyncedAt = rfc(w.Status.LastSynced(ctx))
	}
	if snap, err := w.Store.LatestSnapshot(ctx); err == nil {
		m.LastUpdatedAt = rfc(snap.ComputedAt)
		if w.Mode == ModeDemo {
			m.LastSyncedAt = m.LastUpdatedAt
		}
	}
	return m
}

// Books gives the services the book they work on now. A *Workspace is its
// own Books; a *Desk switches between the demo and live books.
type Books interface {
	Current() *Workspace
}

// Current returns w.
func (w *Workspace) Current() *Workspace { return w }

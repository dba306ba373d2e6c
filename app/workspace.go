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

	recompute sync.Mutex // one recompute at a time
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

// Meta describes the book for a section DTO.
func (w *Workspace) Meta(ctx context.Context) MetaDTO {
	m := MetaDTO{Mode: w.Mode, Readiness: ReadyNotConnected}
	if w.Mode == "demo" {
		m.Readiness = ReadyDemo
	}
	if snap, err := w.Store.LatestSnapshot(ctx); err == nil {
		m.LastUpdatedAt = rfc(snap.ComputedAt)
		if w.Mode == "demo" {
			m.LastSyncedAt = m.LastUpdatedAt
		}
	}
	return m
}

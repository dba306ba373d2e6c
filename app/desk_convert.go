package app

import (
	"context"

	"successdesk/backend/domain"
	"successdesk/backend/sources"
)

// trialFetcher is what Sync trials needs from the owner of a live book:
// the book, its connected sources, and a way to sync one of them now. The
// Desk implements it; ConvertService finds it through its Books.
type trialFetcher interface {
	Live() *Workspace
	ConnectedSources(ctx context.Context) ([]domain.Source, error)
	SyncSource(ctx context.Context, src domain.Source) error
}

var _ trialFetcher = (*Desk)(nil)

// ConnectedSources lists the connected sources this build can sync, in
// catalogue order.
func (d *Desk) ConnectedSources(ctx context.Context) ([]domain.Source, error) {
	conns, err := d.Connections(ctx)
	if err != nil {
		return nil, err
	}
	var out []domain.Source
	for _, src := range sources.Built() {
		if _, ok := conns[src]; ok {
			out = append(out, src)
		}
	}
	return out, nil
}

// SyncSource syncs src into the live book now and waits for it (scores are
// recomputed after, as after every sync). It returns the run's error
// (EConflict while another sync runs) or src's own failure, in plain
// words; a canceled run is an EUnavailable error.
func (d *Desk) SyncSource(ctx context.Context, src domain.Source) error {
	rep, err := d.Sync(ctx, src)
	if err != nil {
		return err
	}
	for _, r := range rep.Sources {
		switch {
		case r.Source != src:
		case r.Err != nil:
			return r.Err
		case r.Canceled:
			return domain.Errorf(domain.EUnavailable, "The %s sync was canceled.", src.Label())
		}
	}
	return nil
}

package app_test

import (
	"context"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/appdirs"
	"successdesk/backend/domain"
	"successdesk/backend/secrets"
	"successdesk/backend/sources"
	"successdesk/backend/store"
)

// TestRescoreIfOldScoresTheLiveBookOncePerDay: a live book last scored on
// an earlier day is scored again as of today, once; a book scored today,
// or never scored, is left alone.
func TestRescoreIfOldScoresTheLiveBookOncePerDay(t *testing.T) {
	ctx := context.Background()
	clock := now
	rec := &recorder{}
	d, err := app.OpenDesk(ctx, app.DeskOptions{Dirs: appdirs.Dirs{Data: t.TempDir(), Logs: t.TempDir()}, DemoSize: 40,
		Secrets: secrets.NewMemory(), Factory: sources.NewFactory(nil, nil), Events: rec,
		Now: func() time.Time { return clock }, Mode: app.ModeLive})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()

	if did, err := d.RescoreIfOld(ctx); did || err != nil {
		t.Fatalf("a book never scored was rescored: %v %v", did, err)
	}
	if err := d.Live().Store.Write(ctx, func(tx *store.Tx) error {
		return tx.InsertAccount(ctx, &domain.Account{Name: "Hooli", Domain: "hooli.com", Tracked: true, CreatedAt: now})
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Live().Recompute(ctx); err != nil {
		t.Fatal(err)
	}

	// Later the same day: nothing to do.
	clock = now.Add(8 * time.Hour)
	if did, err := d.RescoreIfOld(ctx); did || err != nil {
		t.Fatalf("a book scored today was rescored: %v %v", did, err)
	}

	// The next day (UTC): scored again as of now, and the window is told.
	clock = now.Add(10 * time.Hour) // 01:00 the next day
	events := len(rec.names)
	did, err := d.RescoreIfOld(ctx)
	if !did || err != nil {
		t.Fatalf("a book scored yesterday was not rescored: %v %v", did, err)
	}
	snap, err := d.Live().Store.LatestSnapshot(ctx)
	if err != nil || !snap.ComputedAt.Equal(clock) || snap.Accounts != 1 {
		t.Fatalf("latest snapshot %+v, %v; want one account scored at %v", snap, err, clock)
	}
	if len(rec.names) == events || rec.names[len(rec.names)-1] != app.EventDataChanged {
		t.Errorf("the window was not told: %v", rec.names[events:])
	}
	if did, err := d.RescoreIfOld(ctx); did || err != nil {
		t.Fatalf("rescored twice on one day: %v %v", did, err)
	}
}

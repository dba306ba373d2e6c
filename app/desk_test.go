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

// openDesk opens a desk on dir with in-memory secrets and the fixed clock.
func openDesk(t *testing.T, dir string, mode string, sec secrets.Store, getenv func(string) string) (*app.Desk, *recorder) {
	t.Helper()
	return openDeskAt(t, dir, mode, sec, getenv, func() time.Time { return now })
}

// openDeskAt is openDesk with the clock the test turns.
func openDeskAt(t *testing.T, dir string, mode string, sec secrets.Store, getenv func(string) string,
	clock func() time.Time) (*app.Desk, *recorder) {
	t.Helper()
	rec := &recorder{}
	d, err := app.OpenDesk(context.Background(), app.DeskOptions{Dirs: appdirs.Dirs{Data: dir, Logs: dir}, DemoSize: 40,
		Secrets: sec, Factory: sources.NewFactory(getenv, nil), Events: rec, Now: clock, Mode: mode})
	if err != nil {
		t.Fatal(err)
	}
	return d, rec
}

func TestDeskOpensOnDemoAndRemembersTheSwitchToLive(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	d, rec := openDesk(t, dir, "", secrets.NewMemory(), nil)
	if d.Mode() != app.ModeDemo || d.Current().Mode != app.ModeDemo {
		t.Fatalf("a fresh desk opens on %s", d.Mode())
	}
	demoN, _ := d.Current().Store.CountAccounts(ctx)
	liveN, _ := d.Live().Store.CountAccounts(ctx)
	if demoN != 40 || liveN != 0 {
		t.Fatalf("demo %d accounts, live %d: the books mix", demoN, liveN)
	}
	if err := d.SetMode(ctx, "staging"); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("unknown mode: %v", err)
	}
	if err := d.SetMode(ctx, app.ModeLive); err != nil {
		t.Fatal(err)
	}
	if d.Current() != d.Live() || rec.names[len(rec.names)-1] != app.EventDataChanged {
		t.Errorf("after the switch: current %s, events %v", d.Current().Mode, rec.names)
	}
	d.Close()

	d2, _ := openDesk(t, dir, "", secrets.NewMemory(), nil)
	defer d2.Close()
	if d2.Mode() != app.ModeLive {
		t.Fatalf("the choice of book was not remembered: %s", d2.Mode())
	}
	// Services follow the switch without being rebuilt.
	hs := app.NewHealthService(d2)
	list, err := hs.List(app.HealthListRequest{Limit: 10})
	if err != nil || list.Total != 0 || list.Meta.Mode != app.ModeLive || list.Meta.Readiness != app.ReadyNotConnected {
		t.Fatalf("live list: %+v %v", list.Meta, err)
	}
	if err := d2.SetMode(ctx, app.ModeDemo); err != nil {
		t.Fatal(err)
	}
	if list, _ = hs.List(app.HealthListRequest{Limit: 10, IncludeUntracked: true}); list.Total != 40 || list.Meta.Readiness != app.ReadyDemo {
		t.Fatalf("demo list after switching back: %d rows, %+v", list.Total, list.Meta)
	}
}

func TestDeskForcedModeDoesNotChangeTheSavedChoice(t *testing.T) {
	dir := t.TempDir()
	d, _ := openDesk(t, dir, app.ModeLive, secrets.NewMemory(), nil)
	if d.Mode() != app.ModeLive {
		t.Fatal(d.Mode())
	}
	d.Close()
	d2, _ := openDesk(t, dir, "", secrets.NewMemory(), nil)
	defer d2.Close()
	if d2.Mode() != app.ModeDemo {
		t.Fatalf("a forced mode was saved: %s", d2.Mode())
	}
}

func TestSyncWithoutConnectionsSaysSo(t *testing.T) {
	d, _ := openDesk(t, t.TempDir(), app.ModeLive, secrets.NewMemory(), nil)
	defer d.Close()
	if _, err := d.Sync(context.Background()); domain.ErrorCode(err) != domain.ENotConnected {
		t.Fatalf("sync with nothing connected: %v", err)
	}
	// Named sources that are not connected are refused before any run, all
	// of them named; the background start refuses them to its caller.
	_, err := d.Sync(context.Background(), domain.SourceStripe, domain.SourcePostHog)
	if domain.ErrorCode(err) != domain.ENotConnected ||
		domain.ErrorMessage(err) != "Stripe and PostHog are not connected: connect them in Settings → Integrations." {
		t.Fatalf("sync of two unconnected sources: %v", err)
	}
	if err := d.SyncInBackground(domain.SourceStripe); domain.ErrorCode(err) != domain.ENotConnected ||
		domain.ErrorMessage(err) != "Stripe is not connected: connect it in Settings → Integrations." {
		t.Fatalf("background sync of an unconnected source: %v", err)
	}
	if _, err := d.Sync(context.Background(), domain.SourceAttio); domain.ErrorCode(err) != domain.EInvalid {
		t.Fatalf("sync of a source this build cannot sync: %v", err)
	}
	if d.Running() {
		t.Fatal("a refused sync left a run going")
	}
	if _, err := d.Connect(context.Background(), domain.SourceAttio, "tok", nil); domain.ErrorCode(err) != domain.EInvalid ||
		domain.ErrorMessage(err) == "" {
		t.Fatalf("connecting a source this build cannot sync: %v", err)
	}
	if _, err := d.Connect(context.Background(), domain.SourceStripe, "  ", nil); domain.ErrorCode(err) != domain.EInvalid {
		t.Fatalf("empty key: %v", err)
	}
}

func TestSettingsIntegrationsListsEverySource(t *testing.T) {
	d, _ := openDesk(t, t.TempDir(), "", secrets.NewMemory(), func(k string) string {
		if k == sources.BaseURLEnv(domain.SourceStripe) {
			return "http://127.0.0.1:9"
		}
		return ""
	})
	defer d.Close()
	s := app.NewSettingsService(d)
	out, err := s.Integrations(app.IntegrationsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Integrations) != len(domain.AllSources) || out.Mode != app.ModeDemo || out.AnyConnected || out.IntervalMin != 30 {
		t.Fatalf("%+v", out)
	}
	for _, in := range out.Integrations {
		want := "missing"
		if info, _ := sources.Lookup(domain.Source(in.Source)); info.Built {
			want = "available"
		}
		if in.Source == "stripe" {
			if in.BaseURL != "http://127.0.0.1:9" {
				t.Errorf("base URL override not shown: %q", in.BaseURL)
			}
		}
		if in.Status != want || in.Sync != nil {
			t.Errorf("%s: status %s, sync %+v", in.Source, in.Status, in.Sync)
		}
	}
	if len(out.Sections) != len(domain.Sections) || out.Sections[0].Readiness != sources.NotConnected ||
		len(out.Sections[0].Needs) != 4 {
		t.Errorf("sections: %+v", out.Sections)
	}
	if _, err := s.SetSyncInterval(app.IntervalRequest{Minutes: 2}); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("2-minute schedule: %v", err)
	}
	if _, err := s.SetSyncInterval(app.IntervalRequest{Minutes: 60}); err != nil {
		t.Fatal(err)
	}
	if out, _ = s.Integrations(app.IntegrationsRequest{}); out.IntervalMin != 60 {
		t.Errorf("interval %d", out.IntervalMin)
	}
}

func TestReadinessAndNextRunFollowTheSyncState(t *testing.T) {
	ctx := context.Background()
	sec := secrets.NewMemory()
	d, _ := openDesk(t, t.TempDir(), app.ModeLive, sec, nil)
	defer d.Close()
	live := d.Live().Store
	// A connection as Connect records it, without the network.
	conn := app.Connection{Source: domain.SourceStripe, Account: "Hooli", KeyMode: "test", ConnectedAt: now}
	if err := live.Write(ctx, func(tx *store.Tx) error { return tx.PutSetting(ctx, "connection.stripe", conn) }); err != nil {
		t.Fatal(err)
	}
	if got := d.Readiness(ctx, domain.SectionContracts); got != sources.Partial {
		t.Errorf("Stripe connected: contracts %s", got)
	}
	views, _ := d.SourceViews(ctx)
	if !views[1].NextRunAt.Equal(now) {
		t.Errorf("never synced: next run %v, want now", views[1].NextRunAt)
	}
	if err := live.Write(ctx, func(tx *store.Tx) error {
		return tx.MarkFailure(ctx, domain.SourceStripe, "Stripe refused the key.", true, now)
	}); err != nil {
		t.Fatal(err)
	}
	if got := d.Readiness(ctx, domain.SectionContracts); got != sources.Failing {
		t.Errorf("reconnect: contracts %s", got)
	}
	views, _ = d.SourceViews(ctx)
	if !views[1].NextRunAt.IsZero() {
		t.Errorf("a source waiting for a new key is scheduled at %v", views[1].NextRunAt)
	}
	if err := live.Write(ctx, func(tx *store.Tx) error {
		if err := tx.MarkFailure(ctx, domain.SourceStripe, "Stripe is unavailable.", false, now); err != nil {
			return err
		}
		return tx.MarkFailure(ctx, domain.SourceStripe, "Stripe is unavailable.", false, now)
	}); err != nil {
		t.Fatal(err)
	}
	views, _ = d.SourceViews(ctx)
	// Third failure in a row: the retry waits 4 minutes, not the full interval.
	if want := now.Add(4 * time.Minute); !views[1].NextRunAt.Equal(want) {
		t.Errorf("after 3 failures next run %v, want %v", views[1].NextRunAt, want)
	}
	if err := live.Write(ctx, func(tx *store.Tx) error { return tx.MarkSuccess(ctx, domain.SourceStripe, now) }); err != nil {
		t.Fatal(err)
	}
	views, _ = d.SourceViews(ctx)
	if want := now.Add(30 * time.Minute); !views[1].NextRunAt.Equal(want) || d.Readiness(ctx, domain.SectionContracts) != sources.Partial {
		t.Errorf("after success next run %v", views[1].NextRunAt)
	}
	if got := d.Live().Meta(ctx); got.LastSyncedAt == "" || got.Readiness != sources.Partial {
		t.Errorf("meta %+v", got)
	}
}

// TestRescoreIfOldScoresTheLiveBookOncePerDay: a live book last scored on
// an earlier day is scored again as of today, once; a book scored today,
// or never scored, is left alone.
func TestRescoreIfOldScoresTheLiveBookOncePerDay(t *testing.T) {
	ctx := context.Background()
	clock := now
	d, rec := openDeskAt(t, t.TempDir(), app.ModeLive, secrets.NewMemory(), nil, func() time.Time { return clock })
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

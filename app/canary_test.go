package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/app/cli"
	"successdesk/backend/appdirs"
	"successdesk/backend/connector/stripe/stripefake"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
	"successdesk/backend/secrets"
	"successdesk/backend/sources"
	"successdesk/backend/store"
	"successdesk/backend/syncer"
)

// The canary test syncs a generated Stripe book with recognisable keys and
// then searches everything the app leaves behind or hands out (the SQLite
// files, the logs, every error, every DTO the window services return, every
// event and every CLI export) for any trace of them. Keys may live only in
// the secrets store.

func TestCanaryTokenNeverLeavesTheKeyring(t *testing.T) {
	if testing.Short() {
		t.Skip("syncs a 300-subscription Stripe book")
	}
	ctx := context.Background()
	start := time.Now()

	good := canaryKey(t, "sk_test_")        // accepted: the first connection
	replacement := canaryKey(t, "rk_test_") // accepted: replaces the first
	refused := canaryKey(t, "sk_test_")     // the fake refuses it
	var needles []string
	for _, k := range []string{good, replacement, refused} {
		needles = append(needles, canaryNeedles(k)...)
	}
	sc := newCanaryScan(append(needles, canaryMarker)...)
	defer sc.report(t) // also after a failed step: what leaked so far

	fake := stripefake.New(stripefake.Options{Subscriptions: 300, Seed: 3, Key: good, Keys: []string{replacement}})
	srv := httptest.NewServer(fake)
	defer srv.Close()
	getenv := func(k string) string {
		if k == sources.BaseURLEnv(domain.SourceStripe) {
			return srv.URL
		}
		return ""
	}

	logs := &canaryLog{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	format := app.FormatError(log)
	// Retries run, without their waits.
	factory := sources.NewFactory(getenv, log, httpx.WithSleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }))
	sec := secrets.NewMemory()
	ev := &canaryEvents{}
	dir := t.TempDir()
	d, err := app.OpenDesk(ctx, app.DeskOptions{Dirs: appdirs.Dirs{Data: dir, Logs: dir}, DemoSize: 40,
		Secrets: sec, Factory: factory, Events: ev, Log: log, Version: "canary", Started: start})
	if err != nil {
		t.Fatal(err)
	}
	open := true
	defer func() {
		if open {
			d.Close()
		}
	}()
	settings := app.NewSettingsService(d)
	services := []any{app.NewHealthService(d), app.NewCustomerService(d), app.NewWorkspaceService(d), settings,
		app.NewIdentityService(d)}
	stripeSrc := string(domain.SourceStripe)

	// A refused key is not saved, and no error repeats it.
	_, err = d.Connect(ctx, domain.SourceStripe, refused, nil)
	if code(err) != domain.EUnauthorized {
		t.Fatalf("connecting with a refused key: %v", err)
	}
	sc.err("Desk.Connect(refused)", err, format)
	cdto, err := settings.Connect(app.ConnectRequest{Source: stripeSrc, Token: " " + refused + "\n"})
	if code(err) != domain.EUnauthorized {
		t.Fatalf("SettingsService.Connect with a refused key: %v", err)
	}
	sc.json("SettingsService.Connect(refused) DTO", cdto)
	sc.err("SettingsService.Connect(refused)", err, format)
	_, err = d.Connect(ctx, domain.SourceAttio, refused, nil)
	if code(err) != domain.EInvalid {
		t.Fatalf("connecting a source this build cannot sync: %v", err)
	}
	sc.err("Desk.Connect(attio)", err, format)
	if has, _ := sec.Has(ctx, domain.SourceStripe); has {
		t.Fatal("a refused key was saved")
	}

	// Connect, switch to the live book and sync.
	conn, err := d.Connect(ctx, domain.SourceStripe, "  "+good+"\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	sc.json("Desk.Connect(good)", conn)
	mdto, err := settings.SetMode(app.ModeRequest{Mode: app.ModeLive})
	if err != nil {
		t.Fatal(err)
	}
	sc.json("SettingsService.SetMode", mdto)
	syncOnce := func(label string, wantCode string) syncer.Report {
		t.Helper()
		rep, err := d.Sync(ctx)
		sc.err(label, err, format)
		sc.json(label+" report", rep)
		if err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		if len(rep.Sources) != 1 {
			t.Fatalf("%s: %d sources synced", label, len(rep.Sources))
		}
		r := rep.Sources[0]
		sc.err(label+" source", r.Err, format)
		if code(r.Err) != wantCode {
			t.Fatalf("%s: got %v, want code %q", label, r.Err, wantCode)
		}
		return rep
	}
	if rep := syncOnce("first sync", ""); rep.Sources[0].Items == 0 {
		t.Fatal("the first sync wrote nothing")
	}

	// Error paths: an outage, a body that is not JSON, a revoked key. Each
	// stores its message as the source's last error.
	integrations := func(label string) app.IntegrationDTO {
		t.Helper()
		out, err := settings.Integrations(app.IntegrationsRequest{})
		sc.json(label+" Integrations", out)
		sc.err(label+" Integrations", err, format)
		for _, in := range out.Integrations {
			if in.Source == stripeSrc {
				return in
			}
		}
		t.Fatalf("%s: Stripe is not listed", label)
		return app.IntegrationDTO{}
	}
	fake.Inject(stripefake.Fault{Kind: stripefake.FaultStatus, Status: 503, Times: -1})
	syncOnce("sync during an outage", domain.EUnavailable)
	if in := integrations("after the outage"); in.Sync == nil || in.Sync.LastError == "" {
		t.Fatalf("the outage left no last error: %+v", in.Sync)
	}
	fake.ClearFaults()
	fake.Inject(stripefake.Fault{Kind: stripefake.FaultMalformed, Times: -1})
	rep, err := d.Sync(ctx)
	sc.err("sync of a malformed body", err, format)
	sc.json("sync of a malformed body report", rep)
	for _, r := range rep.Sources {
		sc.err("sync of a malformed body source", r.Err, format)
	}
	fake.ClearFaults()
	fake.Inject(stripefake.Fault{Kind: stripefake.FaultStatus, Status: 401})
	syncOnce("sync with a revoked key", domain.EUnauthorized)
	fake.RevokeAfter(len(fake.Requests()))
	_, err = d.Connect(ctx, domain.SourceStripe, good, nil)
	if code(err) != domain.EUnauthorized {
		t.Fatalf("reconnecting a revoked key: %v", err)
	}
	sc.err("Desk.Connect(revoked)", err, format)
	if in := integrations("waiting for a new key"); in.Sync == nil || in.Sync.Status != string(store.SyncReconnect) || in.Sync.LastError == "" {
		t.Fatalf("a revoked key: %+v", in.Sync)
	}
	fake.ClearFaults()

	// Replace the key through Settings: verified, saved, synced in the
	// background.
	before := ev.finishedRuns()
	cdto, err = settings.Connect(app.ConnectRequest{Source: stripeSrc, Token: replacement})
	if err != nil {
		t.Fatal(err)
	}
	sc.json("SettingsService.Connect(replacement) DTO", cdto)
	waitBackgroundSync(t, d, ev, before)
	before = ev.finishedRuns()
	sdto, err := settings.SyncNow(app.SyncRequest{Sources: []string{stripeSrc}})
	if err != nil {
		t.Fatal(err)
	}
	sc.json("SettingsService.SyncNow", sdto)
	waitBackgroundSync(t, d, ev, before)
	syncOnce("sync after the replacement", "")
	stripeCard := integrations("after the replacement")
	if stripeCard.Status != "connected" || stripeCard.Sync == nil || stripeCard.Sync.Status != string(store.SyncIdle) ||
		stripeCard.Sync.LastError != "" || stripeCard.KeyKind != "restricted key" || stripeCard.Rows.Subscriptions == 0 {
		t.Fatalf("after the replacement: %+v, sync %+v", stripeCard, stripeCard.Sync)
	}

	// The mutators, once each.
	hs := services[0].(*app.HealthService)
	ws := services[2].(*app.WorkspaceService)
	list, err := hs.List(app.HealthListRequest{IncludeUntracked: true, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if list.Total < 100 || len(list.Rows) != list.Total {
		t.Fatalf("the live book lists %d of %d accounts", len(list.Rows), list.Total)
	}
	first := list.Rows[0]
	for _, tracked := range []bool{false, true} {
		tr, err := hs.SetTracked(app.TrackRequest{AccountID: first.AccountID, Tracked: tracked})
		sc.json("HealthService.SetTracked", tr)
		sc.err("HealthService.SetTracked", err, format)
	}
	var routeID int64
	for _, to := range []domain.Section{domain.SectionContracts, domain.SectionReengage} {
		r, err := ws.Route(app.RouteRequest{AccountID: first.AccountID, From: string(domain.SectionHealth), To: string(to),
			Reason: "Renewal needs a contracts review."})
		if err != nil {
			t.Fatal(err)
		}
		sc.json("WorkspaceService.Route", r)
		routeID = r.ID
	}
	ur, err := ws.UndoRoute(app.UndoRouteRequest{RouteID: routeID})
	sc.json("WorkspaceService.UndoRoute", ur)
	sc.err("WorkspaceService.UndoRoute", err, format)
	second := list.Rows[1]
	if _, err := ws.Route(app.RouteRequest{AccountID: second.AccountID, From: "health", To: "loop"}); err != nil {
		t.Fatal(err)
	}
	cr, err := ws.ClearRoute(app.AccountRequest{AccountID: second.AccountID})
	sc.json("WorkspaceService.ClearRoute", cr)
	sc.err("WorkspaceService.ClearRoute", err, format)
	iv, err := settings.SetSyncInterval(app.IntervalRequest{Minutes: 60})
	sc.json("SettingsService.SetSyncInterval", iv)
	sc.err("SettingsService.SetSyncInterval", err, format)

	// Every read method of every service, on the live book.
	hset, err := hs.Settings(app.RefreshRequest{})
	if err != nil {
		t.Fatal(err)
	}
	probe := canaryProbe{weights: hset.Weights, cutoffs: hset.Cutoffs, routeID: routeID}
	// Sample: the worst and the best accounts, and the ones with the most ARR.
	byARR := append([]app.HealthRowDTO(nil), list.Rows...)
	sort.Slice(byARR, func(i, j int) bool { return byARR[i].ARRBase.AmountMinor > byARR[j].ARRBase.AmountMinor })
	probe.accounts = append(probe.accounts, list.Rows[:3]...)
	probe.accounts = append(probe.accounts, list.Rows[len(list.Rows)-3:]...)
	probe.accounts = append(probe.accounts, byARR[:4]...)
	calls, dtos := callReads(t, sc, format, "live", probe, services...)
	stripeRevenue := 0
	for _, v := range dtos["CustomerService.Get"] {
		for _, r := range v.(app.CustomerDTO).Revenue {
			if r.Source == stripeSrc && r.ARR.AmountMinor > 0 {
				stripeRevenue++
			}
		}
	}
	if stripeRevenue == 0 {
		t.Error("no customer detail showed Stripe revenue: the DTO pass saw no synced data")
	}
	if byARR[0].ARRBase.AmountMinor == 0 {
		t.Error("no live account has ARR")
	}
	if len(dtos["SettingsService.DisconnectPreview"]) == 0 || len(dtos["HealthService.Preview"]) == 0 ||
		len(dtos["CustomerService.Activity"]) == 0 || len(dtos["WorkspaceService.RoutedTo"]) == 0 {
		t.Errorf("the read pass missed a method: %d methods called", len(dtos))
	}

	// The same on the demo book (Settings shows the live sources there too).
	if _, err := settings.SetMode(app.ModeRequest{Mode: app.ModeDemo}); err != nil {
		t.Fatal(err)
	}
	demoList, err := hs.List(app.HealthListRequest{IncludeUntracked: true, Limit: 3})
	if err != nil || len(demoList.Rows) == 0 {
		t.Fatalf("demo list: %d rows, %v", len(demoList.Rows), err)
	}
	demoProbe := probe
	demoProbe.accounts = demoList.Rows
	demoCalls, _ := callReads(t, sc, format, "demo", demoProbe, services...)
	if _, err := settings.SetMode(app.ModeRequest{Mode: app.ModeLive}); err != nil {
		t.Fatal(err)
	}

	// Disconnect through Settings, keeping the data.
	dd, err := settings.Disconnect(app.DisconnectRequest{Source: stripeSrc})
	if err != nil {
		t.Fatal(err)
	}
	sc.json("SettingsService.Disconnect", dd)
	integrations("after the disconnect")

	// The files, while the desk is open and after it closed.
	openFiles := sc.dir(t, "open desk", dir)
	if !slices.Contains(openFiles, "live.db") || !slices.Contains(openFiles, "live.db-wal") || !slices.Contains(openFiles, "demo.db") {
		t.Errorf("the open desk left %v: expected live.db, its WAL and demo.db", openFiles)
	}
	d.Close()
	open = false
	closedFiles := sc.dir(t, "closed desk", dir)

	// The CLI over the same data directory and keyring.
	cliLogs := &canaryLog{}
	cliLog := slog.New(slog.NewTextHandler(cliLogs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cliFactory := sources.NewFactory(getenv, cliLog, httpx.WithSleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }))
	opener := func(o cli.Options) (*app.Desk, func(), error) {
		mode := ""
		switch {
		case o.Demo:
			mode = app.ModeDemo
		case o.Live:
			mode = app.ModeLive
		}
		cd, err := app.OpenDesk(ctx, app.DeskOptions{Dirs: appdirs.Dirs{Data: dir, Logs: dir}, DemoSize: o.DemoSize,
			Secrets: sec, Factory: cliFactory, Events: canaryTee{o.Events, ev}, Log: cliLog, Version: "canary", Started: start, Mode: mode})
		if err != nil {
			return nil, nil, err
		}
		return cd, cd.Close, nil
	}
	runCLI := func(stdin string, wantExit int, args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		c := &cli.CLI{Open: opener, Version: "canary", Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}
		exit := c.Run(args)
		where := "cli " + strings.Join(args, " ")
		sc.bytes(where+" stdout", out.Bytes())
		sc.bytes(where+" stderr", errb.Bytes())
		if exit != wantExit {
			t.Fatalf("%s: exit %d, want %d\nstdout: %s\nstderr: %s", where, exit, wantExit, out.String(), errb.String())
		}
		return out.String()
	}
	runCLI(refused+"\n", 1, "connect", "stripe")
	runCLI(good+"\n", 0, "connect", "stripe")
	if out := runCLI("", 0, "sync"); !strings.Contains(out, "Stripe: synced") {
		t.Errorf("cli sync printed %q", out)
	}
	fake.Inject(stripefake.Fault{Kind: stripefake.FaultStatus, Status: 503, Times: -1})
	runCLI("", 1, "sync", "stripe")
	fake.ClearFaults()
	fake.RevokeAfter(len(fake.Requests()))
	runCLI("", cli.ExitReconnect, "sync")
	fake.ClearFaults()
	runCLI(replacement+"\n", 0, "connect", "stripe")
	runCLI("", 0, "sync")
	csvOut := runCLI("", 0, "export", "health", "--format", "csv", "--include-untracked")
	if n := strings.Count(csvOut, "\n"); n != list.Total+1 {
		t.Errorf("the CSV export has %d lines for %d accounts", n, list.Total)
	}
	jsonOut := runCLI("", 0, "export", "health", "--format", "json")
	var recs []cli.HealthRecord
	if err := json.Unmarshal([]byte(jsonOut), &recs); err != nil || len(recs) == 0 {
		t.Errorf("the JSON export: %d records, %v", len(recs), err)
	}
	withARR := 0
	for _, r := range recs {
		if r.ARR != "" && r.ARR != "0.00" {
			withARR++
		}
	}
	if withARR == 0 {
		t.Error("no exported account has ARR")
	}
	runCLI("", 0, "export", "health", "--format", "csv", "--risk", "critical", "--out", filepath.Join(dir, "export.csv"))
	runCLI("", 0, "export", "health", "--format", "json", "--include-untracked", "--out", filepath.Join(dir, "export.json"))
	runCLI("", 0, "export", "health", "--format", "json", "--demo", "--demo-size", "40")
	runCLI("", 0, "disconnect", "stripe")
	runCLI("", cli.ExitReconnect, "sync")
	cliFiles := sc.dir(t, "after the CLI", dir)
	if !slices.Contains(cliFiles, "export.csv") || !slices.Contains(cliFiles, "export.json") {
		t.Errorf("the exports were not written: %v", cliFiles)
	}
	if has, _ := sec.Has(ctx, domain.SourceStripe); has {
		t.Error("disconnect left the key in the keyring")
	}

	// The logs and the events.
	logBytes, cliLogBytes := logs.Bytes(), cliLogs.Bytes()
	sc.bytes("desk log", logBytes)
	sc.bytes("cli log", cliLogBytes)
	if !bytes.Contains(logBytes, []byte("http attempt")) || !bytes.Contains(logBytes, []byte("status=401")) ||
		!bytes.Contains(cliLogBytes, []byte("http attempt")) {
		t.Errorf("the logs did not record the HTTP attempts (%d and %d bytes)", len(logBytes), len(cliLogBytes))
	}
	ev.mu.Lock()
	for i, e := range ev.events {
		sc.bytes(fmt.Sprintf("event #%d", i), e)
	}
	names, nEvents := fmt.Sprint(ev.names), len(ev.events)
	progress := ev.names[syncer.EventProgress]
	ev.mu.Unlock()
	if progress == 0 || ev.finishedRuns() < 8 {
		t.Errorf("the events missed the syncs: %s", names)
	}

	t.Logf("searched %d places for %d needles: %d read calls on the live book, %d on the demo book, %d events, "+
		"%d + %d log bytes, files %v then %v; %d Stripe requests; %s",
		len(sc.seen), len(sc.needles), calls, demoCalls, nEvents, len(logBytes), len(cliLogBytes),
		openFiles, closedFiles, len(fake.Requests()), time.Since(start).Round(time.Millisecond))
}

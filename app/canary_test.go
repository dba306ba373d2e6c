package app_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
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

// canaryMarker is in every canary key, so even a truncated key is caught.
const canaryMarker = "CANARY"

// canaryKey builds a Stripe-shaped key that cannot pass for a real one:
// prefix, the marker, then 24 random letters and digits that no fixture
// can contain (even its last 8 characters turn up by chance about once in
// 2·10¹⁴ places).
func canaryKey(t *testing.T, prefix string) string {
	t.Helper()
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return prefix + canaryMarker + string(b)
}

// canaryNeedles are the strings that give a key away: the whole key, the
// key without its prefix, its random part, its last 8 characters, and the
// key in base64 as Basic auth would carry it.
func canaryNeedles(key string) []string {
	i := strings.Index(key, canaryMarker)
	return []string{
		key,
		key[i:],
		key[i+len(canaryMarker):],
		key[len(key)-8:],
		base64.StdEncoding.EncodeToString([]byte(key)),
		base64.StdEncoding.EncodeToString([]byte(key + ":")),
	}
}

// canaryHit is one place a needle was found.
type canaryHit struct {
	where  string
	offset int
	needle string
	around string
}

func (h canaryHit) String() string {
	return fmt.Sprintf("%s at byte %d: %q in …%q…", h.where, h.offset, h.needle, h.around)
}

// canaryScan searches blobs for the needles and remembers what it saw.
type canaryScan struct {
	mu      sync.Mutex
	needles [][]byte
	hits    []canaryHit
	seen    map[string]int // bytes scanned per place
}

func newCanaryScan(needles ...string) *canaryScan {
	s := &canaryScan{seen: map[string]int{}}
	for _, n := range needles {
		s.needles = append(s.needles, []byte(n))
	}
	return s
}

// bytes searches b, naming hits after where.
func (s *canaryScan) bytes(where string, b []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seen[where] += len(b)
	for _, n := range s.needles {
		for off := 0; ; {
			i := bytes.Index(b[off:], n)
			if i < 0 {
				break
			}
			at := off + i
			lo, hi := max(at-40, 0), min(at+len(n)+40, len(b))
			s.hits = append(s.hits, canaryHit{where: where, offset: at, needle: string(n), around: string(b[lo:hi])})
			off = at + 1
		}
	}
}

func (s *canaryScan) str(where, v string) { s.bytes(where, []byte(v)) }

// json searches v as the window would receive it, and as Go prints it (to
// reach fields JSON leaves out).
func (s *canaryScan) json(where string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.str(where+" (unmarshalable: "+err.Error()+")", fmt.Sprintf("%+v", v))
		return
	}
	s.bytes(where, b)
	s.str(where+" (%+v)", fmt.Sprintf("%+v", v))
}

// err searches an error as Go prints it and as it crosses to the window.
func (s *canaryScan) err(where string, err error, format func(error) any) {
	if err == nil {
		return
	}
	s.str(where+" error", err.Error())
	s.str(where+" error (%+v)", fmt.Sprintf("%+v", err))
	s.str(where+" user message", app.UserMessage(err))
	s.json(where+" error DTO", format(err))
}

// dir reads every file under root as raw bytes and returns their names.
func (s *canaryScan) dir(t *testing.T, label, root string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		names = append(names, rel)
		s.bytes(label+": file "+rel, b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	return names
}

func (s *canaryScan) report(t *testing.T) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range s.hits {
		t.Errorf("canary found: %s", h)
	}
}

// canaryLog is a log sink safe for the background sync to write into.
type canaryLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *canaryLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *canaryLog) Bytes() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return bytes.Clone(l.b.Bytes())
}

// canaryEvents records every event as JSON of its name and payload.
type canaryEvents struct {
	mu       sync.Mutex
	events   [][]byte
	names    map[string]int
	finished int
}

func (e *canaryEvents) Emit(name string, data any) {
	b, err := json.Marshal(struct {
		Name string `json:"name"`
		Data any    `json:"data"`
	}{name, data})
	if err != nil {
		b = []byte(fmt.Sprintf("%s %+v", name, data))
	}
	b = append(b, fmt.Sprintf(" %+v", data)...)
	e.mu.Lock()
	defer e.mu.Unlock()
	e.events = append(e.events, b)
	if e.names == nil {
		e.names = map[string]int{}
	}
	e.names[name]++
	if name == syncer.EventFinished {
		e.finished++
	}
}

func (e *canaryEvents) finishedRuns() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.finished
}

// canaryTee sends every event to both emitters (the CLI's progress printer
// and the recorder).
type canaryTee []app.Emitter

func (t canaryTee) Emit(name string, data any) {
	for _, e := range t {
		if e != nil {
			e.Emit(name, data)
		}
	}
}

// waitBackgroundSync waits until more than before runs have finished and
// the desk is idle again.
func waitBackgroundSync(t *testing.T, d *app.Desk, ev *canaryEvents, before int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for ev.finishedRuns() <= before || d.Running() {
		if time.Now().After(deadline) {
			t.Fatal("the background sync did not finish")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// canaryMutators are service methods that change the book or start work;
// the reflective read pass skips them and the test calls each explicitly.
var canaryMutators = map[string]bool{
	"Connect": true, "Disconnect": true, "SyncNow": true, "SetMode": true, "SetSyncInterval": true,
	"SetTracked": true, "Route": true, "ClearRoute": true, "UndoRoute": true,
}

// canaryProbe fills service requests with values that reach real data.
type canaryProbe struct {
	accounts []app.HealthRowDTO
	weights  app.WeightsDTO
	cutoffs  app.CutoffsDTO
	routeID  int64
}

// requests returns the requests to call a method taking typ with: the zero
// request (error paths), then one per sample account (and per source for
// requests naming one), with every field the probe knows filled in.
func (p canaryProbe) requests(typ reflect.Type) []reflect.Value {
	out := []reflect.Value{reflect.New(typ).Elem()}
	if typ.Kind() != reflect.Struct {
		return out
	}
	_, hasID := typ.FieldByName("AccountID")
	_, hasDomain := typ.FieldByName("Domain")
	_, hasSource := typ.FieldByName("Source")
	_, hasSection := typ.FieldByName("Section")
	fill := func(acct *app.HealthRowDTO, byDomain bool, src, sec string) reflect.Value {
		v := reflect.New(typ).Elem()
		for i := 0; i < typ.NumField(); i++ {
			f, fv := typ.Field(i), v.Field(i)
			if !f.IsExported() {
				continue
			}
			switch f.Name {
			case "AccountID":
				if acct != nil && !byDomain {
					fv.SetInt(acct.AccountID)
				}
			case "Domain":
				if acct != nil && byDomain {
					fv.SetString(acct.Domain)
				}
			case "Source":
				fv.SetString(src)
			case "Sources":
				fv.Set(reflect.ValueOf([]string{string(domain.SourceStripe)}))
			case "Section":
				fv.SetString(sec)
			case "From", "View":
				fv.SetString(string(domain.SectionHealth))
			case "To":
				fv.SetString(string(domain.SectionContracts))
			case "Weights":
				fv.Set(reflect.ValueOf(p.weights))
			case "Cutoffs":
				fv.Set(reflect.ValueOf(p.cutoffs))
			case "IncludeUntracked":
				fv.SetBool(true)
			case "Limit":
				fv.SetInt(500)
			case "Rows":
				fv.SetInt(1)
			case "RouteID":
				fv.SetInt(p.routeID)
			}
		}
		return v
	}
	switch {
	case hasID || hasDomain:
		for i := range p.accounts {
			if hasID {
				out = append(out, fill(&p.accounts[i], false, "", ""))
			}
			if hasDomain && p.accounts[i].Domain != "" {
				out = append(out, fill(&p.accounts[i], true, "", ""))
			}
		}
	case hasSource:
		for _, src := range domain.AllSources {
			out = append(out, fill(nil, false, string(src), ""))
		}
	case hasSection:
		for _, sec := range domain.Sections {
			out = append(out, fill(nil, false, "", string(sec)))
		}
	default:
		out = append(out, fill(nil, false, "", ""))
	}
	return out
}

// callReads calls every exported method of every service except the
// mutators, with the probe's requests, and scans each DTO and error. It
// returns the calls made and the DTOs by method.
func callReads(t *testing.T, sc *canaryScan, format func(error) any, label string, p canaryProbe, services ...any) (int, map[string][]any) {
	t.Helper()
	errType := reflect.TypeFor[error]()
	calls, dtos := 0, map[string][]any{}
	for _, svc := range services {
		v := reflect.ValueOf(svc)
		typ := v.Type()
		for i := 0; i < typ.NumMethod(); i++ {
			m := typ.Method(i)
			name := typ.Elem().Name() + "." + m.Name
			if canaryMutators[m.Name] {
				continue
			}
			mt := m.Type // receiver first
			if mt.NumIn() != 2 || mt.NumOut() != 2 || !mt.Out(1).Implements(errType) {
				t.Errorf("%s has an unexpected signature %s: teach the canary test to call it", name, mt)
				continue
			}
			for j, req := range p.requests(mt.In(1)) {
				out := v.Method(i).Call([]reflect.Value{req})
				calls++
				where := fmt.Sprintf("%s: %s#%d", label, name, j)
				dto := out[0].Interface()
				dtos[name] = append(dtos[name], dto)
				sc.json(where+" DTO", dto)
				if e, _ := out[1].Interface().(error); e != nil {
					sc.err(where, e, format)
				}
			}
		}
	}
	return calls, dtos
}

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
	services := []any{app.NewHealthService(d), app.NewCustomerService(d), app.NewWorkspaceService(d), settings}
	stripeSrc := string(domain.SourceStripe)

	// A refused key is not saved, and no error repeats it.
	_, err = d.Connect(ctx, domain.SourceStripe, refused)
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
	_, err = d.Connect(ctx, domain.SourceAttio, refused)
	if code(err) != domain.EInvalid {
		t.Fatalf("connecting a source this build cannot sync: %v", err)
	}
	sc.err("Desk.Connect(attio)", err, format)
	if has, _ := sec.Has(ctx, domain.SourceStripe); has {
		t.Fatal("a refused key was saved")
	}

	// Connect, switch to the live book and sync.
	conn, err := d.Connect(ctx, domain.SourceStripe, "  "+good+"\n")
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
	_, err = d.Connect(ctx, domain.SourceStripe, good)
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

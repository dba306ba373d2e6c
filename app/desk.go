package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"successdesk/backend/appdirs"
	"successdesk/backend/books"
	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/health"
	"successdesk/backend/secrets"
	"successdesk/backend/sources"
	"successdesk/backend/store"
	"successdesk/backend/syncer"
)

// settingsKeyMode is where the live book remembers which book the window
// opens on.
const settingsKeyMode = "workspace.mode"

// DeskOptions configure OpenDesk. Dirs, Secrets and Factory are required.
type DeskOptions struct {
	Dirs     appdirs.Dirs
	DemoSize int // accounts in the demo book; 0 means 120
	FX       domain.FXRates
	Secrets  secrets.Store
	Factory  *sources.Factory
	Events   Emitter
	Log      *slog.Logger
	Now      func() time.Time // nil means time.Now in UTC
	Version  string
	Started  time.Time // process start, for the painted-time report
	// Mode forces the book for this process ("demo" or "live") without
	// changing the saved choice; "" opens the saved choice (demo at first).
	Mode string
	// DemoInBackground, for the window: OpenDesk returns before the demo
	// book it opens on is built (see OpenDesk).
	DemoInBackground bool
}

// Desk owns the two books, the demo book and the live book, and which one
// the window shows. They are separate SQLite files and never mix: syncs
// write only to the live book, and the demo book is regenerated, never
// synced. The live book is always open (Settings shows its sources in both
// modes); the demo book is opened when first needed.
//
// A Desk is safe for concurrent use. Build it with OpenDesk; Close it once.
type Desk struct {
	opts   DeskOptions
	live   *Workspace
	sync   *syncer.Syncer
	lazies map[domain.Source]*sources.Lazy
	// touches records CS touches in PostHog when its connection asks to.
	touches *Touches

	ctx    context.Context // ends at Close: stops background syncs
	stop   context.CancelFunc
	bg     sync.WaitGroup
	connMu sync.Mutex // serializes connect and disconnect
	runMu  sync.Mutex // held for a whole sync run

	mu   sync.RWMutex
	mode string
	demo *Workspace

	building demoBuild // read without mu, which a build holds
}

// OpenDesk opens the live book in o.Dirs (creating it when missing) and,
// when the window opens on it, the demo book. With o.DemoInBackground the
// demo book is opened (built, when it is not today's) after OpenDesk
// returns: until it is, Current and Mode wait for it and DemoBuild says how
// far it has come; if it fails, the desk shows the live book (the saved
// choice is left as it is) and DemoBuild says why.
func OpenDesk(ctx context.Context, o DeskOptions) (*Desk, error) {
	if o.Now == nil {
		o.Now = func() time.Time { return time.Now().UTC() }
	}
	if o.Events == nil {
		o.Events = NopEmitter{}
	}
	if o.FX.Base == "" {
		o.FX = domain.DefaultFXRates()
	}
	if o.Secrets == nil || o.Factory == nil {
		return nil, domain.Errorf(domain.EInternal, "The desk needs a secrets store and a connector factory.")
	}
	st, err := store.Open(ctx, o.Dirs.LiveBook())
	if err != nil {
		return nil, err
	}
	o.FX = savedRates(ctx, st, o.FX) // the reporting currency chosen in Settings
	d := &Desk{opts: o, lazies: map[domain.Source]*sources.Lazy{}, touches: &Touches{}}
	d.ctx, d.stop = context.WithCancel(context.Background())
	d.live = &Workspace{Store: st, Mode: ModeLive, FX: o.FX, Scorer: health.New(st, o.FX), Events: o.Events,
		Log: o.Log, Now: o.Now, Version: o.Version, Started: o.Started, Status: d, Touches: d.touches,
		ExportDir: o.Dirs.ExportDir()}
	var conns []connector.Connector
	for _, src := range sources.Built() {
		l := sources.NewLazy(src, o.Secrets, d.build)
		d.lazies[src] = l
		conns = append(conns, l)
	}
	d.sync, err = syncer.New(st, conns, syncer.Options{
		Recompute: func(ctx context.Context) error { _, err := d.live.Recompute(ctx); return err },
		Emit:      d.emitSync,
		Now:       o.Now,
		Logger:    o.Log,
	})
	if err != nil {
		st.Close()
		return nil, err
	}
	d.configureTouches(ctx)
	d.mode = o.Mode
	if d.mode == "" {
		d.mode = ModeDemo
		var saved string
		if found, err := st.GetSetting(ctx, settingsKeyMode, &saved); err == nil && found && saved == ModeLive {
			d.mode = ModeLive
		}
	}
	switch {
	case d.mode != ModeDemo:
	case o.DemoInBackground:
		d.mu.Lock() // handed to the build: Current and Mode wait for the demo book
		d.building.start()
		d.bg.Add(1)
		go func() {
			defer d.bg.Done()
			defer d.mu.Unlock()
			if _, err := d.openDemo(d.ctx); err != nil {
				d.mode = ModeLive // DemoBuild says why (see openDemo)
				if d.opts.Log != nil {
					d.opts.Log.Error("open the demo book", "err", err)
				}
			}
		}()
	default:
		if _, err := d.Demo(ctx); err != nil {
			d.Close()
			return nil, err
		}
	}
	return d, nil
}

// Current returns the book the window shows now.
func (d *Desk) Current() *Workspace {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.mode == ModeDemo && d.demo != nil {
		return d.demo
	}
	return d.live
}

// Mode is the book the window shows now: "demo" or "live".
func (d *Desk) Mode() string {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.mode
}

// Live returns the live book.
func (d *Desk) Live() *Workspace { return d.live }

// Demo returns the demo book, generating it on first use (or when the day,
// the size or the schema changed since it was generated).
func (d *Desk) Demo(ctx context.Context) (*Workspace, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.openDemo(ctx)
}

// openDemo is Demo with d.mu held.
func (d *Desk) openDemo(ctx context.Context) (*Workspace, error) {
	if d.demo != nil {
		return d.demo, nil
	}
	st, err := books.OpenDemo(ctx, d.opts.Dirs.DemoBook(), d.opts.DemoSize, d.opts.Now(), d.opts.FX, d.building.report)
	d.building.done(err)
	if err != nil {
		return nil, err
	}
	demo := &Workspace{Store: st, Mode: ModeDemo, FX: d.opts.FX, Scorer: health.New(st, d.opts.FX),
		Events: d.opts.Events, Log: d.opts.Log, Now: d.opts.Now, Version: d.opts.Version, Started: d.opts.Started,
		ExportDir: d.opts.Dirs.ExportDir()}
	// A demo book scored in another reporting currency is scored again.
	if !sameRates(savedRates(ctx, st, domain.DefaultFXRates()), d.opts.FX) {
		if err := applyRates(ctx, demo, d.opts.FX); err != nil {
			st.Close()
			return nil, err
		}
	}
	d.demo = demo
	return d.demo, nil
}

// SetMode switches the window to the demo or the live book and remembers
// the choice. The window is told with a data-changed event ("mode").
func (d *Desk) SetMode(ctx context.Context, mode string) error {
	switch mode {
	case ModeDemo:
		if _, err := d.Demo(ctx); err != nil {
			return err
		}
	case ModeLive:
	default:
		return domain.Errorf(domain.EInvalid, "Choose the demo or the live book.")
	}
	if err := d.live.Store.Write(ctx, func(tx *store.Tx) error { return tx.PutSetting(ctx, settingsKeyMode, mode) }); err != nil {
		return err
	}
	d.mu.Lock()
	d.mode = mode
	d.mu.Unlock()
	d.opts.Events.Emit(EventDataChanged, map[string]string{"what": "mode"})
	return nil
}

// Syncer is the live book's sync engine.
func (d *Desk) Syncer() *syncer.Syncer { return d.sync }

// emitSync forwards the syncer's events and, when a run finishes, tells the
// window that the live book changed.
func (d *Desk) emitSync(name string, data any) {
	d.opts.Events.Emit(name, data)
	if name == syncer.EventFinished {
		d.opts.Events.Emit(EventDataChanged, map[string]string{"what": "sync"})
	}
}

// Close stops background syncs (their current page is still committed),
// waits for them, and closes both books.
func (d *Desk) Close() {
	d.stop()
	d.bg.Wait()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.demo != nil {
		d.demo.Store.Close()
		d.demo = nil
	}
	if err := d.touches.Close(); err != nil && d.opts.Log != nil {
		d.opts.Log.Warn("close the CS touch recorder", "err", err)
	}
	d.live.Store.Close()
}

// configureTouches (re)builds the CS touch recorder from PostHog's saved
// options; a bad setting is logged and leaves recording off.
func (d *Desk) configureTouches(ctx context.Context) {
	var c Connection
	if _, err := d.live.Store.GetSetting(ctx, connectionKey(domain.SourcePostHog), &c); err != nil {
		return
	}
	if err := d.touches.Configure(c.Options, d.opts.Factory.BaseURL(domain.SourcePostHog)); err != nil && d.opts.Log != nil {
		d.opts.Log.Warn("CS touches stay off", "err", err)
	}
}

var _ Books = (*Desk)(nil)

package app

import (
	"context"
	"slices"
	"strings"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/sources"
	"successdesk/backend/store"
	"successdesk/backend/syncer"
)

// VerifyTimeout bounds the authenticated call that checks a pasted key.
const VerifyTimeout = 20 * time.Second

// Connection is a saved integration: whose account the credential opens and
// what kind it is, never the credential itself (that lives in the keyring).
// It is kept in the live book's settings (stored, never sent to the window as is).
type Connection struct {
	Source      domain.Source
	Account     string // the provider's account name; "" when the key may not read it
	KeyKind     string // "restricted key", "secret key" or ""
	KeyMode     string // "test", "live" or ""
	ConnectedAt time.Time
	Options     sources.Options // the source's settings that are not secret (sources.Fields)
}

// sourceOptions returns src's saved options (none when not connected).
func (d *Desk) sourceOptions(src domain.Source) sources.Options {
	var c Connection
	if _, err := d.live.Store.GetSetting(context.Background(), connectionKey(src), &c); err != nil {
		return nil
	}
	return c.Options
}

// build makes src's connector with token and its saved options.
func (d *Desk) build(src domain.Source, token string) (connector.Connector, error) {
	return d.opts.Factory.Build(src, token, d.sourceOptions(src))
}

func connectionKey(src domain.Source) string { return "connection." + string(src) }

// Connections returns the saved connections by source.
func (d *Desk) Connections(ctx context.Context) (map[domain.Source]Connection, error) {
	out := map[domain.Source]Connection{}
	for _, src := range domain.AllSources {
		var c Connection
		found, err := d.live.Store.GetSetting(ctx, connectionKey(src), &c)
		if err != nil {
			return nil, err
		}
		if found {
			out[src] = c
		}
	}
	return out, nil
}

// Connect checks token with one cheap authenticated call to src, and only
// when the source accepts it saves it in the keyring (replacing any earlier
// one) and records the connection. It does not start a sync. Errors, in
// plain words: invalid (unknown or not yet connectable source, empty
// token), unauthorized (the source refused the token), unavailable (the
// source or the keyring could not be reached).
func (d *Desk) Connect(ctx context.Context, src domain.Source, token string, options map[string]string) (Connection, error) {
	info, ok := sources.Lookup(src)
	if !ok {
		return Connection{}, domain.Errorf(domain.EInvalid, "%q is not a source Success Desk knows.", string(src))
	}
	if !info.Built {
		return Connection{}, domain.Errorf(domain.EInvalid, "%s", info.Planned)
	}
	token = strings.TrimSpace(token)
	if token == "" {
		return Connection{}, domain.Errorf(domain.EInvalid, "Paste the %s %s first.", info.Label, strings.ToLower(info.TokenLabel))
	}
	opts, err := sources.CleanOptions(src, options)
	if err != nil {
		return Connection{}, err
	}
	vctx, cancel := context.WithTimeout(ctx, VerifyTimeout)
	defer cancel()
	id, err := d.opts.Factory.Verify(vctx, src, token, opts)
	if err != nil {
		if vctx.Err() != nil && ctx.Err() == nil {
			return Connection{}, domain.Errorf(domain.EUnavailable, "%s did not answer within %d seconds. Check the connection and try again.",
				info.Label, int(VerifyTimeout.Seconds()))
		}
		return Connection{}, err
	}
	kind, mode := sources.KeyKind(src, token)
	if id.Mode != "" {
		mode = id.Mode
	}
	c := Connection{Source: src, Account: id.Account, KeyKind: kind, KeyMode: mode, ConnectedAt: d.opts.Now().UTC(), Options: opts}

	d.connMu.Lock()
	defer d.connMu.Unlock()
	if err := d.opts.Secrets.Set(ctx, src, token); err != nil {
		return Connection{}, err
	}
	err = d.live.Store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.PutSetting(ctx, connectionKey(src), c); err != nil {
			return err
		}
		// A source waiting for new credentials may sync again.
		return tx.MarkIdle(ctx, src, c.ConnectedAt)
	})
	if err != nil {
		return Connection{}, err
	}
	d.lazies[src].Reset()
	if src == domain.SourcePostHog {
		d.configureTouches(ctx)
	}
	d.opts.Events.Emit(EventDataChanged, map[string]string{"what": "integrations"})
	return c, nil
}

// Disconnect stops any sync under way, removes src's token from the keyring
// and forgets the connection. With removeData it also deletes everything
// src synced into the live book (see store.Tx.DeleteSourceData) and
// rescores; the counts removed are returned.
func (d *Desk) Disconnect(ctx context.Context, src domain.Source, removeData bool) (store.SourceRows, error) {
	var rows store.SourceRows
	if _, ok := sources.Lookup(src); !ok {
		return rows, domain.Errorf(domain.EInvalid, "%q is not a source Success Desk knows.", string(src))
	}
	d.connMu.Lock()
	defer d.connMu.Unlock()
	// Wait for a run to stop so that no page lands after the data is gone.
	d.sync.Cancel()
	d.runMu.Lock()
	defer d.runMu.Unlock()
	if err := d.opts.Secrets.Delete(ctx, src); err != nil {
		return rows, err
	}
	if l := d.lazies[src]; l != nil {
		l.Reset()
	}
	err := d.live.Store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteSetting(ctx, connectionKey(src)); err != nil {
			return err
		}
		if !removeData {
			return nil
		}
		var err error
		rows, err = tx.DeleteSourceData(ctx, src)
		return err
	})
	if err != nil {
		return rows, err
	}
	if src == domain.SourcePostHog {
		d.configureTouches(ctx) // no connection: recording stops
	}
	if removeData {
		if _, err := d.live.Recompute(ctx); err != nil {
			return rows, err
		}
	}
	d.opts.Events.Emit(EventDataChanged, map[string]string{"what": "integrations"})
	return rows, nil
}

// Sync runs src (every connected source when none is given) now and waits
// for it: the CLI's sync. Before anything runs it refuses a named source
// this build cannot sync (EInvalid) or one that is not connected
// (ENotConnected, naming every such source), and ENotConnected when none is
// named and none is connected. EConflict while another run is under way.
func (d *Desk) Sync(ctx context.Context, srcs ...domain.Source) (syncer.Report, error) {
	if !d.runMu.TryLock() {
		return syncer.Report{}, domain.Errorf(domain.EConflict, "A sync is already running.")
	}
	defer d.runMu.Unlock()
	conns, err := d.Connections(ctx)
	if err != nil {
		return syncer.Report{}, err
	}
	if len(srcs) == 0 {
		for _, s := range sources.Built() {
			if _, ok := conns[s]; ok {
				srcs = append(srcs, s)
			}
		}
		if len(srcs) == 0 {
			return syncer.Report{}, domain.Errorf(domain.ENotConnected, "No source is connected: connect one in Settings → Integrations.")
		}
	}
	if err := namedSourcesReady(srcs, conns); err != nil {
		return syncer.Report{}, err
	}
	srcs = slices.Clone(srcs)
	// Catalogue order: the sources that make accounts run before HubSpot,
	// whose companies only join accounts that exist.
	slices.SortStableFunc(srcs, func(a, b domain.Source) int {
		return slices.Index(domain.AllSources, a) - slices.Index(domain.AllSources, b)
	})
	return d.sync.Run(ctx, srcs...)
}

// namedSourcesReady says, in plain words, why srcs cannot be synced as
// named: a source this build has no connector for (EInvalid), or sources
// with no saved connection (ENotConnected, all of them named at once).
func namedSourcesReady(srcs []domain.Source, conns map[domain.Source]Connection) error {
	var missing []string
	built := sources.Built()
	for _, s := range srcs {
		if !slices.Contains(built, s) {
			return domain.Errorf(domain.EInvalid, "%s cannot be synced yet: this version of Success Desk does not connect to it.", s.Label())
		}
		if _, ok := conns[s]; !ok {
			missing = append(missing, s.Label())
		}
	}
	switch len(missing) {
	case 0:
		return nil
	case 1:
		return domain.Errorf(domain.ENotConnected, "%s is not connected: connect it in Settings → Integrations.", missing[0])
	}
	return domain.Errorf(domain.ENotConnected, "%s are not connected: connect them in Settings → Integrations.",
		strings.Join(missing[:len(missing)-1], ", ")+" and "+missing[len(missing)-1])
}

// SyncInBackground starts Sync on the desk's own context and returns at
// once; progress and the outcome arrive as events. EConflict while a run is
// under way; a named source that cannot be synced is refused before the
// run starts, with Sync's EInvalid or ENotConnected.
func (d *Desk) SyncInBackground(srcs ...domain.Source) error {
	if !d.runMu.TryLock() {
		return domain.Errorf(domain.EConflict, "A sync is already running.")
	}
	d.runMu.Unlock() // Sync takes it again; a race here only yields EConflict there
	// A named source that cannot be synced is refused here, in the caller's
	// hands, rather than only logged by the run.
	if len(srcs) > 0 {
		conns, err := d.Connections(d.ctx)
		if err != nil {
			return err
		}
		if err := namedSourcesReady(srcs, conns); err != nil {
			return err
		}
	}
	d.bg.Add(1)
	go func() {
		defer d.bg.Done()
		if _, err := d.Sync(d.ctx, srcs...); err != nil && d.ctx.Err() == nil && d.opts.Log != nil &&
			domain.ErrorCode(err) != domain.EConflict {
			d.opts.Log.Warn("sync", "err", domain.ErrorMessage(err))
		}
	}()
	return nil
}

// CancelSync stops the named sources' runs (all when none is named) after
// their current page; it reports whether any was running.
func (d *Desk) CancelSync(srcs ...domain.Source) bool { return d.sync.Cancel(srcs...) }

// Running reports whether a sync run is under way.
func (d *Desk) Running() bool {
	if d.runMu.TryLock() {
		d.runMu.Unlock()
		return false
	}
	return true
}

// SourceProperties lists the properties src offers to show (HubSpot's
// company properties), read with its saved key.
func (d *Desk) SourceProperties(ctx context.Context, src domain.Source) ([]sources.Property, error) {
	if !sources.HasField(src, sources.OptionProperties) {
		return nil, domain.Errorf(domain.EInvalid, "%s has no properties to choose.", src.Label())
	}
	token, err := d.opts.Secrets.Get(ctx, src)
	if domain.ErrorCode(err) == domain.ENotFound {
		return nil, domain.Errorf(domain.ENotConnected, "Connect %s first.", src.Label())
	}
	if err != nil {
		return nil, err
	}
	vctx, cancel := context.WithTimeout(ctx, VerifyTimeout)
	defer cancel()
	return d.opts.Factory.Properties(vctx, src, token, d.sourceOptions(src))
}

// SetSourceOptions replaces the options of connected source src that
// options names (others keep their value; an empty value clears one), and
// makes the next sync use them.
func (d *Desk) SetSourceOptions(ctx context.Context, src domain.Source, options map[string]string) (Connection, error) {
	d.connMu.Lock()
	defer d.connMu.Unlock()
	var c Connection
	found, err := d.live.Store.GetSetting(ctx, connectionKey(src), &c)
	if err != nil {
		return c, err
	}
	if !found {
		return c, domain.Errorf(domain.ENotConnected, "Connect %s first.", src.Label())
	}
	merged := map[string]string{}
	for k, v := range c.Options {
		merged[k] = v
	}
	for k, v := range options {
		merged[k] = v
	}
	if c.Options, err = sources.CleanOptions(src, merged); err != nil {
		return c, err
	}
	if err := d.live.Store.Write(ctx, func(tx *store.Tx) error { return tx.PutSetting(ctx, connectionKey(src), c) }); err != nil {
		return c, err
	}
	if l := d.lazies[src]; l != nil {
		l.Reset()
	}
	if src == domain.SourcePostHog {
		d.configureTouches(ctx)
	}
	d.opts.Events.Emit(EventDataChanged, map[string]string{"what": "integrations"})
	return c, nil
}

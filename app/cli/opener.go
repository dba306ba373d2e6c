package cli

import (
	"context"
	"log/slog"
	"time"

	"successdesk/app"
	"successdesk/backend/appdirs"
	"successdesk/backend/domain"
	"successdesk/backend/secrets"
	"successdesk/backend/sources"
)

// DeskConfig is what every desk an Opener opens shares.
type DeskConfig struct {
	Secrets secrets.Store
	Factory *sources.Factory
	Log     *slog.Logger
	Now     func() time.Time // nil: the wall clock
	Version string
	Started time.Time
}

// NewOpener returns the Opener the window and the CLI share: the books in
// --data-dir (the OS config directory when empty), created when missing,
// with --demo or --live forcing a book without changing the saved choice.
func NewOpener(c DeskConfig) Opener {
	return func(o Options) (*app.Desk, func(), error) {
		dirs, err := appdirs.Resolve(o.DataDir)
		if err != nil {
			return nil, nil, err
		}
		if err := dirs.Ensure(); err != nil {
			return nil, nil, err
		}
		mode := ""
		switch {
		case o.Demo:
			mode = app.ModeDemo
		case o.Live:
			mode = app.ModeLive
		}
		desk, err := app.OpenDesk(context.Background(), app.DeskOptions{
			Dirs: dirs, DemoSize: o.DemoSize, FX: domain.DefaultFXRates(),
			Secrets: c.Secrets, Factory: c.Factory, Events: o.Events, Log: c.Log, Now: c.Now,
			Version: c.Version, Started: c.Started, Mode: mode, DemoInBackground: o.DemoInBackground,
		})
		if err != nil {
			return nil, nil, err
		}
		return desk, desk.Close, nil
	}
}

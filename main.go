// Command success-desk is the Success Desk desktop app and its CLI. This
// file only wires things together: it parses the command line, opens the
// book, builds the services and hands off to the window or to app/cli.
package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"

	"successdesk/app"
	"successdesk/app/cli"
	"successdesk/backend/appdirs"
	"successdesk/backend/books"
	"successdesk/backend/domain"
	"successdesk/backend/health"
)

//go:embed all:frontend/dist
var assets embed.FS

//go:embed build/appicon.png
var icon []byte

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	started := time.Now()
	args := os.Args[1:]
	if len(args) > 0 && cli.IsCommand(args[0]) {
		c := &cli.CLI{Open: openWorkspace(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))),
			Version: version, Stdout: os.Stdout, Stderr: os.Stderr}
		os.Exit(c.Run(args))
	}
	os.Exit(runWindow(args, started))
}

func runWindow(args []string, started time.Time) int {
	fs := flag.NewFlagSet("success-desk", flag.ContinueOnError)
	var o cli.Options
	fs.StringVar(&o.DataDir, "data-dir", "", "where the books are kept (default: the OS config directory)")
	fs.IntVar(&o.DemoSize, "demo-size", 120, "accounts in the demo book")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if o.DemoSize < 1 || o.DemoSize > 1_000_000 {
		fmt.Fprintln(os.Stderr, "success-desk: --demo-size must be between 1 and 1000000")
		return 2
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	ws, closeWS, err := openWorkspace(log)(o)
	if err != nil {
		fmt.Fprintf(os.Stderr, "success-desk: %s\n", app.UserMessage(err))
		log.Error("open workspace", "err", err)
		return 1
	}
	defer closeWS()
	ws.Started = started
	emitter := &app.RuntimeEmitter{}
	ws.Events = emitter
	err = wails.Run(&options.App{
		Title:            "Success Desk",
		Width:            1360,
		Height:           860,
		MinWidth:         1024,
		MinHeight:        680,
		BackgroundColour: &options.RGBA{R: 248, G: 250, B: 252, A: 255},
		AssetServer:      &assetserver.Options{Assets: assets},
		OnStartup:        emitter.Startup,
		OnDomReady: func(context.Context) {
			log.Info("dom ready", "since_start_ms", time.Since(started).Milliseconds())
		},
		ErrorFormatter: app.FormatError(log),
		Bind: []any{
			app.NewHealthService(ws),
			app.NewCustomerService(ws),
			app.NewWorkspaceService(ws),
		},
		Linux: &linux.Options{ProgramName: "success-desk", Icon: icon},
	})
	if err != nil {
		log.Error("window", "err", err)
		return 1
	}
	return 0
}

// openWorkspace returns the opener shared by the window and the CLI. Until
// a source is connected the workspace is the demo book.
func openWorkspace(log *slog.Logger) cli.Opener {
	return func(o cli.Options) (*app.Workspace, func(), error) {
		dirs, err := appdirs.Resolve(o.DataDir)
		if err != nil {
			return nil, nil, err
		}
		if err := dirs.Ensure(); err != nil {
			return nil, nil, err
		}
		fx := domain.DefaultFXRates()
		now := time.Now().UTC()
		st, err := books.OpenDemo(context.Background(), dirs.DemoBook(), o.DemoSize, now, fx)
		if err != nil {
			return nil, nil, err
		}
		ws := &app.Workspace{Store: st, Mode: "demo", FX: fx, Scorer: health.New(st, fx), Events: app.NopEmitter{},
			Log: log, Now: func() time.Time { return time.Now().UTC() }, Version: version}
		return ws, func() { st.Close() }, nil
	}
}

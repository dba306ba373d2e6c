// Command success-desk is the Success Desk desktop app and its CLI. This
// file only wires things together: it parses the command line, opens the
// book, builds the services and hands off to the window or to app/cli.
package main

import (
	"context"
	"embed"
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
	"successdesk/backend/secrets"
	"successdesk/backend/sources"
)

//go:embed all:frontend/dist
var assets embed.FS

// icon is the window's icon on Linux: build/appicon.png (1024 px, which
// the packaged builds derive their icons from) scaled to 256 px, the
// largest size a window icon is drawn at. GTK decodes it and hands every
// pixel to the window manager before the window opens; at 1024 px that
// was 4 MiB of pixels on the way to the first paint.
//
//go:embed build/linux/windowicon.png
var icon []byte

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// generatingBindings is true in the build Wails runs to write the frontend
// bindings (built with the "bindings" tag, see bindings_tag.go). That run
// only lists the bound services' methods, so it opens no book: building
// the app never creates, migrates or reads the books in the user's data
// folder.
var generatingBindings = false

func main() {
	started := processStarted(time.Now())
	args := os.Args[1:]
	if len(args) > 0 && cli.IsCommand(args[0]) {
		log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
		c := &cli.CLI{Open: openDesk(log, started), Version: version, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
		os.Exit(c.Run(args))
	}
	os.Exit(runWindow(args, started))
}

func runWindow(args []string, started time.Time) int {
	wf, code, ok := cli.ParseWindow(args, os.Stdout, os.Stderr)
	if !ok {
		return code
	}
	o := wf.Options
	o.DemoInBackground = true // the window opens at once; the page waits for the book
	gpuPolicy := linux.WebviewGpuPolicyNever
	if wf.GPU {
		gpuPolicy = linux.WebviewGpuPolicyAlways
	}
	prepareWindowEnv(wf.GPU)
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	emitter := &app.RuntimeEmitter{}
	o.Events = emitter
	linuxOpts := &linux.Options{ProgramName: "success-desk", Icon: icon, WebviewGpuPolicy: gpuPolicy}
	var desk *app.Desk
	closeDesk, err := func() {}, error(nil)
	if !generatingBindings {
		desk, closeDesk, err = openDesk(log, started)(o)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "success-desk: %s\n", app.UserMessage(err))
		log.Error("open workspace", "err", err)
		showStartupError(app.UserMessage(err), linuxOpts, log)
		return 1
	}
	defer closeDesk()
	err = wails.Run(&options.App{
		Title:            "Success Desk",
		Width:            1360,
		Height:           860,
		MinWidth:         1024,
		MinHeight:        680,
		BackgroundColour: &options.RGBA{R: 248, G: 250, B: 252, A: 255},
		AssetServer:      &assetserver.Options{Assets: assets},
		OnStartup: func(ctx context.Context) {
			emitter.Startup(ctx)
			desk.StartSchedule()
		},
		OnDomReady: func(context.Context) {
			log.Info("dom ready", "since_start_ms", time.Since(started).Milliseconds())
		},
		ErrorFormatter: app.FormatError(log),
		Bind: []any{
			app.NewHealthService(desk),
			app.NewCustomerService(desk),
			app.NewWorkspaceService(desk),
			app.NewSettingsService(desk),
			app.NewIdentityService(desk),
			app.NewConvertService(desk),
			app.NewContractsService(desk),
		},
		// Drawing without the GPU is Wails' own default (GPU compositing
		// shows blank windows with some drivers) and, on a machine without
		// one (a VM, a remote desktop), it is the faster path: a painted
		// Health page came ~400 ms sooner under Xvfb, where GPU drawing is
		// emulated. --gpu always turns it back on.
		Linux: linuxOpts,
	})
	if err != nil {
		log.Error("window", "err", err)
		return 1
	}
	return 0
}

// showStartupError opens the window on a page saying why the workspace
// could not be opened (see app.StartupErrorHandler), so a person who started
// Success Desk from a launcher, with no terminal, sees it; it returns when
// the window is closed.
func showStartupError(message string, linuxOpts *linux.Options, log *slog.Logger) {
	err := wails.Run(&options.App{
		Title:            "Success Desk",
		Width:            760,
		Height:           420,
		BackgroundColour: &options.RGBA{R: 248, G: 250, B: 252, A: 255},
		AssetServer:      &assetserver.Options{Handler: app.StartupErrorHandler(message)},
		Linux:            linuxOpts,
	})
	if err != nil {
		log.Error("window", "err", err)
	}
}

// openDesk returns the opener shared by the window and the CLI: the live
// book, with tokens in the OS keyring and base URLs from the environment
// (SUCCESS_DESK_<SOURCE>_BASE_URL), and the demo book when it is shown.
func openDesk(log *slog.Logger, started time.Time) cli.Opener {
	return cli.NewOpener(cli.DeskConfig{Secrets: secrets.NewKeyring(0), Factory: sources.NewFactory(os.Getenv, log),
		Log: log, Version: version, Started: started})
}

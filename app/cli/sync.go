package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"syscall"

	"successdesk/app"
	"successdesk/backend/domain"
	"successdesk/backend/syncer"
)

// Exit codes of sync beyond 0, 1 and 2.
const (
	ExitReconnect   = 3   // a source refused its key or has none: act in Settings or run connect
	ExitInterrupted = 130 // stopped by SIGINT or SIGTERM; the next run resumes
)

// exitError carries a specific exit code with its message.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }

func parseSource(name string) (domain.Source, error) {
	src := domain.Source(strings.ToLower(strings.TrimSpace(name)))
	if !slices.Contains(domain.AllSources, src) {
		names := make([]string, len(domain.AllSources))
		for i, s := range domain.AllSources {
			names[i] = string(s)
		}
		return "", usageError{fmt.Sprintf("unknown source %q: one of %s", name, strings.Join(names, ", "))}
	}
	return src, nil
}

// connect reads a key from standard input, verifies it and saves it.
func (c *CLI) connect(args []string) error {
	fs := newFlags("connect")
	var o Options
	fs.StringVar(&o.DataDir, "data-dir", "", "data directory")
	src, rest, err := sourceArg(args, "connect")
	if err != nil {
		return err
	}
	if err := fs.Parse(rest); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	if f, ok := c.Stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprintf(c.Stderr, "Paste the %s key and press Enter: ", src.Label())
		}
	}
	line, err := bufio.NewReader(io.LimitReader(c.Stdin, 64<<10)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read the key: %w", err)
	}
	o.Live = true
	desk, closeDesk, err := c.Open(o)
	if err != nil {
		return err
	}
	defer closeDesk()
	conn, err := desk.Connect(context.Background(), src, line)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "Connected %s%s. Run success-desk sync to fetch its data.\n", src.Label(), describe(conn))
	return nil
}

func describe(c app.Connection) string {
	var parts []string
	if c.Account != "" {
		parts = append(parts, c.Account)
	}
	if c.KeyMode != "" {
		parts = append(parts, c.KeyMode+" mode")
	}
	if c.KeyKind != "" {
		parts = append(parts, c.KeyKind)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// disconnect removes a source's key and, with --remove-data, its data.
func (c *CLI) disconnect(args []string) error {
	fs := newFlags("disconnect")
	var o Options
	fs.StringVar(&o.DataDir, "data-dir", "", "data directory")
	remove := fs.Bool("remove-data", false, "also delete what the source synced")
	src, rest, err := sourceArg(args, "disconnect")
	if err != nil {
		return err
	}
	if err := fs.Parse(rest); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	o.Live = true
	desk, closeDesk, err := c.Open(o)
	if err != nil {
		return err
	}
	defer closeDesk()
	rows, err := desk.Disconnect(context.Background(), src, *remove)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "Disconnected %s; removed %d rows.\n", src.Label(), rows.Total())
	return nil
}

func sourceArg(args []string, cmd string) (domain.Source, []string, error) {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return "", nil, usageError{cmd + " needs a source, for example: " + cmd + " stripe"}
	}
	src, err := parseSource(args[0])
	return src, args[1:], err
}

// sync runs the named (or every connected) source headless.
func (c *CLI) sync(args []string) error {
	fs := newFlags("sync")
	var o Options
	fs.StringVar(&o.DataDir, "data-dir", "", "data directory")
	var srcs []domain.Source
	// Sources and flags may come in any order.
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) > 0 {
			src, err := parseSource(args[0])
			if err != nil {
				return err
			}
			srcs = append(srcs, src)
			args = args[1:]
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	o.Live = true
	o.Events = &progressPrinter{w: c.Stderr}
	desk, closeDesk, err := c.Open(o)
	if err != nil {
		return err
	}
	defer closeDesk()
	rep, err := desk.Sync(ctx, srcs...)
	if ctx.Err() != nil {
		return exitError{ExitInterrupted, "interrupted; the next sync resumes where this one stopped"}
	}
	if err != nil {
		if domain.ErrorCode(err) == domain.ENotConnected {
			return exitError{ExitReconnect, domain.ErrorMessage(err)}
		}
		return err
	}
	code, failed := 0, []string{}
	for _, r := range rep.Sources {
		if r.Err == nil {
			fmt.Fprintf(c.Stdout, "%s: synced, %d records written\n", r.Source.Label(), r.Items)
			continue
		}
		failed = append(failed, fmt.Sprintf("%s: %s", r.Source.Label(), domain.ErrorMessage(r.Err)))
		switch domain.ErrorCode(r.Err) {
		case domain.EUnauthorized, domain.ENotConnected:
			code = ExitReconnect
		default:
			if code == 0 {
				code = 1
			}
		}
	}
	if code != 0 {
		return exitError{code, strings.Join(failed, "; ")}
	}
	return nil
}

// progressPrinter writes sync progress events as lines on standard error.
type progressPrinter struct {
	mu sync.Mutex
	w  io.Writer
}

func (p *progressPrinter) Emit(name string, data any) {
	pr, ok := data.(syncer.Progress)
	if name != syncer.EventProgress || !ok {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case pr.Source == "":
		fmt.Fprintln(p.w, pr.Phase)
	case pr.Total > 0:
		fmt.Fprintf(p.w, "%s: %s %d of %d\n", domain.Source(pr.Source).Label(), pr.Phase, pr.Done, pr.Total)
	default:
		fmt.Fprintf(p.w, "%s: %s %d\n", domain.Source(pr.Source).Label(), pr.Phase, pr.Done)
	}
}

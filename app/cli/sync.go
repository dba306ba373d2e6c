package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

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
		if domain.ErrorCode(err) == domain.EInvalid { // a source this build cannot sync: a bad argument
			return usageError{domain.ErrorMessage(err)}
		}
		if domain.ErrorCode(err) == domain.ENotConnected {
			return exitError{ExitReconnect, domain.ErrorMessage(err) + "\n" + connectHint(srcs)}
		}
		return err
	}
	code, failed, refused := 0, []string{}, []domain.Source{}
	for _, r := range rep.Sources {
		if r.Err == nil {
			fmt.Fprintf(c.Stdout, "%s: synced, %d records written\n", r.Source.Label(), r.Items)
			continue
		}
		failed = append(failed, fmt.Sprintf("%s: %s", r.Source.Label(), domain.ErrorMessage(r.Err)))
		switch domain.ErrorCode(r.Err) {
		case domain.EUnauthorized, domain.ENotConnected:
			code = ExitReconnect
			refused = append(refused, r.Source)
		default:
			if code == 0 {
				code = 1
			}
		}
	}
	if code != 0 {
		msg := strings.Join(failed, "; ")
		if len(refused) > 0 {
			msg += "\n" + connectHint(refused)
		}
		return exitError{code, msg}
	}
	return nil
}

// connectHint tells a terminal user how to give srcs a key (any source
// when srcs is empty); the window's messages point at Settings instead.
func connectHint(srcs []domain.Source) string {
	if len(srcs) == 0 {
		return "To connect a source, run: success-desk connect <source> (the key is read from standard input)."
	}
	cmds := make([]string, len(srcs))
	for i, s := range srcs {
		cmds[i] = "success-desk connect " + string(s)
	}
	return "To give it a key, run: " + strings.Join(cmds, "; ") + " (the key is read from standard input)."
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

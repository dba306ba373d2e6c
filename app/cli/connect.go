package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"successdesk/app"
	"successdesk/backend/domain"
)

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
	options := optionFlag{}
	src, o, err := sourceCommand("connect", args, func(fs *flag.FlagSet) {
		fs.Var(options, "option", "a source setting as key=value (repeatable), e.g. host=https://eu.posthog.com")
	})
	if err != nil {
		return err
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
	desk, closeDesk, err := c.Open(o)
	if err != nil {
		return err
	}
	defer closeDesk()
	conn, err := desk.Connect(context.Background(), src, line, options)
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
	var remove bool
	src, o, err := sourceCommand("disconnect", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&remove, "remove-data", false, "also delete what the source synced")
	})
	if err != nil {
		return err
	}
	desk, closeDesk, err := c.Open(o)
	if err != nil {
		return err
	}
	defer closeDesk()
	rows, err := desk.Disconnect(context.Background(), src, remove)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "Disconnected %s; removed %d rows.\n", src.Label(), rows.Total())
	return nil
}

// sourceCommand parses "<cmd> <source> [flags]": the source first, then
// --data-dir and the flags extra adds. The options open the live book.
func sourceCommand(cmd string, args []string, extra func(*flag.FlagSet)) (domain.Source, Options, error) {
	o := Options{Live: true}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return "", o, usageError{cmd + " needs a source, for example: " + cmd + " stripe"}
	}
	src, err := parseSource(args[0])
	if err != nil {
		return "", o, err
	}
	fs := newFlags(cmd)
	fs.StringVar(&o.DataDir, "data-dir", "", "data directory")
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args[1:]); err != nil {
		return "", o, usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return "", o, usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return src, o, nil
}

// optionFlag collects repeated --option key=value settings.
type optionFlag map[string]string

func (o optionFlag) String() string { return "" }

func (o optionFlag) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(k) == "" {
		return fmt.Errorf("--option wants key=value, got %q", v)
	}
	o[strings.TrimSpace(k)] = val
	return nil
}

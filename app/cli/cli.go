// Package cli runs Success Desk's headless commands (export, version). It
// shares the app services with the window, so an export holds exactly the
// rows the page shows. Exit codes: 0 success, 1 failure, 2 bad usage.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"successdesk/app"
)

// Options are the global flags that apply to every command, and what the
// command needs from the desk.
type Options struct {
	DataDir  string
	Demo     bool // work on the demo book whatever the saved choice
	Live     bool // work on the live book whatever the saved choice
	DemoSize int
	Events   app.Emitter // sync progress; nil drops it
	// DemoInBackground: the window opens before its demo book is built
	// (app.DeskOptions.DemoInBackground); commands wait for it.
	DemoInBackground bool
}

// Opener opens the desk a command runs against; close releases it.
type Opener func(o Options) (desk *app.Desk, close func(), err error)

// CLI holds what the commands need. Construct it in main.
type CLI struct {
	Open    Opener
	Version string
	Stdin   io.Reader // connect reads the key from here
	Stdout  io.Writer
	Stderr  io.Writer
}

// Commands lists the command names main hands to Run.
var Commands = []string{"export", "connect", "disconnect", "sync", "version", "help"}

// IsCommand reports whether name is a CLI command rather than a window flag.
func IsCommand(name string) bool {
	for _, c := range Commands {
		if c == name {
			return true
		}
	}
	return false
}

// usageError is a bad invocation: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// Run executes args (without the program name) and returns the exit code.
func (c *CLI) Run(args []string) int {
	err := c.run(args)
	if err == nil {
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(c.Stderr, "success-desk: %s\n%s", ue.msg, usage)
		return 2
	}
	var ee exitError
	if errors.As(err, &ee) {
		fmt.Fprintf(c.Stderr, "success-desk: %s\n", ee.msg)
		return ee.code
	}
	fmt.Fprintf(c.Stderr, "success-desk: %s\n", app.UserMessage(err))
	return 1
}

const usage = `Usage:
  success-desk [--data-dir DIR] [--demo-size N] [--gpu never|always]
                                                        open the window (--gpu: Linux, draw with the GPU)
  success-desk connect SOURCE [--option KEY=VALUE]... [--data-dir DIR]
                                                        read a key from standard input, check it, save it in the
                                                        keyring (options: PostHog host, project, group_type;
                                                        HubSpot properties)
  success-desk disconnect SOURCE [--remove-data] [--data-dir DIR]
  success-desk sync [SOURCE...] [--data-dir DIR]        sync now (all connected sources when none is named);
                                                        progress on standard error; exit 0 synced, 1 a source
                                                        failed (it resumes next time), 3 a source is not
                                                        connected or needs a new key, 130 interrupted
  success-desk export health --format csv|json [--demo] [--demo-size N] [--risk critical|at_risk|healthy]
                             [--search TEXT] [--include-untracked] [--data-dir DIR] [--out FILE]
  success-desk export contracts --format csv|json [--demo] [--demo-size N] [--status S] [--source salesbricks|stripe]
                             [--search TEXT] [--mismatched] [--data-dir DIR] [--out FILE]
  success-desk export convert --format csv|json [--demo] [--demo-size N] [--source salesbricks|stripe]
                              [--likelihood high|medium|low] [--search TEXT] [--data-dir DIR] [--out FILE]
  success-desk version
`

func (c *CLI) run(args []string) error {
	if len(args) == 0 {
		return usageError{"no command given"}
	}
	switch args[0] {
	case "version":
		if len(args) > 1 {
			return usageError{"version takes no arguments"}
		}
		fmt.Fprintf(c.Stdout, "success-desk %s\n", c.Version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(c.Stdout, usage)
		return nil
	case "connect":
		return c.connect(args[1:])
	case "disconnect":
		return c.disconnect(args[1:])
	case "sync":
		return c.sync(args[1:])
	case "export":
		if len(args) < 2 || strings.HasPrefix(args[1], "-") {
			return usageError{"export needs a table: health, contracts or convert"}
		}
		switch args[1] {
		case "health":
			return c.exportHealth(args[2:])
		case "contracts":
			return c.exportContracts(args[2:])
		case "convert":
			return c.exportConvert(args[2:])
		}
		return usageError{fmt.Sprintf("unknown table %q: export health, contracts or convert", args[1])}
	}
	return usageError{fmt.Sprintf("unknown command %q", args[0])}
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

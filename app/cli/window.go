package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// WindowFlags is the command line the window opens with.
type WindowFlags struct {
	Options
	GPU bool // Linux: draw the page with the GPU (--gpu always)
}

// ParseWindow reads the window's command line (args without the program
// name and without a command). ok is false when the window must not open:
// for -h or --help the usage goes to stdout and code is 0; for a flag it does
// not know, a bad value or a word that is not a command, it says so on
// stderr, followed by the usage, and code is 2.
func ParseWindow(args []string, stdout, stderr io.Writer) (f WindowFlags, code int, ok bool) {
	fs := flag.NewFlagSet("success-desk", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // the errors are worded below
	fs.StringVar(&f.DataDir, "data-dir", "", "")
	fs.IntVar(&f.DemoSize, "demo-size", 120, "")
	gpu := fs.String("gpu", "never", "")
	fail := func(format string, a ...any) (WindowFlags, int, bool) {
		fmt.Fprintf(stderr, "success-desk: "+format+"\n%s", append(a, usage)...)
		return WindowFlags{}, 2, false
	}
	switch err := fs.Parse(args); {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, usage)
		return WindowFlags{}, 0, false
	case err != nil:
		return fail("%s", err)
	case fs.NArg() > 0:
		return fail("unknown command %q", fs.Arg(0))
	}
	switch *gpu {
	case "always":
		f.GPU = true
	case "never":
	default:
		return fail("--gpu must be never or always")
	}
	if f.DemoSize < 1 || f.DemoSize > 1_000_000 {
		return fail("--demo-size must be between 1 and 1000000")
	}
	return f, 0, true
}

package cli

import (
	"flag"
	"fmt"
	"io"
)

// exportFlags are the flags every export takes: --format (csv or json),
// --out, and the book's --data-dir, --demo and --demo-size. A command adds
// its own filters to fs before parse.
type exportFlags struct {
	fs     *flag.FlagSet
	format *string
	out    *string
	book   Options
}

// newExportFlags returns the shared flags of the export command name.
func newExportFlags(name string) *exportFlags {
	e := &exportFlags{fs: newFlags(name)}
	e.format = e.fs.String("format", "", "csv or json")
	e.out = e.fs.String("out", "", "write to this file instead of standard output")
	e.fs.StringVar(&e.book.DataDir, "data-dir", "", "data directory")
	e.fs.BoolVar(&e.book.Demo, "demo", false, "export the demo book")
	e.fs.IntVar(&e.book.DemoSize, "demo-size", 120, "accounts in the demo book")
	return e
}

// parse parses args and checks the shared flags: no stray arguments, a
// format of csv or json, a demo size in range. Its errors are usage errors.
func (e *exportFlags) parse(args []string) error {
	if err := e.fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	switch {
	case e.fs.NArg() > 0:
		return usageError{fmt.Sprintf("unexpected argument %q", e.fs.Arg(0))}
	case *e.format != "csv" && *e.format != "json":
		return usageError{"--format must be csv or json"}
	case e.book.DemoSize < 1 || e.book.DemoSize > 1_000_000:
		return usageError{"--demo-size must be between 1 and 1000000"}
	}
	return nil
}

// write hands write the file named by --out (see writeFile), or standard
// output.
func (e *exportFlags) write(c *CLI, write func(io.Writer) error) error {
	if *e.out == "" {
		return write(c.Stdout)
	}
	return writeFile(*e.out, write)
}

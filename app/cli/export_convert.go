package cli

import (
	"fmt"
	"io"
	"os"

	"successdesk/app"
)

// exportConvert prints the Convert queue as the page shows it (routed
// accounts first, then highest score), filtered by --source, --likelihood
// and --search: every matching row, as CSV with a header row or as a JSON
// array (see app.ConvertRecord).
func (c *CLI) exportConvert(args []string) error {
	fs := newFlags("export convert")
	format := fs.String("format", "", "csv or json")
	source := fs.String("source", "", "salesbricks or stripe")
	likelihood := fs.String("likelihood", "", "high, medium or low")
	search := fs.String("search", "", "match company name, domain or e-mail")
	out := fs.String("out", "", "write to this file instead of standard output")
	var o Options
	fs.StringVar(&o.DataDir, "data-dir", "", "data directory")
	fs.BoolVar(&o.Demo, "demo", false, "export the demo book")
	fs.IntVar(&o.DemoSize, "demo-size", 120, "accounts in the demo book")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	switch {
	case fs.NArg() > 0:
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	case *format != "csv" && *format != "json":
		return usageError{"--format must be csv or json"}
	case *source != "" && *source != "salesbricks" && *source != "stripe":
		return usageError{"--source must be salesbricks or stripe"}
	case *likelihood != "" && *likelihood != "high" && *likelihood != "medium" && *likelihood != "low":
		return usageError{"--likelihood must be high, medium or low"}
	case o.DemoSize < 1 || o.DemoSize > 1_000_000:
		return usageError{"--demo-size must be between 1 and 1000000"}
	}
	desk, closeDesk, err := c.Open(o)
	if err != nil {
		return err
	}
	defer closeDesk()
	content, _, err := app.ConvertExportContent(app.NewConvertService(desk), app.ConvertExportRequest{Format: *format,
		Query: app.ConvertQuery{Source: *source, Likelihood: *likelihood, Search: *search}})
	if err != nil {
		return err
	}
	var w io.Writer = c.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	_, err = w.Write(content)
	return err
}

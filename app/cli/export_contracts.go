package cli

import (
	"fmt"
	"os"

	"successdesk/app"
)

// exportContracts writes the Contracts ledger as filtered, with the bytes
// the page's Export saves (app.ContractsExportContent): every matching
// row, routed accounts first, renewal soonest first.
func (c *CLI) exportContracts(args []string) error {
	fs := newFlags("export contracts")
	format := fs.String("format", "", "csv or json")
	status := fs.String("status", "", "active, trialing, past_due, expiring30, canceled, expired, pending or draft")
	source := fs.String("source", "", "salesbricks or stripe (merged rows match both)")
	search := fs.String("search", "", "match customer name, e-mail, domain or product")
	mismatched := fs.Bool("mismatched", false, "only rows where Salesbricks and Stripe disagree")
	out := fs.String("out", "", "write to this file instead of standard output")
	var o Options
	fs.StringVar(&o.DataDir, "data-dir", "", "data directory")
	fs.BoolVar(&o.Demo, "demo", false, "export the demo book")
	fs.IntVar(&o.DemoSize, "demo-size", 120, "accounts in the demo book")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	if *format != "csv" && *format != "json" {
		return usageError{"--format must be csv or json"}
	}
	if *status == "past-due" {
		*status = "past_due"
	}
	q := app.ContractsQuery{Search: *search, Status: *status, Source: *source, Mismatched: *mismatched}
	if err := q.Validate(); err != nil {
		return usageError{app.UserMessage(err)}
	}
	if o.DemoSize < 1 || o.DemoSize > 1_000_000 {
		return usageError{"--demo-size must be between 1 and 1000000"}
	}
	desk, closeDesk, err := c.Open(o)
	if err != nil {
		return err
	}
	defer closeDesk()
	content, _, err := app.ContractsExportContent(app.NewContractsService(desk), app.ContractsExportRequest{Query: q, Format: *format})
	if err != nil {
		return err
	}
	if *out != "" {
		return os.WriteFile(*out, content, 0o644)
	}
	_, err = c.Stdout.Write(content)
	return err
}

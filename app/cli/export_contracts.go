package cli

import (
	"io"

	"successdesk/app"
)

// exportContracts writes the Contracts ledger as filtered, with the bytes
// the page's Export saves (app.ContractsExportContent): every matching
// row, routed accounts first, renewal soonest first.
func (c *CLI) exportContracts(args []string) error {
	e := newExportFlags("export contracts")
	status := e.fs.String("status", "", "active, trialing, past_due, expiring30, canceled, expired, pending or draft")
	source := e.fs.String("source", "", "salesbricks or stripe (merged rows match both)")
	search := e.fs.String("search", "", "match customer name, e-mail, domain or product")
	mismatched := e.fs.Bool("mismatched", false, "only rows where Salesbricks and Stripe disagree")
	if err := e.parse(args); err != nil {
		return err
	}
	if *status == "past-due" {
		*status = "past_due"
	}
	q := app.ContractsQuery{Search: *search, Status: *status, Source: *source, Mismatched: *mismatched}
	if err := q.Validate(); err != nil {
		return usageError{app.UserMessage(err)}
	}
	desk, closeDesk, err := c.Open(e.book)
	if err != nil {
		return err
	}
	defer closeDesk()
	content, _, err := app.ContractsExportContent(app.NewContractsService(desk), app.ContractsExportRequest{Query: q, Format: *e.format})
	if err != nil {
		return err
	}
	return e.write(c, func(w io.Writer) error {
		_, err := w.Write(content)
		return err
	})
}

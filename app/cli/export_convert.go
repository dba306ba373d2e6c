package cli

import (
	"io"

	"successdesk/app"
)

// exportConvert prints the Convert queue as the page shows it (routed
// accounts first, then highest score), filtered by --source, --likelihood
// and --search: every matching row, as CSV with a header row or as a JSON
// array (see app.ConvertRecord).
func (c *CLI) exportConvert(args []string) error {
	e := newExportFlags("export convert")
	source := e.fs.String("source", "", "salesbricks or stripe")
	likelihood := e.fs.String("likelihood", "", "high, medium or low")
	search := e.fs.String("search", "", "match company name, domain or e-mail")
	if err := e.parse(args); err != nil {
		return err
	}
	switch {
	case *source != "" && *source != "salesbricks" && *source != "stripe":
		return usageError{"--source must be salesbricks or stripe"}
	case *likelihood != "" && *likelihood != "high" && *likelihood != "medium" && *likelihood != "low":
		return usageError{"--likelihood must be high, medium or low"}
	}
	desk, closeDesk, err := c.Open(e.book)
	if err != nil {
		return err
	}
	defer closeDesk()
	content, _, err := app.ConvertExportContent(app.NewConvertService(desk), app.ConvertExportRequest{Format: *e.format,
		Query: app.ConvertQuery{Source: *source, Likelihood: *likelihood, Search: *search}})
	if err != nil {
		return err
	}
	return e.write(c, func(w io.Writer) error {
		_, err := w.Write(content)
		return err
	})
}

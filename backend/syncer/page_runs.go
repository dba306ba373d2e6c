package syncer

import "successdesk/backend/connector"

// pageRuns splits pages into runs of consecutive pages that the sink
// writes as one (sub-slices of pages, which is not modified), so that a
// commit of many pages writes each table's records in a few statements of
// full size instead of a few small ones per page: a small statement costs
// nearly what a full one does, and every new size is compiled anew. The
// outcome is that of writing the pages one by one, in order, because a
// page joins the run before it only when
//   - it starts no full pass and carries no accounts, usage, deals or
//     enrichments (only a run's first page may: accounts must all be linked
//     before the records naming them, and the others are written one by one
//     after the run's records, on tables those do not touch);
//   - the run's last page deletes nothing and ends no full pass (deletions
//     and the sweep follow the records before them, and only the run's last
//     page may have them);
//   - it carries no revenue when the run carries invoices (an invoice finds
//     its revenue source by external id: it must not see one that writing
//     page by page would only have written after it).
//
// A table's records keep their order across the run, so a record delivered
// twice ends as its later copy.
func pageRuns(pages []connector.Page) [][]connector.Page {
	var runs [][]connector.Page
	start, invoices := 0, false
	for i, p := range pages {
		if i > start && !joinsRun(pages[start:i], invoices, p) {
			runs = append(runs, pages[start:i])
			start, invoices = i, false
		}
		invoices = invoices || len(p.Invoices) > 0
	}
	if start < len(pages) {
		runs = append(runs, pages[start:])
	}
	return runs
}

// joinsRun reports whether p may join run (see pageRuns); invoices tells
// whether a page of run carries invoices.
func joinsRun(run []connector.Page, invoices bool, p connector.Page) bool {
	last := run[len(run)-1]
	return !p.StartsFullPass && len(p.Accounts) == 0 && !oneByOne(p) &&
		len(last.Deleted) == 0 && !last.EndsFullPass && !(invoices && len(p.Revenue) > 0)
}

// oneByOne reports whether p carries records the sink writes one by one.
func oneByOne(p connector.Page) bool {
	return len(p.Usage) > 0 || len(p.Deals) > 0 || len(p.Enrichments) > 0
}

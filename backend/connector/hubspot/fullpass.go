package hubspot

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"successdesk/backend/connector"
)

// fetchFull returns the page of a full pass at pos. With starting, pos is
// ignored and a new pass begins: the page carries StartsFullPass, the pass
// is dated now (our clock) and by HubSpot's Date of its first answer, and
// the custom properties' definitions are read again (after the first list
// answer, so that a refused token is told by one request). The last page (no
// paging.next, or no results whatever paging says) is Done, carries
// EndsFullPass and points at the first incremental run. A page whose
// results all fail to map is skipped over within the same call, so only
// the end of the pass yields an empty page.
func (c *Connector) fetchFull(ctx context.Context, pos position, starting bool) (connector.Page, error) {
	if starting {
		pos = position{mode: modeFull, full: c.now().UnixMilli(), props: c.props}
	}
	var fields []customField
	for first := true; ; first = false {
		a, err := c.get(ctx, "/crm/v3/objects/companies", c.listQuery(pos.after), scopeCompanies)
		if err != nil {
			return connector.Page{}, err
		}
		if pos.run == 0 {
			pos.run = a.dateMillis(c.now)
		}
		l, err := decodePage(a.body)
		if err != nil {
			return connector.Page{}, unreadable()
		}
		if first { // after the companies answered, so a refused token costs one request
			if fields, err = c.customFields(ctx, starting); err != nil {
				return connector.Page{}, err
			}
		}
		page := mapPage(l.Results, fields)
		page.Phase, page.StartsFullPass = PhaseCompanies, starting
		next := l.Paging.after()
		if next != "" && len(l.Results) > 0 {
			if next == pos.after || !validToken(next) {
				return connector.Page{}, unreadable() // a token that would page in circles
			}
			pos.after = next
			if page.Len() > 0 {
				page.Next = pos.String()
				return page, nil
			}
			continue
		}
		page.Done, page.EndsFullPass = true, true
		page.Next = position{mode: modeChanges, mark: watermark(pos.run), full: pos.full, props: pos.props}.String()
		return page, nil
	}
}

// listQuery is the query of a list page after the paging token after.
func (c *Connector) listQuery(after string) url.Values {
	q := url.Values{
		"limit":      {strconv.Itoa(PageSize)},
		"properties": {strings.Join(c.properties(), ",")},
		"archived":   {"false"},
	}
	if after != "" {
		q.Set("after", after)
	}
	return q
}

// properties are the company properties every read asks for: the
// standard ones, then the chosen custom ones not among them.
func (c *Connector) properties() []string {
	out := append([]string(nil), standardProps...)
	for _, n := range c.custom {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// mapPage maps a page of companies to their account and enrichment
// records, in HubSpot's order.
func mapPage(results []object, fields []customField) connector.Page {
	var page connector.Page
	page.Accounts = make([]connector.AccountRecord, 0, len(results))
	page.Enrichments = make([]connector.EnrichmentRecord, 0, len(results))
	for i := range results {
		if a, e, ok := mapCompany(&results[i], fields); ok {
			page.Accounts = append(page.Accounts, a)
			page.Enrichments = append(page.Enrichments, e)
		}
	}
	return page
}

// watermark is where the run after one that began at run (HubSpot's time,
// ms) starts searching: ChangeOverlap earlier, never below 1.
func watermark(run int64) int64 {
	return max(run-ChangeOverlap.Milliseconds(), 1)
}

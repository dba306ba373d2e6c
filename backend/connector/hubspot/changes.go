package hubspot

import (
	"context"
	"encoding/json"
	"strconv"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// searchRequest is the body of POST /crm/v3/objects/companies/search.
type searchRequest struct {
	FilterGroups []filterGroup `json:"filterGroups"`
	Sorts        []sortRule    `json:"sorts"`
	Properties   []string      `json:"properties"`
	Limit        int           `json:"limit"`
	After        string        `json:"after,omitempty"`
}

type filterGroup struct {
	Filters []filter `json:"filters"`
}

type filter struct {
	PropertyName string `json:"propertyName"`
	Operator     string `json:"operator"`
	Value        string `json:"value"`
}

type sortRule struct {
	PropertyName string `json:"propertyName"`
	Direction    string `json:"direction"`
}

// fetchChanges returns the page of an incremental run at pos: companies
// whose hs_lastmodifieddate is at or after pos.mark, oldest change first,
// skipping pos.skip of them. pos.run == 0 starts a run: it is dated by
// HubSpot's Date of the first answer, and when that answer counts more
// than MaxChanges companies the run becomes a full pass. The next page
// searches again from the modification time of this page's last company
// (records at exactly that time come again; writing them twice changes
// nothing); when the whole page shares pos.mark it skips past them
// instead, and should that skip reach the search's cap, a full pass
// follows (Next ""). The last page is Done and points at the next run.
func (c *Connector) fetchChanges(ctx context.Context, pos position) (connector.Page, error) {
	starting := pos.run == 0
	var fields []customField
	for first := true; ; first = false {
		l, date, err := c.search1(ctx, pos)
		if err != nil {
			return connector.Page{}, err
		}
		total, _ := l.Total.Int()
		if starting {
			pos.run = date
			if total > MaxChanges {
				return c.fetchFull(ctx, position{}, true)
			}
		}
		if first { // after the search answered, so a refused token costs one request
			if fields, err = c.customFields(ctx, false); err != nil {
				return connector.Page{}, err
			}
		}
		page := mapPage(l.Results, fields)
		page.Phase = PhaseChanges
		if starting && total > 0 {
			page.Total = 2 * int(total) // an account and an enrichment each
		}
		starting = false
		if l.Paging.after() == "" || len(l.Results) == 0 {
			page.Done = true
			page.Next = position{mode: modeChanges, mark: watermark(pos.run), full: pos.full, props: pos.props}.String()
			return page, nil
		}
		if last := modifiedMillis(&l.Results[len(l.Results)-1]); last > pos.mark {
			pos.mark, pos.skip = last, 0
		} else {
			pos.skip += len(l.Results)
		}
		if pos.skip+SearchPageSize > MaxChanges {
			return page, nil // more ties than a search can page through: Next "" reads everything instead
		}
		page.Next = pos.String()
		if page.Len() > 0 {
			return page, nil
		}
		// nothing on the page mapped: read on, so that only the end is empty
	}
}

// search1 sends one search at pos, paced by the search limiter, and
// returns the decoded page and HubSpot's time of the answer (ms).
func (c *Connector) search1(ctx context.Context, pos position) (objectPage, int64, error) {
	if c.search != nil {
		if err := c.search.Wait(ctx); err != nil {
			return objectPage{}, 0, connector.FetchError(ctx, err, domain.SourceHubSpot)
		}
	}
	body, err := json.Marshal(c.searchRequest(pos))
	if err != nil {
		return objectPage{}, 0, domain.Errorf(domain.EInternal, "Internal error.")
	}
	a, err := c.post(ctx, "/crm/v3/objects/companies/search", body, scopeCompanies)
	if err != nil {
		return objectPage{}, 0, err
	}
	l, err := decodePage(a.body)
	if err != nil {
		return objectPage{}, 0, unreadable()
	}
	return l, a.dateMillis(c.now), nil
}

// searchRequest is the search for the companies changed at or after
// pos.mark, oldest change first, past pos.skip of them.
func (c *Connector) searchRequest(pos position) searchRequest {
	r := searchRequest{
		FilterGroups: []filterGroup{{Filters: []filter{{
			PropertyName: "hs_lastmodifieddate", Operator: "GTE", Value: strconv.FormatInt(pos.mark, 10)}}}},
		Sorts:      []sortRule{{PropertyName: "hs_lastmodifieddate", Direction: "ASCENDING"}},
		Properties: c.properties(),
		Limit:      SearchPageSize,
	}
	if pos.skip > 0 {
		r.After = strconv.Itoa(pos.skip)
	}
	return r
}

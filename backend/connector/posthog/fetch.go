package posthog

import (
	"context"
	"time"

	"successdesk/backend/connector"
)

// UsagePage is a page of a usage pass with what connector.Page cannot
// carry yet: every account of the page with its weeks and last-seen time.
// Page holds the same accounts and weeks as records.
type UsagePage struct {
	Page     connector.Page
	Accounts []AccountUsage
}

// LastSeen returns the last-seen time of each account of the page by key
// (accounts PostHog gave none for are left out).
func (p UsagePage) LastSeen() map[string]time.Time {
	out := make(map[string]time.Time, len(p.Accounts))
	for _, a := range p.Accounts {
		if !a.LastSeen.IsZero() {
			out[a.Account.Key] = a.LastSeen
		}
	}
	return out
}

// FetchUsage returns the page of the usage pass at cursor: up to
// PageSize accounts, in key order, each with its WindowWeeks usage weeks.
//
// A cursor from a pass over other weeks (the pass began before the
// current week did) or over another grouping (the settings changed) is
// not resumed: a new pass begins, which costs a few queries at most. The
// last page is Done with Next "": every run is a full pass. Pages are not
// marked as a full pass (see the package comment: usage is not swept).
func (c *Connector) FetchUsage(ctx context.Context, cur connector.Cursor) (UsagePage, error) {
	if err := ctx.Err(); err != nil {
		return UsagePage{}, err
	}
	if err := c.check(); err != nil {
		return UsagePage{}, err
	}
	pos, err := parseCursor(cur)
	if err != nil {
		return UsagePage{}, err
	}
	project, err := c.projectRef(ctx)
	if err != nil {
		return UsagePage{}, err
	}
	g, err := c.grouping(ctx, project)
	if err != nil {
		return UsagePage{}, err
	}
	w := WindowAt(c.now())
	if mode := modeOf(g); pos.mode != mode || !pos.week.Equal(w.Newest) {
		pos = position{mode: mode, week: w.Newest}
	}
	q := usageQuery(g, w, c.pageSize+1)
	for {
		res, err := c.query(ctx, project, q, map[string]any{"after": pos.after})
		if err != nil {
			return UsagePage{}, err
		}
		rows := res.Rows
		more := len(rows) > c.pageSize || (res.HasMore && len(rows) > 0)
		if len(rows) > c.pageSize {
			rows = rows[:c.pageSize]
		}
		page := UsagePage{Page: connector.Page{Phase: PhaseUsage}}
		if len(rows) == 0 {
			page.Page.Done = true
			return page, nil
		}
		// Keyset paging: the next query starts after the last key PostHog
		// sent, whether or not that row became an account.
		ki := column(res.Columns, colKey)
		if ki < 0 {
			return UsagePage{}, unreadable()
		}
		last, ok := stringValue(rows[len(rows)-1][ki])
		if !ok || last <= pos.after {
			return UsagePage{}, unreadable() // not in key order: paging would never end
		}
		accounts, err := MapUsage(Result{Columns: res.Columns, Rows: rows}, w, g != nil)
		if err != nil {
			return UsagePage{}, unreadable()
		}
		pos.after = last
		page.Accounts = accounts
		page.Page.Accounts = make([]connector.AccountRecord, 0, len(accounts))
		page.Page.Usage = make([]connector.UsageRecord, 0, len(accounts)*WindowWeeks)
		for _, a := range accounts {
			page.Page.Accounts = append(page.Page.Accounts, a.Account)
			page.Page.Usage = append(page.Page.Usage, a.Weeks...)
		}
		switch {
		case !more:
			page.Page.Done = true
			return page, nil
		case len(accounts) > 0:
			page.Page.Next = pos.String()
			return page, nil
		}
		// Every row was dropped (free-mail domains) but more follow: an
		// empty page would end the pass, so read on.
	}
}

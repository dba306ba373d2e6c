package posthog

import (
	"fmt"
	"strings"
	"time"

	"successdesk/backend/domain"
)

// Window is the span of weeks one pass reads: WindowWeeks weeks starting
// on Mondays at 00:00 UTC, oldest first, the last one the week the pass
// began in.
type Window struct {
	Newest time.Time // the Monday that starts the newest week
}

// WindowAt is the window of a pass that begins at t.
func WindowAt(t time.Time) Window { return Window{Newest: domain.WeekStart(t)} }

// Week is the Monday that starts week i (0 is the oldest).
func (w Window) Week(i int) time.Time { return w.Newest.AddDate(0, 0, 7*(i-WindowWeeks+1)) }

// Start is the first instant of the window; End is the first after it.
func (w Window) Start() time.Time { return w.Week(0) }

// End is the Monday after the newest week.
func (w Window) End() time.Time { return w.Newest.AddDate(0, 0, 7) }

// queryMarker opens every usage query, so that PostHog's query log (and
// the test peer) can tell what asked for it.
const queryMarker = "-- successdesk:usage v1"

// queryName labels the query in PostHog's query log.
const queryName = "Success Desk usage sync"

// Column names of the usage query. weekColumn(i) names week i.
const (
	colKey      = "account_key"
	colName     = "account_name"
	colDomain   = "account_domain"
	colLastSeen = "last_seen"
)

func weekColumn(i int) string { return fmt.Sprintf("w%02d", i) }

// emailDomain is the HogQL expression for the part of a person's e-mail
// address after its first "@", lower-cased.
const emailDomain = "lower(substring(coalesce(toString(person.properties.email), ''), " +
	"position(coalesce(toString(person.properties.email), ''), '@') + 1))"

// usageQuery is the one HogQL query of a pass: for every account (a group
// of group type g, or the company domain of persons' e-mail addresses when
// g is nil) with at least one event in window w and a key above the
// placeholder {after}, the distinct persons active in each week, the
// newest event, and (for groups) the group's name and domain properties;
// ordered by key, at most limit rows. Paging is by key (keyset): PostHog
// refuses OFFSET in queries made with a personal API key.
//
// Week bounds are written as UTC instants, so the project's time zone does
// not move them.
func usageQuery(g *groupType, w Window, limit int) string {
	var b strings.Builder
	b.WriteString(queryMarker)
	b.WriteString("\nSELECT\n")
	keyExpr := emailDomain
	if g != nil {
		n := g.index
		keyExpr = fmt.Sprintf("$group_%d", n)
		fmt.Fprintf(&b, "    $group_%d AS %s,\n", n, colKey)
		fmt.Fprintf(&b, "    any(group_%d.properties.name) AS %s,\n", n, colName)
		fmt.Fprintf(&b, "    any(group_%d.properties.domain) AS %s,\n", n, colDomain)
	} else {
		fmt.Fprintf(&b, "    %s AS %s,\n", emailDomain, colKey)
	}
	fmt.Fprintf(&b, "    max(timestamp) AS %s", colLastSeen)
	for i := range WindowWeeks {
		fmt.Fprintf(&b, ",\n    uniqExactIf(person_id, timestamp >= %s AND timestamp < %s) AS %s",
			utc(w.Week(i)), utc(w.Week(i+1)), weekColumn(i))
	}
	fmt.Fprintf(&b, "\nFROM events\nWHERE timestamp >= %s\n    AND timestamp < %s\n", utc(w.Start()), utc(w.End()))
	if g != nil {
		fmt.Fprintf(&b, "    AND %s != ''\n", keyExpr)
	} else {
		b.WriteString("    AND position(coalesce(toString(person.properties.email), ''), '@') > 0\n")
		fmt.Fprintf(&b, "    AND %s NOT IN (%s)\n", keyExpr, quoteList(mailboxProviders))
	}
	fmt.Fprintf(&b, "    AND %s > {after}\n", keyExpr)
	fmt.Fprintf(&b, "GROUP BY %s\nORDER BY %s ASC\nLIMIT %d", colKey, colKey, limit)
	return b.String()
}

// mailboxProviders are left out of the e-mail-domain query so that their
// (often large) user counts never take a row of a page. It is an
// optimization only: MapUsage drops every free-mail domain the connector
// package knows, whether or not it is listed here (a test checks that
// each entry here is one of them).
var mailboxProviders = []string{
	"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
	"ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "gmx.com",
	"gmx.de", "web.de", "mail.com", "yandex.com", "yandex.ru", "zoho.com", "fastmail.com", "hey.com",
	"qq.com", "163.com",
}

// quoteList renders plain domain names as a HogQL list of strings.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + n + "'"
	}
	return strings.Join(q, ", ")
}

// probeQuery is the cheapest query there is; Verify runs it when the key
// may not read the project but may still be able to query.
const probeQuery = "SELECT 1"

func utc(t time.Time) string {
	return "toDateTime('" + t.UTC().Format("2006-01-02 15:04:05") + "', 'UTC')"
}

// queryRequest is the body of POST /api/projects/{id}/query/.
type queryRequest struct {
	Query   hogQLQuery `json:"query"`
	Name    string     `json:"name,omitempty"`
	Refresh string     `json:"refresh,omitempty"`
}

type hogQLQuery struct {
	Kind   string         `json:"kind"`
	Query  string         `json:"query"`
	Values map[string]any `json:"values,omitempty"`
}

// newQuery builds the request for HogQL text q with placeholder values.
// "blocking" lets PostHog answer from its query cache when a result is
// recent (hours at most for this query), which weekly counts tolerate and
// which spares the project's small query budget.
func newQuery(q string, values map[string]any) queryRequest {
	return queryRequest{
		Query:   hogQLQuery{Kind: "HogQLQuery", Query: q, Values: values},
		Name:    queryName,
		Refresh: "blocking",
	}
}

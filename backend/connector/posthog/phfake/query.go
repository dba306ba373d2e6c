package phfake

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// UsageMarker opens the usage queries the fake answers.
const UsageMarker = "-- successdesk:usage v1"

// OffsetRefused is PostHog's answer to OFFSET in a query made with a
// personal API key.
const OffsetRefused = "OFFSET is not supported on queries made with a personal API key. " +
	"For pagination, use keyset pagination."

var (
	reOffset   = regexp.MustCompile(`(?i)\bOFFSET\b`)
	reGroupKey = regexp.MustCompile(`\$group_([0-4]) AS account_key\b`)
	reEmailKey = regexp.MustCompile(`person\.properties\.email[^\n]* AS account_key\b`)
	reWeek     = regexp.MustCompile(`uniqExactIf\(person_id, timestamp >= toDateTime\('([0-9: -]+)', 'UTC'\) ` +
		`AND timestamp < toDateTime\('([0-9: -]+)', 'UTC'\)\) AS (w\d\d)`)
	reRange = regexp.MustCompile(`WHERE timestamp >= toDateTime\('([0-9: -]+)', 'UTC'\)\s+` +
		`AND timestamp < toDateTime\('([0-9: -]+)', 'UTC'\)`)
	reAfter = regexp.MustCompile(`(\$group_[0-4]|'@'\) \+ 1\)\)) > \{after\}`)
	reLimit = regexp.MustCompile(`\bLIMIT (\d+)\s*$`)
	reNotIn = regexp.MustCompile(`'@'\) \+ 1\)\) NOT IN \(((?:'[^']*'(?:, )?)*)\)`)
	reQuote = regexp.MustCompile(`'([^']*)'`)
)

// queryBody is what the query endpoint reads.
type queryBody struct {
	Query struct {
		Kind   string         `json:"kind"`
		Query  string         `json:"query"`
		Values map[string]any `json:"values"`
	} `json:"query"`
	Name    string `json:"name"`
	Refresh string `json:"refresh"`
}

// usageQuery is a recognized usage query.
type usageQuery struct {
	group    int  // $group_N of the key; -1 for e-mail domains
	props    bool // selects the group's name and domain properties
	from, to time.Time
	weeks    []weekCol
	after    string
	limit    int
	excluded map[string]bool // e-mail domains the query leaves out
}

type weekCol struct {
	name     string
	from, to time.Time
}

func (s *Server) serveQuery(w http.ResponseWriter, r *http.Request) {
	var body queryBody
	raw, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if json.Unmarshal(raw, &body) != nil || body.Query.Kind == "" {
		s.fail(w, http.StatusBadRequest, "validation_error", "parse_error", "Malformed request.")
		return
	}
	s.mu.Lock()
	s.queries = append(s.queries, body.Query.Query)
	s.mu.Unlock()
	if body.Query.Kind != "HogQLQuery" {
		s.fail(w, http.StatusBadRequest, "validation_error", "invalid_input", "The fake answers HogQLQuery only.")
		return
	}
	q := body.Query.Query
	switch {
	case reOffset.MatchString(q):
		s.fail(w, http.StatusBadRequest, "validation_error", "query_error", OffsetRefused)
	case strings.TrimSpace(q) == "SELECT 1":
		s.json(w, http.StatusOK, map[string]any{"results": [][]any{{1}}, "columns": []string{"1"},
			"types": [][]string{{"1", "UInt8"}}, "hogql": q})
	case strings.HasPrefix(q, UsageMarker):
		uq, ok := parseUsage(q, body.Query.Values)
		if !ok {
			s.fail(w, http.StatusBadRequest, "validation_error", "query_error", "The usage query is not in the expected shape.")
			return
		}
		s.answerUsage(w, q, uq)
	default:
		s.fail(w, http.StatusBadRequest, "validation_error", "query_error", "The fake does not know this query.")
	}
}

// parseUsage reads the parts of a usage query the answer depends on.
func parseUsage(q string, values map[string]any) (usageQuery, bool) {
	uq := usageQuery{group: -1}
	if m := reGroupKey.FindStringSubmatch(q); m != nil {
		uq.group, _ = strconv.Atoi(m[1])
		n := m[1]
		uq.props = strings.Contains(q, "any(group_"+n+".properties.name) AS account_name") &&
			strings.Contains(q, "any(group_"+n+".properties.domain) AS account_domain")
	} else if !reEmailKey.MatchString(q) {
		return uq, false
	}
	rng := reRange.FindStringSubmatch(q)
	lim := reLimit.FindStringSubmatch(q)
	after, ok := values["after"].(string)
	if rng == nil || lim == nil || !ok || !reAfter.MatchString(q) {
		return uq, false
	}
	uq.after = after
	if m := reNotIn.FindStringSubmatch(q); m != nil {
		uq.excluded = map[string]bool{}
		for _, d := range reQuote.FindAllStringSubmatch(m[1], -1) {
			uq.excluded[d[1]] = true
		}
	}
	uq.from, uq.to = parseTime(rng[1]), parseTime(rng[2])
	uq.limit, _ = strconv.Atoi(lim[1])
	for _, m := range reWeek.FindAllStringSubmatch(q, -1) {
		uq.weeks = append(uq.weeks, weekCol{name: m[3], from: parseTime(m[1]), to: parseTime(m[2])})
	}
	if uq.from.IsZero() || uq.to.IsZero() || len(uq.weeks) == 0 || uq.limit <= 0 ||
		!strings.Contains(q, "max(timestamp) AS last_seen") {
		return uq, false
	}
	return uq, true
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.DateTime, s)
	return t
}

// agg is one account's aggregate.
type agg struct {
	key     string
	company int // group mode: the company; -1 otherwise
	last    time.Time
	users   []map[int]bool // per week column: persons seen
}

// answerUsage aggregates the book's events as the query asks.
func (s *Server) answerUsage(w http.ResponseWriter, q string, uq usageQuery) {
	byKey := map[string]*agg{}
	for _, e := range s.b.Events {
		if e.At.Before(uq.from) || !e.At.Before(uq.to) {
			continue
		}
		key, company := s.keyOf(e, uq.group)
		if key == "" || key <= uq.after || uq.excluded[key] {
			continue
		}
		a := byKey[key]
		if a == nil {
			a = &agg{key: key, company: company, users: make([]map[int]bool, len(uq.weeks))}
			byKey[key] = a
		}
		if e.At.After(a.last) {
			a.last = e.At
		}
		for i, wk := range uq.weeks {
			if !e.At.Before(wk.from) && e.At.Before(wk.to) {
				if a.users[i] == nil {
					a.users[i] = map[int]bool{}
				}
				a.users[i][e.Person] = true
			}
		}
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	limit, capped := uq.limit, false
	if s.opts.MaxRows > 0 && s.opts.MaxRows < limit && len(keys) > s.opts.MaxRows {
		limit, capped = s.opts.MaxRows, true
	}
	keys = keys[:min(limit, len(keys))]

	cols := []string{"account_key"}
	types := [][]string{{"account_key", "String"}}
	if uq.props {
		cols = append(cols, "account_name", "account_domain")
		types = append(types, []string{"account_name", "Nullable(String)"}, []string{"account_domain", "Nullable(String)"})
	}
	cols = append(cols, "last_seen")
	types = append(types, []string{"last_seen", "DateTime64(6, '" + s.opts.TimeZone.String() + "')"})
	for _, wk := range uq.weeks {
		cols = append(cols, wk.name)
		types = append(types, []string{wk.name, "UInt64"})
	}
	rows := make([][]any, 0, len(keys))
	for _, k := range keys {
		a := byKey[k]
		row := []any{a.key}
		if uq.props {
			c := s.b.Companies[a.company]
			row = append(row, nullable(c.Name), nullable(c.Domain))
		}
		row = append(row, a.last.In(s.opts.TimeZone).Format("2006-01-02T15:04:05.000000-07:00"))
		for _, u := range a.users {
			row = append(row, len(u))
		}
		rows = append(rows, row)
	}
	resp := map[string]any{"results": rows, "columns": cols, "types": types, "hogql": q,
		"timings": []any{}, "modifiers": map[string]any{}}
	if capped || s.opts.TrailingEmpty {
		resp["hasMore"] = true
	}
	s.json(w, http.StatusOK, resp)
}

// keyOf is the account key event e counts under: its group key when
// group is the book's group index (else none), or the lower-cased part
// of its person's e-mail address after the first "@". company is the
// group's company index (-1 for e-mail domains).
func (s *Server) keyOf(e Event, group int) (key string, company int) {
	if group >= 0 {
		if group != s.opts.GroupIndex || e.Group == "" {
			return "", -1
		}
		return e.Group, s.b.Persons[e.Person].Company
	}
	em := s.b.Persons[e.Person].Email
	i := strings.IndexByte(em, '@')
	if i < 0 {
		return "", -1
	}
	return strings.ToLower(em[i+1:]), -1
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

package hsfake

import (
	"bytes"
	"cmp"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// defaultProps are the properties HubSpot returns when none are asked for;
// alwaysProps come with every record.
var (
	defaultProps = []string{"name", "domain"}
	alwaysProps  = []string{"createdate", "hs_lastmodifieddate", "hs_object_id"}
)

// cmpID orders ids as numbers (HubSpot's are decimal): shorter first.
func cmpID(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b)) }

// sorted returns the companies with the given archived flag, by id.
func (s *Server) sorted(archived bool) []*Company {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*Company, 0, len(s.byID))
	for _, c := range s.byID {
		if c.Archived == archived {
			out = append(out, c.clone())
		}
	}
	slices.SortFunc(out, func(a, b *Company) int { return cmpID(a.ID, b.ID) })
	return out
}

// requested reads the properties parameters (repeated or comma separated).
func requested(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	if len(out) == 0 {
		out = slices.Clone(defaultProps)
	}
	return out
}

// encode renders c as HubSpot does, with props (null when unset).
func encode(c *Company, props []string) map[string]any {
	p := map[string]any{}
	for _, name := range append(slices.Clone(alwaysProps), props...) {
		if v := c.Properties[name]; v != "" {
			p[name] = v
		} else {
			p[name] = nil
		}
	}
	return map[string]any{"id": c.ID, "properties": p, "createdAt": c.CreatedAt.UTC().Format(timeFormat),
		"updatedAt": c.UpdatedAt.UTC().Format(timeFormat), "archived": c.Archived}
}

// list serves GET /crm/v3/objects/companies.
func (s *Server) list(w http.ResponseWriter, r *http.Request, n int64) {
	q := r.URL.Query()
	limit := defaultListLimit
	if v := q.Get("limit"); v != "" {
		k, err := strconv.Atoi(v)
		if err != nil || k < 1 {
			s.fail(w, http.StatusBadRequest, "VALIDATION_ERROR", "limit must be a positive number.", nil)
			return
		}
		limit = min(k, s.opts.MaxPageSize)
	}
	after := q.Get("after")
	props := requested(q["properties"])
	all := s.sorted(q.Get("archived") == "true")
	start := 0
	if after != "" {
		start, _ = slices.BinarySearchFunc(all, after, func(c *Company, id string) int { return cmpID(c.ID, id) })
	}
	end := min(start+limit, len(all))
	results := make([]map[string]any, 0, end-start)
	for _, c := range all[start:end] {
		results = append(results, encode(c, props))
	}
	var next string
	switch {
	case end < len(all):
		next = all[end].ID
	case s.opts.TrailingEmpty && end > start:
		next = all[end-1].ID + "0" // past every id: the next page is empty
	case s.opts.TrailingEmpty && after != "":
		next = after + "0" // an empty page that still claims more
	}
	body := map[string]any{"results": results}
	if next != "" {
		link := "https://api.hubapi.com/crm/v3/objects/companies?after=" + url.QueryEscape(next)
		body["paging"] = map[string]any{"next": map[string]string{"after": next, "link": link}}
	}
	s.writeJSON(w, n, body)
}

// searchBody is a search request; values and after may be strings or numbers.
type searchBody struct {
	FilterGroups []struct {
		Filters []struct {
			PropertyName string          `json:"propertyName"`
			Operator     string          `json:"operator"`
			Value        json.RawMessage `json:"value"`
		} `json:"filters"`
	} `json:"filterGroups"`
	Sorts      []json.RawMessage `json:"sorts"`
	Properties []string          `json:"properties"`
	Limit      *int              `json:"limit"`
	After      json.RawMessage   `json:"after"`
}

// search serves POST /crm/v3/objects/companies/search.
func (s *Server) search(w http.ResponseWriter, body []byte) {
	var req searchBody
	if err := json.Unmarshal(body, &req); err != nil {
		s.fail(w, http.StatusBadRequest, "VALIDATION_ERROR", "Invalid input JSON on line 1.", nil)
		return
	}
	limit := defaultListLimit
	if req.Limit != nil {
		limit = *req.Limit
	}
	offset, err := strconv.Atoi(scalar(req.After, "0"))
	if limit < 1 || limit > searchMaxLimit || err != nil || offset < 0 {
		s.fail(w, http.StatusBadRequest, "VALIDATION_ERROR", "limit must be 1 to 200 and after an offset.", nil)
		return
	}
	if offset+limit > searchMaxResults {
		s.fail(w, http.StatusBadRequest, "VALIDATION_ERROR",
			"The number of results requested exceeds the maximum of 10000 for this query.", nil)
		return
	}
	var matches []*Company
	for _, c := range s.sorted(false) {
		if req.matches(c) {
			matches = append(matches, c)
		}
	}
	for i := len(req.Sorts) - 1; i >= 0; i-- {
		prop, desc := sortRule(req.Sorts[i])
		slices.SortStableFunc(matches, func(a, b *Company) int {
			c := compareValues(a.Properties[prop], b.Properties[prop])
			if desc {
				return -c
			}
			return c
		})
	}
	props := req.Properties
	if len(props) == 0 {
		props = defaultProps
	}
	end := min(offset+limit, len(matches))
	results := make([]map[string]any, 0, max(end-offset, 0))
	for i := offset; i < end; i++ {
		results = append(results, encode(matches[i], props))
	}
	out := map[string]any{"total": len(matches), "results": results}
	if end < len(matches) {
		out["paging"] = map[string]any{"next": map[string]string{"after": strconv.Itoa(end)}}
	}
	s.write(w, http.StatusOK, out) // searches carry no rate-limit headers
}

// matches applies the filter groups: any group, all its filters.
func (req *searchBody) matches(c *Company) bool {
	if len(req.FilterGroups) == 0 {
		return true
	}
	for _, g := range req.FilterGroups {
		ok := true
		for _, f := range g.Filters {
			v, has := c.Properties[f.PropertyName]
			has = has && v != ""
			cv := compareValues(v, scalar(f.Value, ""))
			switch strings.ToUpper(f.Operator) {
			case "EQ":
				ok = ok && has && cv == 0
			case "NEQ":
				ok = ok && cv != 0
			case "GT":
				ok = ok && has && cv > 0
			case "GTE":
				ok = ok && has && cv >= 0
			case "LT":
				ok = ok && has && cv < 0
			case "LTE":
				ok = ok && has && cv <= 0
			case "HAS_PROPERTY":
				ok = ok && has
			case "NOT_HAS_PROPERTY":
				ok = ok && !has
			default:
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// sortRule reads {"propertyName","direction"} or "-name" / "name".
func sortRule(raw json.RawMessage) (prop string, desc bool) {
	var o struct{ PropertyName, Direction string }
	if json.Unmarshal(raw, &o) == nil && o.PropertyName != "" {
		return o.PropertyName, strings.EqualFold(o.Direction, "DESCENDING")
	}
	var str string
	if json.Unmarshal(raw, &str) == nil {
		if p, ok := strings.CutPrefix(str, "-"); ok {
			return p, true
		}
		return str, false
	}
	return "", false
}

// scalar is a JSON string's text or a number's literal; def when absent.
func scalar(raw json.RawMessage, def string) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return def
	}
	var str string
	if json.Unmarshal(raw, &str) == nil {
		return str
	}
	return string(raw)
}

// compareValues compares two property values: as times (unix ms or RFC
// 3339), else as numbers, else as case-folded text; empty sorts last.
func compareValues(a, b string) int {
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	na, oka := number(a)
	nb, okb := number(b)
	if oka && okb {
		return cmp.Compare(na, nb)
	}
	return strings.Compare(strings.ToLower(a), strings.ToLower(b))
}

func number(s string) (float64, bool) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return float64(t.UnixMilli()), true
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

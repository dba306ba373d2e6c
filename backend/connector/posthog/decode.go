package posthog

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

// Result is the decoded answer of one HogQL query: PostHog's "columns",
// its "results" rows (each value left raw for the mapper) and "hasMore".
type Result struct {
	Columns []string
	Rows    [][]json.RawMessage
	// HasMore is PostHog's hasMore: true when it cut the rows short. A
	// query with its own LIMIT normally gets none (false).
	HasMore bool
	// Pending is true when PostHog answered with a query that is still
	// running (query_status.complete false) instead of results.
	Pending bool
}

// errShape is any answer that is not a query response.
var errShape = errors.New("posthog: not a query response")

// DecodeResult reads the body of a query answer: {"results": [[...]],
// "columns": [...], "types": [...], "hasMore": ...}. Every row must have
// as many values as there are columns. Anything else is an error (never a
// panic).
func DecodeResult(body []byte) (Result, error) {
	var raw struct {
		Results     *[]json.RawMessage `json:"results"`
		Columns     []string           `json:"columns"`
		HasMore     *bool              `json:"hasMore"`
		QueryStatus *struct {
			Complete *bool `json:"complete"`
		} `json:"query_status"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return Result{}, errShape
	}
	if raw.QueryStatus != nil && raw.QueryStatus.Complete != nil && !*raw.QueryStatus.Complete && raw.Results == nil {
		return Result{Pending: true}, nil
	}
	if raw.Results == nil {
		return Result{}, errShape
	}
	res := Result{Columns: raw.Columns, HasMore: raw.HasMore != nil && *raw.HasMore}
	res.Rows = make([][]json.RawMessage, 0, len(*raw.Results))
	for _, r := range *raw.Results {
		var row []json.RawMessage
		if json.Unmarshal(r, &row) != nil || len(row) != len(res.Columns) {
			return Result{}, errShape
		}
		res.Rows = append(res.Rows, row)
	}
	return res, nil
}

// column returns the index of name in cols, -1 when absent.
func column(cols []string, name string) int {
	for i, c := range cols {
		if c == name {
			return i
		}
	}
	return -1
}

// stringValue reads a JSON string; null, a missing column (nil) or any
// other type gives ok false.
func stringValue(v json.RawMessage) (string, bool) {
	if len(v) == 0 || v[0] != '"' {
		return "", false
	}
	var s string
	if json.Unmarshal(v, &s) != nil {
		return "", false
	}
	return s, true
}

// maxUsers caps a weekly count (no real account comes near it).
const maxUsers = math.MaxInt32

// countValue reads a non-negative count: a JSON number (integral, or a
// float that is one) or a string holding one, as ClickHouse sends 64-bit
// integers in some settings. Anything else, negative or not a whole
// number, gives ok false; huge values are capped at maxUsers.
func countValue(v json.RawMessage) (int, bool) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || string(v) == "null" {
		return 0, false
	}
	if v[0] == '"' {
		s, ok := stringValue(v)
		if !ok {
			return 0, false
		}
		v = []byte(strings.TrimSpace(s))
	}
	if n, err := strconv.ParseUint(string(v), 10, 64); err == nil {
		return int(min(n, maxUsers)), true
	}
	f, err := strconv.ParseFloat(string(v), 64)
	if err != nil || f < 0 || f != math.Trunc(f) || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return int(min(f, maxUsers)), true
}

// timeLayouts are the ways a DateTime comes back: ISO 8601 with an offset
// (the project's time zone), or ClickHouse's plain form, in UTC.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
}

// minTime is the earliest time taken as real: ClickHouse's empty DateTime
// is the Unix epoch.
var minTime = time.Date(1971, 1, 1, 0, 0, 0, 0, time.UTC)

// maxTime is the latest: four-digit years only.
var maxTime = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)

// timeValue reads a DateTime (a string in one of timeLayouts, or unix
// seconds as a number) as UTC; anything else, or a time outside
// [1971, 9999], gives ok false.
func timeValue(v json.RawMessage) (time.Time, bool) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return time.Time{}, false
	}
	var t time.Time
	if s, ok := stringValue(v); ok {
		s = strings.TrimSpace(s)
		for _, l := range timeLayouts {
			if p, err := time.Parse(l, s); err == nil {
				t = p
				break
			}
		}
	} else if f, err := strconv.ParseFloat(string(v), 64); err == nil && f > 0 && f < float64(maxTime.Unix()) {
		sec, frac := math.Modf(f)
		t = time.Unix(int64(sec), int64(frac*1e9))
	}
	t = t.UTC()
	if t.Before(minTime) || t.After(maxTime) {
		return time.Time{}, false
	}
	return t, true
}

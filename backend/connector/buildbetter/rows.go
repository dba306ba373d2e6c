package buildbetter

import (
	"bytes"
	"encoding/json"
	"errors"
	"time"
)

// The rows below are the JSON shapes of the selections in queries.go. A
// field missing from a selection decodes to its zero value, so the light
// scan selections and the full ones share these types.

// ident is a BuildBetter id: a bigint sent as a JSON number or a string,
// or a uuid. null gives "".
type ident string

var errID = errors.New("an id is neither a number nor a string")

// UnmarshalJSON accepts a number, a string or null.
func (id *ident) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
		return errID
	case b[0] == 'n':
		if string(b) != "null" {
			return errID
		}
		*id = ""
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = ident(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return errID
	}
	*id = ident(n.String())
	return nil
}

// valid reports whether id can stand in an external id or an account key:
// 1 to 64 letters, digits, '-' or '_'.
func (id ident) valid() bool {
	if len(id) == 0 || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// stamp is a timestamptz. null, and text that is not a time between 1970
// and 2200, give the zero time (treated as missing); other JSON types are an
// error.
type stamp struct{ time.Time }

// UnmarshalJSON accepts a string or null.
func (s *stamp) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		s.Time = time.Time{}
		return nil
	}
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	s.Time = parseTime(v)
	return nil
}

var (
	minTime = time.Date(1970, 1, 1, 0, 0, 0, 1, time.UTC)
	maxTime = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// timeLayouts are the forms Postgres and Hasura write times in.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z07",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999Z07",
}

// localLayouts have no zone: they are read as UTC.
var localLayouts = []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999"}

func parseTime(v string) time.Time {
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, v); err == nil {
			return inRange(t)
		}
	}
	for _, l := range localLayouts {
		if t, err := time.ParseInLocation(l, v, time.UTC); err == nil {
			return inRange(t)
		}
	}
	return time.Time{}
}

func inRange(t time.Time) time.Time {
	t = t.UTC()
	if t.Before(minTime) || !t.Before(maxTime) {
		return time.Time{}
	}
	return t
}

type refRow struct {
	ID ident `json:"id"`
}

type companyRow struct {
	ID     ident  `json:"id"`
	Name   string `json:"name"`
	Domain string `json:"domain"`
}

type personRow struct {
	ID        ident       `json:"id"`
	FirstName string      `json:"first_name"`
	LastName  string      `json:"last_name"`
	Email     string      `json:"email"`
	User      *refRow     `json:"user"`
	Company   *companyRow `json:"company"`
}

type attendeeRow struct {
	Person *personRow `json:"person"`
}

// callRow is an interview.
type callRow struct {
	ID           ident         `json:"id"`
	Name         string        `json:"name"`
	StartedAt    stamp         `json:"started_at"`
	CompletedAt  stamp         `json:"completed_at"`
	DisplayTS    stamp         `json:"display_ts"`
	CreatedAt    stamp         `json:"created_at"`
	ShortSummary string        `json:"short_summary"`
	Attendees    []attendeeRow `json:"attendees"`
}

type typeJoinRow struct {
	Type *struct {
		Name string `json:"name"`
	} `json:"type"`
}

// signalRow is an extraction.
type signalRow struct {
	ID        ident         `json:"id"`
	Summary   string        `json:"summary"`
	Context   string        `json:"context"`
	DisplayTS stamp         `json:"display_ts"`
	CreatedAt stamp         `json:"created_at"`
	Types     []typeJoinRow `json:"types"`
	Attendee  *attendeeRow  `json:"attendee"`
	Call      *callRow      `json:"call"`
}

// orgRow is an organization.
type orgRow struct {
	ID   ident  `json:"id"`
	Name string `json:"name"`
}

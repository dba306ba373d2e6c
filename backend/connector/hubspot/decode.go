package hubspot

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// This file decodes HubSpot's answers with encoding/json into the few
// fields the connector reads. HubSpot sends property values as strings
// (or null); flex also takes numbers and booleans, so a value typed
// differently than documented is read rather than refused. A body that is
// not a JSON object is an error.

// flex is a JSON scalar read as text: a string as is, a number or boolean
// by its literal, null (and an object or array, which no field read here
// should hold) as "".
type flex string

// UnmarshalJSON implements json.Unmarshaler. encoding/json has checked
// that b is valid JSON before calling it.
func (f *flex) UnmarshalJSON(b []byte) error {
	switch b[0] {
	case '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flex(s)
	case 'n', '{', '[':
		*f = ""
	default:
		*f = flex(b)
	}
	return nil
}

// Bool reads "true" (any case) as true, anything else as false.
func (f flex) Bool() bool { return strings.EqualFold(strings.TrimSpace(string(f)), "true") }

// Int reads a whole number; ok is false for anything else.
func (f flex) Int() (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(string(f)), 10, 64)
	return n, err == nil
}

// object is one CRM record as lists and searches return it.
type object struct {
	ID         flex            `json:"id"`
	Properties map[string]flex `json:"properties"`
	UpdatedAt  flex            `json:"updatedAt"`
	Archived   flex            `json:"archived"`
}

// paging is HubSpot's paging block; Next is nil on the last page.
type paging struct {
	Next *struct {
		After flex `json:"after"`
	} `json:"next"`
}

// after is the token of the next page, "" when there is none.
func (p paging) after() string {
	if p.Next == nil {
		return ""
	}
	return strings.TrimSpace(string(p.Next.After))
}

// objectPage is a page of a list or a search (Total only in searches).
type objectPage struct {
	Results []object `json:"results"`
	Paging  paging   `json:"paging"`
	Total   flex     `json:"total"`
}

// decodeObject decodes body, which must be a JSON object, into v.
func decodeObject(body []byte, v any) error {
	if b := bytes.TrimLeft(body, " \t\r\n"); len(b) == 0 || b[0] != '{' {
		return errNotObject
	}
	return json.Unmarshal(body, v)
}

type decodeError string

func (e decodeError) Error() string { return string(e) }

const errNotObject = decodeError("hubspot: answer is not a JSON object")

// decodePage decodes a list or search answer.
func decodePage(body []byte) (objectPage, error) {
	var p objectPage
	err := decodeObject(body, &p)
	return p, err
}

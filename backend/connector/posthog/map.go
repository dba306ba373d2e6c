package posthog

import (
	"encoding/json"
	"errors"
	"strings"
	"time"
	"unicode"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// This file is the pure mapping layer: decoded usage rows in, connector
// records out. No I/O, no clock, no panics on any input (see the fuzz
// tests).

// AccountUsage is one account of a usage pass: its record, one usage week
// per week of the window (oldest first, zero weeks included, so that a
// drop to no users shows), and when PostHog last saw anyone of it.
type AccountUsage struct {
	Account connector.AccountRecord
	Weeks   []connector.UsageRecord
	// LastSeen is the newest event of the account within the window, in
	// UTC; zero when PostHog did not say. Page has no field for it yet:
	// FetchUsage carries it alongside the page.
	LastSeen time.Time
}

// errColumns is an answer that lacks a column the usage query selects.
var errColumns = errors.New("posthog: usage answer lacks a column")

// MapUsage maps the rows of a usage query answer for window w. byGroup
// says whether the rows are groups (keyed by group key, with their name
// and domain properties) or e-mail domains (keyed by the domain).
//
// A row whose key is missing or empty is skipped; so is, for e-mail
// domains, a row whose key is not a company domain (a free-mail provider,
// or the rest of a malformed address): free-mail users never make an
// account. A group's domain is its domain property when that is a company
// domain, else its key when the key is one, else none. Week values that
// are missing, negative or not whole numbers count as zero. An answer
// without the key or a week column is an error.
func MapUsage(r Result, w Window, byGroup bool) ([]AccountUsage, error) {
	ki := column(r.Columns, colKey)
	if ki < 0 {
		return nil, errColumns
	}
	weeks := make([]int, WindowWeeks)
	for i := range weeks {
		if weeks[i] = column(r.Columns, weekColumn(i)); weeks[i] < 0 {
			return nil, errColumns
		}
	}
	ni, di, li := column(r.Columns, colName), column(r.Columns, colDomain), column(r.Columns, colLastSeen)
	at := func(row []json.RawMessage, i int) json.RawMessage {
		if i < 0 || i >= len(row) {
			return nil
		}
		return row[i]
	}
	out := make([]AccountUsage, 0, len(r.Rows))
	for _, row := range r.Rows {
		key, ok := stringValue(at(row, ki))
		if !ok || key == "" {
			continue
		}
		rec := connector.AccountRecord{Key: key}
		if byGroup {
			name, _ := stringValue(at(row, ni))
			rec.Name = cleanName(name)
			dom, _ := stringValue(at(row, di))
			if rec.Domain = companyDomain(dom); rec.Domain == "" {
				rec.Domain = companyDomain(key)
			}
		} else if rec.Domain = companyDomain(key); rec.Domain == "" || strings.ContainsRune(key, '@') {
			continue // a mailbox provider, or not the domain of a well-formed address
		}
		u := AccountUsage{Account: rec, Weeks: make([]connector.UsageRecord, WindowWeeks)}
		for i, ci := range weeks {
			n, _ := countValue(at(row, ci))
			u.Weeks[i] = connector.UsageRecord{AccountKey: key, UsageWeek: domain.UsageWeek{WeekStart: w.Week(i), ActiveUsers: n}}
		}
		if t, ok := timeValue(at(row, li)); ok {
			u.LastSeen = t
			u.Account.LastSeenAt = t
		}
		out = append(out, u)
	}
	return out, nil
}

// companyDomain normalizes a domain-ish string and drops free-mail
// providers (the same rule as e-mail addresses).
func companyDomain(s string) string {
	d := connector.NormalizeDomain(s)
	if d == "" || connector.DomainFromEmail("user@"+d) != d {
		return ""
	}
	return d
}

// maxName bounds a group name (runes).
const maxName = 200

// cleanName trims a group's name property to one line of at most maxName
// runes.
func cleanName(s string) string {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
	if r := []rune(s); len(r) > maxName {
		s = strings.TrimSpace(string(r[:maxName]))
	}
	return s
}

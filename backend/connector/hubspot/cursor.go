package hubspot

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// Cursor modes.
const (
	modeFull    = "full"
	modeChanges = "changes"
)

// position is a parsed cursor: where a pass stands. Times are unix
// milliseconds.
type position struct {
	mode  string // modeFull or modeChanges
	after string // full: HubSpot's paging token, "" on the first page
	mark  int64  // changes: lower bound of hs_lastmodifieddate (HubSpot's time)
	skip  int    // changes: results to skip at mark
	run   int64  // HubSpot's time when the current pass or run began; 0 between runs
	full  int64  // our time when the last (or current) full pass began; 0 unknown
	props string // fingerprint of the custom properties the pass reads
}

// String renders p as a cursor (see the package comment).
func (p position) String() string {
	var b strings.Builder
	b.WriteString(p.mode)
	b.WriteByte(':')
	if p.mode == modeFull {
		b.WriteString(url.QueryEscape(p.after))
	} else {
		b.WriteString(strconv.FormatInt(p.mark, 10))
		if p.skip > 0 {
			b.WriteString(";s=" + strconv.Itoa(p.skip))
		}
	}
	if p.run > 0 {
		b.WriteString(";t=" + strconv.FormatInt(p.run, 10))
	}
	if p.full > 0 {
		b.WriteString(";f=" + strconv.FormatInt(p.full, 10))
	}
	if p.props != "" {
		b.WriteString(";p=" + p.props)
	}
	return b.String()
}

func badCursor() error {
	return domain.Errorf(domain.EInvalid, "The saved HubSpot sync position is not valid; run a full sync.")
}

// parseCursor reads a cursor written by position.String. "" is the start
// of a full pass (the zero position).
func parseCursor(cur connector.Cursor) (position, error) {
	if cur == "" {
		return position{}, nil
	}
	head, rest, _ := strings.Cut(cur, ";")
	mode, arg, ok := strings.Cut(head, ":")
	if !ok {
		return position{}, badCursor()
	}
	p := position{mode: mode}
	switch mode {
	case modeFull:
		after, err := url.QueryUnescape(arg)
		if err != nil || !validToken(after) {
			return position{}, badCursor()
		}
		p.after = after
	case modeChanges:
		n, err := strconv.ParseInt(arg, 10, 64)
		if err != nil || n <= 0 {
			return position{}, badCursor()
		}
		p.mark = n
	default:
		return position{}, badCursor()
	}
	seen := map[string]bool{}
	for rest != "" {
		var field string
		field, rest, _ = strings.Cut(rest, ";")
		k, v, ok := strings.Cut(field, "=")
		if !ok || seen[k] {
			return position{}, badCursor()
		}
		seen[k] = true
		if k == "p" {
			if !isFingerprint(v) {
				return position{}, badCursor()
			}
			p.props = v
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return position{}, badCursor()
		}
		switch {
		case k == "t":
			p.run = n
		case k == "f":
			p.full = n
		case k == "s" && mode == modeChanges && n <= MaxChanges:
			p.skip = int(n)
		default:
			return position{}, badCursor()
		}
	}
	if mode == modeFull && (p.run <= 0 || p.full <= 0) {
		return position{}, badCursor()
	}
	return p, nil
}

// validToken reports whether a paging token from HubSpot can stand in a
// cursor: short and printable.
func validToken(s string) bool {
	if len(s) > 512 {
		return false
	}
	for _, r := range s {
		if r == unicode.ReplacementChar || !unicode.IsPrint(r) || r == ' ' {
			return false
		}
	}
	return true
}

func isFingerprint(s string) bool {
	if len(s) != 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'f') {
			return false
		}
	}
	return true
}

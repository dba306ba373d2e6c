package salesbricks

import (
	"strconv"
	"strings"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// Phases of a pass, as they appear in the cursor.
const (
	phaseCustomers = "customers" // REST customers pages with their contracts
	phaseDeals     = "deals"     // GraphQL order pages
)

// position is a parsed cursor: where a pass stands.
type position struct {
	phase  string
	offset int   // records of the phase's list to skip: the next page starts here
	count  int64 // the customers list's count when the pass began; -1 unknown
	moved  bool  // that count changed during the pass: do not sweep
}

// maxOffset bounds the offsets a cursor may hold.
const maxOffset = 1 << 30

// String renders p as a cursor: "<phase>:<offset>;n=<count>[;moved]".
func (p position) String() string {
	var b strings.Builder
	b.WriteString(p.phase)
	b.WriteByte(':')
	b.WriteString(strconv.Itoa(p.offset))
	if p.count >= 0 {
		b.WriteString(";n=")
		b.WriteString(strconv.FormatInt(p.count, 10))
	}
	if p.moved {
		b.WriteString(";moved")
	}
	return b.String()
}

func badCursor() error {
	return domain.Errorf(domain.EInvalid, "The saved Salesbricks sync position is not valid; run a full sync.")
}

// parseCursor reads a cursor written by position.String. "" is the start of
// a pass. Anything else is EInvalid.
func parseCursor(cur connector.Cursor) (position, error) {
	p := position{phase: phaseCustomers, count: -1}
	if cur == "" {
		return p, nil
	}
	head, rest, _ := strings.Cut(cur, ";")
	phase, num, ok := strings.Cut(head, ":")
	if !ok || phase != phaseCustomers && phase != phaseDeals {
		return position{}, badCursor()
	}
	off, ok := parseCount(num)
	if !ok || off > maxOffset {
		return position{}, badCursor()
	}
	p.phase, p.offset = phase, int(off)
	seen := map[string]bool{}
	for rest != "" {
		var field string
		field, rest, _ = strings.Cut(rest, ";")
		k, v, hasValue := strings.Cut(field, "=")
		if seen[k] {
			return position{}, badCursor()
		}
		seen[k] = true
		switch {
		case k == "n" && hasValue:
			n, ok := parseCount(v)
			if !ok {
				return position{}, badCursor()
			}
			p.count = n
		case k == "moved" && !hasValue:
			p.moved = true
		default:
			return position{}, badCursor()
		}
	}
	return p, nil
}

// parseCount reads a non-negative decimal without sign or padding.
func parseCount(s string) (int64, bool) {
	if s == "" || len(s) > 12 || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

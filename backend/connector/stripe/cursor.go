package stripe

import (
	"strconv"
	"strings"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// position is a parsed cursor: where a pass stands.
type position struct {
	phase string // customers, subscriptions, invoices or events
	after string // starting_after within the phase; "" from its start
	mark  int64  // watermark, Stripe's unix time; 0 unknown
	full  int64  // when the last (or current) full pass began, our unix time; 0 unknown
}

// String renders p as a cursor.
func (p position) String() string {
	var b strings.Builder
	b.WriteString(p.phase)
	b.WriteByte(':')
	b.WriteString(p.after)
	if p.mark > 0 {
		b.WriteString(";w=")
		b.WriteString(strconv.FormatInt(p.mark, 10))
	}
	if p.full > 0 {
		b.WriteString(";f=")
		b.WriteString(strconv.FormatInt(p.full, 10))
	}
	return b.String()
}

func badCursor() error {
	return domain.Errorf(domain.EInvalid, "The saved Stripe sync position is not valid; run a full sync.")
}

// parseCursor reads a cursor written by position.String (or by an earlier
// version, without the ";" fields). "" is the start of a full pass.
func parseCursor(cur connector.Cursor) (position, error) {
	if cur == "" {
		return position{phase: phaseCustomers}, nil
	}
	head, rest, _ := strings.Cut(cur, ";")
	phase, after, ok := strings.Cut(head, ":")
	if !ok || phaseLabel[phase] == "" || !validAfter(after) {
		return position{}, badCursor()
	}
	p := position{phase: phase, after: after}
	for rest != "" {
		var field string
		field, rest, _ = strings.Cut(rest, ";")
		k, v, ok := strings.Cut(field, "=")
		n, err := strconv.ParseInt(v, 10, 64)
		if !ok || err != nil || n <= 0 {
			return position{}, badCursor()
		}
		switch k {
		case "w":
			p.mark = n
		case "f":
			p.full = n
		default:
			return position{}, badCursor()
		}
	}
	if p.phase == phaseEvents && p.after != "" {
		return position{}, badCursor()
	}
	return p, nil
}

// validAfter reports whether an object id can stand in a cursor (and so
// in a starting_after): Stripe's ids never hold these characters.
func validAfter(id string) bool { return !strings.ContainsAny(id, ":/?&#=; ") }

func nextPhase(p string) string {
	for i, x := range phaseOrder {
		if x == p && i+1 < len(phaseOrder) {
			return phaseOrder[i+1]
		}
	}
	return ""
}

package buildbetter

import (
	"strconv"
	"strings"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// Phases as they appear in a cursor.
const (
	phaseNext    = "next"    // between passes
	phaseCalls   = "calls"   // paging calls
	phaseSignals = "signals" // paging signals
)

// position is a parsed cursor (see the package comment for its text form).
type position struct {
	phase  string
	offset int   // rows of the phase already read
	calls  int   // calls in the window, as the scan counted them
	sigs   int   // signals in the window, as the scan counted them
	since  int64 // window start, exclusive, unix ns; 0 for a full pass
	until  int64 // window end, inclusive, unix ns
	mark   int64 // phaseNext: the watermark, unix ns; 0 unknown
	full   int64 // when the last (or current) full pass began, unix s; 0 unknown
	total  int   // records the pass expects
}

// isFull reports whether the pass at p is a full pass.
func (p position) isFull() bool { return p.since == 0 }

// String renders p as a cursor.
func (p position) String() string {
	var b strings.Builder
	num := func(k string, v int64) {
		b.WriteByte(';')
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(strconv.FormatInt(v, 10))
	}
	if p.phase == phaseNext {
		b.WriteString(phaseNext)
		num("w", p.mark)
		num("f", p.full)
		return b.String()
	}
	b.WriteString(p.phase)
	b.WriteByte(':')
	b.WriteString(strconv.Itoa(p.offset))
	num("nc", int64(p.calls))
	num("ns", int64(p.sigs))
	num("s", p.since)
	num("u", p.until)
	num("f", p.full)
	num("t", int64(p.total))
	return b.String()
}

func badCursor() error {
	return domain.Errorf(domain.EInvalid, "The saved BuildBetter sync position is not valid; run a full sync.")
}

// parseCursor reads a cursor written by position.String. "" is the start
// of a full pass.
func parseCursor(cur connector.Cursor) (position, error) {
	if cur == "" {
		return position{phase: phaseNext}, nil
	}
	fields := strings.Split(cur, ";")
	head := fields[0]
	vals := map[string]int64{}
	for _, f := range fields[1:] {
		k, v, ok := strings.Cut(f, "=")
		n, err := strconv.ParseInt(v, 10, 64)
		if !ok || err != nil || n < 0 || v != strconv.FormatInt(n, 10) {
			return position{}, badCursor()
		}
		if _, dup := vals[k]; dup {
			return position{}, badCursor()
		}
		vals[k] = n
	}
	has := func(keys ...string) bool {
		if len(vals) != len(keys) {
			return false
		}
		for _, k := range keys {
			if _, ok := vals[k]; !ok {
				return false
			}
		}
		return true
	}
	if head == phaseNext {
		if !has("w", "f") || vals["w"] <= 0 || vals["f"] <= 0 {
			return position{}, badCursor()
		}
		return position{phase: phaseNext, mark: vals["w"], full: vals["f"]}, nil
	}
	phase, off, ok := strings.Cut(head, ":")
	offset, err := strconv.Atoi(off)
	if !ok || err != nil || off != strconv.Itoa(offset) || (phase != phaseCalls && phase != phaseSignals) ||
		!has("nc", "ns", "s", "u", "f", "t") {
		return position{}, badCursor()
	}
	const maxRows = 1 << 40
	p := position{phase: phase, offset: offset, since: vals["s"], until: vals["u"], full: vals["f"]}
	if vals["nc"] > maxRows || vals["ns"] > maxRows || vals["t"] > maxRows {
		return position{}, badCursor()
	}
	p.calls, p.sigs, p.total = int(vals["nc"]), int(vals["ns"]), int(vals["t"])
	limit := p.calls
	if phase == phaseSignals {
		limit = p.sigs
	}
	if p.offset < 0 || p.offset > limit || p.until <= p.since || p.full <= 0 {
		return position{}, badCursor()
	}
	return p, nil
}

// unixTime is the time of unix second s.
func unixTime(s int64) time.Time { return time.Unix(s, 0) }

package posthog

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// position is a parsed cursor: where a pass stands.
type position struct {
	mode  string    // "g0".."g4" for a group type index, "email" for e-mail domains
	week  time.Time // Window.Newest of the pass
	after string    // the last account key delivered; "" at the start
}

// cursorVersion opens every cursor; a future format changes it.
const cursorVersion = "v1"

// modeOf names the grouping in a cursor.
func modeOf(g *groupType) string {
	if g == nil {
		return "email"
	}
	return "g" + strconv.Itoa(g.index)
}

// String renders p as "v1:<mode>:<YYYY-MM-DD>:<after>", after in
// unpadded base64url so that any group key fits.
func (p position) String() string {
	return cursorVersion + ":" + p.mode + ":" + p.week.Format(time.DateOnly) + ":" +
		base64.RawURLEncoding.EncodeToString([]byte(p.after))
}

func badCursor() error {
	return domain.Errorf(domain.EInvalid, "The saved PostHog sync position is not valid; run a full sync.")
}

// parseCursor reads a cursor written by position.String; "" gives the zero
// position (the start of a pass).
func parseCursor(cur connector.Cursor) (position, error) {
	if cur == "" {
		return position{}, nil
	}
	parts := strings.Split(cur, ":")
	if len(parts) != 4 || parts[0] != cursorVersion || !validMode(parts[1]) {
		return position{}, badCursor()
	}
	week, err := time.Parse(time.DateOnly, parts[2])
	if err != nil || week.Weekday() != time.Monday {
		return position{}, badCursor()
	}
	after, err := base64.RawURLEncoding.DecodeString(parts[3])
	if err != nil {
		return position{}, badCursor()
	}
	return position{mode: parts[1], week: week, after: string(after)}, nil
}

func validMode(m string) bool {
	if m == "email" {
		return true
	}
	return len(m) == 2 && m[0] == 'g' && m[1] >= '0' && m[1] <= '0'+MaxGroupIndex
}

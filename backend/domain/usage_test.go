package domain

import (
	"testing"
	"time"
)

func TestActiveUsersIn(t *testing.T) {
	w := func(d int) time.Time { return time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*d) }
	weeks := []UsageWeek{{WeekStart: w(0), ActiveUsers: 4}, {WeekStart: w(2), ActiveUsers: 9}}
	for _, c := range []struct {
		week  time.Time
		users int
		known bool
	}{
		{w(-1), 0, false}, // before the data
		{w(0), 4, true},
		{w(1), 0, true}, // a gap inside the data: nobody active
		{w(2), 9, true},
		{w(5), 0, true}, // after the last row
	} {
		if users, known := ActiveUsersIn(weeks, c.week); users != c.users || known != c.known {
			t.Errorf("week %s: %d, %v; want %d, %v", c.week.Format(time.DateOnly), users, known, c.users, c.known)
		}
	}
	if _, known := ActiveUsersIn(nil, w(0)); known {
		t.Error("no usage rows: known")
	}
}

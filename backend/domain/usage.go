package domain

import "time"

// ActiveUsersIn answers "how many users were active in the week starting
// week" over an account's usage rows, oldest first: a week inside the span
// of the data without a row counts as 0 (known), a week before the first
// row is unknown. Both the health and the conversion models read usage
// this way.
func ActiveUsersIn(weeks []UsageWeek, week time.Time) (users int, known bool) {
	if len(weeks) == 0 || week.Before(weeks[0].WeekStart) {
		return 0, false
	}
	for i := len(weeks) - 1; i >= 0; i-- {
		switch {
		case weeks[i].WeekStart.Equal(week):
			return weeks[i].ActiveUsers, true
		case weeks[i].WeekStart.Before(week):
			return 0, true
		}
	}
	return 0, true
}

package convert

import "successdesk/backend/domain"

// SignalDays is how far back Activity counts: today and the 13 days before.
const SignalDays = 14

// UsageWeeks is how many weeks of usage the score reads (the current week
// and the ones before it); readers need not supply more.
const UsageWeeks = 8

// Facts is everything the Convert model reads about one candidate record.
type Facts struct {
	// Record is the trial's subscription or the open order. Its ID is 0 for
	// an account routed to Convert that has no candidate record.
	Record domain.RevenueSource
	// Account gives the name, domain and primary e-mail (ID, Name, Domain,
	// PrimaryEmail are read).
	Account domain.Account
	// Usage is the account's weekly active users, oldest first; the last
	// UsageWeeks weeks suffice.
	Usage []domain.UsageWeek
	// Activity counts the account's conversations of the last SignalDays days.
	Activity Activity
	// Paying reports that the account already has an active or past-due record.
	Paying bool
	// Route is the account's active route into Convert, nil when none.
	Route *domain.Route
}

// HasRecord reports whether the facts name a candidate record.
func (f *Facts) HasRecord() bool { return f.Record.ID != 0 }

// Activity counts an account's conversations over the last SignalDays days.
type Activity struct {
	Calls       int
	Emails      int
	Positive    int // praise, feature requests and promoter NPS answers (9–10)
	Complaints  int
	Escalations int
	Detractors  int // NPS answers 0–6
}

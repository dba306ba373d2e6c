package convert

// Category groups conversion factors.
type Category string

const (
	CategorySeats   Category = "seats"
	CategoryUsage   Category = "usage"
	CategorySignals Category = "signals"
	CategoryFit     Category = "fit"
	CategoryUrgency Category = "urgency"
)

// Categories lists the categories in display order.
var Categories = []Category{CategoryUsage, CategorySeats, CategorySignals, CategoryFit, CategoryUrgency}

// Factor is one signed, explained contribution to a conversion score.
type Factor struct {
	Code     string
	Category Category
	Label    string
	Points   int
	Detail   string // a plain sentence with the numbers used
}

// FactorSpec describes one kind of factor: its stable code, category,
// label, the points it can give (Min to Max) and when it applies.
type FactorSpec struct {
	Code     string
	Category Category
	Label    string
	Min, Max int
	Rule     string
}

// Factor codes: stable identifiers the window and exports show; never
// reuse or rename one.
const (
	CodeSeatsUsed       = "seats_used"
	CodeActiveUsers     = "active_users"
	CodeUsageGrowing    = "usage_growing"
	CodeUsageSteady     = "usage_steady"
	CodeUsageDeclining  = "usage_declining"
	CodeRegularUse      = "regular_use"
	CodeNoRecentUsage   = "no_recent_usage"
	CodeRecentCalls     = "recent_calls"
	CodeRecentEmails    = "recent_emails"
	CodePositiveSignals = "positive_signals"
	CodeEscalation      = "escalation"
	CodeComplaint       = "complaint"
	CodeDetractorNPS    = "detractor_nps"
	CodePlanValue       = "plan_value"
	CodeCompanyDomain   = "company_domain"
	CodePersonalEmail   = "personal_email"
	CodeOrderPending    = "order_pending"
	CodeEndsSoonEngaged = "ends_soon_engaged"
	CodeEndsSoonIdle    = "ends_soon_idle"
	CodeTrialEnded      = "trial_ended"
)

// Thresholds of the model.
const (
	seatsMax          = 30
	fullAdoptionPct   = 80 // this share of seats in use earns every seats point
	pointsPerUser     = 3  // without a seat count
	growingPct        = 10 // at least 10% up is growing
	decliningPct      = 20 // more than 20% down is declining (Health's threshold); between is steady
	regularMax        = 10
	regularWeeks      = 4
	callPoints        = 5
	callMax           = 10
	emailPoints       = 2
	emailMax          = 6
	positivePoints    = 2
	positiveMax       = 4
	escalationPoints  = -10
	complaintPoints   = -5
	detractorPoints   = -5
	penaltyCap        = -20
	domainPoints      = 3
	pendingPoints     = 5
	engagedMin        = 25 // seats + usage points for "engaged"
	idleMax           = 10 // seats + usage points under this are "little use"
	endsSoonNear      = 15 // within the urgency window
	endsSoonFar       = 10 // within twice the window
	endsSoonLate      = 5  // within four times the window
	endsSoonIdlePts   = -5
	trialEndedPoints  = -5
	noRecentUsagePts  = -10
	growingPoints     = 10
	steadyPoints      = 5
	decliningPointsPt = -10
)

// valueSteps are the plan-value points by estimated value in the base
// currency's minor units (highest step first).
var valueSteps = []struct {
	atLeast int64
	points  int
}{{50_000_00, 7}, {15_000_00, 5}, {5_000_00, 3}, {1, 1}}

var catalogue = []FactorSpec{
	{CodeSeatsUsed, CategorySeats, "Seats in use", 1, seatsMax,
		"Current-week active users against the record's seats: 30 × active / (80% of seats), at most 30."},
	{CodeActiveUsers, CategorySeats, "Active users", pointsPerUser, seatsMax,
		"Without a seat count: 3 points per current-week active user, at most 30."},
	{CodeUsageGrowing, CategoryUsage, "Usage growing", growingPoints, growingPoints,
		"Current-week active users are at least 10% above last week's (or above zero after a zero week, or in the term's first week)."},
	{CodeUsageSteady, CategoryUsage, "Usage steady", steadyPoints, steadyPoints,
		"Current-week active users are less than 10% above last week's and at most 20% under them."},
	{CodeUsageDeclining, CategoryUsage, "Usage declining", decliningPointsPt, decliningPointsPt,
		"Current-week active users are more than 20% under last week's."},
	{CodeRegularUse, CategoryUsage, "Regular use", 3, regularMax,
		"10 × (weeks with active users) / (weeks with usage data) over the last 4 weeks, rounded half up."},
	{CodeNoRecentUsage, CategoryUsage, "No recent usage", noRecentUsagePts, noRecentUsagePts,
		"Usage data exists but the current week and the week before have no active users."},
	{CodeRecentCalls, CategorySignals, "Recent calls", callPoints, callMax,
		"5 points per call in the last 14 days, at most 10."},
	{CodeRecentEmails, CategorySignals, "Recent e-mails", emailPoints, emailMax,
		"2 points per e-mail in the last 14 days, at most 6."},
	{CodePositiveSignals, CategorySignals, "Positive signals", positivePoints, positiveMax,
		"2 points per praise, feature request or promoter NPS answer in the last 14 days, at most 4."},
	{CodeEscalation, CategorySignals, "Escalation", penaltyCap, escalationPoints,
		"−10 per escalation in the last 14 days; escalations, complaints and detractor answers together count at most −20."},
	{CodeComplaint, CategorySignals, "Complaint", penaltyCap, complaintPoints,
		"−5 per complaint in the last 14 days, within the −20 cap."},
	{CodeDetractorNPS, CategorySignals, "Detractor NPS", penaltyCap, detractorPoints,
		"−5 per NPS answer of 0–6 in the last 14 days, within the −20 cap."},
	{CodePlanValue, CategoryFit, "Plan value", 1, 7,
		"Estimated value in the base currency: 7 from 50,000, 5 from 15,000, 3 from 5,000, 1 above zero."},
	{CodeCompanyDomain, CategoryFit, "Company domain", domainPoints, domainPoints,
		"The account has a company domain that is not a free e-mail provider."},
	{CodePersonalEmail, CategoryFit, "Personal e-mail", -domainPoints, -domainPoints,
		"The account is known only by an address at a free e-mail provider."},
	{CodeOrderPending, CategoryFit, "Order awaiting signature", pendingPoints, pendingPoints,
		"The record is a pending order."},
	{CodeEndsSoonEngaged, CategoryUrgency, "Trial ends soon, team engaged", endsSoonLate, endsSoonNear,
		"Seats + usage score at least 25 and the trial ends within the urgency window (15), twice it (10) or four times it (5)."},
	{CodeEndsSoonIdle, CategoryUrgency, "Trial ends soon, little use", endsSoonIdlePts, endsSoonIdlePts,
		"The trial ends within the urgency window and seats + usage score under 10."},
	{CodeTrialEnded, CategoryUrgency, "Trial ended", trialEndedPoints, trialEndedPoints,
		"The record is still a trial but its trial end has passed."},
}

// Catalogue returns every factor the model can produce, in display order.
// The returned slice is a copy.
func Catalogue() []FactorSpec { return append([]FactorSpec(nil), catalogue...) }

var byCode = func() map[string]*FactorSpec {
	m := make(map[string]*FactorSpec, len(catalogue))
	for i := range catalogue {
		m[catalogue[i].Code] = &catalogue[i]
	}
	return m
}()

// spec returns code's catalogue entry; an unknown code is a programming
// error the tests catch.
func spec(code string) *FactorSpec {
	if s, ok := byCode[code]; ok {
		return s
	}
	panic("convert: unknown factor code " + code)
}

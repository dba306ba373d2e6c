package scoring

import "successdesk/backend/domain"

// FactorSpec describes one kind of health factor: its stable code, category,
// label and base points at default weights. Points of a capped factor (the
// signal penalties) are per occurrence.
type FactorSpec struct {
	Code       string
	Category   domain.Category
	Label      string
	BasePoints int
	Rule       string // when the factor applies, in one sentence
}

// Factor codes. They are stable identifiers stored in snapshots; never reuse
// or rename one.
const (
	CodeNoActiveUsers        = "no_active_users"
	CodeVeryLowAdoption      = "very_low_adoption"
	CodeLowAdoption          = "low_adoption"
	CodeUsageDeclining       = "usage_declining"
	CodeHighAdoption         = "high_adoption"
	CodePastDueInvoice       = "past_due_invoice"
	CodeFailedPayment        = "failed_payment"
	CodeSubscriptionCanceled = "subscription_canceled"
	CodeCancelScheduled      = "cancel_scheduled"
	CodeRenewal7d            = "renewal_7d"
	CodeRenewal30d           = "renewal_30d"
	CodeContractExpired      = "contract_expired"
	CodeEscalation           = "escalation"
	CodeComplaint            = "complaint"
	CodeNPSDetractor         = "nps_detractor"
	CodeNPSPromoter          = "nps_promoter"
)

// Thresholds of the health model.
const (
	inactiveDays       = 14 // no_active_users looks this far back
	veryLowPct         = 20 // adoption below this % is very low
	lowPct             = 50 // adoption below this % is low
	highPct            = 80 // adoption at or above this % is high
	declinePct         = 20 // usage more than this % under the 3-week average is declining
	declineMinBaseline = 3  // ...when that average is at least this many users
	failedPaymentDays  = 30
	renewalSoonDays    = 7
	renewalDays        = 30
	signalDays         = 30 // escalations and complaints count this long
	npsDays            = 90 // the newest NPS answer counts this long
	signalPenaltyCap   = -20
	maxEvidence        = 10 // evidence items kept per factor
)

var catalogue = []FactorSpec{
	{CodeNoActiveUsers, domain.CategoryAdoption, "No active users in 14 days", -20,
		"Usage data covers the last 14 days and every week in them has zero active users."},
	{CodeVeryLowAdoption, domain.CategoryAdoption, "Very low product adoption", -15,
		"Current-week active users are under 20% of licensed seats."},
	{CodeLowAdoption, domain.CategoryAdoption, "Low product adoption", -8,
		"Current-week active users are 20–49% of licensed seats."},
	{CodeUsageDeclining, domain.CategoryAdoption, "Usage declining", -6,
		"Current-week active users are more than 20% under the average of the 3 weeks before (average ≥ 3 users); not added when no_active_users applies."},
	{CodeHighAdoption, domain.CategoryAdoption, "High product adoption", 5,
		"Current-week active users are at least 80% of licensed seats."},
	{CodePastDueInvoice, domain.CategoryPayment, "Past-due invoice", -15,
		"At least one invoice is unpaid after its due date."},
	{CodeFailedPayment, domain.CategoryPayment, "Failed payment", -10,
		"A payment attempt failed in the last 30 days."},
	{CodeSubscriptionCanceled, domain.CategoryPayment, "Subscription canceled", -25,
		"A subscription or contract was canceled and none is active, trialing or past due."},
	{CodeCancelScheduled, domain.CategoryPayment, "Subscription set to cancel", -25,
		"A current subscription is set to cancel at the end of its period."},
	{CodeRenewal7d, domain.CategoryRenewal, "Renewal within 7 days", -10,
		"The next term end of a current contract is 0–7 days away."},
	{CodeRenewal30d, domain.CategoryRenewal, "Renewal within 30 days", -5,
		"The next term end of a current contract is 8–30 days away."},
	{CodeContractExpired, domain.CategoryRenewal, "Ended without renewal", -20,
		"The latest contract or subscription term ended before now and none is active, trialing or past due."},
	{CodeEscalation, domain.CategorySignals, "Customer escalation", -12,
		"Per escalation in the last 30 days; escalations and complaints together count at most −20."},
	{CodeComplaint, domain.CategorySignals, "Customer complaint", -6,
		"Per complaint in the last 30 days; escalations and complaints together count at most −20."},
	{CodeNPSDetractor, domain.CategorySignals, "Detractor NPS", -8,
		"The newest NPS answer of the last 90 days is 0–6."},
	{CodeNPSPromoter, domain.CategorySignals, "Promoter NPS", 5,
		"The newest NPS answer of the last 90 days is 9–10."},
}

// Catalogue returns every health factor the model can produce, in display
// order. The returned slice is a copy.
func Catalogue() []FactorSpec {
	return append([]FactorSpec(nil), catalogue...)
}

// byCode indexes catalogue; it is built once and never changed.
var byCode = func() map[string]*FactorSpec {
	m := make(map[string]*FactorSpec, len(catalogue))
	for i := range catalogue {
		m[catalogue[i].Code] = &catalogue[i]
	}
	return m
}()

// spec returns the catalogue entry of code; it panics on an unknown code,
// which is a programming error caught by the tests.
func spec(code string) *FactorSpec {
	if s, ok := byCode[code]; ok {
		return s
	}
	panic("scoring: unknown factor code " + code)
}

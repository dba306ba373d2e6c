package app

import (
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/scoring"
)

// CustomerRequest names an account by domain (the Customer Detail route) or,
// for accounts without a domain, by id.
type CustomerRequest struct {
	Domain    string `json:"domain"`
	AccountID int64  `json:"accountId"`
}

// ContactDTO is a person at the account.
type ContactDTO struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Title string `json:"title"`
}

// AccountDTO is the account card.
type AccountDTO struct {
	ID           int64        `json:"id"`
	Domain       string       `json:"domain"`
	Name         string       `json:"name"`
	PrimaryEmail string       `json:"primaryEmail"`
	Owner        string       `json:"owner"`
	Tracked      bool         `json:"tracked"`
	Contacts     []ContactDTO `json:"contacts"`
}

// ScoreDTO is the account's latest health score.
type ScoreDTO struct {
	Score      int          `json:"score"`
	Level      string       `json:"level"`
	Factors    []FactorDTO  `json:"factors"`
	Missing    []MissingDTO `json:"missing"`
	ComputedAt string       `json:"computedAt"`
}

// MetricsDTO is the four-card metrics grid.
type MetricsDTO struct {
	ActiveUsers    *int     `json:"activeUsers"`
	LicensedUsers  int      `json:"licensedUsers"`
	TrendPct       *float64 `json:"trendPct"`
	ARR            MoneyDTO `json:"arr"`
	MRR            MoneyDTO `json:"mrr"`
	LastActivityAt string   `json:"lastActivityAt"`
	LastSeenAt     string   `json:"lastSeenAt"` // newest product activity a usage source saw; "" when none
	RenewalAt      string   `json:"renewalAt"`
	DaysToRenewal  *int     `json:"daysToRenewal"`
	PaymentStatus  string   `json:"paymentStatus"`
}

// RevenueSourceDTO is one Salesbricks contract or Stripe subscription.
// Uncounted is "" when its MRR and ARR are part of the account's contract
// value, else why not (scoring.Uncounted: "status", "not_started",
// "billed_by_contract"); BilledBy is then, for a subscription that bills a
// Salesbricks contract, that contract's external id.
type RevenueSourceDTO struct {
	ID                int64    `json:"id"`
	Source            string   `json:"source"`
	ExternalID        string   `json:"externalId"`
	Product           string   `json:"product"`
	Status            string   `json:"status"`
	Interval          string   `json:"interval"`
	Amount            MoneyDTO `json:"amount"`
	MRR               MoneyDTO `json:"mrr"`
	ARR               MoneyDTO `json:"arr"`
	Seats             int      `json:"seats"`
	TermStart         string   `json:"termStart"`
	TermEnd           string   `json:"termEnd"`
	TrialEnd          string   `json:"trialEnd"`
	CancelAtPeriodEnd bool     `json:"cancelAtPeriodEnd"`
	BillingState      string   `json:"billingState"`
	Uncounted         string   `json:"uncounted"`
	BilledBy          string   `json:"billedBy"`
}

// revenueDTOs is revs as every section shows them, each saying whether
// Health counts it in the account's contract value at asOf
// (scoring.RevenueCounting).
func revenueDTOs(revs []domain.RevenueSource, asOf time.Time) []RevenueSourceDTO {
	why, by := scoring.RevenueCounting(revs, asOf)
	out := make([]RevenueSourceDTO, len(revs))
	for i, r := range revs {
		cur := r.Amount.Currency
		out[i] = RevenueSourceDTO{ID: r.ID, Source: string(r.Source), ExternalID: r.ExternalID, Product: r.Product,
			Status: string(r.Status), Interval: string(r.Interval), Amount: money(r.Amount),
			MRR: MoneyDTO{AmountMinor: r.MRRMinor, Currency: cur}, ARR: MoneyDTO{AmountMinor: r.ARRMinor, Currency: cur},
			Seats: r.Seats, TermStart: rfc(r.TermStart), TermEnd: rfc(r.TermEnd), TrialEnd: rfc(r.TrialEnd),
			CancelAtPeriodEnd: r.CancelAtPeriodEnd, BillingState: billingState(r), Uncounted: string(why[i]), BilledBy: by[i]}
	}
	return out
}

// InvoiceDTO is one invoice with its payment attempts.
type InvoiceDTO struct {
	ExternalID    string   `json:"externalId"`
	Status        string   `json:"status"`
	AmountDue     MoneyDTO `json:"amountDue"`
	AmountPaid    MoneyDTO `json:"amountPaid"`
	IssuedAt      string   `json:"issuedAt"`
	DueAt         string   `json:"dueAt"`
	PaidAt        string   `json:"paidAt"`
	Attempts      int      `json:"attempts"`
	NextAttemptAt string   `json:"nextAttemptAt"`
	FailureReason string   `json:"failureReason"`
	PastDue       bool     `json:"pastDue"`
}

// EnrichmentDTO is CRM context from one source.
type EnrichmentDTO struct {
	Source      string     `json:"source"`
	SourceLabel string     `json:"sourceLabel"`
	Industry    string     `json:"industry"`
	Employees   int        `json:"employees"`
	Location    string     `json:"location"`
	Custom      []FieldDTO `json:"custom"`
	UpdatedAt   string     `json:"updatedAt"`
}

// FieldDTO is one named custom field.
type FieldDTO struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// RouteDTO is one route of the account.
type RouteDTO struct {
	ID        int64  `json:"id"`
	From      string `json:"from"`
	FromLabel string `json:"fromLabel"`
	To        string `json:"to"`
	ToLabel   string `json:"toLabel"`
	Reason    string `json:"reason"`
	At        string `json:"at"`
	Active    bool   `json:"active"`
}

// UsagePointDTO is one week of active users.
type UsagePointDTO struct {
	WeekStart   string `json:"weekStart"`
	ActiveUsers int    `json:"activeUsers"`
}

// DealDTO is an open or closed deal, for account context.
type DealDTO struct {
	ExternalID string   `json:"externalId"`
	Name       string   `json:"name"`
	Source     string   `json:"source"`
	Stage      string   `json:"stage"`
	Status     string   `json:"status"`
	Value      MoneyDTO `json:"value"`
	Owner      string   `json:"owner"`
	CloseDate  string   `json:"closeDate"`
	LostAt     string   `json:"lostAt"`
	LostReason string   `json:"lostReason"`
}

// CustomerDTO is everything Customer Detail shows except the activity feed
// and score history, which page separately.
type CustomerDTO struct {
	Meta         MetaDTO            `json:"meta"`
	Account      AccountDTO         `json:"account"`
	SourceBadge  string             `json:"sourceBadge"` // salesbricks | stripe | merged | none
	Score        *ScoreDTO          `json:"score"`
	Metrics      MetricsDTO         `json:"metrics"`
	Revenue      []RevenueSourceDTO `json:"revenue"`
	Invoices     []InvoiceDTO       `json:"invoices"`
	Enrichment   []EnrichmentDTO    `json:"enrichment"`
	Usage        []UsagePointDTO    `json:"usage"`
	Deals        []DealDTO          `json:"deals"`
	Route        *RouteDTO          `json:"route"`
	RouteHistory []RouteDTO         `json:"routeHistory"`
}

// ActivityRequest pages an account's activity feed, newest first.
type ActivityRequest struct {
	AccountID int64    `json:"accountId"`
	Kinds     []string `json:"kinds"` // empty means every kind
	Offset    int      `json:"offset"`
	Limit     int      `json:"limit"` // 0 means 50
}

// ActivityDTO is one feed item. Title and body are source text: show as text.
type ActivityDTO struct {
	ID         int64  `json:"id"`
	Kind       string `json:"kind"`
	Signal     string `json:"signal"`
	Source     string `json:"source"`
	OccurredAt string `json:"occurredAt"`
	Title      string `json:"title"`
	Body       string `json:"body"`
	Actor      string `json:"actor"`
	Score      *int   `json:"score"`
}

// ActivityPageDTO is one page of the feed, with how many events of each
// kind the account has in all (for the kind filter).
type ActivityPageDTO struct {
	Items  []ActivityDTO  `json:"items"`
	Total  int            `json:"total"`
	Counts map[string]int `json:"counts"`
}

// HistoryRequest asks for an account's score history.
type HistoryRequest struct {
	AccountID int64 `json:"accountId"`
	Limit     int   `json:"limit"` // 0 means 60 snapshots
}

// FactorChangeDTO is a factor that appeared, disappeared or moved between
// one snapshot and the one before it.
type FactorChangeDTO struct {
	Code   string `json:"code"`
	Label  string `json:"label"`
	Before int    `json:"before"` // 0 when the factor was absent
	After  int    `json:"after"`  // 0 when the factor is gone
}

// HistoryPointDTO is the account's score in one snapshot and what changed.
type HistoryPointDTO struct {
	At      string            `json:"at"`
	Score   int               `json:"score"`
	Level   string            `json:"level"`
	Factors []FactorDTO       `json:"factors"`
	Changes []FactorChangeDTO `json:"changes"`
}

// HistoryDTO is the score-history chart's data, oldest point first, with
// the tier cut-offs in force now (for the chart's bands).
type HistoryDTO struct {
	Points  []HistoryPointDTO `json:"points"`
	Cutoffs CutoffsDTO        `json:"cutoffs"`
}

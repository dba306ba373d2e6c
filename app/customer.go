package app

import (
	"context"
	"sort"
	"strings"
	"time"

	"successdesk/backend/domain"
)

// CustomerService serves Customer Detail: the account hub.
type CustomerService struct {
	books Books
}

// NewCustomerService returns a CustomerService over ws.
func NewCustomerService(b Books) *CustomerService { return &CustomerService{books: b} }

func (s *CustomerService) ws() *Workspace { return s.books.Current() }

func (s *CustomerService) account(ctx context.Context, req CustomerRequest) (domain.Account, error) {
	if d := strings.TrimSpace(req.Domain); d != "" {
		return s.ws().Store.AccountByDomain(ctx, d)
	}
	if req.AccountID > 0 {
		return s.ws().Store.Account(ctx, req.AccountID)
	}
	return domain.Account{}, domain.Errorf(domain.EInvalid, "Give an account domain or id.")
}

// Get returns everything Customer Detail shows for one account.
// Errors: invalid (neither domain nor id), not_found.
func (s *CustomerService) Get(req CustomerRequest) (CustomerDTO, error) {
	ctx := context.Background()
	a, err := s.account(ctx, req)
	if err != nil {
		return CustomerDTO{}, err
	}
	out := CustomerDTO{Meta: s.ws().Meta(ctx), RouteHistory: []RouteDTO{}}
	contacts, err := s.ws().Store.Contacts(ctx, a.ID)
	if err != nil {
		return out, err
	}
	out.Account = AccountDTO{ID: a.ID, Domain: a.Domain, Name: a.Name, PrimaryEmail: a.PrimaryEmail, Owner: a.Owner,
		Tracked: a.Tracked, Contacts: make([]ContactDTO, 0, len(contacts))}
	for _, c := range contacts {
		out.Account.Contacts = append(out.Account.Contacts, ContactDTO{Name: c.Name, Email: c.Email, Title: c.Title})
	}
	now := s.ws().Now()
	asOf := now // the moment the Contract value card's ARR is from
	if h, at, err := s.ws().Store.LatestScore(ctx, a.ID); err == nil {
		asOf = at
		out.Score = &ScoreDTO{Score: h.Score, Level: string(h.Level), Factors: factorsDTO(h.Factors),
			Missing: missingDTO(h.Missing), ComputedAt: rfc(at)}
		out.Metrics = MetricsDTO{ActiveUsers: h.ActiveUsers, LicensedUsers: h.LicensedUsers, TrendPct: h.TrendPct,
			ARR: money(h.ARR), MRR: MoneyDTO{AmountMinor: h.MRRMinor, Currency: h.ARR.Currency},
			LastActivityAt: rfc(h.LastActivityAt), RenewalAt: rfc(h.RenewalAt), DaysToRenewal: daysUntil(h.RenewalAt, now),
			PaymentStatus: h.PaymentStatus}
	} else if domain.ErrorCode(err) != domain.ENotFound {
		return out, err
	}
	seen, err := s.ws().Store.LastSeen(ctx, a.ID)
	if err != nil {
		return out, err
	}
	out.Metrics.LastSeenAt = rfc(seen)
	if err := s.fillRevenue(ctx, a.ID, asOf, &out); err != nil {
		return out, err
	}
	if err := s.fillContext(ctx, a.ID, &out); err != nil {
		return out, err
	}
	return out, nil
}

// fillRevenue sets out's revenue sources, each saying whether the score at
// asOf counts it, its source badge and its invoices.
func (s *CustomerService) fillRevenue(ctx context.Context, id int64, asOf time.Time, out *CustomerDTO) error {
	revs, err := s.ws().Store.RevenueSources(ctx, id)
	if err != nil {
		return err
	}
	out.Revenue = revenueDTOs(revs, asOf)
	seen := map[domain.Source]bool{}
	for _, r := range revs {
		seen[r.Source] = true
	}
	switch {
	case seen[domain.SourceSalesbricks] && seen[domain.SourceStripe]:
		out.SourceBadge = "merged"
	case seen[domain.SourceSalesbricks]:
		out.SourceBadge = "salesbricks"
	case seen[domain.SourceStripe]:
		out.SourceBadge = "stripe"
	default:
		out.SourceBadge = "none"
	}
	invs, err := s.ws().Store.Invoices(ctx, id)
	if err != nil {
		return err
	}
	now := s.ws().Now()
	out.Invoices = make([]InvoiceDTO, 0, len(invs))
	for _, i := range invs {
		out.Invoices = append(out.Invoices, InvoiceDTO{ExternalID: i.ExternalID, Status: string(i.Status),
			AmountDue: money(i.AmountDue), AmountPaid: MoneyDTO{AmountMinor: i.AmountPaidMinor, Currency: i.AmountDue.Currency},
			IssuedAt: rfc(i.IssuedAt), DueAt: rfc(i.DueAt), PaidAt: rfc(i.PaidAt), Attempts: i.Attempts,
			NextAttemptAt: rfc(i.NextAttemptAt), FailureReason: i.FailureReason, PastDue: i.PastDue(now)})
	}
	return nil
}

// billingState is the card's billing hint: the status, or "cancels at period end".
func billingState(r domain.RevenueSource) string {
	if r.CancelAtPeriodEnd && (r.Status == domain.StatusActive || r.Status == domain.StatusTrialing) {
		return "cancels_at_period_end"
	}
	return string(r.Status)
}

func (s *CustomerService) fillContext(ctx context.Context, id int64, out *CustomerDTO) error {
	enr, err := s.ws().Store.Enrichments(ctx, id)
	if err != nil {
		return err
	}
	out.Enrichment = make([]EnrichmentDTO, 0, len(enr))
	for _, e := range enr {
		keys := make([]string, 0, len(e.Custom))
		for k := range e.Custom {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fields := make([]FieldDTO, 0, len(keys))
		for _, k := range keys {
			fields = append(fields, FieldDTO{Name: k, Value: e.Custom[k]})
		}
		out.Enrichment = append(out.Enrichment, EnrichmentDTO{Source: string(e.Source), SourceLabel: e.Source.Label(),
			Industry: e.Industry, Employees: e.Employees, Location: e.Location, Custom: fields, UpdatedAt: rfc(e.UpdatedAt)})
	}
	usage, err := s.ws().Store.Usage(ctx, id)
	if err != nil {
		return err
	}
	out.Usage = make([]UsagePointDTO, 0, len(usage))
	for _, u := range usage {
		out.Usage = append(out.Usage, UsagePointDTO{WeekStart: rfc(u.WeekStart), ActiveUsers: u.ActiveUsers})
	}
	deals, err := s.ws().Store.Deals(ctx, id)
	if err != nil {
		return err
	}
	out.Deals = make([]DealDTO, 0, len(deals))
	for _, d := range deals {
		out.Deals = append(out.Deals, DealDTO{ExternalID: d.ExternalID, Name: d.Name, Source: string(d.Source), Stage: d.Stage, Status: string(d.Status),
			Value: money(d.Value), Owner: d.Owner, CloseDate: rfc(d.CloseDate), LostAt: rfc(d.LostAt), LostReason: d.LostReason})
	}
	routes, err := s.ws().Store.RouteHistory(ctx, id)
	if err != nil {
		return err
	}
	for i, r := range routes {
		dto := routeDTO(r, false)
		if i == 0 {
			if act, err := s.ws().Store.ActiveRoute(ctx, id); err == nil && act.ID == r.ID {
				dto.Active = true
				out.Route = &dto
			}
		}
		out.RouteHistory = append(out.RouteHistory, dto)
	}
	return nil
}

func routeDTO(r domain.Route, active bool) RouteDTO {
	return RouteDTO{ID: r.ID, From: string(r.From), FromLabel: r.From.Label(), To: string(r.To), ToLabel: r.To.Label(),
		Reason: r.Reason, At: rfc(r.CreatedAt), Active: active}
}

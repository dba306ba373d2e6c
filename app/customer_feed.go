package app

import (
	"context"

	"successdesk/backend/connector/stripe"
	"successdesk/backend/domain"
	"successdesk/backend/store"
)

var validKinds = map[string]bool{"call": true, "email": true, "project": true, "signal": true,
	"contract_change": true, "payment": true}

// Activity returns one page of the account's activity feed, newest first.
// Errors: invalid (unknown kind, bad paging), not_found.
func (s *CustomerService) Activity(req ActivityRequest) (ActivityPageDTO, error) {
	ctx := context.Background()
	if req.Offset < 0 || req.Limit < 0 || req.Limit > 500 {
		return ActivityPageDTO{}, domain.Errorf(domain.EInvalid, "Offset must be ≥ 0 and limit between 0 and 500.")
	}
	if _, err := s.ws().Store.Account(ctx, req.AccountID); err != nil {
		return ActivityPageDTO{}, err
	}
	now := s.ws().Now()
	q := store.ActivityQuery{AccountID: req.AccountID, Offset: req.Offset, Limit: req.Limit, AsOf: now}
	if q.Limit == 0 {
		q.Limit = 50
	}
	for _, k := range req.Kinds {
		if !validKinds[k] {
			return ActivityPageDTO{}, domain.Errorf(domain.EInvalid, "Unknown activity kind %q.", k)
		}
		q.Kinds = append(q.Kinds, domain.ActivityKind(k))
	}
	items, total, err := s.ws().Store.Activities(ctx, q)
	if err != nil {
		return ActivityPageDTO{}, err
	}
	// A Stripe cancellation resumed since says so (read only when the page holds one).
	if err := stripe.MarkResumed(items, func() ([]domain.RevenueSource, error) {
		return s.ws().Store.RevenueSources(ctx, req.AccountID)
	}); err != nil {
		return ActivityPageDTO{}, err
	}
	counts, err := s.ws().Store.ActivityCounts(ctx, req.AccountID, now)
	if err != nil {
		return ActivityPageDTO{}, err
	}
	out := ActivityPageDTO{Items: make([]ActivityDTO, 0, len(items)), Total: total, Counts: map[string]int{}}
	for k, n := range counts {
		out.Counts[string(k)] = n
	}
	for _, a := range items {
		out.Items = append(out.Items, ActivityDTO{ID: a.ID, Kind: string(a.Kind), Signal: string(a.Signal),
			Source: string(a.Source), OccurredAt: rfc(a.OccurredAt), Title: a.Title, Body: a.Body, Actor: a.Actor, Score: a.Score})
	}
	return out, nil
}

// History returns the account's score across snapshots, oldest first, each
// point with the factors that changed since the point before it.
// Errors: not_found.
func (s *CustomerService) History(req HistoryRequest) (HistoryDTO, error) {
	ctx := context.Background()
	if _, err := s.ws().Store.Account(ctx, req.AccountID); err != nil {
		return HistoryDTO{}, err
	}
	pts, err := s.ws().Store.ScoreHistory(ctx, req.AccountID, req.Limit)
	if err != nil {
		return HistoryDTO{}, err
	}
	settings, err := s.ws().HealthSettings(ctx)
	if err != nil {
		return HistoryDTO{}, err
	}
	out := HistoryDTO{Points: make([]HistoryPointDTO, 0, len(pts)), Cutoffs: CutoffsDTO(settings.Cutoffs)}
	var prev []domain.RiskFactor
	for i, p := range pts {
		changes := []FactorChangeDTO{}
		if i > 0 {
			changes = FactorChanges(prev, p.Score.Factors)
		}
		out.Points = append(out.Points, HistoryPointDTO{At: rfc(p.ComputedAt), Score: p.Score.Score,
			Level: string(p.Score.Level), Factors: factorsDTO(p.Score.Factors), Changes: changes})
		prev = p.Score.Factors
	}
	return out, nil
}

// FactorChanges lists the factors that appeared, disappeared or changed
// points from before to after, in after's order then the removed ones.
func FactorChanges(before, after []domain.RiskFactor) []FactorChangeDTO {
	old := map[string]domain.RiskFactor{}
	for _, f := range before {
		old[f.Code] = f
	}
	out := []FactorChangeDTO{}
	seen := map[string]bool{}
	for _, f := range after {
		seen[f.Code] = true
		if o, ok := old[f.Code]; !ok || o.Points != f.Points {
			out = append(out, FactorChangeDTO{Code: f.Code, Label: f.Label, Before: o.Points, After: f.Points})
		}
	}
	for _, f := range before {
		if !seen[f.Code] {
			out = append(out, FactorChangeDTO{Code: f.Code, Label: f.Label, Before: f.Points, After: 0})
		}
	}
	return out
}

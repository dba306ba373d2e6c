package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// HealthService serves the Health page: the table, the cards, Refresh, the
// Settings sheet and tracking.
type HealthService struct {
	books   Books
	preview previewCache
}

// NewHealthService returns a HealthService over ws.
func NewHealthService(b Books) *HealthService { return &HealthService{books: b} }

func (s *HealthService) ws() *Workspace { return s.books.Current() }

var validRisk = map[string]bool{"": true, "critical": true, "at_risk": true, "healthy": true}

var validSort = map[string]bool{"": true, "score": true, "account": true, "level": true, "activeUsers": true,
	"arr": true, "renewal": true, "factors": true}

func (r HealthListRequest) query() (store.HealthQuery, error) {
	if !validRisk[r.Risk] {
		return store.HealthQuery{}, domain.Errorf(domain.EInvalid, "Unknown risk filter %q: use critical, at_risk or healthy.", r.Risk)
	}
	if !validSort[r.Sort] {
		return store.HealthQuery{}, domain.Errorf(domain.EInvalid, "Unknown sort column %q.", r.Sort)
	}
	if r.Offset < 0 || r.Limit < 0 || r.Limit > 1000 {
		return store.HealthQuery{}, domain.Errorf(domain.EInvalid, "Offset must be ≥ 0 and limit between 0 and 1000.")
	}
	return store.HealthQuery{Risk: domain.RiskLevel(r.Risk), Search: strings.TrimSpace(r.Search),
		IncludeUntracked: r.IncludeUntracked, Sort: store.HealthSort(r.Sort), Desc: r.Desc, Limit: r.Limit,
		Offset: r.Offset, PinSection: domain.SectionHealth}, nil
}

// List returns one window of the Health table, routed accounts first, then
// worst score first unless another sort is asked for. Errors: invalid.
func (s *HealthService) List(req HealthListRequest) (HealthListDTO, error) {
	ctx := context.Background()
	q, err := req.query()
	if err != nil {
		return HealthListDTO{}, err
	}
	out := HealthListDTO{Meta: s.ws().Meta(ctx), Rows: []HealthRowDTO{}, Offset: req.Offset}
	page, err := s.ws().Store.ListHealth(ctx, q)
	if domain.ErrorCode(err) == domain.ENotFound {
		return out, nil // no snapshot yet: an empty table, not an error
	}
	if err != nil {
		return out, err
	}
	now, inputs := s.ws().Now(), s.ws().inputs(ctx)
	out.Total = page.Total
	for _, r := range page.Rows {
		row := healthRow(r, s.ws().Rates().Base, now)
		row.Flags = rowFlags(inputs, r.Score)
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

// rowFlags flags the unreliable sources behind a score's factors and
// missing inputs.
func rowFlags(inputs map[domain.Source]InputState, h domain.HealthScore) []InputFlagDTO {
	if len(inputs) == 0 {
		return []InputFlagDTO{}
	}
	cats := map[domain.Category]bool{}
	for _, f := range h.Factors {
		cats[f.Category] = true
	}
	for _, m := range h.Missing {
		cats[m.Category] = true
	}
	return inputFlags(inputs, cats)
}

func healthRow(r store.HealthRow, base string, now time.Time) HealthRowDTO {
	h := r.Score
	return HealthRowDTO{
		AccountID: r.Account.ID, Domain: r.Account.Domain, Name: r.Account.Name, PrimaryEmail: r.Account.PrimaryEmail,
		Tracked: r.Account.Tracked, Score: h.Score, Level: string(h.Level), ActiveUsers: h.ActiveUsers,
		LicensedUsers: h.LicensedUsers, ARR: money(h.ARR), ARRBase: MoneyDTO{AmountMinor: h.ARRBaseMinor, Currency: base},
		RenewalAt: rfc(h.RenewalAt), DaysToRenewal: daysUntil(h.RenewalAt, now), PaymentStatus: h.PaymentStatus,
		Factors: factorsDTO(h.Factors), Missing: missingDTO(h.Missing), Routed: routedDTO(r.Route), Flags: []InputFlagDTO{},
	}
}

var levelLabels = []struct {
	level domain.RiskLevel
	label string
}{{domain.RiskCritical, "Critical"}, {domain.RiskAtRisk, "At risk"}, {domain.RiskHealthy, "Healthy"}}

// Summary returns the four cards and the ARR-by-risk chart over the visible
// portfolio (search and untracked toggle applied; the risk filter is not).
func (s *HealthService) Summary(req HealthSummaryRequest) (HealthSummaryDTO, error) {
	ctx := context.Background()
	base := s.ws().Rates().Base
	out := HealthSummaryDTO{Meta: s.ws().Meta(ctx), ProtectedARR: MoneyDTO{Currency: base}, ByLevel: []LevelARRDTO{}}
	sum, err := s.ws().Store.SummarizeHealth(ctx, store.HealthQuery{Search: req.Search, IncludeUntracked: req.IncludeUntracked}, s.ws().Now())
	if domain.ErrorCode(err) == domain.ENotFound {
		return out, nil
	}
	if err != nil {
		return out, err
	}
	out.Critical, out.AtRisk, out.Healthy = sum.Count[domain.RiskCritical], sum.Count[domain.RiskAtRisk], sum.Count[domain.RiskHealthy]
	out.Renewing30, out.Accounts = sum.Renewing30, sum.Accounts
	for _, l := range levelLabels {
		arr := sum.ARRBaseMinor[l.level]
		out.ProtectedARR.AmountMinor += arr
		out.ByLevel = append(out.ByLevel, LevelARRDTO{Level: string(l.level), Label: l.label, Count: sum.Count[l.level],
			ARR: MoneyDTO{AmountMinor: arr, Currency: base}})
	}
	out.FXNote = fxNote(s.ws().Rates())
	return out, nil
}

// fxNote states the rates used to total ARR in the base currency.
func fxNote(fx domain.FXRates) string {
	keys := make([]string, 0, len(fx.Rates))
	for k := range fx.Rates {
		if k != fx.Base {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("1 %s = %.4g %s", k, fx.Rates[k], fx.Base))
	}
	if len(parts) == 0 {
		return "Totals in " + fx.Base + "."
	}
	return "Totals in " + fx.Base + " at " + strings.Join(parts, ", ") + "."
}

// Refresh recomputes every score from local data and stores a new snapshot.
func (s *HealthService) Refresh(RefreshRequest) (RefreshDTO, error) {
	ctx := context.Background()
	start := time.Now()
	snap, err := s.ws().Recompute(ctx)
	if err != nil {
		return RefreshDTO{}, err
	}
	return RefreshDTO{Meta: s.ws().Meta(ctx), Accounts: snap.Accounts, TookMs: time.Since(start).Milliseconds()}, nil
}

// SetTracked includes or excludes an account from monitoring. Errors: not_found.
func (s *HealthService) SetTracked(req TrackRequest) (TrackDTO, error) {
	ctx := context.Background()
	err := s.ws().Store.Write(ctx, func(tx *store.Tx) error { return tx.SetTracked(ctx, req.AccountID, req.Tracked) })
	if err != nil {
		return TrackDTO{}, err
	}
	s.ws().emit(EventDataChanged, map[string]string{"what": "tracking"})
	return TrackDTO{AccountID: req.AccountID, Tracked: req.Tracked}, nil
}

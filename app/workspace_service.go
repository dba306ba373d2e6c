package app

import (
	"context"
	"strings"

	"successdesk/backend/connector/posthog"
	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// WorkspaceService serves what every section shares: the nav and mode,
// routing accounts between sections, and the routed lists.
type WorkspaceService struct {
	books Books
}

// NewWorkspaceService returns a WorkspaceService over ws.
func NewWorkspaceService(b Books) *WorkspaceService { return &WorkspaceService{books: b} }

func (s *WorkspaceService) ws() *Workspace { return s.books.Current() }

// InfoRequest asks for the workspace summary.
type InfoRequest struct{}

// SectionDTO is one nav entry.
type SectionDTO struct {
	ID        string `json:"id"`
	Label     string `json:"label"`
	Built     bool   `json:"built"` // false: the section lists routed accounts only
	Readiness string `json:"readiness"`
	Routed    int    `json:"routed"`
}

// InfoDTO is the workspace summary the shell renders.
type InfoDTO struct {
	Meta     MetaDTO      `json:"meta"`
	Version  string       `json:"version"`
	Accounts int          `json:"accounts"`
	Sections []SectionDTO `json:"sections"`
}

// Info returns the mode, version and nav with routed counts.
func (s *WorkspaceService) Info(InfoRequest) (InfoDTO, error) {
	ctx := context.Background()
	n, err := s.ws().Store.CountAccounts(ctx)
	if err != nil {
		return InfoDTO{}, err
	}
	meta := s.ws().Meta(ctx)
	out := InfoDTO{Meta: meta, Version: s.ws().Version, Accounts: n}
	for _, sec := range domain.Sections {
		routed, err := s.ws().Store.RoutedTo(ctx, sec)
		if err != nil {
			return out, err
		}
		out.Sections = append(out.Sections, SectionDTO{ID: string(sec), Label: sec.Label(), Built: sec == domain.SectionHealth || sec == domain.SectionConvert || sec == domain.SectionContracts,
			Readiness: s.ws().Readiness(ctx, sec), Routed: len(routed)})
	}
	return out, nil
}

// RouteRequest moves an account to another section.
type RouteRequest struct {
	AccountID int64  `json:"accountId"`
	From      string `json:"from"`
	To        string `json:"to"`
	Reason    string `json:"reason"`
}

// Route records a route and makes it the account's active one.
// Errors: invalid (unknown section, same section, reason over 500 characters), not_found.
func (s *WorkspaceService) Route(req RouteRequest) (RouteDTO, error) {
	ctx := context.Background()
	from, to := domain.Section(req.From), domain.Section(req.To)
	if !from.Valid() || !to.Valid() {
		return RouteDTO{}, domain.Errorf(domain.EInvalid, "Unknown section: route from one of health, convert, contracts, pipeline, reengage, loop.")
	}
	if from == to {
		return RouteDTO{}, domain.Errorf(domain.EInvalid, "The account is already in %s.", to.Label())
	}
	reason := strings.TrimSpace(req.Reason)
	if len([]rune(reason)) > 500 {
		return RouteDTO{}, domain.Errorf(domain.EInvalid, "Keep the reason under 500 characters.")
	}
	r := domain.Route{AccountID: req.AccountID, From: from, To: to, Reason: reason, CreatedAt: s.ws().Now()}
	if err := s.ws().Store.Write(ctx, func(tx *store.Tx) error { return tx.InsertRoute(ctx, &r) }); err != nil {
		return RouteDTO{}, err
	}
	s.ws().emit(EventDataChanged, map[string]string{"what": "routes"})
	if t := s.ws().Touches; t != nil {
		if acc, err := s.ws().Store.Account(ctx, r.AccountID); err == nil {
			// Sections only: the reason is the CSM's own words and stays here.
			t.Record(ctx, posthog.EventAccountRouted, acc, map[string]any{"from": string(from), "to": string(to)})
		}
	}
	return routeDTO(r, true), nil
}

// AccountRequest names one account.
type AccountRequest struct {
	AccountID int64 `json:"accountId"`
}

// ClearRoute unpins an account from the section it was routed to. It is
// the undo of Route.
func (s *WorkspaceService) ClearRoute(req AccountRequest) (AccountRequest, error) {
	ctx := context.Background()
	if _, err := s.ws().Store.Account(ctx, req.AccountID); err != nil {
		return req, err
	}
	if err := s.ws().Store.Write(ctx, func(tx *store.Tx) error { return tx.ClearRoute(ctx, req.AccountID) }); err != nil {
		return req, err
	}
	s.ws().emit(EventDataChanged, map[string]string{"what": "routes"})
	return req, nil
}

// UndoRouteRequest names the route to take back.
type UndoRouteRequest struct {
	RouteID int64 `json:"routeId"`
}

// UndoRouteDTO is the account's active route after the undo (nil when none).
type UndoRouteDTO struct {
	AccountID int64     `json:"accountId"`
	Route     *RouteDTO `json:"route"`
}

// UndoRoute takes back a route just made: it disappears from the history
// and the route it replaced is active again. Errors: not_found, conflict
// (the account was routed or cleared since).
func (s *WorkspaceService) UndoRoute(req UndoRouteRequest) (UndoRouteDTO, error) {
	ctx := context.Background()
	var account int64
	err := s.ws().Store.Write(ctx, func(tx *store.Tx) error {
		var err error
		account, err = tx.UndoRoute(ctx, req.RouteID)
		return err
	})
	if err != nil {
		return UndoRouteDTO{}, err
	}
	out := UndoRouteDTO{AccountID: account}
	if r, err := s.ws().Store.ActiveRoute(ctx, account); err == nil {
		dto := routeDTO(r, true)
		out.Route = &dto
	}
	s.ws().emit(EventDataChanged, map[string]string{"what": "routes"})
	return out, nil
}

// SectionRequest names a section.
type SectionRequest struct {
	Section string `json:"section"`
}

// RoutedItemDTO is an account routed into a section.
type RoutedItemDTO struct {
	AccountID int64     `json:"accountId"`
	Domain    string    `json:"domain"`
	Name      string    `json:"name"`
	Routed    RoutedDTO `json:"routed"`
	Score     *int      `json:"score"`
	Level     string    `json:"level"`
}

// RoutedListDTO lists the accounts routed into a section, newest first.
type RoutedListDTO struct {
	Meta    MetaDTO         `json:"meta"`
	Section string          `json:"section"`
	Label   string          `json:"label"`
	Items   []RoutedItemDTO `json:"items"`
}

// RoutedTo lists the accounts whose active route points at a section.
// Errors: invalid.
func (s *WorkspaceService) RoutedTo(req SectionRequest) (RoutedListDTO, error) {
	ctx := context.Background()
	sec := domain.Section(req.Section)
	if !sec.Valid() {
		return RoutedListDTO{}, domain.Errorf(domain.EInvalid, "Unknown section %q.", req.Section)
	}
	list, err := s.ws().Store.RoutedTo(ctx, sec)
	if err != nil {
		return RoutedListDTO{}, err
	}
	out := RoutedListDTO{Meta: s.ws().Meta(ctx), Section: string(sec), Label: sec.Label(), Items: make([]RoutedItemDTO, 0, len(list))}
	for _, ra := range list {
		item := RoutedItemDTO{AccountID: ra.Account.ID, Domain: ra.Account.Domain, Name: ra.Account.Name,
			Routed: *routedDTO(&ra.Route)}
		if h, _, err := s.ws().Store.LatestScore(ctx, ra.Account.ID); err == nil {
			sc := h.Score
			item.Score, item.Level = &sc, string(h.Level)
		}
		out.Items = append(out.Items, item)
	}
	return out, nil
}

// PaintedRequest is sent by the frontend once a page has painted with data.
type PaintedRequest struct {
	View string `json:"view"`
	Rows int    `json:"rows"`
}

// PaintedDTO reports the time from process start to that paint.
type PaintedDTO struct {
	SinceStartMs int64 `json:"sinceStartMs"`
}

// Painted logs that a view painted with rows, and how long after process
// start; the native smoke test reads this line to know the page rendered.
func (s *WorkspaceService) Painted(req PaintedRequest) (PaintedDTO, error) {
	var ms int64
	if !s.ws().Started.IsZero() {
		ms = s.ws().Now().Sub(s.ws().Started).Milliseconds()
	}
	if s.ws().Log != nil {
		s.ws().Log.Info("painted", "view", req.View, "rows", req.Rows, "since_start_ms", ms)
	}
	return PaintedDTO{SinceStartMs: ms}, nil
}

package app

import (
	"time"

	"successdesk/backend/domain"
)

// The two books.
const (
	ModeDemo = "demo"
	ModeLive = "live"
)

// Readiness values every section DTO carries.
const (
	ReadyDemo         = "demo"
	ReadyReady        = "ready"
	ReadyPartial      = "partial"
	ReadyNotConnected = "not_connected"
	ReadyError        = "error"
)

// MetaDTO says which book produced a DTO and how fresh it is.
type MetaDTO struct {
	Mode          string `json:"mode"`      // demo | live
	Readiness     string `json:"readiness"` // demo | ready | partial | not_connected | error
	LastSyncedAt  string `json:"lastSyncedAt"`
	LastUpdatedAt string `json:"lastUpdatedAt"` // newest health snapshot
}

// MoneyDTO is an exact amount in minor units.
type MoneyDTO struct {
	AmountMinor int64  `json:"amountMinor"`
	Currency    string `json:"currency"`
}

func money(m domain.Money) MoneyDTO {
	return MoneyDTO{AmountMinor: m.AmountMinor, Currency: m.Currency}
}

// EvidenceDTO points at the record behind a factor.
type EvidenceDTO struct {
	Kind  string `json:"kind"`
	Ref   string `json:"ref"`
	Label string `json:"label"`
	At    string `json:"at"`
}

// FactorDTO is one signed risk factor.
type FactorDTO struct {
	Code     string        `json:"code"`
	Category string        `json:"category"`
	Label    string        `json:"label"`
	Points   int           `json:"points"`
	Detail   string        `json:"detail"`
	Evidence []EvidenceDTO `json:"evidence"`
}

// MissingDTO says an input could not be scored.
type MissingDTO struct {
	Category string `json:"category"`
	Reason   string `json:"reason"`
}

// RoutedDTO marks a row that was routed into the section showing it.
type RoutedDTO struct {
	RouteID   int64  `json:"routeId"`
	From      string `json:"from"`
	FromLabel string `json:"fromLabel"`
	Reason    string `json:"reason"`
	At        string `json:"at"`
}

func rfc(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func factorsDTO(fs []domain.RiskFactor) []FactorDTO {
	out := make([]FactorDTO, 0, len(fs))
	for _, f := range fs {
		ev := make([]EvidenceDTO, 0, len(f.Evidence))
		for _, e := range f.Evidence {
			ev = append(ev, EvidenceDTO{Kind: e.Kind, Ref: e.Ref, Label: e.Label, At: rfc(e.At)})
		}
		out = append(out, FactorDTO{Code: f.Code, Category: string(f.Category), Label: f.Label, Points: f.Points,
			Detail: f.Detail, Evidence: ev})
	}
	return out
}

func missingDTO(ms []domain.Missing) []MissingDTO {
	out := make([]MissingDTO, 0, len(ms))
	for _, m := range ms {
		out = append(out, MissingDTO{Category: string(m.Category), Reason: m.Reason})
	}
	return out
}

func routedDTO(r *domain.Route) *RoutedDTO {
	if r == nil {
		return nil
	}
	return &RoutedDTO{RouteID: r.ID, From: string(r.From), FromLabel: r.From.Label(), Reason: r.Reason, At: rfc(r.CreatedAt)}
}

// daysUntil returns whole calendar days from now's date to t's date (UTC),
// negative when t has passed, nil when t is unknown.
func daysUntil(t, now time.Time) *int {
	if t.IsZero() {
		return nil
	}
	a := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	t = t.UTC()
	b := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	d := int(b.Sub(a).Hours() / 24)
	return &d
}

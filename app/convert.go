package app

import (
	"context"
	"strings"
	"sync"
	"time"

	"successdesk/backend/convert"
	"successdesk/backend/domain"
)

// ConvertService serves the Convert page: the queue, its cards, Sync
// trials, the candidate sheet, the Settings tab and exports.
//
// The queue is every conversion candidate (see package convert) of the
// book the window shows, scored and tiered under the stored settings.
// Candidates' facts are read once per store generation and day and kept;
// a settings change re-tallies them in memory. Accounts routed to Convert
// are pinned on top. It is safe for concurrent use.
type ConvertService struct {
	books   Books
	queue   convertQueue
	syncing sync.Mutex // one Sync trials at a time
}

// NewConvertService returns a ConvertService over b.
func NewConvertService(b Books) *ConvertService { return &ConvertService{books: b} }

func (s *ConvertService) ws() *Workspace { return s.books.Current() }

var validConvertSort = map[string]bool{"": true, "score": true, "company": true, "source": true, "likelihood": true,
	"trialDays": true, "value": true}

// viewKey validates q's filters and sort. Errors: invalid, in plain words.
func (q ConvertQuery) viewKey() (convertViewKey, error) {
	k := convertViewKey{search: strings.TrimSpace(q.Search), source: q.Source, likelihood: q.Likelihood, sort: q.Sort, desc: q.Desc}
	switch {
	case q.Source != "" && q.Source != string(domain.SourceSalesbricks) && q.Source != string(domain.SourceStripe):
		return k, domain.Errorf(domain.EInvalid, "Unknown source filter %q: use salesbricks or stripe.", q.Source)
	case q.Likelihood != "" && q.Likelihood != string(convert.TierHigh) && q.Likelihood != string(convert.TierMedium) &&
		q.Likelihood != string(convert.TierLow):
		return k, domain.Errorf(domain.EInvalid, "Unknown likelihood filter %q: use high, medium or low.", q.Likelihood)
	case !validConvertSort[q.Sort]:
		return k, domain.Errorf(domain.EInvalid, "Unknown sort column %q.", q.Sort)
	case q.Offset < 0 || q.Limit < 0 || q.Limit > 1000:
		return k, domain.Errorf(domain.EInvalid, "Offset must be ≥ 0 and limit between 0 and 1000.")
	}
	return k, nil
}

// current returns ws's queue under its stored settings.
func (s *ConvertService) current(ctx context.Context, ws *Workspace) (*convertTally, error) {
	cs, err := convertSettings(ctx, ws)
	if err != nil {
		return nil, err
	}
	return s.queue.tally(ctx, ws, cs)
}

// meta describes the book for a Convert DTO: Convert's readiness, and the
// newer of the last Sync trials and the last source sync.
func (s *ConvertService) meta(ctx context.Context, ws *Workspace) MetaDTO {
	m := ws.Meta(ctx)
	m.Readiness = ws.Readiness(ctx, domain.SectionConvert)
	if at := convertLastSynced(ctx, ws); !at.IsZero() {
		if prev, err := time.Parse(time.RFC3339, m.LastSyncedAt); err != nil || at.After(prev) {
			m.LastSyncedAt = rfc(at)
		}
	}
	return m
}

// List returns one window of the queue: routed accounts first, then by the
// sort asked for (score, highest first, by default), with each row's
// factors. Errors: invalid.
func (s *ConvertService) List(q ConvertQuery) (ConvertListDTO, error) {
	ctx := context.Background()
	ws := s.ws()
	k, err := q.viewKey()
	if err != nil {
		return ConvertListDTO{}, err
	}
	t, err := s.current(ctx, ws)
	if err != nil {
		return ConvertListDTO{}, err
	}
	rows := t.view(k)
	limit := q.Limit
	if limit == 0 {
		limit = 100
	}
	out := ConvertListDTO{Meta: s.meta(ctx, ws), Rows: []ConvertRowDTO{}, Total: len(rows), Offset: q.Offset}
	for _, i := range rows[min(q.Offset, len(rows)):min(q.Offset+limit, len(rows))] {
		out.Rows = append(out.Rows, t.row(i, true))
	}
	return out, nil
}

// Summary returns the four cards over the visible queue: search and source
// filter applied, the likelihood filter not (so the tier counts stay
// meaningful). Ending soon counts trials ending within the urgency window
// (0 to UrgencyDays days away); the estimated value totals the base
// currency at the rates FXNote states. Errors: invalid.
func (s *ConvertService) Summary(q ConvertQuery) (ConvertSummaryDTO, error) {
	ctx := context.Background()
	ws := s.ws()
	q.Likelihood, q.Sort, q.Desc, q.Offset, q.Limit = "", "", false, 0, 0
	k, err := q.viewKey()
	if err != nil {
		return ConvertSummaryDTO{}, err
	}
	t, err := s.current(ctx, ws)
	if err != nil {
		return ConvertSummaryDTO{}, err
	}
	out := ConvertSummaryDTO{Meta: s.meta(ctx, ws), UrgencyDays: t.settings.UrgencyDays,
		EstimatedValue: MoneyDTO{Currency: ws.Rates().Base}, FXNote: fxNote(ws.Rates())}
	for _, i := range t.filter(k) {
		c := &t.cands[i]
		out.Total++
		switch c.Tier {
		case convert.TierHigh:
			out.High++
		case convert.TierMedium:
			out.Medium++
		default:
			out.Low++
		}
		if c.HasTrialEnd && c.TrialDays >= 0 && c.TrialDays <= t.settings.UrgencyDays {
			out.EndingSoon++
		}
		out.EstimatedValue.AmountMinor += c.ValueBaseMinor
	}
	out.LastSyncedAt = out.Meta.LastSyncedAt
	return out, nil
}

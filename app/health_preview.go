package app

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"successdesk/backend/domain"
	"successdesk/backend/scoring"
	"successdesk/backend/store"
)

// previewCache holds the current snapshot's factors so that each preview
// while a person drags a slider re-weights in memory instead of re-reading.
type previewCache struct {
	mu       sync.Mutex
	st       *store.Store // the book the scores came from
	snapshot int64
	scores   []store.CurrentScore
}

func (c *previewCache) load(ctx context.Context, st *store.Store) ([]store.CurrentScore, error) {
	snap, err := st.LatestSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.st == st && c.snapshot == snap.ID && c.scores != nil {
		return c.scores, nil
	}
	var scores []store.CurrentScore
	if err := st.CurrentScores(ctx, func(s store.CurrentScore) error { scores = append(scores, s); return nil }); err != nil {
		return nil, err
	}
	c.st, c.snapshot, c.scores = st, snap.ID, scores
	return scores, nil
}

// Preview re-ranks the tracked accounts of the current snapshot under
// candidate weights and cut-offs without saving them, and returns the worst
// req.Limit accounts with their current and new rank. Errors: invalid.
func (s *HealthService) Preview(req PreviewRequest) (PreviewDTO, error) {
	ctx := context.Background()
	hs := domain.HealthSettings{Weights: req.Weights.domain(), Cutoffs: domain.Cutoffs(req.Cutoffs)}
	if err := hs.Validate(); err != nil {
		return PreviewDTO{}, err
	}
	limit := req.Limit
	if limit <= 0 {
		limit = 10
	}
	if limit > 100 {
		return PreviewDTO{}, domain.Errorf(domain.EInvalid, "A preview shows at most 100 accounts.")
	}
	out := PreviewDTO{Rows: []PreviewRowDTO{}}
	scores, err := s.preview.load(ctx, s.ws().Store)
	if domain.ErrorCode(err) == domain.ENotFound {
		return out, nil
	}
	if err != nil {
		return out, err
	}
	type ranked struct {
		i             int
		before, after int
		level         domain.RiskLevel
	}
	rs := make([]ranked, len(scores))
	for i, c := range scores {
		h := scoring.Reweight(domain.HealthScore{Factors: c.Factors, Missing: c.Missing}, hs)
		rs[i] = ranked{i: i, before: c.Score, after: h.Score, level: h.Level}
		switch h.Level {
		case domain.RiskCritical:
			out.Critical++
		case domain.RiskAtRisk:
			out.AtRisk++
		default:
			out.Healthy++
		}
	}
	order := func(key func(ranked) int) []int {
		idx := make([]int, len(rs))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Or(cmp.Compare(key(rs[a]), key(rs[b])), cmp.Compare(a, b)) })
		return idx
	}
	before := order(func(r ranked) int { return r.before })
	rankBefore := make([]int, len(rs))
	for rank, i := range before {
		rankBefore[i] = rank + 1
	}
	for rank, i := range order(func(r ranked) int { return r.after })[:min(limit, len(rs))] {
		c := scores[i]
		out.Rows = append(out.Rows, PreviewRowDTO{AccountID: c.AccountID, Name: c.Name, Score: rs[i].after,
			Level: string(rs[i].level), ScoreBefore: rs[i].before, Rank: rank + 1, RankBefore: rankBefore[i]})
	}
	return out, nil
}

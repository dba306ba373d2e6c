package hubspot

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Stage is one stage of a deal pipeline.
type Stage struct {
	ID           string
	Label        string
	DisplayOrder int
	// Probability is the stage's win probability in [0, 1]; 0 when HubSpot
	// gives none.
	Probability float64
	// Closed marks closed stages (metadata.isClosed); Won marks a closed
	// stage with probability 1 (HubSpot's closed-won), so a closed stage
	// that is not Won is a closed-lost one.
	Closed bool
	Won    bool
}

type pipelineJSON struct {
	ID       flex `json:"id"`
	Archived flex `json:"archived"`
	Stages   []struct {
		ID           flex `json:"id"`
		Label        flex `json:"label"`
		DisplayOrder flex `json:"displayOrder"`
		Archived     flex `json:"archived"`
		Metadata     struct {
			IsClosed    flex `json:"isClosed"`
			Probability flex `json:"probability"`
		} `json:"metadata"`
	} `json:"stages"`
}

// FetchStages reads the deal pipelines (GET /crm/v3/pipelines/deals) and
// returns each pipeline's stages by pipeline id, ordered by displayOrder
// (then label, then id). Archived pipelines and stages are left out;
// metadata values are read whether HubSpot sends them as strings (as v3
// does: "true", "0.2") or as JSON booleans and numbers. Errors are as for
// Fetch; a 403 is EUnauthorized naming crm.objects.deals.read.
func (c *Connector) FetchStages(ctx context.Context) (map[string][]Stage, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if c.token == "" {
		return nil, notConnected()
	}
	a, err := c.get(ctx, "/crm/v3/pipelines/deals", nil, scopeDeals)
	if err != nil {
		return nil, err
	}
	var l struct {
		Results []pipelineJSON `json:"results"`
	}
	if decodeObject(a.body, &l) != nil {
		return nil, unreadable()
	}
	out := make(map[string][]Stage, len(l.Results))
	for _, p := range l.Results {
		id := clean(string(p.ID), maxKeyLen)
		if id == "" || p.Archived.Bool() {
			continue
		}
		stages := make([]Stage, 0, len(p.Stages))
		for _, s := range p.Stages {
			sid := clean(string(s.ID), maxKeyLen)
			if sid == "" || s.Archived.Bool() {
				continue
			}
			st := Stage{ID: sid, Label: clean(string(s.Label), maxText), Closed: s.Metadata.IsClosed.Bool(),
				Probability: probability(string(s.Metadata.Probability))}
			if n, ok := s.DisplayOrder.Int(); ok && n >= math.MinInt32 && n <= math.MaxInt32 {
				st.DisplayOrder = int(n)
			}
			if st.Label == "" {
				st.Label = st.ID
			}
			st.Won = st.Closed && st.Probability >= 1
			stages = append(stages, st)
		}
		slices.SortStableFunc(stages, func(a, b Stage) int {
			return cmp.Or(cmp.Compare(a.DisplayOrder, b.DisplayOrder), cmp.Compare(a.Label, b.Label), cmp.Compare(a.ID, b.ID))
		})
		out[id] = stages
	}
	return out, nil
}

// probability reads a stage's probability, clamped to [0, 1]; 0 when it
// is missing or not a number.
func probability(s string) float64 {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || f < 0 {
		return 0
	}
	return min(f, 1)
}

package app

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"time"

	"successdesk/backend/convert"
	"successdesk/backend/domain"
)

// convertTally is one book's queue under one set of settings: the scored
// candidates in fact order, and the last filtered and sorted view of them.
// It never changes once built, except for the view cache.
type convertTally struct {
	book     *convertBook
	settings convert.Settings
	fx       domain.FXRates
	now      time.Time // the day scored at
	cands    []convert.Candidate
	fact     []int // candidate index → index into book.facts

	mu   sync.Mutex
	last *convertView
}

// newConvertTally selects and scores b's candidates under s.
func newConvertTally(b *convertBook, s convert.Settings, fx domain.FXRates) *convertTally {
	t := &convertTally{book: b, settings: s, fx: fx, now: b.day, cands: convert.Tally(b.facts, s, fx, b.day)}
	t.fact = make([]int, len(t.cands))
	j := 0
	for i := range b.facts {
		if j < len(t.cands) && t.cands[j].Facts == &b.facts[i] {
			t.fact[j] = i
			j++
		}
	}
	return t
}

// convertView is a filtered, sorted list of candidate indices.
type convertView struct {
	key  convertViewKey
	rows []int
}

// convertViewKey is what a view depends on besides the tally.
type convertViewKey struct {
	search, source, likelihood, sort string
	desc                             bool
}

// view returns the candidates matching k, routed accounts first, each
// group in k's order; the last view is cached.
func (t *convertTally) view(k convertViewKey) []int {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.last != nil && t.last.key == k {
		return t.last.rows
	}
	rows := t.filter(k)
	slices.SortFunc(rows, t.compare(k.sort, k.desc))
	t.last = &convertView{key: k, rows: rows}
	return rows
}

// filter returns the indices of the candidates matching k's search, source
// and likelihood, in fact order.
func (t *convertTally) filter(k convertViewKey) []int {
	search := strings.ToLower(strings.TrimSpace(k.search))
	rows := make([]int, 0, len(t.cands))
	for i := range t.cands {
		c := &t.cands[i]
		if k.source != "" && string(c.Facts.Record.Source) != k.source {
			continue
		}
		if k.likelihood != "" && string(c.Tier) != k.likelihood {
			continue
		}
		if search != "" && !strings.Contains(t.book.text[t.fact[i]], search) {
			continue
		}
		rows = append(rows, i)
	}
	return rows
}

// compare orders candidate indices: routed first; then by column (score,
// highest first, when empty), descending when desc; ties by score (highest
// first), estimated value (largest first), company and key. Candidates
// without a trial end sort last by trial days in both directions.
func (t *convertTally) compare(column string, desc bool) func(a, b int) int {
	if column == "" {
		column, desc = "score", true
	}
	dir := func(c int) int {
		if desc {
			return -c
		}
		return c
	}
	return func(a, b int) int {
		ca, cb := &t.cands[a], &t.cands[b]
		if ra, rb := ca.Facts.Route != nil, cb.Facts.Route != nil; ra != rb {
			if ra {
				return -1
			}
			return 1
		}
		var c int
		switch column {
		case "score":
			c = dir(cmp.Compare(ca.Score, cb.Score))
		case "company":
			c = dir(strings.Compare(t.book.names[t.fact[a]], t.book.names[t.fact[b]]))
		case "source":
			c = dir(strings.Compare(string(ca.Facts.Record.Source), string(cb.Facts.Record.Source)))
		case "likelihood":
			c = dir(cmp.Compare(ca.Tier.Rank(), cb.Tier.Rank()))
		case "trialDays":
			switch {
			case ca.HasTrialEnd != cb.HasTrialEnd:
				if ca.HasTrialEnd {
					return -1
				}
				return 1
			case ca.HasTrialEnd:
				c = dir(cmp.Compare(ca.TrialDays, cb.TrialDays))
			}
		case "value":
			c = dir(cmp.Compare(ca.ValueBaseMinor, cb.ValueBaseMinor))
		}
		if c != 0 {
			return c
		}
		if c = cmp.Compare(cb.Score, ca.Score); c != 0 {
			return c
		}
		if c = cmp.Compare(cb.ValueBaseMinor, ca.ValueBaseMinor); c != 0 {
			return c
		}
		if c = strings.Compare(t.book.names[t.fact[a]], t.book.names[t.fact[b]]); c != 0 {
			return c
		}
		return strings.Compare(t.book.keys[t.fact[a]], t.book.keys[t.fact[b]])
	}
}

// row is candidate i as a queue row; with explain, its factors are filled.
func (t *convertTally) row(i int, explain bool) ConvertRowDTO {
	c := &t.cands[i]
	var factors []FactorDTO
	if explain {
		factors = convertFactorsDTO(convert.Explain(c.Facts, &t.settings, t.fx, t.now).Factors)
	}
	return convertRow(t.book.keys[t.fact[i]], c.Facts, c.Result, t.fx.Base, factors)
}

// convertRow builds a queue row from a candidate's facts and result.
func convertRow(key string, f *convert.Facts, r convert.Result, base string, factors []FactorDTO) ConvertRowDTO {
	if factors == nil {
		factors = []FactorDTO{}
	}
	row := ConvertRowDTO{Key: key, AccountID: f.Account.ID, Company: f.Account.Name, Domain: f.Account.Domain,
		Source: string(f.Record.Source), Status: string(f.Record.Status), Product: f.Record.Product, Score: r.Score,
		Likelihood: string(r.Tier), TrialEnd: rfc(f.Record.TrialEnd), EstimatedValue: money(r.Value),
		EstimatedValueBase: MoneyDTO{AmountMinor: r.ValueBaseMinor, Currency: base}, Factors: factors, Routed: routedDTO(f.Route)}
	if r.HasTrialEnd {
		d := r.TrialDays
		row.TrialDaysRemaining = &d
	}
	return row
}

// convertFactorsDTO maps conversion factors to the shared factor DTO.
func convertFactorsDTO(fs []convert.Factor) []FactorDTO {
	out := make([]FactorDTO, 0, len(fs))
	for _, f := range fs {
		out = append(out, FactorDTO{Code: f.Code, Category: string(f.Category), Label: f.Label, Points: f.Points,
			Detail: f.Detail, Evidence: []EvidenceDTO{}})
	}
	return out
}

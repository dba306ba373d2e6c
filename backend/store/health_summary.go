package store

import (
	"context"
	"fmt"
	"sync"
	"time"

	"successdesk/backend/domain"
)

// HealthSummary holds the Health cards and the ARR-by-risk chart for the
// visible portfolio: the search and untracked filters apply, the risk filter
// does not (the cards are how a person picks a risk level).
type HealthSummary struct {
	Snapshot     Snapshot
	Count        map[domain.RiskLevel]int
	ARRBaseMinor map[domain.RiskLevel]int64
	Renewing30   int // renewal date from today through 30 days ahead
	Accounts     int
}

// genCache remembers values until the next committed write (a new store
// generation); it holds at most 64 entries.
type genCache[V any] struct {
	mu  sync.Mutex
	gen int64
	m   map[string]V
}

func (c *genCache[V]) get(gen int64, key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var zero V
	if c.gen != gen {
		return zero, false
	}
	v, ok := c.m[key]
	return v, ok
}

func (c *genCache[V]) put(gen int64, key string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen || c.m == nil || len(c.m) >= 64 {
		c.gen, c.m = gen, map[string]V{}
	}
	c.m[key] = v
}

// SummarizeHealth computes the Health cards at now. Results are cached
// until the next write, so repeated calls while a person browses are free.
func (s *Store) SummarizeHealth(ctx context.Context, q HealthQuery, now time.Time) (HealthSummary, error) {
	gen := s.gen.Load()
	today := now.UTC().Truncate(24 * time.Hour)
	key := fmt.Sprintf("%t|%s|%s", q.IncludeUntracked, q.Search, today.Format("2006-01-02"))
	if v, ok := s.cache.get(gen, key); ok {
		return v, nil
	}
	snap, err := s.LatestSnapshot(ctx)
	if err != nil {
		return HealthSummary{}, err
	}
	sum := HealthSummary{Snapshot: snap, Count: map[domain.RiskLevel]int{}, ARRBaseMinor: map[domain.RiskLevel]int64{}}
	trigram, err := s.trigramSearch(ctx, q, false)
	if err != nil {
		return sum, err
	}
	where, args := healthWhere(q, false, domain.Cutoffs{}, trigram)
	rows, err := s.read.QueryContext(ctx, `SELECT c.level, count(*), sum(c.arr_base_minor),
		sum(c.renewal_at >= ? AND c.renewal_at < ?)
		FROM health_current c NOT INDEXED WHERE `+where+` GROUP BY c.level`,
		append([]any{ts(today), ts(today.AddDate(0, 0, 31))}, args...)...)
	if err != nil {
		return sum, err
	}
	defer rows.Close()
	for rows.Next() {
		var level string
		var n, renewing int
		var arr int64
		if err := rows.Scan(&level, &n, &arr, &renewing); err != nil {
			return sum, err
		}
		sum.Count[domain.RiskLevel(level)] = n
		sum.ARRBaseMinor[domain.RiskLevel(level)] = arr
		sum.Renewing30 += renewing
		sum.Accounts += n
	}
	if err := rows.Err(); err != nil {
		return sum, err
	}
	s.cache.put(gen, key, sum)
	return sum, nil
}

// ResetCaches drops the cached counts and summaries, as a write would.
// Benchmarks use it to measure the queries themselves.
func (s *Store) ResetCaches() {
	s.gen.Add(1)
	s.dataGen.Add(1)
}

package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"successdesk/backend/domain"
)

// TestLevelSearchReadsOnlyTheScoreIndex checks the plans of the count and
// the page query of a search within one risk level: both must read the
// score index alone (no table row per candidate), which is what keeps the
// Health table's filtered search fast on a large book.
func TestLevelSearchReadsOnlyTheScoreIndex(t *testing.T) {
	s := newOldBook(t, "0001_init.sql").upgrade(t)
	q := HealthQuery{Risk: domain.RiskCritical, Search: "labs", Sort: SortARR, Desc: true}
	where, args := healthWhere(q, true, domain.DefaultHealthSettings().Cutoffs, false)
	for name, query := range map[string]string{
		"count": `SELECT count(*) FROM health_current c WHERE ` + where,
		"page": `SELECT c.account_id FROM health_current c WHERE ` + where + ` ORDER BY ` +
			strings.Replace(sortExprs[SortARR], "%s", "DESC", 1) + ` LIMIT 100`,
	} {
		if plan := queryPlan(t, s, query, args); !strings.Contains(plan, "USING COVERING INDEX health_current_score") {
			t.Errorf("%s query reads table rows:\n%s", name, plan)
		}
	}
}

// TestBookSearchPlans checks the plans of a search over the whole book
// (three characters or more, no risk level). Through the trigram index, each
// match is looked up by account id (left to itself SQLite scanned the score
// index, every tracked account, and probed each against the matches: ~6x
// slower for a search matching a few accounts of 100,000). Past
// trigramMax matches, the copied text is tested on the score index alone.
func TestBookSearchPlans(t *testing.T) {
	ctx := context.Background()
	s := newOldBook(t, "0001_init.sql",
		`INSERT INTO accounts(id, name, search_text, created_at) VALUES (1, 'Hooli', 'hooli hooli.com', '2026-01-01T00:00:00Z'),
			(2, 'Hooli XYZ', 'hooli xyz', '2026-01-01T00:00:00Z'), (3, 'Aviato', 'aviato', '2026-01-01T00:00:00Z')`,
	).upgrade(t)
	s.trigramMax = 1
	for term, trigram := range map[string]bool{"xyz": true, "hooli": false, "hoolihan": true, "ho": false} {
		if got, err := s.trigramSearch(ctx, HealthQuery{Search: term}, true); err != nil || got != trigram {
			t.Errorf("trigramSearch(%q) = %v (err %v), want %v", term, got, err, trigram)
		}
	}
	if got, _ := s.trigramSearch(ctx, HealthQuery{Search: "xyz", Risk: domain.RiskCritical}, true); got {
		t.Error("a search within a risk level went through the trigram index")
	}
	for _, trigram := range []bool{true, false} {
		for _, untracked := range []bool{false, true} {
			q := HealthQuery{Search: "hooli", IncludeUntracked: untracked}
			where, args := healthWhere(q, true, domain.DefaultHealthSettings().Cutoffs, trigram)
			for name, query := range map[string]string{
				"count": `SELECT count(*) FROM health_current c WHERE ` + where,
				"page": `SELECT c.account_id FROM health_current c WHERE ` + where + ` ORDER BY ` +
					strings.Replace(sortExprs[SortScore], "%s", "ASC", 1) + ` LIMIT 100`,
			} {
				plan := queryPlan(t, s, query, args)
				want := "SEARCH c USING PRIMARY KEY (account_id=?)"
				if !trigram {
					want = "COVERING INDEX health_current_score"
				}
				if !strings.Contains(plan, want) || strings.Contains(plan, "accounts_fts") != trigram {
					t.Errorf("%s query (trigram %v, untracked %v), want %q:\n%s", name, trigram, untracked, want, plan)
				}
			}
		}
	}
}

// queryPlan returns the EXPLAIN QUERY PLAN lines of query, one per line.
func queryPlan(t *testing.T, s *Store, query string, args []any) string {
	t.Helper()
	rows, err := s.read.QueryContext(context.Background(), `EXPLAIN QUERY PLAN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(plan, "\n")
}

// TestSignalScanReadsTheSignalIndex checks that the recompute's read of an
// account range's signals walks the partial index of signals in its order
// (no other activity read, no sort), on a fresh book and on one whose
// statistics say signals are a small share of the activities.
func TestSignalScanReadsTheSignalIndex(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	recent := t0.AddDate(0, 0, -30)
	w := FactsWindow{AsOf: t0, SignalsSince: t0.AddDate(0, 0, -90), FromID: 10, ToID: 5000,
		SignalKinds: []domain.SignalKind{domain.SignalEscalation, domain.SignalComplaint, domain.SignalNPS},
		KindSince:   map[domain.SignalKind]time.Time{domain.SignalEscalation: recent, domain.SignalComplaint: recent}}
	query, args := w.signalQuery()
	check := func(s *Store) {
		t.Helper()
		plan := queryPlan(t, s, query, args)
		if !strings.Contains(plan, "USING INDEX activities_signals") || strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("signal scan plan:\n%s", plan)
		}
	}
	check(newOldBook(t, "0001_init.sql").upgrade(t))

	s := newOldBook(t, "0001_init.sql").upgrade(t)
	ctx := context.Background()
	err := s.Write(ctx, func(tx *Tx) error {
		for _, q := range []string{
			`INSERT INTO accounts(id, name, created_at) VALUES (1, 'Hooli', '2026-01-01T00:00:00Z')`,
			`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
			INSERT INTO activities(account_id, source, external_id, kind, signal, occurred_at)
			SELECT 1, 'stripe', 'e' || i, CASE WHEN i % 20 = 0 THEN 'signal' ELSE 'payment' END,
				CASE WHEN i % 20 = 0 THEN 'nps' ELSE '' END, '2026-11-01T00:00:00Z' FROM n`,
			`ANALYZE`,
		} {
			if _, err := tx.exec(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	check(s)
}

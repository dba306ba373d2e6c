package store

import (
	"context"
	"strings"
	"testing"

	"successdesk/backend/domain"
)

// TestLevelSearchReadsOnlyTheScoreIndex checks the plans of the count and
// the page query of a search within one risk level: both must read the
// score index alone (no table row per candidate), which is what keeps the
// Health table's filtered search fast on a large book.
func TestLevelSearchReadsOnlyTheScoreIndex(t *testing.T) {
	s := newOldBook(t, "0001_init.sql").upgrade(t)
	q := HealthQuery{Risk: domain.RiskCritical, Search: "labs", Sort: SortARR, Desc: true}
	where, args := healthWhere(q, true, domain.DefaultHealthSettings().Cutoffs)
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

// TestBookSearchLooksUpTheMatches checks the plans of a search over the
// whole book (three characters or more, no risk level): the trigram index
// finds the matches and each is looked up by account id. Left to itself
// SQLite scanned the score index (every tracked account) and probed each
// against the matches, ~6x slower for a search matching a few accounts of
// 100,000.
func TestBookSearchLooksUpTheMatches(t *testing.T) {
	s := newOldBook(t, "0001_init.sql").upgrade(t)
	for _, untracked := range []bool{false, true} {
		q := HealthQuery{Search: "hooli", IncludeUntracked: untracked}
		where, args := healthWhere(q, true, domain.DefaultHealthSettings().Cutoffs)
		for name, query := range map[string]string{
			"count": `SELECT count(*) FROM health_current c WHERE ` + where,
			"page": `SELECT c.account_id FROM health_current c WHERE ` + where + ` ORDER BY ` +
				strings.Replace(sortExprs[SortScore], "%s", "ASC", 1) + ` LIMIT 100`,
		} {
			plan := queryPlan(t, s, query, args)
			if !strings.Contains(plan, "SEARCH c USING INTEGER PRIMARY KEY") || !strings.Contains(plan, "accounts_fts") {
				t.Errorf("%s query (untracked %v) does not look the matches up:\n%s", name, untracked, plan)
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

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
	ctx := context.Background()
	book := newOldBook(t, "0001_init.sql")
	s := book.upgrade(t)
	q := HealthQuery{Risk: domain.RiskCritical, Search: "labs", Sort: SortARR, Desc: true}
	where, args := healthWhere(q, true, domain.DefaultHealthSettings().Cutoffs)
	for name, query := range map[string]string{
		"count": `SELECT count(*) FROM health_current c WHERE ` + where,
		"page": `SELECT c.account_id FROM health_current c WHERE ` + where + ` ORDER BY ` +
			strings.Replace(sortExprs[SortARR], "%s", "DESC", 1) + ` LIMIT 100`,
	} {
		rows, err := s.read.QueryContext(ctx, `EXPLAIN QUERY PLAN `+query, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if !strings.Contains(strings.Join(plan, "\n"), "USING COVERING INDEX health_current_score") {
			t.Errorf("%s query reads table rows:\n%s", name, strings.Join(plan, "\n"))
		}
	}
}

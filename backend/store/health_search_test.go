package store_test

import (
	"context"
	"reflect"
	"testing"

	"successdesk/backend/store"
)

// TestSearchPathsAgree runs book-wide searches through the trigram index and
// (with the match limit at one, so any search matching more goes the other
// way) through each row's copied text: pages, totals and cards must agree.
func TestSearchPathsAgree(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	seedHealth(t, st, []seedAccount{
		{"Hooli", "hooli.com", "gavin@hooli.com", 30, 500_00, 5, true, 3},
		{"Hooli XYZ", "hoolixyz.com", "jian@hoolixyz.com", 70, 200_00, 15, true, 1},
		{"Aviato", "aviato.com", "erlich@aviato.com", 55, 900_00, 40, true, 2},
		{"Hooli Chat", "hoolichat.io", "x@hoolichat.io", 10, 100_00, 3, false, 4},
		{"Initech", "initech.com", "bill@initech.com", 90, 300_00, 200, true, 0},
		{"Nucleus Labs", "nucleus.dev", "ops@hooli.com", 45, 50_00, 9, true, 1},
	})
	type result struct {
		names []string
		total int
		cards store.HealthSummary
	}
	run := func(q store.HealthQuery) result {
		st.ResetCaches()
		p, err := st.ListHealth(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := st.SummarizeHealth(ctx, q, t0)
		if err != nil {
			t.Fatal(err)
		}
		sum.Snapshot = store.Snapshot{}
		return result{names(p), p.Total, sum}
	}
	for _, q := range []store.HealthQuery{
		{Search: "hooli"}, {Search: "HOOLI", IncludeUntracked: true}, {Search: ".com", Sort: store.SortARR, Desc: true},
		{Search: "gavin@"}, {Search: "labs"}, {Search: "nothing like it"},
	} {
		st.SetTrigramMax(1_000)
		viaIndex := run(q)
		st.SetTrigramMax(1)
		viaText := run(q)
		if !reflect.DeepEqual(viaIndex, viaText) {
			t.Errorf("%+v: trigram index %+v, copied text %+v", q, viaIndex, viaText)
		}
	}
	st.SetTrigramMax(1_000)
	if r := run(store.HealthQuery{Search: "hooli", IncludeUntracked: true}); r.total != 4 || r.cards.Accounts != 4 {
		t.Fatalf("hooli with untracked: %+v", r)
	}
}

package app_test

import (
	"strings"
	"testing"

	"successdesk/app"
)

func TestHealthListOrderAndFilters(t *testing.T) {
	ws, _ := newWorkspace(t)
	svc := app.NewHealthService(ws)
	all, err := svc.List(app.HealthListRequest{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if all.Meta.Mode != "demo" || all.Meta.Readiness != app.ReadyDemo || all.Meta.LastUpdatedAt == "" {
		t.Fatalf("meta %+v", all.Meta)
	}
	if all.Total != len(all.Rows) || all.Total < 100 {
		t.Fatalf("total %d rows %d", all.Total, len(all.Rows))
	}
	for i := 1; i < len(all.Rows); i++ {
		a, b := all.Rows[i-1], all.Rows[i]
		if a.Score > b.Score || (a.Score == b.Score && a.ARRBase.AmountMinor < b.ARRBase.AmountMinor) {
			t.Fatalf("not worst first at %d: %d/%d then %d/%d", i, a.Score, a.ARRBase.AmountMinor, b.Score, b.ARRBase.AmountMinor)
		}
		if !b.Tracked {
			t.Fatalf("untracked account %q listed without the toggle", b.Name)
		}
	}
	levels := map[string]int{}
	for _, r := range all.Rows {
		levels[r.Level]++
		if r.Factors == nil || r.Missing == nil {
			t.Fatalf("nil slices cross the boundary as null: %+v", r)
		}
	}
	for _, l := range []string{"critical", "at_risk", "healthy"} {
		if levels[l] == 0 {
			t.Fatalf("demo book has no %s accounts: %v", l, levels)
		}
	}
	crit, err := svc.List(app.HealthListRequest{Risk: "critical", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if crit.Total != levels["critical"] {
		t.Fatalf("critical filter %d, counted %d", crit.Total, levels["critical"])
	}
	sum, err := svc.Summary(app.HealthSummaryRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Critical != levels["critical"] || sum.AtRisk != levels["at_risk"] || sum.Healthy != levels["healthy"] {
		t.Fatalf("cards %+v vs rows %v", sum, levels)
	}
	var arr int64
	for _, b := range sum.ByLevel {
		arr += b.ARR.AmountMinor
	}
	if arr != sum.ProtectedARR.AmountMinor || arr == 0 || !strings.Contains(sum.FXNote, "EUR") {
		t.Fatalf("protected ARR %d vs bars %d, note %q", sum.ProtectedARR.AmountMinor, arr, sum.FXNote)
	}
	byARR, _ := svc.List(app.HealthListRequest{Sort: "arr", Desc: true, Limit: 5})
	if byARR.Rows[0].ARRBase.AmountMinor < byARR.Rows[1].ARRBase.AmountMinor {
		t.Fatalf("ARR sort desc: %+v", byARR.Rows[:2])
	}
	// Search by a contact e-mail domain finds the account.
	target := all.Rows[3]
	if target.Domain != "" {
		found, _ := svc.List(app.HealthListRequest{Search: strings.ToUpper(target.Domain)})
		if found.Total == 0 || found.Rows[0].Domain != target.Domain {
			t.Fatalf("search %q: %+v", target.Domain, found.Rows)
		}
	}
}

func TestHealthListRejectsBadRequests(t *testing.T) {
	ws, _ := newWorkspace(t)
	svc := app.NewHealthService(ws)
	for _, req := range []app.HealthListRequest{{Risk: "doomed"}, {Sort: "name; DROP TABLE"}, {Limit: 5000}, {Offset: -1}} {
		if _, err := svc.List(req); code(err) != "invalid" {
			t.Errorf("%+v: got %v, want invalid", req, err)
		}
	}
}

func TestUntrackAndTrack(t *testing.T) {
	ws, rec := newWorkspace(t)
	svc := app.NewHealthService(ws)
	first, _ := svc.List(app.HealthListRequest{Limit: 1})
	id := first.Rows[0].AccountID
	if _, err := svc.SetTracked(app.TrackRequest{AccountID: id, Tracked: false}); err != nil {
		t.Fatal(err)
	}
	if len(rec.names) == 0 || rec.names[len(rec.names)-1] != app.EventDataChanged {
		t.Fatalf("no data:changed event: %v", rec.names)
	}
	after, _ := svc.List(app.HealthListRequest{Limit: 1000})
	for _, r := range after.Rows {
		if r.AccountID == id {
			t.Fatal("untracked account still listed")
		}
	}
	shown, _ := svc.List(app.HealthListRequest{Limit: 1000, IncludeUntracked: true})
	var hit *app.HealthRowDTO
	for i := range shown.Rows {
		if shown.Rows[i].AccountID == id {
			hit = &shown.Rows[i]
		}
	}
	if hit == nil || hit.Tracked {
		t.Fatalf("untracked toggle: %+v", hit)
	}
	before, _ := svc.Summary(app.HealthSummaryRequest{})
	if _, err := svc.SetTracked(app.TrackRequest{AccountID: id, Tracked: true}); err != nil {
		t.Fatal(err)
	}
	restored, _ := svc.Summary(app.HealthSummaryRequest{})
	if restored.Accounts != before.Accounts+1 {
		t.Fatalf("cards did not count the re-tracked account: %d then %d", before.Accounts, restored.Accounts)
	}
	if _, err := svc.SetTracked(app.TrackRequest{AccountID: 987654, Tracked: false}); code(err) != "not_found" {
		t.Fatalf("missing account: %v", err)
	}
}

func TestSaveSettingsRecomputesAndReorders(t *testing.T) {
	ws, _ := newWorkspace(t)
	svc := app.NewHealthService(ws)
	cur, err := svc.Settings(app.RefreshRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cur.Integrations) != 4 || cur.Integrations[0].Status != app.ReadyDemo {
		t.Fatalf("integration status: %+v", cur.Integrations)
	}
	bad := []app.SaveHealthSettingsRequest{
		{Weights: app.WeightsDTO{}, Cutoffs: cur.Cutoffs},
		{Weights: app.WeightsDTO{Adoption: 101}, Cutoffs: cur.Cutoffs},
		{Weights: cur.Weights, Cutoffs: app.CutoffsDTO{Critical: 80, AtRisk: 60}},
	}
	for _, b := range bad {
		if _, err := svc.SaveSettings(b); code(err) != "invalid" {
			t.Errorf("%+v: %v", b, err)
		}
	}
	before, _ := svc.List(app.HealthListRequest{Limit: 1000})
	saved, err := svc.SaveSettings(app.SaveHealthSettingsRequest{Weights: app.WeightsDTO{Payment: 100}, Cutoffs: cur.Cutoffs})
	if err != nil {
		t.Fatal(err)
	}
	if saved.Weights.Payment != 100 || saved.Weights.Adoption != 0 {
		t.Fatalf("saved %+v", saved.Weights)
	}
	after, _ := svc.List(app.HealthListRequest{Limit: 1000})
	if after.Meta.LastUpdatedAt == "" {
		t.Fatal("no snapshot after save")
	}
	for _, r := range after.Rows {
		for _, f := range r.Factors {
			if f.Category == "adoption" || f.Category == "renewal" || f.Category == "signals" {
				t.Fatalf("%s still has a %s factor with its weight at 0: %+v", r.Name, f.Category, f)
			}
		}
	}
	same := true
	for i := range before.Rows {
		if before.Rows[i].AccountID != after.Rows[i].AccountID {
			same = false
			break
		}
	}
	if same {
		t.Fatal("payment-only weights left the order unchanged")
	}
}

func TestRefreshWritesSnapshot(t *testing.T) {
	ws, _ := newWorkspace(t)
	svc := app.NewHealthService(ws)
	res, err := svc.Refresh(app.RefreshRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Accounts != 120 || res.Meta.LastUpdatedAt != "2026-11-25T15:00:00Z" {
		t.Fatalf("refresh %+v", res)
	}
}

func TestPreviewReranksWithoutSaving(t *testing.T) {
	ws, _ := newWorkspace(t)
	svc := app.NewHealthService(ws)
	cur, _ := svc.Settings(app.RefreshRequest{})
	same, err := svc.Preview(app.PreviewRequest{Weights: cur.Weights, Cutoffs: cur.Cutoffs, Limit: 8})
	if err != nil {
		t.Fatal(err)
	}
	if len(same.Rows) != 8 {
		t.Fatalf("rows %d", len(same.Rows))
	}
	for _, r := range same.Rows {
		if r.Score != r.ScoreBefore || r.Rank != r.RankBefore {
			t.Fatalf("unchanged settings moved %s: %+v", r.Name, r)
		}
	}
	sum, _ := svc.Summary(app.HealthSummaryRequest{})
	if same.Critical != sum.Critical || same.AtRisk != sum.AtRisk || same.Healthy != sum.Healthy {
		t.Fatalf("preview tiers %+v vs cards %+v", same, sum)
	}
	pay, err := svc.Preview(app.PreviewRequest{Weights: app.WeightsDTO{Payment: 100}, Cutoffs: cur.Cutoffs, Limit: 8})
	if err != nil {
		t.Fatal(err)
	}
	moved := false
	for _, r := range pay.Rows {
		if r.Rank != r.RankBefore || r.Score != r.ScoreBefore {
			moved = true
		}
	}
	if !moved {
		t.Fatal("payment-only weights moved nobody in the preview")
	}
	if pay.Critical+pay.AtRisk+pay.Healthy != sum.Accounts {
		t.Fatalf("preview counts %d accounts, cards %d", pay.Critical+pay.AtRisk+pay.Healthy, sum.Accounts)
	}
	after, _ := svc.Settings(app.RefreshRequest{})
	if after.Weights != cur.Weights {
		t.Fatal("preview saved its settings")
	}
	if _, err := svc.Preview(app.PreviewRequest{Weights: app.WeightsDTO{}, Cutoffs: cur.Cutoffs}); code(err) != "invalid" {
		t.Fatalf("zero weights: %v", err)
	}
}

func TestRefreshOverUnchangedDataWritesNoRows(t *testing.T) {
	ws, _ := newWorkspace(t)
	svc := app.NewHealthService(ws)
	if _, err := svc.Refresh(app.RefreshRequest{}); err != nil {
		t.Fatal(err)
	}
	snap, err := ws.Store.LatestSnapshot(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if snap.Changed != 0 || snap.Accounts != 120 {
		t.Fatalf("a recompute at the same moment over the same data changed %d of %d rows", snap.Changed, snap.Accounts)
	}
}

// TestLevelFiltersFollowNewCutoffs saves new cut-offs and checks that each
// risk filter then lists exactly the accounts whose row shows that level,
// in the same order as the full list: the filter is a score range under the
// latest snapshot's cut-offs, so it must move with them.
func TestLevelFiltersFollowNewCutoffs(t *testing.T) {
	ws, _ := newWorkspace(t)
	svc := app.NewHealthService(ws)
	cur, err := svc.Settings(app.RefreshRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, cut := range []app.CutoffsDTO{cur.Cutoffs, {Critical: cur.Cutoffs.Critical + 15, AtRisk: cur.Cutoffs.AtRisk + 15}} {
		if _, err := svc.SaveSettings(app.SaveHealthSettingsRequest{Weights: cur.Weights, Cutoffs: cut}); err != nil {
			t.Fatal(err)
		}
		all, err := svc.List(app.HealthListRequest{Limit: 1000, IncludeUntracked: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, level := range []string{"critical", "at_risk", "healthy"} {
			var want []int64
			for _, r := range all.Rows {
				if r.Level == level {
					want = append(want, r.AccountID)
				}
			}
			got, err := svc.List(app.HealthListRequest{Risk: level, Limit: 1000, IncludeUntracked: true})
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != len(want) || len(got.Rows) != len(want) {
				t.Fatalf("cut-offs %+v, %s: %d rows (total %d), want %d", cut, level, len(got.Rows), got.Total, len(want))
			}
			for i, r := range got.Rows {
				if r.AccountID != want[i] || r.Level != level {
					t.Fatalf("cut-offs %+v, %s: row %d is %d (%s), want %d", cut, level, i, r.AccountID, r.Level, want[i])
				}
			}
			if len(want) == 0 {
				t.Fatalf("cut-offs %+v: no %s account to filter", cut, level)
			}
		}
	}
}

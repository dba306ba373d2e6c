package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// phaseRecorder is an Emitter that keeps every event with its payload.
type phaseRecorder struct {
	names []string
	data  []any
}

func (r *phaseRecorder) Emit(name string, data any) {
	r.names = append(r.names, name)
	r.data = append(r.data, data)
}

// allConvert lists the whole queue under q's filters and sort.
func allConvert(t *testing.T, svc *app.ConvertService, q app.ConvertQuery) app.ConvertListDTO {
	t.Helper()
	q.Limit = 1000
	l, err := svc.List(q)
	if err != nil {
		t.Fatal(err)
	}
	if l.Total != len(l.Rows) {
		t.Fatalf("total %d, %d rows", l.Total, len(l.Rows))
	}
	return l
}

// tierOf is the tier of score under high and medium cut-offs.
func tierOf(score, high, medium int) string {
	switch {
	case score >= high:
		return "high"
	case score >= medium:
		return "medium"
	}
	return "low"
}

// checkRows asserts what every queue row must satisfy: a candidate status,
// a score that is the clamped sum of its factors, a likelihood that follows
// the cut-offs, and routed rows first.
func checkRows(t *testing.T, rows []app.ConvertRowDTO, high, medium int) {
	t.Helper()
	pinned := true
	for i, r := range rows {
		if r.Routed == nil && r.Key == "" || !strings.HasPrefix(r.Key, "rs:") && (r.Routed == nil || !strings.HasPrefix(r.Key, "acct:")) {
			t.Errorf("row %d: key %q (routed %v)", i, r.Key, r.Routed)
		}
		if r.Routed == nil && !slices.Contains([]string{"trialing", "pending", "draft"}, r.Status) {
			t.Errorf("%s: status %q is not a candidate status", r.Company, r.Status)
		}
		sum := 0
		for _, f := range r.Factors {
			sum += f.Points
			if !slices.Contains([]string{"usage", "seats", "signals", "fit", "urgency"}, f.Category) || f.Detail == "" {
				t.Errorf("%s: factor %+v", r.Company, f)
			}
		}
		if r.Score != min(max(sum, 0), 100) {
			t.Errorf("%s: score %d, factors sum to %d", r.Company, r.Score, sum)
		}
		if want := tierOf(r.Score, high, medium); r.Likelihood != want {
			t.Errorf("%s: score %d is %s, want %s", r.Company, r.Score, r.Likelihood, want)
		}
		if r.Routed != nil && !pinned {
			t.Errorf("routed %s below an unrouted row", r.Company)
		}
		pinned = pinned && r.Routed != nil
	}
}

func TestConvertQueueOnTheDemoBook(t *testing.T) {
	ws, _ := newWorkspace(t)
	svc := app.NewConvertService(ws)
	all := allConvert(t, svc, app.ConvertQuery{})
	if all.Total < 3 || all.Meta.Mode != "demo" || all.Meta.Readiness != app.ReadyDemo {
		t.Fatalf("%d candidates, meta %+v", all.Total, all.Meta)
	}
	checkRows(t, all.Rows, 70, 40)
	for i := 1; i < len(all.Rows); i++ {
		if all.Rows[i-1].Score < all.Rows[i].Score {
			t.Fatalf("not highest score first at %d", i)
		}
	}
	// Every trial of an account that does not pay and has a company domain
	// is in the queue; nothing else is.
	listed := map[string]bool{}
	for _, r := range all.Rows {
		listed[r.Key] = true
	}
	rows, err := ws.Store.DB().Query(`SELECT rs.id FROM revenue_sources rs JOIN accounts a ON a.id = rs.account_id
		WHERE rs.status = 'trialing' AND a.domain IS NOT NULL AND NOT EXISTS (SELECT 1 FROM revenue_sources p
		WHERE p.account_id = a.id AND p.status IN ('active', 'past_due'))`)
	if err != nil {
		t.Fatal(err)
	}
	trials := 0
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		trials++
		if !listed["rs:"+strconv.FormatInt(id, 10)] {
			t.Errorf("trial rs:%d is missing from the queue", id)
		}
	}
	rows.Close()
	if trials == 0 {
		t.Fatal("the demo book has no trial to check")
	}

	sum, err := svc.Summary(app.ConvertQuery{Likelihood: "high"})
	if err != nil {
		t.Fatal(err)
	}
	var tiers = map[string]int{}
	var value int64
	soon := 0
	for _, r := range all.Rows {
		tiers[r.Likelihood]++
		value += r.EstimatedValueBase.AmountMinor
		if d := r.TrialDaysRemaining; d != nil && *d >= 0 && *d <= 7 {
			soon++
		}
	}
	if tiers["high"] == 0 || tiers["medium"] == 0 {
		t.Errorf("the demo queue shows no High or no Medium candidate: %v", tiers)
	}
	if sum.Total != all.Total || sum.High != tiers["high"] || sum.Medium != tiers["medium"] || sum.Low != tiers["low"] ||
		sum.EndingSoon != soon || sum.UrgencyDays != 7 || sum.EstimatedValue != (app.MoneyDTO{AmountMinor: value, Currency: "USD"}) ||
		sum.FXNote == "" {
		t.Fatalf("cards %+v vs rows: tiers %v, %d ending soon, value %d", sum, tiers, soon, value)
	}

	// Filters, search, sorts and paging.
	for _, src := range []string{"stripe", "salesbricks"} {
		l := allConvert(t, svc, app.ConvertQuery{Source: src})
		n := 0
		for _, r := range all.Rows {
			if r.Source == src {
				n++
			}
		}
		if l.Total != n || n == 0 {
			t.Errorf("source %s: %d rows, %d in the queue", src, l.Total, n)
		}
	}
	target := all.Rows[len(all.Rows)-1]
	found := allConvert(t, svc, app.ConvertQuery{Search: " " + strings.ToUpper(target.Domain) + " "})
	if found.Total == 0 || found.Rows[0].Domain != target.Domain {
		t.Errorf("search %q: %+v", target.Domain, found.Rows)
	}
	low := allConvert(t, svc, app.ConvertQuery{Likelihood: "low"})
	if low.Total != tiers["low"] {
		t.Errorf("low filter: %d rows, %d low", low.Total, tiers["low"])
	}
	byValue := allConvert(t, svc, app.ConvertQuery{Sort: "value", Desc: true})
	for i := 1; i < len(byValue.Rows); i++ {
		if byValue.Rows[i-1].EstimatedValueBase.AmountMinor < byValue.Rows[i].EstimatedValueBase.AmountMinor {
			t.Fatalf("value sort at %d", i)
		}
	}
	byDays := allConvert(t, svc, app.ConvertQuery{Sort: "trialDays"})
	seenNil := false
	for i, r := range byDays.Rows {
		switch {
		case r.TrialDaysRemaining == nil:
			seenNil = true
		case seenNil:
			t.Fatalf("a row with a trial end after one without, at %d", i)
		case i > 0 && byDays.Rows[i-1].TrialDaysRemaining != nil && *byDays.Rows[i-1].TrialDaysRemaining > *r.TrialDaysRemaining:
			t.Fatalf("trial days not ascending at %d", i)
		}
	}
	var paged []string
	for off := 0; off < all.Total; off += 2 {
		p, err := svc.List(app.ConvertQuery{Offset: off, Limit: 2})
		if err != nil || p.Total != all.Total || p.Offset != off {
			t.Fatalf("page at %d: %+v %v", off, p, err)
		}
		for _, r := range p.Rows {
			paged = append(paged, r.Key)
		}
	}
	var keys []string
	for _, r := range all.Rows {
		keys = append(keys, r.Key)
	}
	if !slices.Equal(paged, keys) {
		t.Fatalf("pages %v, whole list %v", paged, keys)
	}
}

func TestConvertRejectsBadQueries(t *testing.T) {
	ws, _ := newWorkspace(t)
	svc := app.NewConvertService(ws)
	for _, q := range []app.ConvertQuery{{Source: "hubspot"}, {Likelihood: "certain"}, {Sort: "mood"}, {Limit: 1001},
		{Limit: -1}, {Offset: -1}} {
		if _, err := svc.List(q); code(err) != domain.EInvalid || domain.ErrorMessage(err) == "" {
			t.Errorf("%+v: %v", q, err)
		}
	}
	if _, err := svc.Summary(app.ConvertQuery{Source: "hubspot"}); code(err) != domain.EInvalid {
		t.Errorf("summary with a bad source: %v", err)
	}
	if _, err := svc.Export(app.ConvertExportRequest{Format: "xlsx"}); code(err) != domain.EInvalid {
		t.Errorf("export as xlsx: %v", err)
	}
}

func TestConvertSettingsRetallyTheQueue(t *testing.T) {
	ws, rec := newWorkspace(t)
	svc := app.NewConvertService(ws)
	set, err := svc.Settings(app.InfoRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if !set.Settings.ExcludePaying || set.Settings.HighCutoff != 70 || set.Defaults.MediumCutoff != 40 || set.BaseCurrency != "USD" ||
		!slices.Equal(set.Settings.Statuses, []string{"trialing", "pending", "draft"}) {
		t.Fatalf("settings %+v", set)
	}
	before := allConvert(t, svc, app.ConvertQuery{})
	scores := make([]int, 0, len(before.Rows))
	for _, r := range before.Rows {
		scores = append(scores, r.Score)
	}
	slices.Sort(scores)
	high := scores[len(scores)/2] // about half the queue is High now
	v := set.Settings
	v.HighCutoff, v.MediumCutoff = high, high-1
	saved, err := svc.SaveSettings(v)
	if err != nil || saved.Settings.HighCutoff != high {
		t.Fatalf("save: %+v %v", saved.Settings, err)
	}
	if !slices.Contains(rec.names, app.EventDataChanged) {
		t.Error("saving sent no data-changed event")
	}
	after := allConvert(t, svc, app.ConvertQuery{})
	checkRows(t, after.Rows, high, high-1)
	wantHigh := 0
	for _, s := range scores {
		if s >= high {
			wantHigh++
		}
	}
	sum, _ := svc.Summary(app.ConvertQuery{})
	if sum.High != wantHigh || after.Total != before.Total {
		t.Fatalf("High %d after the cut-off moved to %d, want %d (queue %d → %d)", sum.High, high, wantHigh, before.Total, after.Total)
	}
	// A fresh service reads what was stored.
	if again, _ := app.NewConvertService(ws).Settings(app.InfoRequest{}); again.Settings.HighCutoff != high {
		t.Fatalf("stored cut-off %d", again.Settings.HighCutoff)
	}

	// Excluding a domain (typed loosely) removes its rows.
	target := after.Rows[0]
	v.ExcludeDomains = []string{" @" + strings.ToUpper(target.Domain)}
	saved, err = svc.SaveSettings(v)
	if err != nil || !slices.Equal(saved.Settings.ExcludeDomains, []string{target.Domain}) {
		t.Fatalf("save domains: %+v %v", saved.Settings.ExcludeDomains, err)
	}
	excluded := allConvert(t, svc, app.ConvertQuery{})
	for _, r := range excluded.Rows {
		if r.Domain == target.Domain {
			t.Fatalf("%s still listed after excluding its domain", r.Domain)
		}
	}
	if excluded.Total >= after.Total {
		t.Fatalf("excluding %s left %d of %d rows", target.Domain, excluded.Total, after.Total)
	}

	// Paying accounts' open orders join when they are no longer excluded.
	v.ExcludeDomains, v.ExcludePaying = nil, false
	if _, err := svc.SaveSettings(v); err != nil {
		t.Fatal(err)
	}
	withPaying := allConvert(t, svc, app.ConvertQuery{})
	if withPaying.Total <= after.Total {
		t.Fatalf("with paying accounts: %d rows, without: %d", withPaying.Total, after.Total)
	}
	// A minimum value, in the base currency, drops the smaller candidates.
	values := make([]int64, 0, len(withPaying.Rows))
	for _, r := range withPaying.Rows {
		values = append(values, r.EstimatedValueBase.AmountMinor)
	}
	slices.Sort(values)
	v.MinValueMinor = values[len(values)/2]
	if _, err := svc.SaveSettings(v); err != nil {
		t.Fatal(err)
	}
	floor := allConvert(t, svc, app.ConvertQuery{})
	for _, r := range floor.Rows {
		if r.EstimatedValueBase.AmountMinor < v.MinValueMinor {
			t.Fatalf("%s worth %d is under the minimum %d", r.Company, r.EstimatedValueBase.AmountMinor, v.MinValueMinor)
		}
	}
	if floor.Total == 0 || floor.Total >= withPaying.Total {
		t.Fatalf("minimum value kept %d of %d", floor.Total, withPaying.Total)
	}

	// Invalid settings are refused in plain words and change nothing.
	bad := v
	bad.HighCutoff, bad.MediumCutoff = 30, 60
	if _, err := svc.SaveSettings(bad); code(err) != domain.EInvalid || !strings.Contains(domain.ErrorMessage(err), "cut-offs") {
		t.Fatalf("reversed cut-offs: %v", err)
	}
	bad = v
	bad.Statuses = []string{"active"}
	if _, err := svc.SaveSettings(bad); code(err) != domain.EInvalid || !strings.Contains(domain.ErrorMessage(err), "Candidate statuses") {
		t.Fatalf("active status: %v", err)
	}
	if cur, _ := svc.Settings(app.InfoRequest{}); cur.Settings.HighCutoff != high || cur.Settings.MinValueMinor != v.MinValueMinor {
		t.Fatalf("a refused save changed the settings: %+v", cur.Settings)
	}
}

func TestConvertSyncTrialsOnTheDemoBook(t *testing.T) {
	ws, _ := newWorkspace(t)
	events := &phaseRecorder{}
	ws.Events = events
	svc := app.NewConvertService(ws)
	if s, _ := svc.Summary(app.ConvertQuery{}); s.LastSyncedAt != rfc(now) {
		t.Fatalf("before Sync trials the demo book shows its snapshot time, not %q", s.LastSyncedAt)
	}
	ws.Now = func() time.Time { return now.Add(time.Minute) } // Sync trials runs a minute later
	out, err := svc.SyncTrials(app.SyncTrialsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	labels := []string{"Loading…", "Checking sources…", "Fetching orders…", "Fetching subscriptions…", "Tallying…"}
	if !slices.Equal(out.Phases, labels) || len(out.Warnings) != 0 {
		t.Fatalf("phases %q, warnings %q", out.Phases, out.Warnings)
	}
	var phases []string
	for i, name := range events.names {
		if name == app.EventConvertPhase {
			p := events.data[i].(app.ConvertPhaseEvent)
			phases = append(phases, p.Phase)
			if p.Seq != len(phases) {
				t.Errorf("phase %s numbered %d, want %d", p.Phase, p.Seq, len(phases))
			}
			if p.Phase != "done" && p.Label != labels[len(phases)-1] {
				t.Errorf("phase %s labelled %q", p.Phase, p.Label)
			}
		}
	}
	if !slices.Equal(phases, []string{"loading", "checking", "orders", "subscriptions", "tallying", "done"}) {
		t.Fatalf("phase events %v", phases)
	}
	if !slices.Contains(events.names, app.EventDataChanged) {
		t.Error("no data-changed event after Sync trials")
	}
	synced := rfc(ws.Now())
	list := allConvert(t, svc, app.ConvertQuery{})
	sum, _ := svc.Summary(app.ConvertQuery{})
	if out.LastSyncedAt != synced || sum.LastSyncedAt != synced || list.Meta.LastSyncedAt != synced || out.Candidates != list.Total {
		t.Fatalf("last synced %q / %q / %q, want %q; %d candidates, %d listed", out.LastSyncedAt, sum.LastSyncedAt,
			list.Meta.LastSyncedAt, synced, out.Candidates, list.Total)
	}
}

func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func TestConvertCandidateSheet(t *testing.T) {
	ws, _ := newWorkspace(t)
	svc := app.NewConvertService(ws)
	all := allConvert(t, svc, app.ConvertQuery{})
	for _, r := range all.Rows {
		c, err := svc.Candidate(app.CandidateRequest{Key: r.Key})
		if err != nil {
			t.Fatalf("%s: %v", r.Key, err)
		}
		rowJSON, _ := json.Marshal(r)
		sheetJSON, _ := json.Marshal(c.Row)
		if !bytes.Equal(rowJSON, sheetJSON) {
			t.Errorf("sheet row differs from the queue row:\n%s\n%s", sheetJSON, rowJSON)
		}
		if "rs:"+strconv.FormatInt(c.Record.ID, 10) != r.Key || c.Record.Status != r.Status || c.NextStep == "" ||
			c.Usage == nil || c.Contacts == nil {
			t.Errorf("%s: sheet %+v", r.Key, c)
		}
		for i := 1; i < len(c.Usage); i++ {
			if c.Usage[i-1].WeekStart >= c.Usage[i].WeekStart {
				t.Errorf("%s: usage not oldest first", r.Key)
			}
		}
	}
	if _, err := svc.Candidate(app.CandidateRequest{Key: "rs:999999"}); code(err) != domain.ENotFound {
		t.Errorf("unknown candidate: %v", err)
	}
	if _, err := svc.Candidate(app.CandidateRequest{Key: "42"}); code(err) != domain.EInvalid {
		t.Errorf("malformed key: %v", err)
	}
}

func TestConvertPinsRoutedAccounts(t *testing.T) {
	ctx := context.Background()
	ws, _ := newWorkspace(t)
	svc := app.NewConvertService(ws)
	before := allConvert(t, svc, app.ConvertQuery{})
	// A paying account without a trial, routed from Health with a reason.
	var paying int64
	if err := ws.Store.DB().QueryRow(`SELECT a.id FROM accounts a WHERE EXISTS (SELECT 1 FROM revenue_sources r
		WHERE r.account_id = a.id AND r.status = 'active') AND NOT EXISTS (SELECT 1 FROM revenue_sources r
		WHERE r.account_id = a.id AND r.status IN ('trialing', 'pending', 'draft')) ORDER BY a.id LIMIT 1`).Scan(&paying); err != nil {
		t.Fatal(err)
	}
	loads := app.ConvertLoads(svc)
	r := domain.Route{AccountID: paying, From: domain.SectionHealth, To: domain.SectionConvert, Reason: "Asked about more seats", CreatedAt: now}
	if err := ws.Store.Write(ctx, func(tx *store.Tx) error { return tx.InsertRoute(ctx, &r) }); err != nil {
		t.Fatal(err)
	}
	after := allConvert(t, svc, app.ConvertQuery{})
	if n := app.ConvertLoads(svc); n != loads {
		t.Errorf("a route read the book's facts again (%d full reads, %d before)", n, loads)
	}
	if after.Total != before.Total+1 {
		t.Fatalf("%d rows after routing, %d before", after.Total, before.Total)
	}
	top := after.Rows[0]
	if top.AccountID != paying || top.Key != "acct:"+strconv.FormatInt(paying, 10) || top.Routed == nil ||
		top.Routed.FromLabel != "Health" || top.Routed.Reason != "Asked about more seats" || top.Source != "" {
		t.Fatalf("routed row %+v", top)
	}
	checkRows(t, after.Rows, 70, 40)
	c, err := svc.Candidate(app.CandidateRequest{Key: top.Key})
	if err != nil || c.Record.ID != 0 || !strings.Contains(c.NextStep, "Routed from Health") {
		t.Fatalf("routed sheet %+v %v", c, err)
	}
	// The source filter leaves out a row without a record.
	if l := allConvert(t, svc, app.ConvertQuery{Source: "stripe"}); len(l.Rows) > 0 && l.Rows[0].AccountID == paying {
		t.Fatal("a routed row without a record passed the Stripe filter")
	}

	// Routing a trial's account pins its record row; undoing the first
	// route drops the record-less row. Neither reads the facts again.
	trial := before.Rows[len(before.Rows)-1]
	r2 := domain.Route{AccountID: trial.AccountID, From: domain.SectionContracts, To: domain.SectionConvert, Reason: "Trial ends soon", CreatedAt: now}
	if err := ws.Store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertRoute(ctx, &r2); err != nil {
			return err
		}
		_, err := tx.UndoRoute(ctx, r.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	again := allConvert(t, svc, app.ConvertQuery{})
	if again.Total != before.Total {
		t.Errorf("%d rows after undoing the route, want %d", again.Total, before.Total)
	}
	if top := again.Rows[0]; top.AccountID != trial.AccountID || top.Routed == nil || top.Routed.Reason != "Trial ends soon" || top.Key != trial.Key {
		t.Errorf("top row after routing a trial: %+v", top)
	}
	for _, row := range again.Rows {
		if row.AccountID == paying {
			t.Errorf("the unrouted account is still listed: %+v", row)
		}
	}
	checkRows(t, again.Rows, 70, 40)
	if n := app.ConvertLoads(svc); n != loads {
		t.Errorf("routes read the book's facts again (%d full reads, %d before)", n, loads)
	}
}

func TestConvertExportEqualsTheList(t *testing.T) {
	ws, _ := newWorkspace(t)
	ws.ExportDir = t.TempDir()
	svc := app.NewConvertService(ws)
	q := app.ConvertQuery{Source: "stripe", Sort: "company", Limit: 1}
	list := allConvert(t, svc, q)
	exp, err := svc.Export(app.ConvertExportRequest{Query: q, Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	onDisk, err := os.ReadFile(exp.Path)
	if err != nil || string(onDisk) != exp.Content || exp.Rows != list.Total || !strings.HasPrefix(exp.Filename, "convert-2026-11-25") {
		t.Fatalf("export %+v (%v)", exp, err)
	}
	recs, err := csv.NewReader(strings.NewReader(exp.Content)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "Company,Domain,Source,Status,Product,Score,Likelihood,Trial end,Trial days remaining,"+
		"Estimated value,Currency,Estimated value (base),Base currency,Routed from,Routed reason,Score factors" {
		t.Fatalf("header %q", recs[0])
	}
	if len(recs)-1 != list.Total {
		t.Fatalf("%d exported rows, %d listed", len(recs)-1, list.Total)
	}
	for i, r := range list.Rows {
		got := recs[i+1]
		days := ""
		if r.TrialDaysRemaining != nil {
			days = strconv.Itoa(*r.TrialDaysRemaining)
		}
		want := []string{r.Company, r.Domain, "stripe", r.Status, r.Product, strconv.Itoa(r.Score), r.Likelihood, r.TrialEnd[:10], days,
			domain.Decimal(r.EstimatedValue.AmountMinor, r.EstimatedValue.Currency), r.EstimatedValue.Currency,
			domain.Decimal(r.EstimatedValueBase.AmountMinor, "USD"), "USD"}
		if !slices.Equal(got[:len(want)], want) || !strings.Contains(got[15], r.Factors[0].Label) {
			t.Errorf("row %d: %q, want %q…", i, got, want)
		}
	}
	exp2, err := svc.Export(app.ConvertExportRequest{Query: q, Format: "json"})
	if err != nil || exp2.Path == exp.Path {
		t.Fatalf("json export %+v %v", exp2, err)
	}
	var objs []map[string]any
	if err := json.Unmarshal([]byte(exp2.Content), &objs); err != nil || len(objs) != list.Total {
		t.Fatalf("json: %d objects (%v)", len(objs), err)
	}
	if objs[0]["company"] != list.Rows[0].Company || objs[0]["estimatedValueBase"] != domain.Decimal(list.Rows[0].EstimatedValueBase.AmountMinor, "USD") {
		t.Fatalf("json record %v", objs[0])
	}
	content, n, err := app.ConvertExportContent(svc, app.ConvertExportRequest{Query: q, Format: "csv"})
	if err != nil || string(content) != exp.Content || n != exp.Rows {
		t.Fatalf("the command line's content differs from the saved export (%v)", err)
	}
}

package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// allContracts lists every row of the query (it must fit in one window).
func allContracts(t *testing.T, svc *app.ContractsService, q app.ContractsQuery) app.ContractsListDTO {
	t.Helper()
	q.Limit = 1000
	l, err := svc.List(q)
	if err != nil {
		t.Fatal(err)
	}
	if l.Total != len(l.Rows) {
		t.Fatalf("%+v: total %d, %d rows in one window", q, l.Total, len(l.Rows))
	}
	return l
}

func TestContractsFiltersAgreeWithTheCards(t *testing.T) {
	ws, _ := newWorkspace(t)
	svc := app.NewContractsService(ws)
	all := allContracts(t, svc, app.ContractsQuery{})
	if all.Meta.Mode != app.ModeDemo || all.Meta.Readiness != app.ReadyDemo || all.Total < 100 {
		t.Fatalf("meta %+v, %d rows", all.Meta, all.Total)
	}
	sum, err := svc.Summary(app.ContractsQuery{Status: "past_due"}) // the status filter does not narrow the cards
	if err != nil {
		t.Fatal(err)
	}
	if sum.Total != all.Total {
		t.Fatalf("cards count %d rows, the table %d", sum.Total, all.Total)
	}
	cards := map[string]int{"active": -1, "trialing": sum.Trialing, "past_due": sum.PastDue, "expiring30": sum.Expiring30,
		"canceled": sum.Canceled, "expired": sum.Expired, "pending": sum.Pending, "draft": sum.Draft}
	byStatus := map[string]int{}
	for _, r := range all.Rows {
		byStatus[r.Status]++
	}
	for status, card := range cards {
		l := allContracts(t, svc, app.ContractsQuery{Status: status})
		for _, r := range l.Rows {
			switch status {
			case "expiring30":
				live := r.Status == "active" || r.Status == "trialing" || r.Status == "past_due"
				if !live || r.DaysToRenewal == nil || *r.DaysToRenewal < 0 || *r.DaysToRenewal > 30 {
					t.Errorf("expiring30 lists %s (%s, %v days)", r.Key, r.Status, r.DaysToRenewal)
				}
			default:
				if r.Status != status {
					t.Errorf("%s filter lists a %s row", status, r.Status)
				}
			}
		}
		if card >= 0 && l.Total != card {
			t.Errorf("%s: the filter lists %d, the card says %d", status, l.Total, card)
		}
		if status != "expiring30" && l.Total != byStatus[status] {
			t.Errorf("%s: the filter lists %d of the %d rows in the table", status, l.Total, byStatus[status])
		}
	}
	if sum.PastDue == 0 || sum.Trialing == 0 || sum.Expiring30 == 0 {
		t.Fatalf("the demo book lacks past-due, trialing or expiring rows: %+v", sum)
	}
	if sum.Active != byStatus["active"]+byStatus["trialing"]+byStatus["past_due"] {
		t.Fatalf("active card %d, rows %v", sum.Active, byStatus)
	}
}

func TestContractsSourceFilterKeepsMergedRowsUnderBoth(t *testing.T) {
	ws, _ := newWorkspace(t)
	svc := app.NewContractsService(ws)
	all := allContracts(t, svc, app.ContractsQuery{})
	keys := func(source string) map[string]bool {
		out := map[string]bool{}
		for _, r := range allContracts(t, svc, app.ContractsQuery{Source: source}).Rows {
			out[r.Key] = true
		}
		return out
	}
	sb, st := keys("salesbricks"), keys("stripe")
	sum, _ := svc.Summary(app.ContractsQuery{})
	if len(sb) != sum.Salesbricks || len(st) != sum.Stripe || len(sb)+len(st)-sum.Merged != sum.Total {
		t.Fatalf("salesbricks %d stripe %d vs cards %+v", len(sb), len(st), sum)
	}
	merged, mismatched := 0, 0
	for _, r := range all.Rows {
		in := [2]bool{sb[r.Key], st[r.Key]}
		want := map[string][2]bool{"salesbricks": {true, false}, "stripe": {false, true}, "merged": {true, true}}[r.Source]
		if in != want {
			t.Errorf("%s (%s) is under salesbricks/stripe %v", r.Key, r.Source, in)
		}
		if r.Source == "merged" {
			merged++
		}
		if len(r.Mismatches) > 0 {
			mismatched++
		}
		if r.AccountRows < 1 || r.Mismatches == nil || len(r.Mismatches) > 0 && r.Source != "merged" {
			t.Errorf("%s (%s): account rows %d, mismatches %v", r.Key, r.Source, r.AccountRows, r.Mismatches)
		}
		for _, m := range r.Mismatches {
			if m.Label == "" || m.Explain == "" || (m.Salesbricks == "" && m.Stripe == "") {
				t.Errorf("%s: mismatch without both sides: %+v", r.Key, m)
			}
		}
	}
	if merged != sum.Merged || mismatched != sum.Mismatched {
		t.Fatalf("merged %d mismatched %d vs cards %+v", merged, mismatched, sum)
	}
	if l := allContracts(t, svc, app.ContractsQuery{Mismatched: true}); l.Total != mismatched {
		t.Fatalf("mismatch filter %d, rows %d", l.Total, mismatched)
	}
}

func TestContractsRevenueTotalsAreExactPerCurrency(t *testing.T) {
	ws, _ := newWorkspace(t)
	svc := app.NewContractsService(ws)
	all := allContracts(t, svc, app.ContractsQuery{})
	sum, _ := svc.Summary(app.ContractsQuery{})
	mrr, arr, n := map[string]int64{}, map[string]int64{}, map[string]int{}
	for _, r := range all.Rows {
		recurring := r.Status == "active" || r.Status == "past_due"
		if !recurring && (r.MRR.AmountMinor != 0 || r.ARR.AmountMinor != 0) {
			t.Errorf("%s is %s but earns MRR %d", r.Key, r.Status, r.MRR.AmountMinor)
		}
		if recurring {
			mrr[r.MRR.Currency] += r.MRR.AmountMinor
			arr[r.ARR.Currency] += r.ARR.AmountMinor
			n[r.MRR.Currency]++
		}
	}
	var base, baseARR int64
	for _, c := range sum.ByCurrency {
		if c.MRR.AmountMinor != mrr[c.Currency] || c.ARR.AmountMinor != arr[c.Currency] || c.Contracts != n[c.Currency] {
			t.Errorf("%s card %+v, rows MRR %d ARR %d over %d", c.Currency, c, mrr[c.Currency], arr[c.Currency], n[c.Currency])
		}
		// The demo's currencies all have two decimals, so FXRates.ToBase applies as is.
		m, _ := ws.FX.ToBase(domain.Money{AmountMinor: c.MRR.AmountMinor, Currency: c.Currency})
		a, _ := ws.FX.ToBase(domain.Money{AmountMinor: c.ARR.AmountMinor, Currency: c.Currency})
		base, baseARR = base+m, baseARR+a
	}
	if len(sum.ByCurrency) != len(mrr) || len(mrr) < 2 {
		t.Fatalf("currencies %v vs rows %v", sum.ByCurrency, mrr)
	}
	if sum.ActiveMRR.AmountMinor != base || sum.ActiveARR.AmountMinor != baseARR || sum.ActiveMRR.Currency != "USD" ||
		!strings.Contains(sum.FXNote, "1 EUR = 1.08 USD") {
		t.Fatalf("portfolio %+v / %+v, want %d / %d; note %q", sum.ActiveMRR, sum.ActiveARR, base, baseARR, sum.FXNote)
	}
}

func TestContractsSearchSortAndValidation(t *testing.T) {
	ws, _ := newWorkspace(t)
	svc := app.NewContractsService(ws)
	// By default the running rows come first, soonest renewal first.
	upcoming := allContracts(t, svc, app.ContractsQuery{})
	running := func(st string) bool { return st == "active" || st == "trialing" || st == "past_due" }
	for i := 1; i < len(upcoming.Rows); i++ {
		a, b := upcoming.Rows[i-1], upcoming.Rows[i]
		if a.DaysToRenewal == nil && b.DaysToRenewal != nil {
			t.Fatalf("a row without a renewal date before one with a date at %d", i)
		}
		if b.DaysToRenewal == nil {
			continue // unknown dates come last
		}
		if !running(a.Status) && running(b.Status) || running(a.Status) && running(b.Status) && *a.DaysToRenewal > *b.DaysToRenewal {
			t.Fatalf("not upcoming order at %d: %s %s after %s %s", i, b.Status, b.RenewalAt, a.Status, a.RenewalAt)
		}
	}
	all := allContracts(t, svc, app.ContractsQuery{Sort: "renewal"})
	// By renewal: soonest first; unknown dates last.
	seenUnknown := false
	for i, r := range all.Rows {
		if r.DaysToRenewal == nil {
			seenUnknown = true
			continue
		}
		if seenUnknown || i > 0 && all.Rows[i-1].DaysToRenewal != nil && all.Rows[i-1].RenewalAt > r.RenewalAt {
			t.Fatalf("not renewal order at %d: %s after %s", i, r.RenewalAt, all.Rows[i-1].RenewalAt)
		}
	}
	byName := allContracts(t, svc, app.ContractsQuery{Sort: "customer", Desc: true})
	for i := 1; i < len(byName.Rows); i++ {
		if strings.ToLower(byName.Rows[i-1].Customer) < strings.ToLower(byName.Rows[i].Customer) {
			t.Fatalf("customer desc: %q before %q", byName.Rows[i-1].Customer, byName.Rows[i].Customer)
		}
	}
	target := all.Rows[len(all.Rows)/2]
	for _, search := range []string{strings.ToUpper(target.Customer), target.Email, target.Product[len(target.Product)/2:]} {
		found := allContracts(t, svc, app.ContractsQuery{Search: search})
		if !slices.ContainsFunc(found.Rows, func(r app.ContractRowDTO) bool { return r.Key == target.Key }) {
			t.Errorf("search %q misses %s", search, target.Key)
		}
	}
	page, _ := svc.List(app.ContractsQuery{Sort: "renewal", Offset: 10, Limit: 5})
	if len(page.Rows) != 5 || page.Offset != 10 || page.Rows[0].Key != all.Rows[10].Key || page.Total != all.Total {
		t.Fatalf("window %+v", page)
	}
	for _, q := range []app.ContractsQuery{{Status: "doomed"}, {Source: "merged"}, {Sort: "name; DROP TABLE"}, {Limit: 1001}, {Offset: -1}} {
		if _, err := svc.List(q); code(err) != domain.EInvalid {
			t.Errorf("%+v: %v, want invalid", q, err)
		}
	}
}

func TestContractDetailAndRenewalDraft(t *testing.T) {
	ws, _ := newWorkspace(t)
	svc := app.NewContractsService(ws)
	pastDue := allContracts(t, svc, app.ContractsQuery{Status: "past_due"})
	if pastDue.Total == 0 {
		t.Fatal("no past-due row in the demo book")
	}
	retries := 0
	for _, r := range pastDue.Rows {
		d, err := svc.Detail(app.ContractRequest{Key: r.Key})
		if err != nil {
			t.Fatal(err)
		}
		if d.Row.Key != r.Key || len(d.Records) != map[bool]int{true: 2, false: 1}[r.Source == "merged"] || d.Linked == nil {
			t.Fatalf("%s: detail %+v", r.Key, d)
		}
		if len(d.History) == 0 {
			t.Errorf("%s: no history", r.Key)
		}
		for i := 1; i < len(d.History); i++ {
			if d.History[i-1].At < d.History[i].At {
				t.Errorf("%s: history not newest first", r.Key)
			}
		}
		for i := 1; i < len(d.Invoices); i++ {
			if d.Invoices[i-1].IssuedAt < d.Invoices[i].IssuedAt {
				t.Errorf("%s: invoices not newest first", r.Key)
			}
		}
		for _, a := range d.Retries {
			if a.Attempt < 1 || !slices.Contains([]string{"failed", "succeeded", "scheduled"}, a.Outcome) ||
				!slices.ContainsFunc(d.Invoices, func(i app.InvoiceDTO) bool { return i.ExternalID == a.InvoiceID }) {
				t.Errorf("%s: retry %+v", r.Key, a)
			}
		}
		retries += len(d.Retries)
		draft, err := svc.RenewalDraft(app.ContractRequest{Key: r.Key})
		if err != nil {
			t.Fatal(err)
		}
		// Plain text: the only markup is what a customer name holds, verbatim.
		if draft.To != r.Email || !strings.Contains(draft.Body, r.Customer) || !strings.Contains(draft.Body, r.Product) ||
			!strings.Contains(draft.Body, "past due") || strings.ContainsAny(strings.ReplaceAll(draft.Body, r.Customer, ""), "<>") ||
			draft.Subject == "" {
			t.Errorf("%s: draft %+v", r.Key, draft)
		}
	}
	if retries == 0 {
		t.Fatal("no past-due row shows a payment attempt")
	}
	for _, key := range []string{"", "rs:0", "rs:999999", "rs:1+999999", "account:1"} {
		if _, err := svc.Detail(app.ContractRequest{Key: key}); code(err) != domain.ENotFound {
			t.Errorf("detail %q: %v, want not_found", key, err)
		}
		if _, err := svc.RenewalDraft(app.ContractRequest{Key: key}); code(err) != domain.ENotFound {
			t.Errorf("draft %q: %v, want not_found", key, err)
		}
	}
}

var isoDate = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})?$`)
var plainNumber = regexp.MustCompile(`^-?\d+(\.\d{2})?$`)

func TestContractsExportIsTheFilteredTable(t *testing.T) {
	ws, _ := newWorkspace(t)
	ws.ExportDir = t.TempDir()
	svc := app.NewContractsService(ws)
	q := app.ContractsQuery{Status: "active", Sort: "mrr", Desc: true, Offset: 3, Limit: 7} // the window is ignored
	list := allContracts(t, svc, app.ContractsQuery{Status: "active", Sort: "mrr", Desc: true})
	dto, err := svc.Export(app.ContractsExportRequest{Query: q, Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	saved, err := os.ReadFile(dto.Path)
	if err != nil || string(saved) != dto.Content || dto.Rows != list.Total || !strings.HasSuffix(dto.Filename, ".csv") {
		t.Fatalf("saved %d bytes (%v), rows %d of %d, name %s", len(saved), err, dto.Rows, list.Total, dto.Filename)
	}
	if fi, err := os.Stat(dto.Path); err != nil {
		t.Fatal(err)
	} else if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Fatalf("the export has mode %v, want owner-only", fi.Mode().Perm())
	}
	same, n, err := app.ContractsExportContent(svc, app.ContractsExportRequest{Query: q, Format: "csv"})
	if err != nil || !bytes.Equal(same, saved) || n != dto.Rows {
		t.Fatalf("the content the CLI writes differs from the page's export (%v)", err)
	}
	recs, err := csv.NewReader(bytes.NewReader(saved)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[0][0] != "Customer" || len(recs) != list.Total+1 {
		t.Fatalf("header %v, %d lines", recs[0], len(recs))
	}
	for i, r := range list.Rows {
		rec := recs[i+1]
		if strings.TrimPrefix(rec[0], "'") != r.Customer || rec[3] != r.Product || rec[4] != r.Status || rec[5] != r.Source {
			t.Fatalf("line %d %v, row %+v", i+1, rec, r)
		}
		if rec[9] != domain.Decimal(r.MRR.AmountMinor, r.MRR.Currency) || !plainNumber.MatchString(rec[6]) || !plainNumber.MatchString(rec[10]) {
			t.Fatalf("line %d amounts %v", i+1, rec[6:11])
		}
		if !isoDate.MatchString(rec[11]) || !isoDate.MatchString(rec[14]) || (r.RenewalAt != "" && rec[11] != r.RenewalAt[:10]) {
			t.Fatalf("line %d dates %q %q", i+1, rec[11], rec[14])
		}
	}
	js, err := svc.Export(app.ContractsExportRequest{Query: q, Format: "json"})
	if err != nil {
		t.Fatal(err)
	}
	var objs []map[string]any
	if err := json.Unmarshal([]byte(js.Content), &objs); err != nil || len(objs) != list.Total || js.Path == dto.Path {
		t.Fatalf("json: %d objects (%v), path %s", len(objs), err, js.Path)
	}
	for _, k := range []string{"customer", "product", "status", "source", "amount", "mrr", "arr", "renewalDate", "daysToRenewal", "paymentStatus", "mismatches"} {
		if _, ok := objs[0][k]; !ok {
			t.Fatalf("json record lacks %q: %v", k, objs[0])
		}
	}
	if _, ok := objs[0]["mrr"].(float64); !ok {
		t.Fatalf("mrr is not a plain number: %T", objs[0]["mrr"])
	}
	if _, err := svc.Export(app.ContractsExportRequest{Query: q, Format: "xlsx"}); code(err) != domain.EInvalid {
		t.Fatalf("xlsx: %v", err)
	}
}

func TestContractsRoutingPinsAndTheLedgerFollowsTheBook(t *testing.T) {
	ctx := context.Background()
	ws, _ := newWorkspace(t)
	clock := now
	ws.Now = func() time.Time { return clock }
	svc, route := app.NewContractsService(ws), app.NewWorkspaceService(ws)
	all := allContracts(t, svc, app.ContractsQuery{})
	target := all.Rows[len(all.Rows)-1]
	if _, err := route.Route(app.RouteRequest{AccountID: target.AccountID, From: "health", To: "contracts", Reason: "Renewal at risk"}); err != nil {
		t.Fatal(err)
	}
	pinned := allContracts(t, svc, app.ContractsQuery{})
	for i, r := range pinned.Rows {
		mine := r.AccountID == target.AccountID
		if (i < target.AccountRows) != mine || mine != (r.Routed != nil) {
			t.Fatalf("row %d (%s): account %d, routed %+v", i, r.Key, r.AccountID, r.Routed)
		}
		if mine && (r.Routed.FromLabel != "Health" || r.Routed.Reason != "Renewal at risk") {
			t.Fatalf("route %+v", r.Routed)
		}
	}
	if pinned.Total != all.Total {
		t.Fatalf("pinning changed the total: %d → %d", all.Total, pinned.Total)
	}
	csvOut, _, err := app.ContractsExportContent(svc, app.ContractsExportRequest{Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := csv.NewReader(bytes.NewReader(csvOut)).ReadAll()
	if recs[1][len(recs[1])-1] != "Health" || recs[len(recs)-1][len(recs[1])-1] != "" {
		t.Fatalf("export routed-from column: %v … %v", recs[1], recs[len(recs)-1])
	}
	// Routed out of Contracts, the account is no longer pinned.
	if _, err := route.Route(app.RouteRequest{AccountID: target.AccountID, From: "contracts", To: "health"}); err != nil {
		t.Fatal(err)
	}
	if back := allContracts(t, svc, app.ContractsQuery{}); back.Rows[0].Routed != nil || back.Rows[0].Key != all.Rows[0].Key {
		t.Fatalf("still pinned after routing out: %+v", back.Rows[0])
	}

	// A write to the book shows in the next call.
	var row app.ContractRowDTO
	for _, r := range all.Rows {
		if r.Source != "merged" && r.Status == "active" && r.DaysToRenewal != nil && *r.DaysToRenewal > 2 {
			row = r
			break
		}
	}
	d, err := svc.Detail(app.ContractRequest{Key: row.Key})
	if err != nil {
		t.Fatal(err)
	}
	revs, _ := ws.Store.RevenueSources(ctx, row.AccountID)
	for _, r := range revs {
		if r.ID == d.Records[0].ID {
			r.Status = domain.StatusCanceled
			if err := ws.Store.Write(ctx, func(tx *store.Tx) error { return tx.UpsertRevenueSource(ctx, &r) }); err != nil {
				t.Fatal(err)
			}
		}
	}
	after := allContracts(t, svc, app.ContractsQuery{Status: "canceled"})
	i := slices.IndexFunc(after.Rows, func(r app.ContractRowDTO) bool { return r.Key == row.Key })
	if i < 0 || after.Rows[i].MRR.AmountMinor != 0 {
		t.Fatalf("the canceled record is not listed as canceled without MRR")
	}
	// A new day counts renewal days from it.
	clock = clock.Add(24 * time.Hour)
	next := allContracts(t, svc, app.ContractsQuery{Search: row.Customer})
	i = slices.IndexFunc(next.Rows, func(r app.ContractRowDTO) bool { return r.Key == row.Key })
	if i < 0 || *next.Rows[i].DaysToRenewal != *row.DaysToRenewal-1 {
		t.Fatalf("a day later: %+v, was %d days", next.Rows, *row.DaysToRenewal)
	}
}

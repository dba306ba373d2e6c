package app_test

import (
	"strings"
	"testing"

	"successdesk/app"
	"successdesk/backend/domain"
)

func TestCustomerByDomainAndByID(t *testing.T) {
	ws, _ := newWorkspace(t)
	h := app.NewHealthService(ws)
	c := app.NewCustomerService(ws)
	rows, _ := h.List(app.HealthListRequest{Limit: 1000, IncludeUntracked: true})
	var withDomain, without *app.HealthRowDTO
	for i := range rows.Rows {
		r := &rows.Rows[i]
		if r.Domain != "" && withDomain == nil && len(r.Factors) > 0 {
			withDomain = r
		}
		if r.Domain == "" && without == nil {
			without = r
		}
	}
	if withDomain == nil || without == nil {
		t.Fatal("demo book lacks an account with a domain and factors, or one without a domain")
	}
	got, err := c.Get(app.CustomerRequest{Domain: strings.ToUpper(withDomain.Domain)})
	if err != nil {
		t.Fatal(err)
	}
	if got.Account.ID != withDomain.AccountID || got.Score == nil || got.Score.Score != withDomain.Score {
		t.Fatalf("customer %+v score %+v", got.Account, got.Score)
	}
	if len(got.Score.Factors) != len(withDomain.Factors) || got.Meta.Mode != "demo" {
		t.Fatalf("factors differ from the Health row")
	}
	if got.SourceBadge == "" || got.Revenue == nil || got.Invoices == nil || got.Enrichment == nil || got.Usage == nil {
		t.Fatalf("nil slices or no badge: %+v", got)
	}
	if len(got.Account.Contacts) == 0 {
		t.Fatal("no contacts")
	}
	sheet, err := c.Get(app.CustomerRequest{AccountID: without.AccountID})
	if err != nil || sheet.Account.Domain != "" {
		t.Fatalf("by id: %+v %v", sheet.Account, err)
	}
	if _, err := c.Get(app.CustomerRequest{Domain: "no-such-company.example"}); code(err) != "not_found" {
		t.Fatalf("unknown domain: %v", err)
	}
	if _, err := c.Get(app.CustomerRequest{}); code(err) != "invalid" {
		t.Fatalf("empty request: %v", err)
	}
}

func TestActivityAndHistory(t *testing.T) {
	ws, _ := newWorkspace(t)
	h := app.NewHealthService(ws)
	c := app.NewCustomerService(ws)
	rows, _ := h.List(app.HealthListRequest{Limit: 1000})
	var id int64
	for _, r := range rows.Rows {
		page, err := c.Activity(app.ActivityRequest{AccountID: r.AccountID})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total > 3 {
			id = r.AccountID
			for i := 1; i < len(page.Items); i++ {
				if page.Items[i-1].OccurredAt < page.Items[i].OccurredAt {
					t.Fatalf("feed not newest first")
				}
			}
			break
		}
	}
	if id == 0 {
		t.Fatal("no account with activity")
	}
	signals, err := c.Activity(app.ActivityRequest{AccountID: id, Kinds: []string{"signal"}})
	if err != nil {
		t.Fatal(err)
	}
	all, _ := c.Activity(app.ActivityRequest{AccountID: id})
	sumCounts := 0
	for _, n := range all.Counts {
		sumCounts += n
	}
	if sumCounts != all.Total || all.Counts["signal"] != signals.Total {
		t.Fatalf("counts %v total %d signals %d", all.Counts, all.Total, signals.Total)
	}
	for _, it := range signals.Items {
		if it.Kind != "signal" || it.Signal == "" {
			t.Fatalf("kind filter leaked %+v", it)
		}
	}
	if _, err := c.Activity(app.ActivityRequest{AccountID: id, Kinds: []string{"gossip"}}); code(err) != "invalid" {
		t.Fatalf("bad kind: %v", err)
	}
	if _, err := c.Activity(app.ActivityRequest{AccountID: 999999}); code(err) != "not_found" {
		t.Fatalf("missing account: %v", err)
	}
	hist, err := c.History(app.HistoryRequest{AccountID: id})
	if err != nil {
		t.Fatal(err)
	}
	if hist.Cutoffs.Critical != 40 || hist.Cutoffs.AtRisk != 70 {
		t.Fatalf("cut-offs %+v", hist.Cutoffs)
	}
	// History records changes: at most one point per snapshot (12 weekly + today).
	if len(hist.Points) < 2 || len(hist.Points) > 13 {
		t.Fatalf("demo history has %d points", len(hist.Points))
	}
	for i := 1; i < len(hist.Points); i++ {
		if hist.Points[i-1].At >= hist.Points[i].At {
			t.Fatal("history not oldest first")
		}
	}
	if last := hist.Points[len(hist.Points)-1]; last.Score != mustScore(t, c, id) {
		t.Fatalf("newest history point %d differs from the current score", last.Score)
	}
}

func TestFactorChanges(t *testing.T) {
	before := []domain.RiskFactor{{Code: "a", Label: "A", Points: -8}, {Code: "b", Label: "B", Points: -10}}
	after := []domain.RiskFactor{{Code: "a", Label: "A", Points: -8}, {Code: "c", Label: "C", Points: -15}, {Code: "b", Label: "B", Points: -5}}
	got := app.FactorChanges(before, after)
	want := []app.FactorChangeDTO{{Code: "c", Label: "C", Before: 0, After: -15}, {Code: "b", Label: "B", Before: -10, After: -5}}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %+v, want %+v", got, want)
		}
	}
	gone := app.FactorChanges(after, before[:1])
	if len(gone) != 2 || gone[0].After != 0 || gone[1].After != 0 {
		t.Fatalf("removed factors: %+v", gone)
	}
}

func TestMarkupNameStaysVerbatim(t *testing.T) {
	ws, _ := newWorkspace(t)
	h := app.NewHealthService(ws)
	rows, _ := h.List(app.HealthListRequest{Search: "<script>", IncludeUntracked: true})
	if rows.Total != 1 || !strings.Contains(rows.Rows[0].Name, `<script>alert("pwned")</script>`) {
		t.Fatalf("markup account: %+v", rows.Rows)
	}
}

func mustScore(t *testing.T, c *app.CustomerService, id int64) int {
	t.Helper()
	got, err := c.Get(app.CustomerRequest{AccountID: id})
	if err != nil || got.Score == nil {
		t.Fatalf("score of %d: %v", id, err)
	}
	return got.Score.Score
}

// The revenue cards not marked uncounted are the ones the Contract value
// card adds up: across the demo book, an account whose counted sources
// share the card's currency has an ARR equal to theirs.
func TestCountedRevenueIsTheContractValue(t *testing.T) {
	ws, _ := newWorkspace(t)
	rows, _ := app.NewHealthService(ws).List(app.HealthListRequest{Limit: 1000, IncludeUntracked: true})
	c := app.NewCustomerService(ws)
	checked, uncounted, billed := 0, 0, 0
	for _, r := range rows.Rows {
		got, err := c.Get(app.CustomerRequest{AccountID: r.AccountID})
		if err != nil {
			t.Fatal(err)
		}
		var sum int64
		same := got.Metrics.ARR.Currency != ""
		for _, rev := range got.Revenue {
			if rev.Uncounted != "" {
				uncounted++
				if rev.Uncounted == "billed_by_contract" {
					billed++
				}
				continue
			}
			same = same && rev.ARR.Currency == got.Metrics.ARR.Currency
			sum += rev.ARR.AmountMinor
		}
		if same && len(got.Revenue) > 0 {
			checked++
			if sum != got.Metrics.ARR.AmountMinor {
				t.Fatalf("%s: counted ARR %d, contract value %d", got.Account.Name, sum, got.Metrics.ARR.AmountMinor)
			}
		}
	}
	if checked < 50 || uncounted == 0 || billed == 0 {
		t.Fatalf("checked %d accounts, %d uncounted sources (%d billing a contract): the demo book should hold every kind",
			checked, uncounted, billed)
	}
}

// TestOverdueInvoicesInTheFeed checks, over the demo book, that every open
// invoice Customer Detail marks past due has its "is overdue" notice among
// the account's payment events, and that there is such an account.
func TestOverdueInvoicesInTheFeed(t *testing.T) {
	ws, _ := newWorkspace(t)
	h := app.NewHealthService(ws)
	c := app.NewCustomerService(ws)
	rows, err := h.List(app.HealthListRequest{Limit: 1000, IncludeUntracked: true})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, r := range rows.Rows {
		cust, err := c.Get(app.CustomerRequest{AccountID: r.AccountID})
		if err != nil {
			t.Fatal(err)
		}
		var overdue []string
		for _, inv := range cust.Invoices {
			if inv.PastDue && inv.Status == "open" {
				overdue = append(overdue, "Invoice "+inv.ExternalID+" is overdue")
			}
		}
		if len(overdue) == 0 {
			continue
		}
		seen++
		page, err := c.Activity(app.ActivityRequest{AccountID: r.AccountID, Kinds: []string{"payment"}, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		notices := map[string]bool{}
		for _, it := range page.Items {
			if strings.HasSuffix(it.Title, " is overdue") {
				if it.ID >= 0 || it.Kind != "payment" || !strings.Contains(it.Body, " and is unpaid.") {
					t.Fatalf("%s: notice %+v", r.Name, it)
				}
				if notices[it.Title] {
					t.Fatalf("%s: %q listed twice", r.Name, it.Title)
				}
				notices[it.Title] = true
			}
		}
		for _, want := range overdue {
			if !notices[want] {
				t.Fatalf("%s: no %q among %d payment events", r.Name, want, len(page.Items))
			}
		}
	}
	if seen == 0 {
		t.Fatal("the demo book has no account with an open invoice past due")
	}
}

package app_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"successdesk/app"
	"successdesk/backend/domain"
	"successdesk/backend/secrets"
)

// TestReportingCurrencyRestatesEveryTotal: choosing EUR restates the Health
// and Contracts totals in euros at the rates shown, survives a restart,
// and bad input is refused in plain words.
func TestReportingCurrencyRestatesEveryTotal(t *testing.T) {
	dir := t.TempDir()
	d, rec := openDesk(t, dir, "", secrets.NewMemory(), nil)
	settings, health, contracts := app.NewSettingsService(d), app.NewHealthService(d), app.NewContractsService(d)
	before, err := contracts.Summary(app.ContractsQuery{})
	if err != nil {
		t.Fatal(err)
	}
	hBefore, err := health.Summary(app.HealthSummaryRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if before.ActiveMRR.Currency != "USD" || hBefore.ProtectedARR.Currency != "USD" {
		t.Fatalf("totals open in %s and %s, want USD", before.ActiveMRR.Currency, hBefore.ProtectedARR.Currency)
	}
	rep, err := settings.Reporting(app.InfoRequest{})
	if err != nil || rep.Base != "USD" || !strings.Contains(rep.Note, "1 EUR = 1.08 USD") {
		t.Fatalf("reporting %+v (%v)", rep, err)
	}
	for _, bad := range []app.SaveReportingRequest{{Base: "JPY"}, {Base: "eur"},
		{Base: "USD", Rates: []app.RateDTO{{Currency: "EUR", Rate: -1}}}} {
		if _, err := settings.SaveReporting(bad); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("%+v: %v", bad, err)
		}
	}

	rep, err = settings.SaveReporting(app.SaveReportingRequest{Base: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Base != "EUR" || !strings.Contains(rep.Note, "Totals in EUR") {
		t.Fatalf("after choosing EUR: %+v", rep)
	}
	if !slices.Contains(rec.names, app.EventDataChanged) {
		t.Error("the window was not told")
	}
	after, err := contracts.Summary(app.ContractsQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if after.ActiveMRR.Currency != "EUR" || after.ActiveARR.Currency != "EUR" {
		t.Fatalf("contracts totals in %s", after.ActiveMRR.Currency)
	}
	// Each currency's exact total is unchanged; only the portfolio total moves.
	var wantMRR float64
	for i, c := range after.ByCurrency {
		if c.MRR != before.ByCurrency[i].MRR {
			t.Fatalf("%s MRR changed with the reporting currency: %+v → %+v", c.Currency, before.ByCurrency[i], c)
		}
		rate := map[string]float64{"EUR": 1, "USD": 1 / 1.08, "GBP": 1.27 / 1.08}[c.Currency]
		wantMRR += float64(c.MRR.AmountMinor) * rate
	}
	if math.Abs(float64(after.ActiveMRR.AmountMinor)-wantMRR) > float64(len(after.ByCurrency)) {
		t.Fatalf("active MRR %d EUR cents, want about %.0f", after.ActiveMRR.AmountMinor, wantMRR)
	}
	h, err := health.Summary(app.HealthSummaryRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if h.ProtectedARR.Currency != "EUR" || math.Abs(float64(h.ProtectedARR.AmountMinor)-float64(hBefore.ProtectedARR.AmountMinor)/1.08) > float64(hBefore.Accounts) {
		t.Fatalf("Health ARR %+v, was %+v in USD", h.ProtectedARR, hBefore.ProtectedARR)
	}

	// A rate edit applies at once, and everything survives a restart.
	rep, err = settings.SaveReporting(app.SaveReportingRequest{Base: "EUR", Rates: []app.RateDTO{{Currency: "USD", Rate: 0.9}, {Currency: "GBP", Rate: 1.2}}})
	if err != nil || rep.Base != "EUR" || !strings.Contains(rep.Note, "1 USD = 0.9 EUR") {
		t.Fatalf("after editing rates: %+v (%v)", rep, err)
	}
	d.Close()
	d2, _ := openDesk(t, dir, "", secrets.NewMemory(), nil)
	defer d2.Close()
	again, err := app.NewHealthService(d2).Summary(app.HealthSummaryRequest{})
	if err != nil || again.ProtectedARR.Currency != "EUR" || !strings.Contains(again.FXNote, "1 USD = 0.9 EUR") {
		t.Fatalf("after a restart: %+v %q (%v)", again.ProtectedARR, again.FXNote, err)
	}
}

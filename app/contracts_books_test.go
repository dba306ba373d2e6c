package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/connector/fakebook"
	"successdesk/backend/connector/salesbricks/sbfake"
	"successdesk/backend/connector/stripe/stripefake"
	"successdesk/backend/domain"
	"successdesk/backend/store"
	"successdesk/backend/store/storetest"
)

func TestContractsReconcileAHandBuiltBook(t *testing.T) {
	ctx := context.Background()
	fx := domain.FXRates{Base: "USD", Rates: map[string]float64{"USD": 1, "EUR": 1.08, "JPY": 0.0067}}
	ws := &app.Workspace{Store: storetest.Open(t), Mode: app.ModeDemo, FX: fx, Now: func() time.Time { return now }}
	rev := func(acct int64, src domain.Source, ext, product string, st domain.RevenueStatus, iv domain.Interval, amount int64, cur string, endDays int) domain.RevenueSource {
		return domain.RevenueSource{AccountID: acct, Source: src, ExternalID: ext, Product: product, Status: st, Interval: iv,
			Amount: domain.Money{AmountMinor: amount, Currency: cur}, MRRMinor: domain.NormalizeMRR(amount, iv),
			ARRMinor: domain.NormalizeARR(amount, iv), Seats: 12, TermStart: now.AddDate(-1, 0, endDays), TermEnd: now.AddDate(0, 0, endDays)}
	}
	err := ws.Store.Write(ctx, func(tx *store.Tx) error {
		var ids [3]int64
		for i, name := range []string{"Hooli", "Raviga", "Initech"} {
			a := domain.Account{Domain: strings.ToLower(name) + ".com", Name: name, PrimaryEmail: "ops@" + strings.ToLower(name) + ".com", Tracked: true, CreatedAt: now}
			if err := tx.InsertAccount(ctx, &a); err != nil {
				return err
			}
			ids[i] = a.ID
		}
		for _, r := range []domain.RevenueSource{
			rev(ids[0], domain.SourceSalesbricks, "sb_1", "Pied Piper Pro", domain.StatusActive, domain.IntervalAnnual, 1_200_000, "USD", 40),
			rev(ids[0], domain.SourceStripe, "sub_1", "pied piper  pro", domain.StatusActive, domain.IntervalMonthly, 90_000, "USD", 60),
			rev(ids[1], domain.SourceSalesbricks, "sb_2", "Scale", domain.StatusActive, domain.IntervalAnnual, 3_600_000, "JPY", 10),
			rev(ids[1], domain.SourceStripe, "sub_2", "Scale", domain.StatusCanceled, domain.IntervalAnnual, 3_600_000, "JPY", -20),
			rev(ids[2], domain.SourceStripe, "sub_3", "Team", domain.StatusTrialing, domain.IntervalMonthly, 50_000, "EUR", 14),
		} {
			if err := tx.UpsertRevenueSource(ctx, &r); err != nil {
				return err
			}
			if r.ExternalID == "sub_1" {
				inv := domain.Invoice{AccountID: ids[0], RevenueSourceID: r.ID, Source: domain.SourceStripe, ExternalID: "in_1",
					Status: domain.InvoiceFailed, AmountDue: r.Amount, IssuedAt: now.AddDate(0, 0, -20), DueAt: now.AddDate(0, 0, -6),
					Attempts: 2, LastFailureAt: now.AddDate(0, 0, -5), NextAttemptAt: now.AddDate(0, 0, 2), FailureReason: "card_declined"}
				if err := tx.UpsertInvoice(ctx, &inv); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	svc := app.NewContractsService(ws)
	mis := allContracts(t, svc, app.ContractsQuery{Mismatched: true, Sort: "customer"})
	if mis.Total != 2 || mis.Rows[0].Customer != "Hooli" || mis.Rows[1].Customer != "Raviga" {
		t.Fatalf("mismatched rows %+v", mis.Rows)
	}
	sides := func(r app.ContractRowDTO) map[string][2]string {
		out := map[string][2]string{}
		for _, m := range r.Mismatches {
			out[m.Kind] = [2]string{m.Salesbricks, m.Stripe}
		}
		return out
	}
	hooli := mis.Rows[0]
	wantHooli := map[string][2]string{"amount": {"$1,000.00/mo", "$900.00/mo"}, "interval": {"annual", "monthly"},
		"renewal": {"Jan 4, 2027", "Jan 24, 2027"}} // 40 and 60 days after now
	if got := sides(hooli); !maps.Equal(got, wantHooli) || hooli.Source != "merged" || hooli.PaymentStatus != "past_due" {
		t.Fatalf("Hooli %+v: %v", hooli, got)
	}
	if got := sides(mis.Rows[1]); !maps.Equal(got, map[string][2]string{"contract_without_subscription": {"¥300,000/mo", "canceled"}}) {
		t.Fatalf("Raviga: %v", got)
	}
	d, err := svc.Detail(app.ContractRequest{Key: hooli.Key})
	if err != nil || len(d.Records) != 2 || len(d.Invoices) != 1 || len(d.Retries) != 3 || d.Retries[2].Outcome != "scheduled" {
		t.Fatalf("Hooli detail %+v (%v)", d, err)
	}
	sum, _ := svc.Summary(app.ContractsQuery{})
	jpy := sum.ByCurrency[slices.IndexFunc(sum.ByCurrency, func(c app.CurrencyTotalDTO) bool { return c.Currency == "JPY" })]
	// Hooli earns the contract's USD 1,000.00 a month; Raviga JPY 300,000
	// (USD 2,010.00); Initech's trial nothing.
	if jpy.MRR.AmountMinor != 300_000 || jpy.ARR.AmountMinor != 3_600_000 || sum.ActiveMRR.AmountMinor != 100_000+201_000 ||
		sum.ActiveARR.AmountMinor != 1_200_000+2_412_000 || len(sum.ByCurrency) != 2 || sum.Trialing != 1 || sum.Active != 3 {
		t.Fatalf("summary %+v", sum)
	}
	out, _, err := app.ContractsExportContent(svc, app.ContractsExportRequest{Query: app.ContractsQuery{Search: "raviga"}, Format: "csv"})
	recs, _ := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 2 || recs[1][6] != "3600000" || recs[1][9] != "300000" || recs[1][16] == "" {
		t.Fatalf("JPY export %v (%v)", recs, err)
	}
}

func TestContractsOnALiveBook(t *testing.T) {
	clock := now
	u := fakebook.Generate(2026, 150, clock)
	at := func() time.Time { return clock }
	sb := sbfake.New(sbfake.Options{Universe: u, Seed: 11, Now: at})
	st := stripefake.New(stripefake.Options{Universe: u, Seed: 12, Now: at})
	d := liveDesk(t, &clock, map[domain.Source]livePeer{
		domain.SourceSalesbricks: {handler: sb, key: sbfake.DefaultKey},
		domain.SourceStripe:      {handler: st, key: stripefake.DefaultKey},
	})
	svc := app.NewContractsService(d)
	sbT, stT := sb.Truth(), st.Truth()
	sum, err := svc.Summary(app.ContractsQuery{})
	if err != nil || sum.Meta.Mode != app.ModeLive || sum.Meta.Readiness != "ready" {
		t.Fatalf("summary meta %+v (%v)", sum.Meta, err)
	}
	if sum.Salesbricks != len(sbT.Revenue) || sum.Stripe != len(stT.Revenue) || sum.Total != sum.Salesbricks+sum.Stripe-sum.Merged {
		t.Fatalf("cards %+v; the fakes serve %d contracts and %d subscriptions", sum, len(sbT.Revenue), len(stT.Revenue))
	}
	checked := 0
	for off := 0; off < sum.Total; off += 1000 {
		page, err := svc.List(app.ContractsQuery{Offset: off, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Rows {
			det, err := svc.Detail(app.ContractRequest{Key: r.Key})
			if err != nil {
				t.Fatal(err)
			}
			for _, rec := range det.Records {
				truth, ok := sbT.Revenue[rec.ExternalID]
				if rec.Source == "stripe" {
					truth, ok = stT.Revenue[rec.ExternalID]
				}
				if !ok || string(truth.Status) != rec.Status || truth.MRRMinor != rec.MRR.AmountMinor || truth.Product != rec.Product {
					t.Fatalf("%s record %s: %+v, the fake serves %+v", r.Key, rec.ExternalID, rec, truth)
				}
				if r.Source != "merged" && (truth.Status == domain.StatusActive || truth.Status == domain.StatusPastDue) {
					if r.MRR.AmountMinor != truth.MRRMinor || r.MRR.Currency != truth.Amount.Currency {
						t.Fatalf("%s MRR %+v, the fake's %d %s", r.Key, r.MRR, truth.MRRMinor, truth.Amount.Currency)
					}
					checked++
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no recurring row was checked against the fakes")
	}
	// Where both fakes bill one company the same plan, the row is merged and
	// any disagreement shows both values.
	mism, err := svc.List(app.ContractsQuery{Mismatched: true, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Merged == 0 || mism.Total == 0 || mism.Total != sum.Mismatched {
		t.Fatalf("%d merged rows, %d mismatched listed, %d on the card: the fakes' shared companies are not reconciled", sum.Merged, mism.Total, sum.Mismatched)
	}
	for _, r := range mism.Rows {
		if r.Source != "merged" || len(r.Mismatches) == 0 {
			t.Fatalf("mismatched row %+v", r)
		}
		for _, m := range r.Mismatches {
			if m.Salesbricks == "" || m.Stripe == "" || m.Explain == "" {
				t.Fatalf("%s mismatch without both values: %+v", r.Key, m)
			}
		}
	}
}

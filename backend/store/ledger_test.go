package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// ledgerSeed writes three accounts: Hooli with a contract, a subscription
// and invoices of every kind; Initech with no revenue source but an
// invoice; Raviga with one trial. It returns the account and revenue ids.
func ledgerSeed(t *testing.T, st *store.Store) (accts [3]int64, revs map[string]int64) {
	t.Helper()
	ctx := context.Background()
	revs = map[string]int64{}
	err := st.Write(ctx, func(tx *store.Tx) error {
		for i, name := range []string{"Hooli", "Initech", "Raviga"} {
			a := domain.Account{Domain: name + ".com", Name: name, PrimaryEmail: "ops@" + name + ".com", Tracked: true, CreatedAt: t0}
			if err := tx.InsertAccount(ctx, &a, "gavin@"+name+".com"); err != nil {
				return err
			}
			accts[i] = a.ID
		}
		rev := func(acct int64, src domain.Source, ext, product string, status domain.RevenueStatus) {
			r := domain.RevenueSource{AccountID: acct, Source: src, ExternalID: ext, Product: product, Status: status,
				Interval: domain.IntervalMonthly, Amount: domain.Money{AmountMinor: 1000, Currency: "USD"}, MRRMinor: 1000,
				ARRMinor: 12000, Seats: 5, TermStart: t0.AddDate(0, -1, 0), TermEnd: t0.AddDate(0, 11, 0)}
			if err := tx.UpsertRevenueSource(ctx, &r); err != nil {
				t.Fatal(err)
			}
			revs[ext] = r.ID
		}
		rev(accts[0], domain.SourceStripe, "sub_b", "Pro", domain.StatusActive)
		rev(accts[0], domain.SourceSalesbricks, "sb_a", "Pro", domain.StatusActive)
		rev(accts[2], domain.SourceStripe, "sub_trial", "Team\x1f · Plus", domain.StatusTrialing) // free text keeps any character
		inv := func(acct, rs int64, src domain.Source, ext string, status domain.InvoiceStatus, due time.Time, attempts int) {
			i := domain.Invoice{AccountID: acct, RevenueSourceID: rs, Source: src, ExternalID: ext, Status: status,
				AmountDue: domain.Money{AmountMinor: 1000, Currency: "USD"}, IssuedAt: due.AddDate(0, 0, -14), DueAt: due, Attempts: attempts}
			if err := tx.UpsertInvoice(ctx, &i); err != nil {
				t.Fatal(err)
			}
		}
		inv(accts[0], revs["sub_b"], domain.SourceStripe, "in_1", domain.InvoicePaid, t0.AddDate(0, -2, 0), 1)
		inv(accts[0], revs["sub_b"], domain.SourceStripe, "in_2", domain.InvoiceFailed, t0.AddDate(0, 0, -3), 2)
		inv(accts[0], revs["sub_b"], domain.SourceStripe, "in_3", domain.InvoiceOpen, t0.AddDate(0, 0, 9), 0)
		inv(accts[0], revs["sub_b"], domain.SourceStripe, "in_4", domain.InvoiceVoid, t0.AddDate(0, 0, -40), 4)
		inv(accts[0], revs["sb_a"], domain.SourceSalesbricks, "sb_in_1", domain.InvoicePaid, t0.AddDate(0, -1, 0), 0)
		inv(accts[0], 0, domain.SourceSalesbricks, "sb_in_loose", domain.InvoiceOpen, time.Time{}, 0)
		inv(accts[1], 0, domain.SourceStripe, "in_initech", domain.InvoiceOpen, t0, 0)
		for k, a := range []domain.Activity{
			{Kind: domain.ActivityContractChange, Source: domain.SourceSalesbricks, OccurredAt: t0.AddDate(0, -1, 0), Title: "Renewed for 12 months"},
			{Kind: domain.ActivityContractChange, Source: domain.SourceSalesbricks, OccurredAt: t0.AddDate(0, -13, 0), Title: "Signed for 12 months"},
			{Kind: domain.ActivityPayment, Source: domain.SourceStripe, OccurredAt: t0.AddDate(0, 0, -2), Title: "Payment failed"},
			{Kind: domain.ActivityCall, Source: domain.SourceBuildBetter, OccurredAt: t0, Title: "QBR"},
		} {
			a.AccountID, a.ExternalID = accts[0], "evt_"+string(rune('a'+k))
			if err := tx.UpsertActivity(ctx, &a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return accts, revs
}

func TestReadLedgerReadsEachAccountOnceWithItsInvoiceStates(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	accts, revs := ledgerSeed(t, st)
	type seen struct {
		id       int64
		search   string
		revenue  []string
		invoices []store.InvoiceState
	}
	accounts, err := st.ReadLedger(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []seen
	for _, a := range accounts {
		s := seen{id: a.Account.ID, search: a.Search, invoices: a.Invoices}
		for _, r := range a.Revenue {
			s.revenue = append(s.revenue, r.ExternalID)
		}
		got = append(got, s)
	}
	// Initech has no revenue source: it is skipped, and its invoice does
	// not leak into the next account.
	if len(got) != 2 || got[0].id != accts[0] || got[1].id != accts[2] {
		t.Fatalf("accounts %+v", got)
	}
	hooli := got[0]
	if !slices.Equal(hooli.revenue, []string{"sub_b", "sb_a"}) || hooli.search != "hooli hooli.com ops@hooli.com gavin@hooli.com" {
		t.Fatalf("Hooli %+v", hooli)
	}
	byRS := map[int64]store.InvoiceState{}
	for _, s := range hooli.invoices {
		byRS[s.RevenueSourceID] = s
	}
	want := map[int64]store.InvoiceState{
		// paid, failed (past due), open (not yet due); the void one does not count.
		revs["sub_b"]: {RevenueSourceID: revs["sub_b"], Source: domain.SourceStripe, Invoices: 3, Unpaid: 2, Failed: true,
			OldestDue: t0.AddDate(0, 0, -3)},
		revs["sb_a"]: {RevenueSourceID: revs["sb_a"], Source: domain.SourceSalesbricks, Invoices: 1},
		0:            {Source: domain.SourceSalesbricks, Invoices: 1, Unpaid: 1},
	}
	if len(byRS) != len(want) {
		t.Fatalf("invoice states %+v", hooli.invoices)
	}
	for id, w := range want {
		if g := byRS[id]; g != w {
			t.Errorf("revenue source %d: %+v, want %+v", id, g, w)
		}
	}
	if len(got[1].invoices) != 0 || !slices.Equal(got[1].revenue, []string{"sub_trial"}) {
		t.Fatalf("Raviga %+v", got[1])
	}
	want0, _ := st.RevenueSources(ctx, accts[0])
	want2, _ := st.RevenueSources(ctx, accts[2])
	for i, want := range [][]domain.RevenueSource{want0, want2} {
		for _, w := range want {
			k := slices.IndexFunc(accounts[i].Revenue, func(r domain.RevenueSource) bool { return r.ID == w.ID })
			if k < 0 || accounts[i].Revenue[k] != w {
				t.Errorf("record %s read for the ledger differs from the record stored:\n%+v\n%+v", w.ExternalID, accounts[i].Revenue, w)
			}
		}
	}
}

func TestContractFileSplitsChangesAndPaymentsNewestFirst(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	accts, _ := ledgerSeed(t, st)
	f, err := st.ContractFile(ctx, accts[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Changes) != 2 || f.Changes[0].Title != "Renewed for 12 months" || f.Changes[1].Title != "Signed for 12 months" {
		t.Fatalf("changes %+v", f.Changes)
	}
	if len(f.Payments) != 1 || f.Payments[0].Title != "Payment failed" {
		t.Fatalf("payments %+v", f.Payments)
	}
	var ids []string
	for _, i := range f.Invoices {
		ids = append(ids, i.ExternalID)
	}
	// Each was issued 14 days before its due date; the undated one in year 0.
	if want := []string{"in_3", "in_2", "sb_in_1", "in_4", "in_1", "sb_in_loose"}; !slices.Equal(ids, want) {
		t.Fatalf("invoices %v, want %v", ids, want)
	}
	empty, err := st.ContractFile(ctx, 9999)
	if err != nil || len(empty.Changes)+len(empty.Payments)+len(empty.Invoices) != 0 {
		t.Fatalf("unknown account: %+v %v", empty, err)
	}
}

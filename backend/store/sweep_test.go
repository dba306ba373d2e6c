package store_test

import (
	"context"
	"testing"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

const stripeSrc = domain.SourceStripe

// syncedRows writes, in one transaction, an account per key (created by
// Stripe's sync) linked with pass, and a revenue source, an invoice and a
// payment activity for each, stamped with pass.
func syncedRows(t *testing.T, st *store.Store, pass int64, keys ...string) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	ids := map[string]int64{}
	err := st.Write(ctx, func(tx *store.Tx) error {
		var accs []*domain.Account
		for _, k := range keys {
			accs = append(accs, &domain.Account{Domain: k + ".example", Name: k, Tracked: true, CreatedAt: t0})
		}
		if err := tx.InsertSyncedAccounts(ctx, stripeSrc, accs); err != nil {
			return err
		}
		var links []store.KeyLink
		var rs []domain.RevenueSource
		var invs []domain.Invoice
		var acts []domain.Activity
		for i, k := range keys {
			ids[k] = accs[i].ID
			links = append(links, store.KeyLink{Key: k, AccountID: accs[i].ID})
			rs = append(rs, domain.RevenueSource{ExternalID: "sub_" + k, Status: domain.StatusActive,
				Interval: domain.IntervalMonthly, Amount: domain.Money{AmountMinor: 100, Currency: "USD"}})
			invs = append(invs, domain.Invoice{ExternalID: "in_" + k, Status: domain.InvoicePaid, IssuedAt: t0,
				AmountDue: domain.Money{AmountMinor: 100, Currency: "USD"}})
			acts = append(acts, domain.Activity{ExternalID: "in_" + k + "/attempt/1", Kind: domain.ActivityPayment, OccurredAt: t0})
		}
		if err := tx.LinkSyncedKeys(ctx, stripeSrc, links, pass); err != nil {
			return err
		}
		subs := make([]string, len(keys))
		for i, k := range keys {
			subs[i] = "sub_" + k
		}
		if n, err := tx.UpsertSyncedRevenue(ctx, stripeSrc, rs, keys, pass, pass); err != nil || n != len(keys) {
			t.Errorf("revenue: %d written, %v", n, err)
		}
		if n, err := tx.UpsertSyncedInvoices(ctx, stripeSrc, invs, keys, subs, pass, pass); err != nil || n != len(keys) {
			t.Errorf("invoices: %d written, %v", n, err)
		}
		if n, err := tx.UpsertSyncedActivities(ctx, stripeSrc, acts, keys, pass); err != nil || n != len(keys) {
			t.Errorf("activities: %d written, %v", n, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func counts(t *testing.T, st *store.Store) [4]int {
	t.Helper()
	c, err := st.CountRows(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return [4]int{c["accounts"], c["revenue_sources"], c["invoices"], c["activities"]}
}

func TestSweepFullPass(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	if fp, err := st.FullPass(ctx, stripeSrc); err != nil || fp != (store.FullPass{}) {
		t.Fatalf("before any pass: %+v %v", fp, err)
	}
	var pass int64
	write := func(fn func(tx *store.Tx) error) {
		t.Helper()
		if err := st.Write(ctx, fn); err != nil {
			t.Fatal(err)
		}
	}
	write(func(tx *store.Tx) (err error) { pass, err = tx.BeginFullPass(ctx, stripeSrc, t0); return err })
	ids := syncedRows(t, st, pass, "kept", "gone", "routed", "shared", "manual")
	write(func(tx *store.Tx) error {
		_, err := tx.SweepFullPass(ctx, stripeSrc, t0)
		return err
	})
	if got := counts(t, st); got != [4]int{5, 5, 5, 5} {
		t.Fatalf("after pass 1: %v", got)
	}
	// What people and other sources did meanwhile keeps accounts alive.
	write(func(tx *store.Tx) error {
		if err := tx.InsertRoute(ctx, &domain.Route{AccountID: ids["routed"], From: domain.SectionHealth,
			To: domain.SectionReengage, CreatedAt: t0}); err != nil {
			return err
		}
		if err := tx.LinkAccountKey(ctx, domain.SourceSalesbricks, "sb_1", ids["shared"]); err != nil {
			return err
		}
		_, err := tx.DeleteSyncedRecord(ctx, stripeSrc, "nope", "x")
		if domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("unknown kind: %v", err)
		}
		return nil
	})
	// "manual" was made by a person: clear its origin.
	db := rawDB(t, st.Path())
	defer db.Close()
	if _, err := db.Exec(`UPDATE accounts SET created_by = '' WHERE id = ?`, ids["manual"]); err != nil {
		t.Fatal(err)
	}

	// Pass 2 sees only "kept"; a pass that never completes sweeps nothing.
	write(func(tx *store.Tx) (err error) { pass, err = tx.BeginFullPass(ctx, stripeSrc, t0); return err })
	syncedRowsAgain(t, st, pass, ids, "kept")
	if got := counts(t, st); got != [4]int{5, 5, 5, 5} {
		t.Fatalf("an open pass swept: %v", got)
	}
	var sw store.Swept
	write(func(tx *store.Tx) (err error) { sw, err = tx.SweepFullPass(ctx, stripeSrc, t0.Add(1)); return err })
	// Revenue and invoices of the four unseen keys go; so do their keys and
	// activities; "gone" loses its account, "routed", "shared" and
	// "manual" keep theirs.
	if sw != (store.Swept{Revenue: 4, Invoices: 4, Activities: 4, Keys: 4, Accounts: 1}) {
		t.Errorf("swept %+v", sw)
	}
	if got := counts(t, st); got != [4]int{4, 1, 1, 1} {
		t.Errorf("after pass 2: %v", got)
	}
	if _, err := st.Account(ctx, ids["gone"]); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("the orphan account is still there: %v", err)
	}
	fp, _ := st.FullPass(ctx, stripeSrc)
	if fp.Number != 2 || fp.Open || fp.CompletedAt.IsZero() {
		t.Errorf("full pass %+v", fp)
	}
	// Without an open pass a sweep does nothing.
	write(func(tx *store.Tx) (err error) { sw, err = tx.SweepFullPass(ctx, stripeSrc, t0); return err })
	if sw.Total() != 0 || counts(t, st) != [4]int{4, 1, 1, 1} {
		t.Errorf("a sweep without an open pass removed %+v", sw)
	}
}

// syncedRowsAgain re-stamps keys' rows with pass, as a pass that sees them.
func syncedRowsAgain(t *testing.T, st *store.Store, pass int64, ids map[string]int64, keys ...string) {
	t.Helper()
	ctx := context.Background()
	err := st.Write(ctx, func(tx *store.Tx) error {
		for _, k := range keys {
			if err := tx.LinkSyncedKeys(ctx, stripeSrc, []store.KeyLink{{Key: k, AccountID: ids[k]}}, pass); err != nil {
				return err
			}
			rs := []domain.RevenueSource{{ExternalID: "sub_" + k, Status: domain.StatusActive, Interval: domain.IntervalMonthly}}
			if _, err := tx.UpsertSyncedRevenue(ctx, stripeSrc, rs, []string{k}, pass, pass); err != nil {
				return err
			}
			invs := []domain.Invoice{{ExternalID: "in_" + k, Status: domain.InvoicePaid, IssuedAt: t0}}
			if _, err := tx.UpsertSyncedInvoices(ctx, stripeSrc, invs, []string{k}, []string{"sub_" + k}, pass, pass); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSyncedUpsertsResolveKeys(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	ids := syncedRows(t, st, 1, "a")
	err := st.Write(ctx, func(tx *store.Tx) error {
		rs := []domain.RevenueSource{
			{ExternalID: "sub_x", Status: domain.StatusActive, Interval: domain.IntervalMonthly},
			{ExternalID: "sub_y", Status: domain.StatusActive, Interval: domain.IntervalMonthly},
		}
		// Key "nobody" has no link; key "a" is linked by pass 1 only.
		if n, err := tx.UpsertSyncedRevenue(ctx, stripeSrc, rs, []string{"a", "nobody"}, 2, 0); err != nil || n != 1 {
			t.Errorf("any link: %d written, %v", n, err)
		}
		if n, err := tx.UpsertSyncedRevenue(ctx, stripeSrc, rs, []string{"a", "a"}, 2, 2); err != nil || n != 0 {
			t.Errorf("links of pass 2 only: %d written, %v", n, err)
		}
		got, err := tx.SyncedKeys(ctx, stripeSrc, []string{"a", "nobody"}, 0)
		if err != nil || len(got) != 1 || got["a"] != ids["a"] {
			t.Errorf("SyncedKeys = %v, %v", got, err)
		}
		if byDomain, err := tx.AccountIDsByDomain(ctx, []string{"A.example", "b.example"}); err != nil ||
			len(byDomain) != 1 || byDomain["a.example"] != ids["a"] {
			t.Errorf("AccountIDsByDomain = %v, %v", byDomain, err)
		}
		taken := []*domain.Account{{Domain: "a.example", Name: "Again", CreatedAt: t0}}
		if err := tx.InsertSyncedAccounts(ctx, stripeSrc, taken); domain.ErrorCode(err) != domain.EConflict {
			t.Errorf("a taken domain: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	invs, _ := st.Invoices(ctx, ids["a"])
	rsrc, _ := st.RevenueSources(ctx, ids["a"])
	if len(invs) != 1 || len(rsrc) != 2 || invs[0].RevenueSourceID == 0 {
		t.Errorf("invoices %+v, revenue %+v", invs, rsrc)
	}
	// A deleted customer takes its rows and its account with it.
	var sw store.Swept
	if err := st.Write(ctx, func(tx *store.Tx) (err error) { sw, err = tx.DeleteSyncedKey(ctx, stripeSrc, "a"); return err }); err != nil {
		t.Fatal(err)
	}
	if sw != (store.Swept{Revenue: 2, Invoices: 1, Activities: 1, Keys: 1, Accounts: 1}) || counts(t, st) != [4]int{} {
		t.Errorf("deleted key: %+v, rows %v", sw, counts(t, st))
	}
	if err := st.Write(ctx, func(tx *store.Tx) (err error) { sw, err = tx.DeleteSyncedKey(ctx, stripeSrc, "a"); return err }); err != nil || sw.Total() != 0 {
		t.Errorf("deleting an unknown key: %+v, %v", sw, err)
	}
}

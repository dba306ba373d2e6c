package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
	"successdesk/backend/store/storetest"
)

// mustOpen opens a fresh store on a real file (see storetest.Open).
var mustOpen = storetest.Open

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func TestMigrationsFromEmptyAndReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "book.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	names, err := st.Migrations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 || names[0] != "0001_init.sql" {
		t.Fatalf("migrations = %v", names)
	}
	a := domain.Account{Domain: "hooli.com", Name: "Hooli", Tracked: true, CreatedAt: t0}
	if err := st.Write(ctx, func(tx *store.Tx) error { return tx.InsertAccount(ctx, &a) }); err != nil {
		t.Fatal(err)
	}
	st.Close()
	st, err = store.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer st.Close()
	again, _ := st.Migrations(ctx)
	if len(again) != len(names) {
		t.Fatalf("reopen applied migrations again: %v", again)
	}
	if got, err := st.AccountByDomain(ctx, "HOOLI.com"); err != nil || got.Name != "Hooli" {
		t.Fatalf("data lost across reopen: %v %v", got, err)
	}
}

func TestAccountErrors(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	if _, err := st.Account(ctx, 42); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("missing account: %v", err)
	}
	if _, err := st.AccountByDomain(ctx, "nope.io"); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("missing domain: %v", err)
	}
	a := domain.Account{Domain: "aviato.com", Name: "Aviato", CreatedAt: t0}
	b := domain.Account{Domain: "aviato.com", Name: "Aviato 2", CreatedAt: t0}
	err := st.Write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertAccount(ctx, &a); err != nil {
			return err
		}
		return tx.InsertAccount(ctx, &b)
	})
	if domain.ErrorCode(err) != domain.EConflict {
		t.Fatalf("duplicate domain: %v", err)
	}
	// The failed transaction rolled back as a whole.
	if n, _ := st.CountAccounts(ctx); n != 0 {
		t.Fatalf("rolled-back write left %d accounts", n)
	}
	// Two accounts without a domain do not collide.
	err = st.Write(ctx, func(tx *store.Tx) error {
		x, y := domain.Account{Name: "X", CreatedAt: t0}, domain.Account{Name: "Y", CreatedAt: t0}
		if err := tx.InsertAccount(ctx, &x); err != nil {
			return err
		}
		return tx.InsertAccount(ctx, &y)
	})
	if err != nil {
		t.Fatalf("two domainless accounts: %v", err)
	}
	if err := st.Write(ctx, func(tx *store.Tx) error { return tx.SetTracked(ctx, 999, false) }); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("untrack missing account: %v", err)
	}
}

func TestUpsertsAreIdempotent(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	a := domain.Account{Domain: "initech.com", Name: "Initech", CreatedAt: t0}
	write := func(amount int64) {
		t.Helper()
		err := st.Write(ctx, func(tx *store.Tx) error {
			if a.ID == 0 {
				if err := tx.InsertAccount(ctx, &a); err != nil {
					return err
				}
			}
			r := domain.RevenueSource{AccountID: a.ID, Source: domain.SourceStripe, ExternalID: "sub_1", Product: "Scale",
				Status: domain.StatusActive, Interval: domain.IntervalMonthly, Amount: domain.Money{AmountMinor: amount, Currency: "USD"},
				MRRMinor: amount, ARRMinor: amount * 12, Seats: 10, TermStart: t0.AddDate(0, -1, 0), TermEnd: t0.AddDate(0, 11, 0)}
			if err := tx.UpsertRevenueSource(ctx, &r); err != nil {
				return err
			}
			inv := domain.Invoice{AccountID: a.ID, RevenueSourceID: r.ID, Source: domain.SourceStripe, ExternalID: "in_1",
				Status: domain.InvoiceOpen, AmountDue: domain.Money{AmountMinor: amount, Currency: "USD"}, IssuedAt: t0, DueAt: t0}
			if err := tx.UpsertInvoice(ctx, &inv); err != nil {
				return err
			}
			act := domain.Activity{AccountID: a.ID, Source: domain.SourceStripe, ExternalID: "evt_1", Kind: domain.ActivityPayment,
				OccurredAt: t0, Title: "Invoice opened"}
			return tx.UpsertActivity(ctx, &act)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	write(1000)
	write(2500)
	counts, err := st.CountRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tbl := range []string{"revenue_sources", "invoices", "activities"} {
		if counts[tbl] != 1 {
			t.Fatalf("%s has %d rows after two upserts", tbl, counts[tbl])
		}
	}
	revs, _ := st.RevenueSources(ctx, a.ID)
	if revs[0].Amount.AmountMinor != 2500 || revs[0].ARRMinor != 30000 {
		t.Fatalf("upsert did not update: %+v", revs[0])
	}
	invs, _ := st.Invoices(ctx, a.ID)
	if invs[0].RevenueSourceID != revs[0].ID || !invs[0].PastDue(t0.Add(time.Hour)) {
		t.Fatalf("invoice: %+v", invs[0])
	}
}

func TestRoutes(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	a := domain.Account{Domain: "raviga.com", Name: "Raviga", CreatedAt: t0}
	if err := st.Write(ctx, func(tx *store.Tx) error { return tx.InsertAccount(ctx, &a) }); err != nil {
		t.Fatal(err)
	}
	route := func(to domain.Section, reason string) {
		t.Helper()
		r := domain.Route{AccountID: a.ID, From: domain.SectionHealth, To: to, Reason: reason, CreatedAt: t0}
		if err := st.Write(ctx, func(tx *store.Tx) error { return tx.InsertRoute(ctx, &r) }); err != nil {
			t.Fatal(err)
		}
	}
	route(domain.SectionConvert, "On a trial")
	route(domain.SectionPipeline, "Expansion")
	act, err := st.ActiveRoute(ctx, a.ID)
	if err != nil || act.To != domain.SectionPipeline || act.Reason != "Expansion" {
		t.Fatalf("active route: %+v %v", act, err)
	}
	if l, _ := st.RoutedTo(ctx, domain.SectionConvert); len(l) != 0 {
		t.Fatalf("a replaced route still lists: %+v", l)
	}
	if l, _ := st.RoutedTo(ctx, domain.SectionPipeline); len(l) != 1 || l[0].Account.Name != "Raviga" {
		t.Fatalf("routed to pipeline: %+v", l)
	}
	if h, _ := st.RouteHistory(ctx, a.ID); len(h) != 2 {
		t.Fatalf("history: %+v", h)
	}
	if err := st.Write(ctx, func(tx *store.Tx) error { return tx.ClearRoute(ctx, a.ID) }); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ActiveRoute(ctx, a.ID); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("cleared route still active: %v", err)
	}
	bad := domain.Route{AccountID: 999, From: domain.SectionHealth, To: domain.SectionConvert, CreatedAt: t0}
	if err := st.Write(ctx, func(tx *store.Tx) error { return tx.InsertRoute(ctx, &bad) }); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("route of a missing account: %v", err)
	}
}

func TestSettingsRoundTrip(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	var got domain.HealthSettings
	if found, err := st.GetSetting(ctx, "health.settings", &got); err != nil || found {
		t.Fatalf("unset key: found=%v err=%v", found, err)
	}
	want := domain.DefaultHealthSettings()
	want.Weights.Payment = 80
	if err := st.Write(ctx, func(tx *store.Tx) error { return tx.PutSetting(ctx, "health.settings", want) }); err != nil {
		t.Fatal(err)
	}
	if found, err := st.GetSetting(ctx, "health.settings", &got); err != nil || !found || got != want {
		t.Fatalf("got %+v found=%v err=%v", got, found, err)
	}
}

// TestDataGenerationIgnoresBookkeeping: saving a setting or routing an
// account changes Generation but not DataGeneration; writing records
// changes both.
func TestDataGenerationIgnoresBookkeeping(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t)
	acct := &domain.Account{Name: "Hooli", CreatedAt: t0}
	gen, data := s.Generation(), s.DataGeneration()
	if err := s.Write(ctx, func(tx *store.Tx) error { return tx.InsertAccount(ctx, acct) }); err != nil {
		t.Fatal(err)
	}
	if s.Generation() == gen || s.DataGeneration() == data {
		t.Fatal("writing an account left a generation unchanged")
	}
	gen, data = s.Generation(), s.DataGeneration()
	err := s.Write(ctx, func(tx *store.Tx) error {
		if err := tx.PutSetting(ctx, "convert.settings", map[string]int{"high": 60}); err != nil {
			return err
		}
		r := &domain.Route{AccountID: acct.ID, From: domain.SectionHealth, To: domain.SectionContracts, CreatedAt: t0}
		if err := tx.InsertRoute(ctx, r); err != nil {
			return err
		}
		if _, err := tx.UndoRoute(ctx, r.ID); err != nil {
			return err
		}
		return tx.ClearRoute(ctx, acct.ID)
	})
	if err != nil {
		t.Fatal(err)
	}
	if s.Generation() == gen {
		t.Fatal("a committed write left Generation unchanged")
	}
	if s.DataGeneration() != data {
		t.Fatal("settings and routes changed DataGeneration")
	}
}

// TestWriteAfterPanic: a write whose function panics rolls back and gives
// the one write connection back, so the next write runs (instead of
// waiting for it until its context ends).
func TestWriteAfterPanic(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the panic did not reach the caller")
			}
		}()
		_ = st.Write(ctx, func(tx *store.Tx) error {
			a := domain.Account{Domain: "lost.io", Name: "Lost", CreatedAt: t0}
			if err := tx.InsertAccount(ctx, &a); err != nil {
				return err
			}
			panic("mid-write")
		})
	}()
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := st.Write(wctx, func(tx *store.Tx) error {
		a := domain.Account{Domain: "kept.io", Name: "Kept", CreatedAt: t0}
		return tx.InsertAccount(wctx, &a)
	}); err != nil {
		t.Fatalf("write after a panicked one: %v", err)
	}
	if _, err := st.AccountByDomain(ctx, "lost.io"); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("the panicked write's account: err %v, want not found (rolled back)", err)
	}
}

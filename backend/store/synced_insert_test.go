package store_test

import (
	"context"
	"strings"
	"testing"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// TestSyncedInsertsKeepConstraints writes a first pass's chunk (its first
// row new, so the plain insert runs first) with a row the table refuses: the
// write fails in plain SQLite words and keeps nothing, as the upsert alone
// did; the insert's IGNORE does not drop the bad row quietly.
func TestSyncedInsertsKeepConstraints(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	linkOne(t, st, "a")
	rs := []domain.RevenueSource{
		{ExternalID: "sub_new", Status: domain.StatusActive, Interval: domain.IntervalMonthly,
			Amount: domain.Money{AmountMinor: 100, Currency: "USD"}},
		{ExternalID: "sub_bad", Status: "bogus", Interval: domain.IntervalMonthly,
			Amount: domain.Money{AmountMinor: 100, Currency: "USD"}},
	}
	err := st.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.UpsertSyncedRevenue(ctx, stripeSrc, rs, []string{"a", "a"}, 1, 0)
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "CHECK constraint") {
		t.Fatalf("write of a refused status: %v, want a CHECK constraint error", err)
	}
	if n := count(t, st, `SELECT count(*) FROM revenue_sources`); n != 0 {
		t.Errorf("%d revenue sources kept after the failed write, want 0", n)
	}
}

// TestSyncedForeignKeysAreCheckedAtCommit pins what migration 0017 declares:
// a synced row may point at an account the same transaction creates later
// (the key is checked as the transaction commits), a commit that leaves a
// row pointing at no account fails and keeps nothing, and the next write
// runs normally: SQLite leaves a refused commit's transaction open, and the
// driver (modernc.org/sqlite since v1.62) rolls it back before the
// connection is used again.
func TestSyncedForeignKeysAreCheckedAtCommit(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	act := func(ext string, account int64) *domain.Activity {
		return &domain.Activity{AccountID: account, Source: stripeSrc, ExternalID: ext, Kind: domain.ActivityPayment,
			OccurredAt: t0}
	}
	later := &domain.Account{Name: "Later", Tracked: true, CreatedAt: t0}
	err := st.Write(ctx, func(tx *store.Tx) error {
		if err := tx.UpsertActivity(ctx, act("early", 1)); err != nil { // the empty book's first account id
			return err
		}
		return tx.InsertSyncedAccounts(ctx, stripeSrc, []*domain.Account{later})
	})
	if err != nil || later.ID != 1 {
		t.Fatalf("a row written before its account (id %d), in one transaction: %v", later.ID, err)
	}
	err = st.Write(ctx, func(tx *store.Tx) error { return tx.UpsertActivity(ctx, act("orphan", 999999)) })
	if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Fatalf("a row pointing at no account: %v, want a FOREIGN KEY error", err)
	}
	if err := st.Write(ctx, func(tx *store.Tx) error { return tx.UpsertActivity(ctx, act("next", later.ID)) }); err != nil {
		t.Fatalf("the write after a refused commit: %v", err)
	}
	if n := count(t, st, `SELECT count(*) FROM activities WHERE external_id = 'orphan'`); n != 0 {
		t.Errorf("the refused commit kept %d rows", n)
	}
	if n := count(t, st, `SELECT count(*) FROM activities`); n != 2 {
		t.Errorf("%d activities stored, want 2 (early, next)", n)
	}
}

// linkOne creates an account linked to Stripe customer key k (pass 1).
func linkOne(t *testing.T, st *store.Store, k string) int64 {
	t.Helper()
	ctx := context.Background()
	acc := &domain.Account{Name: k, Tracked: true, CreatedAt: t0}
	err := st.Write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertSyncedAccounts(ctx, stripeSrc, []*domain.Account{acc}); err != nil {
			return err
		}
		return tx.LinkSyncedKeys(ctx, stripeSrc, []store.KeyLink{{Key: k, AccountID: acc.ID}}, 1)
	})
	if err != nil {
		t.Fatal(err)
	}
	return acc.ID
}

func count(t *testing.T, st *store.Store, query string) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

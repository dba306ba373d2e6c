package store_test

import (
	"context"
	"testing"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

func write(t *testing.T, st *store.Store, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := st.Write(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

func TestSyncStateLifecycle(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	src := domain.SourceStripe

	if _, err := st.SyncState(ctx, src); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("never synced: err = %v, want not_found", err)
	}
	if _, err := st.SyncState(ctx, "nope"); domain.ErrorCode(err) != domain.EInvalid {
		t.Fatalf("unknown source: err = %v, want invalid", err)
	}

	write(t, st, func(tx *store.Tx) error { return tx.MarkRunning(ctx, src, t0) })
	write(t, st, func(tx *store.Tx) error { return tx.SaveCursor(ctx, src, "c1", 3, t0) })
	write(t, st, func(tx *store.Tx) error { return tx.SaveCursor(ctx, src, "c2", 2, t0) })
	s, err := st.SyncState(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != store.SyncRunning || s.Cursor != "c2" || s.ItemsSynced != 5 || !s.RunStartedAt.Equal(t0) {
		t.Fatalf("running state = %+v", s)
	}

	t1 := t0.Add(time.Minute)
	write(t, st, func(tx *store.Tx) error { return tx.MarkFailure(ctx, src, "Stripe is unavailable.", false, t1) })
	write(t, st, func(tx *store.Tx) error {
		return tx.MarkFailure(ctx, src, "Stripe rejected the credentials.", true, t1)
	})
	s, _ = st.SyncState(ctx, src)
	if s.Status != store.SyncReconnect || s.ErrorCount != 2 || s.LastError != "Stripe rejected the credentials." ||
		s.Cursor != "c2" || !s.RunStartedAt.IsZero() || !s.UpdatedAt.Equal(t1) {
		t.Fatalf("failed state = %+v", s)
	}

	// A resumed run keeps counting items; success resets the error counter
	// but leaves the cursor to the connector.
	write(t, st, func(tx *store.Tx) error { return tx.MarkRunning(ctx, src, t1) })
	write(t, st, func(tx *store.Tx) error { return tx.SaveCursor(ctx, src, "", 1, t1) })
	write(t, st, func(tx *store.Tx) error { return tx.MarkSuccess(ctx, src, t1) })
	s, _ = st.SyncState(ctx, src)
	if s.Status != store.SyncIdle || s.ErrorCount != 0 || s.LastError != "" || s.ItemsSynced != 6 ||
		!s.LastSuccessAt.Equal(t1) || s.Cursor != "" {
		t.Fatalf("success state = %+v", s)
	}

	// A fresh pass (empty cursor) restarts the item count.
	write(t, st, func(tx *store.Tx) error { return tx.MarkRunning(ctx, src, t1) })
	s, _ = st.SyncState(ctx, src)
	if s.ItemsSynced != 0 {
		t.Fatalf("fresh pass items = %d", s.ItemsSynced)
	}

	write(t, st, func(tx *store.Tx) error { return tx.SaveCursor(ctx, src, "c9", 0, t1) })
	write(t, st, func(tx *store.Tx) error { return tx.MarkIdle(ctx, src, t1) })
	write(t, st, func(tx *store.Tx) error { return tx.ResetCursor(ctx, domain.SourceSalesbricks, t1) })
	all, err := st.SyncStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].Source != domain.SourceSalesbricks || all[1].Source != domain.SourceStripe ||
		all[1].Status != store.SyncIdle || all[1].Cursor != "c9" {
		t.Fatalf("states = %+v", all)
	}
}

func TestSyncStateRejects(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	err := st.Write(ctx, func(tx *store.Tx) error { return tx.MarkRunning(ctx, domain.SourceManual, t0) })
	if domain.ErrorCode(err) != domain.EInvalid {
		t.Fatalf("manual source: err = %v, want invalid", err)
	}
	err = st.Write(ctx, func(tx *store.Tx) error { return tx.SaveCursor(ctx, domain.SourceStripe, "x", -1, t0) })
	if domain.ErrorCode(err) != domain.EInvalid {
		t.Fatalf("negative items: err = %v, want invalid", err)
	}
	// A rolled-back page leaves no cursor behind.
	_ = st.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SaveCursor(ctx, domain.SourceStripe, "c1", 1, t0); err != nil {
			return err
		}
		return domain.Errorf(domain.EInternal, "boom")
	})
	if _, err := st.SyncState(ctx, domain.SourceStripe); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("after rollback: err = %v, want not_found", err)
	}
}

func TestSyncAccountKeysAndLookups(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	write(t, st, func(tx *store.Tx) error {
		if _, err := tx.AccountIDForKey(ctx, domain.SourceStripe, "cus_1"); domain.ErrorCode(err) != domain.ENotFound {
			t.Errorf("unlinked key: err = %v", err)
		}
		a := domain.Account{Domain: "hooli.com", Name: "Hooli", CreatedAt: t0}
		if err := tx.InsertAccount(ctx, &a); err != nil {
			return err
		}
		b := domain.Account{Name: "No Domain Ltd", CreatedAt: t0}
		if err := tx.InsertAccount(ctx, &b); err != nil {
			return err
		}
		// Seen inside the same transaction, before commit.
		if id, err := tx.AccountIDByDomain(ctx, "HOOLI.com"); err != nil || id != a.ID {
			t.Errorf("by domain = %d, %v", id, err)
		}
		if _, err := tx.AccountIDByDomain(ctx, "nope.io"); domain.ErrorCode(err) != domain.ENotFound {
			t.Errorf("missing domain: err = %v", err)
		}
		if err := tx.LinkAccountKey(ctx, domain.SourceStripe, "cus_1", a.ID); err != nil {
			return err
		}
		if err := tx.LinkAccountKey(ctx, domain.SourceStripe, "cus_1", b.ID); err != nil { // re-point
			return err
		}
		if id, err := tx.AccountIDForKey(ctx, domain.SourceStripe, "cus_1"); err != nil || id != b.ID {
			t.Errorf("linked key = %d, %v; want %d", id, err, b.ID)
		}
		if err := tx.LinkAccountKey(ctx, domain.SourceStripe, "", b.ID); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("empty key: err = %v", err)
		}
		r := domain.RevenueSource{AccountID: a.ID, Source: domain.SourceStripe, ExternalID: "sub_1",
			Status: domain.StatusActive, Interval: domain.IntervalMonthly, Amount: domain.Money{AmountMinor: 100, Currency: "USD"}}
		if err := tx.UpsertRevenueSource(ctx, &r); err != nil {
			return err
		}
		if id, err := tx.RevenueSourceIDFor(ctx, domain.SourceStripe, "sub_1"); err != nil || id != r.ID {
			t.Errorf("revenue id = %d, %v", id, err)
		}
		if _, err := tx.RevenueSourceIDFor(ctx, domain.SourceStripe, "sub_x"); domain.ErrorCode(err) != domain.ENotFound {
			t.Errorf("missing revenue: err = %v", err)
		}
		return nil
	})
}

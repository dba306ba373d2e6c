package store_test

import (
	"context"
	"testing"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
	"successdesk/backend/store/storetest"
)

// seedTwoSources writes an account known to Stripe only, one known to
// Stripe and Salesbricks, and Stripe rows on both.
func seedTwoSources(t *testing.T, st *store.Store) (only, shared int64) {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	write(t, st, func(tx *store.Tx) error {
		a := domain.Account{Domain: "only.example", Name: "Only", Tracked: true, CreatedAt: at}
		b := domain.Account{Domain: "shared.example", Name: "Shared", Tracked: true, CreatedAt: at}
		for _, acc := range []*domain.Account{&a, &b} {
			if err := tx.InsertAccount(ctx, acc); err != nil {
				return err
			}
		}
		only, shared = a.ID, b.ID
		links := []struct {
			src domain.Source
			key string
			id  int64
		}{{domain.SourceStripe, "cus_1", a.ID}, {domain.SourceStripe, "cus_2", b.ID}, {domain.SourceSalesbricks, "sb_2", b.ID}}
		for _, l := range links {
			if err := tx.LinkAccountKey(ctx, l.src, l.key, l.id); err != nil {
				return err
			}
		}
		for i, id := range []int64{a.ID, b.ID, b.ID} {
			src := domain.SourceStripe
			if i == 2 {
				src = domain.SourceSalesbricks
			}
			rs := domain.RevenueSource{AccountID: id, Source: src, ExternalID: "sub_" + string(rune('a'+i)), Status: domain.StatusActive,
				Interval: domain.IntervalMonthly, Amount: domain.Money{AmountMinor: 1000, Currency: "USD"}, MRRMinor: 1000, ARRMinor: 12000, TermStart: at}
			if err := tx.UpsertRevenueSource(ctx, &rs); err != nil {
				return err
			}
			inv := domain.Invoice{AccountID: id, RevenueSourceID: rs.ID, Source: src, ExternalID: "in_" + string(rune('a'+i)),
				Status: domain.InvoicePaid, AmountDue: domain.Money{AmountMinor: 1000, Currency: "USD"}, IssuedAt: at}
			if err := tx.UpsertInvoice(ctx, &inv); err != nil {
				return err
			}
		}
		act := domain.Activity{AccountID: a.ID, Source: domain.SourceStripe, ExternalID: "ev_1", Kind: domain.ActivityPayment, OccurredAt: at}
		if err := tx.UpsertActivity(ctx, &act); err != nil {
			return err
		}
		return tx.SaveCursor(ctx, domain.SourceStripe, "invoices:in_b", 5, at)
	})
	return only, shared
}

func TestDeleteSourceDataRemovesOnlyThatSource(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	only, shared := seedTwoSources(t, st)

	want := store.SourceRows{Accounts: 1, Subscriptions: 2, Invoices: 2, Activities: 1}
	got, err := st.CountSourceRows(ctx, domain.SourceStripe)
	if err != nil || got != want {
		t.Fatalf("count: %+v %v, want %+v", got, err, want)
	}
	var removed store.SourceRows
	write(t, st, func(tx *store.Tx) error {
		var err error
		removed, err = tx.DeleteSourceData(ctx, domain.SourceStripe)
		return err
	})
	if removed != want || removed.Total() != 6 {
		t.Errorf("removed %+v, want %+v", removed, want)
	}
	if _, err := st.Account(ctx, only); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("the Stripe-only account survived: %v", err)
	}
	if _, err := st.Account(ctx, shared); err != nil {
		t.Errorf("the shared account was removed: %v", err)
	}
	if after, _ := st.CountSourceRows(ctx, domain.SourceStripe); after.Total() != 0 {
		t.Errorf("Stripe rows left: %+v", after)
	}
	if sb, _ := st.CountSourceRows(ctx, domain.SourceSalesbricks); sb.Subscriptions != 1 || sb.Invoices != 1 {
		t.Errorf("Salesbricks rows touched: %+v", sb)
	}
	if _, err := st.SyncState(ctx, domain.SourceStripe); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("the sync state survived, so a reconnect would not start a full pass: %v", err)
	}
	if _, err := st.CountSourceRows(ctx, "nope"); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("unknown source: %v", err)
	}
}

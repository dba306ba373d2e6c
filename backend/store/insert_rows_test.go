package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"successdesk/backend/domain"
	"successdesk/backend/store"
	"successdesk/backend/store/storetest"
)

// tableRows returns q's rows on st as text (see storetest.Rows).
func tableRows(t *testing.T, st *store.Store, q string) []string {
	return storetest.Rows(t, st.DB(), q)
}

// TestInsertRowsEqualUpserts writes the same invoices and activities (more
// than one statement's worth) with InsertInvoices and InsertActivities into
// one store and with UpsertInvoice and UpsertActivity into another: every
// column of every row must match. Inserting a stored one again fails.
func TestInsertRowsEqualUpserts(t *testing.T) {
	ctx := context.Background()
	score := 9
	var invs []domain.Invoice
	var acts []domain.Activity
	for i := range 130 {
		invs = append(invs, domain.Invoice{Source: domain.SourceStripe, ExternalID: fmt.Sprintf("in_%d", i),
			Status: domain.InvoiceOpen, AmountDue: domain.Money{AmountMinor: int64(100 * i), Currency: "EUR"},
			AmountPaidMinor: int64(i), IssuedAt: t0.AddDate(0, 0, -i), DueAt: t0.AddDate(0, 0, 30-i), Attempts: i % 3,
			FailureReason: "card_declined"})
		a := domain.Activity{Source: domain.SourceBuildBetter, ExternalID: fmt.Sprintf("call_%d", i), Kind: domain.ActivityCall,
			OccurredAt: t0.AddDate(0, 0, -i), Title: "Call ⟨" + fmt.Sprint(i) + "⟩", Body: "<b>text</b>", Actor: "Ada"}
		if i%2 == 0 {
			a.Kind, a.Signal, a.Score = domain.ActivitySignal, domain.SignalNPS, &score
		}
		acts = append(acts, a)
	}
	write := func(batch bool) *store.Store {
		st := mustOpen(t)
		err := st.Write(ctx, func(tx *store.Tx) error {
			acc := domain.Account{Domain: "acme.com", Name: "Acme", CreatedAt: t0}
			if err := tx.InsertAccount(ctx, &acc); err != nil {
				return err
			}
			rs := domain.RevenueSource{AccountID: acc.ID, Source: domain.SourceStripe, ExternalID: "sub_1",
				Status: domain.StatusActive, Interval: domain.IntervalMonthly, Amount: domain.Money{AmountMinor: 100, Currency: "EUR"}}
			if err := tx.UpsertRevenueSource(ctx, &rs); err != nil {
				return err
			}
			is, as := append([]domain.Invoice(nil), invs...), append([]domain.Activity(nil), acts...)
			for i := range is {
				is[i].AccountID = acc.ID
				if i%2 == 0 {
					is[i].RevenueSourceID = rs.ID
				}
				as[i].AccountID = acc.ID
			}
			if batch {
				return errors.Join(tx.InsertInvoices(ctx, is), tx.InsertActivities(ctx, as))
			}
			for i := range is {
				if err := errors.Join(tx.UpsertInvoice(ctx, &is[i]), tx.UpsertActivity(ctx, &as[i])); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	batched, each := write(true), write(false)
	for _, q := range []string{`SELECT * FROM invoices ORDER BY external_id`, `SELECT * FROM activities ORDER BY external_id`} {
		got, want := tableRows(t, batched, q), tableRows(t, each, q)
		if len(got) != 130 || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %d rows inserted, %d upserted, or they differ:\n%v\n%v", q, len(got), len(want), got[:1], want[:1])
		}
	}
	err := batched.Write(ctx, func(tx *store.Tx) error {
		return tx.InsertActivities(ctx, []domain.Activity{{AccountID: 1, Source: domain.SourceBuildBetter, ExternalID: "call_1",
			Kind: domain.ActivityCall, OccurredAt: t0}})
	})
	if err == nil {
		t.Error("inserting a stored activity again did not fail")
	}
}

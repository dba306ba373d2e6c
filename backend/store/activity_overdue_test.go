package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// feedBook stores one account with payment and call events a day apart and
// invoices in every state, some open past their due date; it returns the
// account id.
func feedBook(t *testing.T, st *store.Store) int64 {
	t.Helper()
	ctx := context.Background()
	a := domain.Account{Domain: "raviga.com", Name: "Raviga", Tracked: true, CreatedAt: t0}
	err := st.Write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertAccount(ctx, &a); err != nil {
			return err
		}
		for d := range 12 {
			kind := domain.ActivityCall
			if d%3 == 0 {
				kind = domain.ActivityPayment
			}
			// The event of day 4 has the time of the invoice due 4 days ago.
			at := t0.AddDate(0, 0, -d)
			if err := tx.UpsertActivity(ctx, &domain.Activity{AccountID: a.ID, Source: domain.SourceStripe,
				ExternalID: fmt.Sprint("evt_", d), Kind: kind, OccurredAt: at, Title: fmt.Sprint("event ", d)}); err != nil {
				return err
			}
		}
		invs := []domain.Invoice{
			{ExternalID: "in_due4", Status: domain.InvoiceOpen, DueAt: t0.AddDate(0, 0, -4)},
			{ExternalID: "in_due9", Status: domain.InvoiceOpen, DueAt: t0.AddDate(0, 0, -9).Add(time.Hour), AmountPaidMinor: 2500},
			{ExternalID: "in_due30", Status: domain.InvoiceOpen, DueAt: t0.AddDate(0, 0, -30)},
			{ExternalID: "in_later", Status: domain.InvoiceOpen, DueAt: t0.Add(time.Hour)},       // not due yet
			{ExternalID: "in_nodate", Status: domain.InvoiceOpen},                                // no due date
			{ExternalID: "in_failed", Status: domain.InvoiceFailed, DueAt: t0.AddDate(0, 0, -2)}, // its failures are the events
			{ExternalID: "in_paid", Status: domain.InvoicePaid, DueAt: t0.AddDate(0, 0, -3), PaidAt: t0},
		}
		for i := range invs {
			inv := &invs[i]
			inv.AccountID, inv.Source, inv.IssuedAt = a.ID, domain.SourceStripe, t0.AddDate(0, -2, 0)
			inv.AmountDue = domain.Money{AmountMinor: 10000, Currency: "USD"}
			if err := tx.UpsertInvoice(ctx, inv); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

// TestOverdueNoticesJoinTheFeed checks that open invoices past their due
// date show as payment events dated by the due date, placed among the stored
// events newest first (a notice before stored events of its own time), that
// every page of the feed is the matching slice of the whole, and that the
// counts include them; an invoice not yet due, without a due date, failed or
// paid gives no notice, and a zero as-of time none at all.
func TestOverdueNoticesJoinTheFeed(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	id := feedBook(t, st)

	for _, kinds := range [][]domain.ActivityKind{nil, {domain.ActivityPayment}, {domain.ActivityCall}} {
		t.Run(fmt.Sprint(kinds), func(t *testing.T) {
			all, total, err := st.Activities(ctx, store.ActivityQuery{AccountID: id, Kinds: kinds, AsOf: t0, Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			stored, storedTotal, err := st.Activities(ctx, store.ActivityQuery{AccountID: id, Kinds: kinds, Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			var notices []string
			for _, a := range all {
				if a.ID < 0 {
					notices = append(notices, a.ExternalID)
				}
			}
			wantNotices := []string{"in_due4", "in_due9", "in_due30"}
			if slices.Equal(kinds, []domain.ActivityKind{domain.ActivityCall}) {
				wantNotices = nil
			}
			if !slices.Equal(notices, wantNotices) || total != storedTotal+len(wantNotices) || len(all) != total {
				t.Fatalf("notices %v (want %v), total %d, stored %d, listed %d", notices, wantNotices, total, storedTotal, len(all))
			}
			// Newest first; at equal times the notice comes first; the stored
			// events keep their own order.
			for i := 1; i < len(all); i++ {
				a, b := all[i-1], all[i]
				if a.OccurredAt.Before(b.OccurredAt) || a.OccurredAt.Equal(b.OccurredAt) && a.ID > 0 && b.ID < 0 {
					t.Fatalf("out of order at %d: %s %v then %s %v", i, a.Title, a.OccurredAt, b.Title, b.OccurredAt)
				}
			}
			if got := slices.DeleteFunc(slices.Clone(all), func(a domain.Activity) bool { return a.ID < 0 }); !slices.EqualFunc(got, stored,
				func(a, b domain.Activity) bool { return a.ID == b.ID }) {
				t.Fatal("the stored events changed order or went missing")
			}
			for limit := 1; limit <= 5; limit++ {
				for off := 0; off <= total+1; off++ {
					page, n, err := st.Activities(ctx, store.ActivityQuery{AccountID: id, Kinds: kinds, AsOf: t0, Offset: off, Limit: limit})
					if err != nil {
						t.Fatal(err)
					}
					want := all[min(off, total):min(off+limit, total)]
					if n != total || !slices.EqualFunc(page, want, func(a, b domain.Activity) bool { return a.ID == b.ID }) {
						t.Fatalf("offset %d limit %d: %d of %d events, want %d", off, limit, len(page), n, len(want))
					}
				}
			}
		})
	}

	all, _, err := st.Activities(ctx, store.ActivityQuery{AccountID: id, AsOf: t0, Kinds: []domain.ActivityKind{domain.ActivityPayment}})
	if err != nil {
		t.Fatal(err)
	}
	var due9 domain.Activity
	for _, a := range all {
		if a.ExternalID == "in_due9" {
			due9 = a
		}
	}
	if due9.Title != "Invoice in_due9 is overdue" || due9.Body != "$75.00 was due on Nov 16, 2026 and is unpaid." ||
		!due9.OccurredAt.Equal(t0.AddDate(0, 0, -9).Add(time.Hour)) || due9.Kind != domain.ActivityPayment || due9.Source != domain.SourceStripe {
		t.Fatalf("notice = %+v", due9)
	}

	counts, err := st.ActivityCounts(ctx, id, t0)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := st.ActivityCounts(ctx, id, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if counts[domain.ActivityPayment] != plain[domain.ActivityPayment]+3 || counts[domain.ActivityCall] != plain[domain.ActivityCall] {
		t.Fatalf("counts %v, without notices %v", counts, plain)
	}
	// A day later the invoice due in an hour is overdue too.
	later, _, err := st.Activities(ctx, store.ActivityQuery{AccountID: id, AsOf: t0.AddDate(0, 0, 1), Kinds: []domain.ActivityKind{domain.ActivityPayment}})
	if err != nil {
		t.Fatal(err)
	}
	if later[0].ExternalID != "in_later" || later[0].ID >= 0 {
		t.Fatalf("newest payment a day later = %+v", later[0])
	}
}

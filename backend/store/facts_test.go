package store_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

func TestScanFactsMergesByAccount(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	err := st.Write(ctx, func(tx *store.Tx) error {
		for i, d := range []string{"a.com", "b.com", "c.com"} {
			a := domain.Account{Domain: d, Name: d, CreatedAt: t0}
			if err := tx.InsertAccount(ctx, &a); err != nil {
				return err
			}
			// b.com gets nothing; a.com and c.com get usage, signals, invoices.
			if i == 1 {
				continue
			}
			for w := 0; w < 3; w++ {
				u := domain.UsageWeek{AccountID: a.ID, WeekStart: domain.WeekStart(t0).AddDate(0, 0, -7*w), ActiveUsers: 10 + w}
				if err := tx.ReplaceUsageWeek(ctx, u); err != nil {
					return err
				}
			}
			old := domain.UsageWeek{AccountID: a.ID, WeekStart: t0.AddDate(-1, 0, 0), ActiveUsers: 99}
			if err := tx.ReplaceUsageWeek(ctx, old); err != nil {
				return err
			}
			sig := domain.Activity{AccountID: a.ID, Source: domain.SourceBuildBetter, ExternalID: "sig-" + d,
				Kind: domain.ActivitySignal, Signal: domain.SignalComplaint, OccurredAt: t0.AddDate(0, 0, -2)}
			call := domain.Activity{AccountID: a.ID, Source: domain.SourceBuildBetter, ExternalID: "call-" + d,
				Kind: domain.ActivityCall, OccurredAt: t0.AddDate(0, 0, -1)}
			if err := tx.UpsertActivity(ctx, &sig); err != nil {
				return err
			}
			if err := tx.UpsertActivity(ctx, &call); err != nil {
				return err
			}
			paid := domain.Invoice{AccountID: a.ID, Source: domain.SourceStripe, ExternalID: "in-paid-" + d, Status: domain.InvoicePaid,
				AmountDue: domain.Money{AmountMinor: 100, Currency: "USD"}, IssuedAt: t0.AddDate(0, -1, 0), PaidAt: t0.AddDate(0, -1, 1)}
			open := domain.Invoice{AccountID: a.ID, Source: domain.SourceStripe, ExternalID: "in-open-" + d, Status: domain.InvoiceOpen,
				AmountDue: domain.Money{AmountMinor: 100, Currency: "USD"}, IssuedAt: t0.AddDate(-2, 0, 0)}
			for _, inv := range []*domain.Invoice{&paid, &open} {
				if err := tx.UpsertInvoice(ctx, inv); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	w := store.FactsWindow{AsOf: t0, UsageSince: t0.AddDate(0, 0, -91), SignalsSince: t0.AddDate(0, 0, -90), FailuresSince: t0.AddDate(0, 0, -30)}
	var got []string
	err = st.ScanFacts(ctx, w, func(f *domain.AccountFacts) error {
		got = append(got, f.Account.Domain)
		want := 3
		if f.Account.Domain == "b.com" {
			want = 0
		}
		if len(f.Usage) != want {
			t.Errorf("%s: %d usage weeks, want %d (the year-old week is outside the window)", f.Account.Domain, len(f.Usage), want)
		}
		if want > 0 {
			// The paid invoice cannot move a score, so only the unpaid one (two years old) is read; both count.
			if len(f.Signals) != 1 || f.Signals[0].Kind != domain.ActivitySignal || len(f.Invoices) != 1 ||
				f.Invoices[0].Status != domain.InvoiceOpen || !f.Invoiced {
				t.Errorf("%s: signals %d invoices %d, invoiced %t", f.Account.Domain, len(f.Signals), len(f.Invoices), f.Invoiced)
			}
			if len(f.Usage) > 0 && f.Usage[len(f.Usage)-1].ActiveUsers != 10 {
				t.Errorf("%s: newest week %+v", f.Account.Domain, f.Usage[len(f.Usage)-1])
			}
			if !f.LastActivityAt.Equal(t0.AddDate(0, 0, -1)) {
				t.Errorf("%s: last activity %v", f.Account.Domain, f.LastActivityAt)
			}
			if f.Usage[0].WeekStart.After(f.Usage[len(f.Usage)-1].WeekStart) {
				t.Errorf("usage not oldest first")
			}
		} else if len(f.Signals) != 0 || len(f.Invoices) != 0 || f.Invoiced || !f.LastActivityAt.IsZero() {
			t.Errorf("b.com picked up another account's rows: %+v", f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !eq(got, []string{"a.com", "b.com", "c.com"}) {
		t.Fatalf("order %v", got)
	}
}

// seedSignals writes one account with a signal of each kind, days old, its
// external id "<kind>-<days>".
func seedSignals(t *testing.T, st *store.Store, signals []struct {
	kind domain.SignalKind
	days int
}) {
	t.Helper()
	ctx := context.Background()
	err := st.Write(ctx, func(tx *store.Tx) error {
		a := domain.Account{Domain: "a.com", Name: "A", CreatedAt: t0}
		if err := tx.InsertAccount(ctx, &a); err != nil {
			return err
		}
		for _, s := range signals {
			act := domain.Activity{AccountID: a.ID, Source: domain.SourceBuildBetter, ExternalID: fmt.Sprintf("%s-%d", s.kind, s.days),
				Kind: domain.ActivitySignal, Signal: s.kind, OccurredAt: t0.AddDate(0, 0, -s.days)}
			if err := tx.UpsertActivity(ctx, &act); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// signalsRead returns the external ids of the signals ScanFacts reads in w,
// in the order it gives them.
func signalsRead(t *testing.T, st *store.Store, w store.FactsWindow) []string {
	t.Helper()
	var got []string
	if err := st.ScanFacts(context.Background(), w, func(f *domain.AccountFacts) error {
		for _, s := range f.Signals {
			got = append(got, s.ExternalID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

func TestScanFactsReadsOnlyTheAskedSignalKinds(t *testing.T) {
	st := mustOpen(t)
	seedSignals(t, st, []struct {
		kind domain.SignalKind
		days int
	}{{domain.SignalPraise, 1}, {domain.SignalComplaint, 2}, {domain.SignalFeatureRequest, 3}})
	w := store.FactsWindow{AsOf: t0, SignalsSince: t0.AddDate(0, 0, -90), SignalKinds: []domain.SignalKind{domain.SignalComplaint}}
	if got := signalsRead(t, st, w); !reflect.DeepEqual(got, []string{"complaint-2"}) {
		t.Fatalf("signals read: %v", got)
	}
}

// TestScanFactsStartsSomeKindsLater: with complaints read from 30 days
// back and NPS from 90, a 40-day-old complaint is left out and a 60-day-old
// NPS answer read.
func TestScanFactsStartsSomeKindsLater(t *testing.T) {
	st := mustOpen(t)
	seedSignals(t, st, []struct {
		kind domain.SignalKind
		days int
	}{{domain.SignalComplaint, 10}, {domain.SignalComplaint, 40}, {domain.SignalNPS, 60}, {domain.SignalNPS, 100}})
	w := store.FactsWindow{AsOf: t0, SignalsSince: t0.AddDate(0, 0, -90),
		SignalKinds: []domain.SignalKind{domain.SignalComplaint, domain.SignalNPS},
		KindSince:   map[domain.SignalKind]time.Time{domain.SignalComplaint: t0.AddDate(0, 0, -30)}}
	if got, want := signalsRead(t, st, w), []string{"nps-60", "complaint-10"}; !reflect.DeepEqual(got, want) { // oldest first
		t.Fatalf("signals read: %v, want %v", got, want)
	}
}

// TestScanFactsSaysWhoWasInvoiced: an account whose only invoices were
// paid long ago has none read but still counts as invoiced, and its last
// activity is its newest one, whatever order the activities were written.
func TestScanFactsSaysWhoWasInvoiced(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	err := st.Write(ctx, func(tx *store.Tx) error {
		for _, d := range []string{"billed.com", "never.com"} {
			a := domain.Account{Domain: d, Name: d, CreatedAt: t0}
			if err := tx.InsertAccount(ctx, &a); err != nil {
				return err
			}
			for _, days := range []int{20, 3, 50} {
				act := domain.Activity{AccountID: a.ID, Source: domain.SourceBuildBetter, ExternalID: fmt.Sprintf("%s-%d", d, days),
					Kind: domain.ActivityCall, OccurredAt: t0.AddDate(0, 0, -days)}
				if err := tx.UpsertActivity(ctx, &act); err != nil {
					return err
				}
			}
			if d != "billed.com" {
				continue
			}
			for m := 1; m <= 2; m++ {
				inv := domain.Invoice{AccountID: a.ID, Source: domain.SourceStripe, ExternalID: fmt.Sprintf("in-%d", m),
					Status: domain.InvoicePaid, AmountDue: domain.Money{AmountMinor: 100, Currency: "USD"},
					IssuedAt: t0.AddDate(0, -12*m, 0), PaidAt: t0.AddDate(0, -12*m, 1)}
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
	got := map[string]string{}
	w := store.FactsWindow{AsOf: t0, FailuresSince: t0.AddDate(0, 0, -30)}
	if err := st.ScanFacts(ctx, w, func(f *domain.AccountFacts) error {
		got[f.Account.Domain] = fmt.Sprintf("invoiced %t, %d read, last %s", f.Invoiced, len(f.Invoices),
			f.LastActivityAt.Format(time.DateOnly))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	last := t0.AddDate(0, 0, -3).Format(time.DateOnly)
	want := map[string]string{"billed.com": "invoiced true, 0 read, last " + last, "never.com": "invoiced false, 0 read, last " + last}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("facts: %v, want %v", got, want)
	}
}

// TestScanFactsRangeReadsItsOwnInvoices scans account-id ranges, as the
// recompute's readers do, and checks that each range gets exactly its
// accounts and, of their invoices, the three kinds that can move a score:
// unpaid, failed lately and paid after the moment scored.
func TestScanFactsRangeReadsItsOwnInvoices(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	usd := domain.Money{AmountMinor: 100, Currency: "USD"}
	var ids []int64
	err := st.Write(ctx, func(tx *store.Tx) error {
		for _, d := range []string{"a.com", "b.com", "c.com", "d.com"} {
			a := domain.Account{Domain: d, Name: d, CreatedAt: t0}
			if err := tx.InsertAccount(ctx, &a); err != nil {
				return err
			}
			ids = append(ids, a.ID)
			for _, inv := range []domain.Invoice{
				{ExternalID: "open", Status: domain.InvoiceOpen, IssuedAt: t0.AddDate(0, -3, 0)},
				{ExternalID: "failed-lately", Status: domain.InvoicePaid, IssuedAt: t0.AddDate(0, -2, 0),
					LastFailureAt: t0.AddDate(0, 0, -5), PaidAt: t0.AddDate(0, 0, -4)},
				{ExternalID: "paid-later", Status: domain.InvoicePaid, IssuedAt: t0.AddDate(0, -1, 0), PaidAt: t0.AddDate(0, 0, 3)},
				{ExternalID: "settled", Status: domain.InvoicePaid, IssuedAt: t0.AddDate(0, -4, 0),
					LastFailureAt: t0.AddDate(0, -4, 1), PaidAt: t0.AddDate(0, -4, 2)},
			} {
				inv.AccountID, inv.Source, inv.AmountDue = a.ID, domain.SourceStripe, usd
				inv.ExternalID = d + "-" + inv.ExternalID
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
	w := store.FactsWindow{AsOf: t0, UsageSince: t0.AddDate(0, 0, -91), SignalsSince: t0.AddDate(0, 0, -90), FailuresSince: t0.AddDate(0, 0, -30)}
	scan := func(from, to int64) map[string][]string {
		t.Helper()
		w.FromID, w.ToID = from, to
		got := map[string][]string{}
		err := st.ScanFacts(ctx, w, func(f *domain.AccountFacts) error {
			got[f.Account.Domain] = []string{}
			for _, inv := range f.Invoices {
				got[f.Account.Domain] = append(got[f.Account.Domain], inv.ExternalID)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	read := func(d string) []string { return []string{d + "-paid-later", d + "-failed-lately", d + "-open"} } // newest first
	if got := scan(ids[1], ids[3]); !reflect.DeepEqual(got, map[string][]string{"b.com": read("b.com"), "c.com": read("c.com")}) {
		t.Fatalf("range [b, d): %v", got)
	}
	if got := scan(ids[3], 0); !reflect.DeepEqual(got, map[string][]string{"d.com": read("d.com")}) {
		t.Fatalf("range [d, end): %v", got)
	}
	if got := scan(0, ids[0]); len(got) != 0 {
		t.Fatalf("range before a: %v", got)
	}
}

package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"successdesk/backend/convert"
	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// convertBook is a small book with one of each case ConvertFacts tells apart.
type convertBook struct {
	hooli, tran, routedOnly, elsewhere, routedTrial domain.Account
	trial, draft, pending, routedRec                domain.RevenueSource
}

var convertWindow = store.ConvertWindow{UsageSince: domain.WeekStart(t0).AddDate(0, 0, -7*7),
	ActivitySince: t0.Truncate(24*time.Hour).AddDate(0, 0, -13), ActivityUntil: t0.Truncate(24*time.Hour).AddDate(0, 0, 1)}

func seedConvertBook(t *testing.T, st *store.Store) convertBook {
	t.Helper()
	ctx := context.Background()
	var b convertBook
	wk := domain.WeekStart(t0)
	rev := func(tx *store.Tx, a domain.Account, src domain.Source, ext string, status domain.RevenueStatus, trialEnd time.Time) (domain.RevenueSource, error) {
		r := domain.RevenueSource{AccountID: a.ID, Source: src, ExternalID: ext, Product: "Pro " + ext, Status: status,
			Interval: domain.IntervalMonthly, Amount: domain.Money{AmountMinor: 40_000, Currency: "EUR"}, MRRMinor: 40_000,
			ARRMinor: 480_000, Seats: 12, TermStart: t0.AddDate(0, 0, -10), TrialEnd: trialEnd}
		return r, tx.UpsertRevenueSource(ctx, &r)
	}
	act := func(tx *store.Tx, a domain.Account, ext string, kind domain.ActivityKind, sig domain.SignalKind, at time.Time, score *int) error {
		x := domain.Activity{AccountID: a.ID, Source: domain.SourceBuildBetter, ExternalID: ext, Kind: kind, Signal: sig, OccurredAt: at, Score: score}
		return tx.UpsertActivity(ctx, &x)
	}
	nine, three := 9, 3
	err := st.Write(ctx, func(tx *store.Tx) error {
		b.hooli = domain.Account{Domain: "hooli.com", Name: "Hooli", PrimaryEmail: "gavin@hooli.com", CreatedAt: t0}
		b.tran = domain.Account{Name: "Tran Family Bakery", PrimaryEmail: "jenny@gmail.com", CreatedAt: t0}
		b.routedOnly = domain.Account{Domain: "raviga.com", Name: "Raviga", CreatedAt: t0}
		b.elsewhere = domain.Account{Domain: "initech.com", Name: "Initech", CreatedAt: t0}
		b.routedTrial = domain.Account{Domain: "bachmanity.com", Name: "Bachmanity", CreatedAt: t0}
		for _, a := range []*domain.Account{&b.hooli, &b.tran, &b.routedOnly, &b.elsewhere, &b.routedTrial} {
			if err := tx.InsertAccount(ctx, a); err != nil {
				return err
			}
		}
		var err error
		if b.trial, err = rev(tx, b.hooli, domain.SourceStripe, "sub_trial", domain.StatusTrialing, t0.AddDate(0, 0, 4)); err != nil {
			return err
		}
		if _, err = rev(tx, b.hooli, domain.SourceSalesbricks, "sb_active", domain.StatusActive, time.Time{}); err != nil {
			return err
		}
		if b.draft, err = rev(tx, b.tran, domain.SourceSalesbricks, "sb_draft", domain.StatusDraft, time.Time{}); err != nil {
			return err
		}
		if b.pending, err = rev(tx, b.tran, domain.SourceSalesbricks, "sb_pending", domain.StatusPending, time.Time{}); err != nil {
			return err
		}
		if _, err = rev(tx, b.routedOnly, domain.SourceStripe, "sub_gone", domain.StatusCanceled, time.Time{}); err != nil {
			return err
		}
		if _, err = rev(tx, b.elsewhere, domain.SourceStripe, "sub_paid", domain.StatusPastDue, time.Time{}); err != nil {
			return err
		}
		if b.routedRec, err = rev(tx, b.routedTrial, domain.SourceStripe, "sub_routed", domain.StatusTrialing, t0.AddDate(0, 0, 9)); err != nil {
			return err
		}
		for i, n := range []int{1, 2, 3, 4} { // the first week is before the window
			if err := tx.ReplaceUsageWeek(ctx, domain.UsageWeek{AccountID: b.hooli.ID, WeekStart: wk.AddDate(0, 0, -7*(10-3*i)), ActiveUsers: n}); err != nil {
				return err
			}
		}
		if err := tx.ReplaceUsageWeek(ctx, domain.UsageWeek{AccountID: b.routedOnly.ID, WeekStart: wk, ActiveUsers: 6}); err != nil {
			return err
		}
		if err := tx.ReplaceUsageWeek(ctx, domain.UsageWeek{AccountID: b.elsewhere.ID, WeekStart: wk, ActiveUsers: 9}); err != nil {
			return err
		}
		in, old, future := t0.AddDate(0, 0, -3), t0.AddDate(0, 0, -20), t0.AddDate(0, 0, 2)
		for _, x := range []struct {
			ext   string
			kind  domain.ActivityKind
			sig   domain.SignalKind
			at    time.Time
			score *int
		}{
			{"call1", domain.ActivityCall, "", in, nil}, {"call2", domain.ActivityCall, "", in, nil},
			{"call_old", domain.ActivityCall, "", old, nil}, {"mail1", domain.ActivityEmail, "", in, nil},
			{"complaint", domain.ActivitySignal, domain.SignalComplaint, in, nil},
			{"escalation_future", domain.ActivitySignal, domain.SignalEscalation, future, nil},
			{"praise", domain.ActivitySignal, domain.SignalPraise, in, nil},
			{"request", domain.ActivitySignal, domain.SignalFeatureRequest, in, nil},
			{"nps9", domain.ActivitySignal, domain.SignalNPS, in, &nine}, {"nps3", domain.ActivitySignal, domain.SignalNPS, in, &three},
			{"payment", domain.ActivityPayment, "", in, nil},
		} {
			if err := act(tx, b.hooli, x.ext, x.kind, x.sig, x.at, x.score); err != nil {
				return err
			}
		}
		if err := act(tx, b.elsewhere, "other_call", domain.ActivityCall, "", in, nil); err != nil {
			return err
		}
		for _, r := range []domain.Route{
			{AccountID: b.routedOnly.ID, From: domain.SectionHealth, To: domain.SectionConvert, Reason: "Asked for a trial", CreatedAt: t0},
			{AccountID: b.routedTrial.ID, From: domain.SectionPipeline, To: domain.SectionConvert, CreatedAt: t0},
			{AccountID: b.elsewhere.ID, From: domain.SectionHealth, To: domain.SectionPipeline, CreatedAt: t0},
		} {
			if err := tx.InsertRoute(ctx, &r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestConvertFactsReadsEveryCandidateOnce(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	b := seedConvertBook(t, st)
	facts, err := st.ConvertFacts(ctx, convertWindow)
	if err != nil {
		t.Fatal(err)
	}
	wk := domain.WeekStart(t0)
	week := func(a domain.Account, back, n int) domain.UsageWeek {
		return domain.UsageWeek{AccountID: a.ID, WeekStart: wk.AddDate(0, 0, -7*back), ActiveUsers: n}
	}
	acct := func(a domain.Account) domain.Account {
		return domain.Account{ID: a.ID, Name: a.Name, Domain: a.Domain, PrimaryEmail: a.PrimaryEmail}
	}
	want := []convert.Facts{
		{Record: b.trial, Account: acct(b.hooli), Usage: []domain.UsageWeek{week(b.hooli, 7, 2), week(b.hooli, 4, 3), week(b.hooli, 1, 4)},
			Activity: convert.Activity{Calls: 2, Emails: 1, Positive: 3, Complaints: 1, Detractors: 1}, Paying: true},
		{Record: b.draft, Account: acct(b.tran)},
		{Record: b.pending, Account: acct(b.tran)},
		{Record: domain.RevenueSource{AccountID: b.routedOnly.ID}, Account: acct(b.routedOnly),
			Usage: []domain.UsageWeek{week(b.routedOnly, 0, 6)}},
		{Record: b.routedRec, Account: acct(b.routedTrial)},
	}
	if len(facts) != len(want) {
		t.Fatalf("%d facts, want %d: %+v", len(facts), len(want), facts)
	}
	for i := range want {
		got := facts[i]
		if (got.Route != nil) != (i >= 3) {
			t.Errorf("fact %d: route %+v", i, got.Route)
		}
		if got.Route != nil && (got.Route.To != domain.SectionConvert || got.Route.AccountID != got.Account.ID) {
			t.Errorf("fact %d: route %+v is not this account's route into Convert", i, *got.Route)
		}
		if i == 3 && (got.Route.From != domain.SectionHealth || got.Route.Reason != "Asked for a trial") {
			t.Errorf("routed-only fact: route %+v", *got.Route)
		}
		got.Route = nil
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("fact %d:\n got %+v\nwant %+v", i, got, want[i])
		}
	}
}

func TestConvertFactsOfAnEmptyBook(t *testing.T) {
	facts, err := mustOpen(t).ConvertFacts(context.Background(), convertWindow)
	if err != nil || len(facts) != 0 {
		t.Fatalf("%+v, %v", facts, err)
	}
}

func TestConvertDetail(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	b := seedConvertBook(t, st)
	c := domain.Contact{AccountID: b.hooli.ID, Name: "Gavin Belson", Email: "gavin@hooli.com", Title: "CEO"}
	if err := st.Write(ctx, func(tx *store.Tx) error { return tx.InsertContact(ctx, &c, domain.SourceHubSpot, "c1") }); err != nil {
		t.Fatal(err)
	}
	d, err := st.ConvertDetail(ctx, b.trial.ID, 0, domain.WeekStart(t0).AddDate(0, 0, -7*4))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d.Record, b.trial) || len(d.Contacts) != 1 || d.Contacts[0] != c {
		t.Fatalf("detail %+v", d)
	}
	if len(d.Usage) != 2 || d.Usage[0].ActiveUsers != 3 || d.Usage[1].ActiveUsers != 4 {
		t.Fatalf("usage since four weeks ago: %+v", d.Usage)
	}
	d, err = st.ConvertDetail(ctx, 0, b.routedOnly.ID, time.Time{})
	if err != nil || d.Record.ID != 0 || len(d.Usage) != 1 || len(d.Contacts) != 0 {
		t.Fatalf("record-less detail %+v, %v", d, err)
	}
	if _, err := st.ConvertDetail(ctx, 99999, 0, time.Time{}); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("missing record: %v", err)
	}
}

package app_test

import (
	"context"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/secrets"
	"successdesk/backend/syncer"
)

func TestIdentityServiceMatchesRecordsInTheLiveBook(t *testing.T) {
	ctx := context.Background()
	d, rec := openDesk(t, t.TempDir(), app.ModeDemo, secrets.NewMemory(), nil)
	defer d.Close()
	ids := app.NewIdentityService(d)

	// The demo book has no source records and refuses changes.
	if l, err := ids.NeedsMatching(app.NeedsMatchingRequest{}); err != nil || len(l.Records) != 0 {
		t.Fatalf("demo needs matching = %+v, %v", l, err)
	}
	if _, err := ids.Merge(app.MergeRequest{KeepID: 1, DropID: 2}); domain.ErrorCode(err) != domain.EInvalid {
		t.Fatalf("a merge in the demo book: %v", err)
	}

	sink := syncer.NewStoreSink(d.Live().Store, func() time.Time { return now })
	rev := func(key string) connector.RevenueRecord {
		return connector.RevenueRecord{AccountKey: key, RevenueSource: domain.RevenueSource{ExternalID: "sub_" + key, Product: "Pro",
			Status: domain.StatusActive, Interval: domain.IntervalMonthly, Amount: domain.Money{AmountMinor: 5000, Currency: "USD"},
			MRRMinor: 5000, ARRMinor: 60000, TermStart: now.AddDate(0, -2, 0)}}
	}
	if _, err := sink.Commit(ctx, domain.SourceStripe, connector.Page{Done: true,
		Accounts: []connector.AccountRecord{{Key: "cus_acme", Domain: "acme.io", Name: "Acme"},
			{Key: "cus_jane", Name: "Jane Doe", PrimaryEmail: "jane@gmail.com"}},
		Revenue: []connector.RevenueRecord{rev("cus_acme"), rev("cus_jane")}}); err != nil {
		t.Fatal(err)
	}
	if err := d.SetMode(ctx, app.ModeLive); err != nil {
		t.Fatal(err)
	}
	l, err := ids.NeedsMatching(app.NeedsMatchingRequest{})
	if err != nil || len(l.Records) != 1 || l.Records[0].Key != "cus_jane" || l.Records[0].Revenue != 1 ||
		l.Records[0].SourceLabel != "Stripe" || l.Records[0].Email != "jane@gmail.com" {
		t.Fatalf("needs matching = %+v, %v", l, err)
	}
	found, err := ids.FindAccounts(app.FindAccountsRequest{Query: "acm"})
	if err != nil || len(found.Accounts) != 1 || found.Accounts[0].Domain != "acme.io" {
		t.Fatalf("find accounts = %+v, %v", found, err)
	}
	acme := found.Accounts[0].ID

	before := len(rec.names)
	res, err := ids.Attach(app.AttachRequest{Source: "stripe", Key: "cus_jane", AccountID: acme})
	if err != nil || res.AccountID != acme || len(res.NeedsMatching) != 0 {
		t.Fatalf("attach = %+v, %v", res, err)
	}
	if len(rec.names) == before || rec.names[len(rec.names)-1] != app.EventDataChanged {
		t.Errorf("no data:changed after the attach: %v", rec.names[before:])
	}
	// Health shows one account carrying both subscriptions.
	list, err := app.NewHealthService(d).List(app.HealthListRequest{Limit: 10})
	if err != nil || list.Total != 1 || list.Rows[0].ARR.AmountMinor != 120000 {
		t.Fatalf("health after the attach: total %d rows %+v, %v", list.Total, list.Rows, err)
	}
	recs, err := ids.AccountRecords(app.AccountRecordsRequest{AccountID: acme})
	if err != nil || len(recs.Records) != 2 || !recs.Records[1].ByPerson || recs.Records[1].Key != "cus_jane" {
		t.Fatalf("account records = %+v, %v", recs, err)
	}

	split, err := ids.Split(app.SplitRequest{Source: "stripe", Key: "cus_jane"})
	if err != nil || split.AccountID == 0 || split.AccountID == acme {
		t.Fatalf("split = %+v, %v", split, err)
	}
	if list, _ := app.NewHealthService(d).List(app.HealthListRequest{Limit: 10}); list.Total != 2 {
		t.Fatalf("after the split Health lists %d accounts, want 2", list.Total)
	}
	if _, err := ids.Attach(app.AttachRequest{Source: "nosuch", Key: "x", AccountID: acme}); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("an unknown source: %v", err)
	}
	if _, err := ids.Merge(app.MergeRequest{KeepID: acme, DropID: acme}); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("a merge into itself: %v", err)
	}
	if _, err := ids.Merge(app.MergeRequest{KeepID: acme, DropID: split.AccountID}); err != nil {
		t.Fatal(err)
	}
	if list, _ := app.NewHealthService(d).List(app.HealthListRequest{Limit: 10}); list.Total != 1 {
		t.Fatalf("after the merge Health lists %d accounts, want 1", list.Total)
	}
}

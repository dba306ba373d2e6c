package syncer_test

import (
	"context"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/syncer"
)

func TestSinkWritesDealsAndEnrichmentsOnTheirAccounts(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	sink := syncer.NewStoreSink(s, func() time.Time { return t0 })
	page := connector.Page{Done: true,
		Accounts: []connector.AccountRecord{{Key: "co_1", Domain: "acme.io", Name: "Acme"}},
		Deals: []connector.DealRecord{
			{AccountKey: "co_1", Deal: domain.Deal{ExternalID: "ord_1", Name: "Acme expansion", Stage: "Proposal",
				Status: domain.DealOpen, Value: domain.Money{AmountMinor: 500000, Currency: "USD"}}},
			{AccountKey: "co_1", Deal: domain.Deal{ExternalID: "ord_2", Name: "Acme 2025", Status: domain.DealLost,
				LostAt: t0.AddDate(0, -2, 0), LostReason: "Budget"}},
			{AccountKey: "co_unknown", Deal: domain.Deal{ExternalID: "ord_3", Name: "Nobody's", Status: domain.DealOpen}},
		},
		Enrichments: []connector.EnrichmentRecord{{AccountKey: "co_1", Enrichment: domain.Enrichment{
			Industry: "Software", Employees: 120, Location: "Berlin, DE", Custom: map[string]string{"tier": "Gold"}}}},
	}
	res, err := sink.Commit(ctx, domain.SourceHubSpot, page)
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 4 || res.Skipped != 1 {
		t.Fatalf("commit = %+v, want 4 written (account, 2 deals, enrichment) and the unknown account's deal skipped", res)
	}
	id := accountOf(t, s, domain.SourceHubSpot, "co_1")
	deals, err := s.Deals(ctx, id)
	if err != nil || len(deals) != 2 {
		t.Fatalf("deals = %+v, %v", deals, err)
	}
	for _, d := range deals {
		if d.Source != domain.SourceHubSpot || d.CreatedAt.IsZero() {
			t.Errorf("deal %s: source %q, created %v", d.ExternalID, d.Source, d.CreatedAt)
		}
		if d.ExternalID == "ord_2" && (d.Status != domain.DealLost || d.LostReason != "Budget") {
			t.Errorf("lost deal = %+v", d)
		}
	}
	// A second pass replaces what the source said before.
	page.Enrichments[0].Industry = "Fintech"
	if _, err := sink.Commit(ctx, domain.SourceHubSpot, page); err != nil {
		t.Fatal(err)
	}
	enr, err := s.Enrichments(ctx, id)
	if err != nil || len(enr) != 1 || enr[0].Industry != "Fintech" || enr[0].Custom["tier"] != "Gold" || enr[0].Employees != 120 {
		t.Fatalf("enrichments = %+v, %v", enr, err)
	}
	if deals, _ := s.Deals(ctx, id); len(deals) != 2 {
		t.Fatalf("a second pass left %d deals, want the same 2", len(deals))
	}
}

func TestMatchOnlyRecordsJoinAccountsAndNeverCreateThem(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	commitAccounts(t, s, []idRec{st("cus_1", "acme.io", "Acme")})
	sink := syncer.NewStoreSink(s, func() time.Time { return t0 })
	enrich := func(key string) connector.EnrichmentRecord {
		return connector.EnrichmentRecord{AccountKey: key, Enrichment: domain.Enrichment{Industry: "Software"}}
	}
	res, err := sink.Commit(ctx, domain.SourceHubSpot, connector.Page{Done: true,
		Accounts: []connector.AccountRecord{{Key: "101", Domain: "acme.io", Name: "Acme", MatchOnly: true},
			{Key: "102", Domain: "prospect.example", Name: "A prospect", MatchOnly: true}},
		Enrichments: []connector.EnrichmentRecord{enrich("101"), enrich("102")}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 2 || res.Skipped != 2 {
		t.Fatalf("commit = %+v: want the match and its enrichment written, the prospect and its enrichment skipped", res)
	}
	var accounts, links int
	if err := s.DB().QueryRow(`SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM sync_account_keys WHERE source = 'hubspot')`).
		Scan(&accounts, &links); err != nil || accounts != 1 || links != 1 {
		t.Fatalf("%d accounts and %d HubSpot links (%v): want 1 and 1", accounts, links, err)
	}
	if enr, _ := s.Enrichments(ctx, accountOf(t, s, domain.SourceStripe, "cus_1")); len(enr) != 1 {
		t.Fatalf("Acme's enrichment = %+v", enr)
	}
}

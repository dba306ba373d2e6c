package salesbricks

import (
	"context"
	"strings"
	"testing"

	"successdesk/backend/connector/salesbricks/sbfake"
	"successdesk/backend/domain"
)

// dealRequests counts the GraphQL requests among reqs.
func dealRequests(reqs []string) int {
	n := 0
	for _, r := range reqs {
		if strings.HasPrefix(r, "POST /api/v1/graphql") {
			n++
		}
	}
	return n
}

// checkDeals compares FetchDeals' result with the truth. Reasons and
// currencies that travel only in fields the schema lacks are expected
// absent (plain).
func checkDeals(t *testing.T, got []Deal, want sbfake.Truth, plain bool) {
	t.Helper()
	if len(got) != len(want.Deals) {
		t.Errorf("%d deals, truth has %d", len(got), len(want.Deals))
	}
	statuses := map[domain.DealStatus]int{}
	for _, d := range got {
		w, ok := want.Deals[d.ExternalID]
		reason := w.LostReason
		if plain && w.ReasonInField {
			reason = ""
		}
		if !ok || d.AccountKey != w.Customer || d.Name != w.Name || d.Status != w.Status ||
			d.AmountMinor != w.AmountMinor || d.Currency != w.Currency || d.LostReason != reason ||
			!d.ClosedAt.Equal(w.ClosedAt) || !d.UpdatedAt.Equal(w.UpdatedAt) || d.Stage == "" {
			t.Errorf("deal %s:\n got %+v\nwant %+v (reason %q)", d.ExternalID, d, w, reason)
		}
		statuses[d.Status]++
	}
	if statuses[domain.DealOpen] == 0 || statuses[domain.DealLost] == 0 || statuses[domain.DealWon] == 0 {
		t.Errorf("statuses %v; the book has open, won and lost orders", statuses)
	}
}

func TestFetchDeals(t *testing.T) {
	f := newFixture(t, sbfake.Options{Subscriptions: 300, Seed: 5})
	deals, err := f.conn.FetchDeals(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := f.fake.Truth()
	checkDeals(t, deals, want, false)
	pages := (len(want.Deals) + DealsPageSize - 1) / DealsPageSize
	if len(want.Deals) < 2*DealsPageSize {
		t.Fatalf("%d deals; the test wants several pages", len(want.Deals))
	}
	if n := dealRequests(f.fake.Requests()); n != pages && n != pages+1 {
		t.Errorf("%d GraphQL requests for %d deals", n, len(want.Deals))
	}
	reasons := 0
	for _, d := range deals {
		if d.Status == domain.DealLost && d.LostReason != "" {
			reasons++
		}
		if d.Status == domain.DealOpen && (!d.ClosedAt.IsZero() || d.LostReason != "") {
			t.Errorf("open deal with a close: %+v", d)
		}
	}
	if reasons == 0 {
		t.Error("no lost reason read")
	}
}

// A schema without the undocumented fields: the connector falls back to
// the documented ones once and remembers it; reasons kept in metadata and
// currencies still arrive.
func TestFetchDealsPlainSchema(t *testing.T) {
	f := newFixture(t, sbfake.Options{Subscriptions: 60, Seed: 5, PlainGraphQL: true})
	deals, err := f.conn.FetchDeals(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checkDeals(t, deals, f.fake.Truth(), true)
	first := dealRequests(f.fake.Requests())
	if _, err := f.conn.FetchDeals(context.Background()); err != nil {
		t.Fatal(err)
	}
	if again := dealRequests(f.fake.Requests()) - first; again != first-1 {
		t.Errorf("second call sent %d requests, first %d: the working query is not remembered", again, first)
	}
}

// A schema whose companyOrders has no offset: one request of
// UnpagedDealsLimit.
func TestFetchDealsWithoutOffset(t *testing.T) {
	f := newFixture(t, sbfake.Options{Subscriptions: 200, Seed: 5, NoOffset: true, PlainGraphQL: true})
	deals, err := f.conn.FetchDeals(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checkDeals(t, deals, f.fake.Truth(), true)
	if n := dealRequests(f.fake.Requests()); n > 4 {
		t.Errorf("%d GraphQL requests", n)
	}
}

func TestFetchDealsErrors(t *testing.T) {
	f := newFixture(t, sbfake.Options{Subscriptions: 10})
	f.fake.Inject(sbfake.Fault{Kind: sbfake.FaultStatus, Status: 503, Path: "/graphql", Times: -1})
	if _, err := f.conn.FetchDeals(context.Background()); domain.ErrorCode(err) != domain.EUnavailable {
		t.Errorf("503: %v", err)
	}
	f.fake.ClearFaults()
	f.fake.Inject(sbfake.Fault{Kind: sbfake.FaultMalformed, Path: "/graphql"})
	if _, err := f.conn.FetchDeals(context.Background()); domain.ErrorCode(err) != domain.EUnavailable {
		t.Errorf("malformed: %v", err)
	}
	wrong := f.connect("sb-" + "wrong-not-a-real-key-99")
	if _, err := wrong.FetchDeals(context.Background()); domain.ErrorCode(err) != domain.EUnauthorized {
		t.Errorf("wrong key: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.conn.FetchDeals(ctx); err != context.Canceled {
		t.Errorf("canceled: %v", err)
	}
}

func TestDealStatusOf(t *testing.T) {
	for stage, want := range map[string]domain.DealStatus{
		"BUILDING": domain.DealOpen, "building_upgrade": domain.DealOpen, "AWAITING_COUNTERSIGN": domain.DealOpen,
		"": domain.DealOpen, "CLOSED": domain.DealWon, "closed won": domain.DealWon, "COMPLETE": domain.DealWon,
		"CLOSED_LOST": domain.DealLost, "closed-lost": domain.DealLost, "Lost": domain.DealLost,
	} {
		if got := DealStatusOf(stage); got != want {
			t.Errorf("DealStatusOf(%q) = %s, want %s", stage, got, want)
		}
	}
}

func TestMapDealOptionalFields(t *testing.T) {
	cases := []struct {
		name, js, reason, currency string
		ok                         bool
	}{
		{"reason in field", `{"id":"o1","stage":"CLOSED_LOST","lostReason":"Budget","currency":"gbp","grandTotal":10}`, "Budget", "GBP", true},
		{"reason in metadata string", `{"id":"o1","stage":"CLOSED_LOST","metadata":"{\"closed_lost_reason\":\"Timing\",\"currency\":\"EUR\"}"}`, "Timing", "EUR", true},
		{"reason in metadata object", `{"id":"o1","stage":"CLOSED_LOST","metadata":{"lost_reason":"Price"}}`, "Price", "USD", true},
		{"no reason anywhere", `{"id":"o1","stage":"CLOSED_LOST","metadata":"not json"}`, "", "USD", true},
		{"open keeps no reason", `{"id":"o1","stage":"BUILDING","lostReason":"x","closedAt":"2026-01-02T03:04:05Z"}`, "", "USD", true},
		{"amount names its currency", `{"id":"o1","stage":"BUILDING","grandTotal":"€1,200.00"}`, "", "EUR", true},
		{"deleted", `{"id":"o1","stage":"CLOSED_DELETED"}`, "", "", false},
		{"no id", `{"stage":"BUILDING"}`, "", "", false},
	}
	for _, tc := range cases {
		d, ok := mapDeal(decodeDeal(t, tc.js))
		if ok != tc.ok || ok && (d.LostReason != tc.reason || d.Currency != tc.currency) {
			t.Errorf("%s: %+v ok=%v; want reason %q currency %q ok=%v", tc.name, d, ok, tc.reason, tc.currency, tc.ok)
		}
		if ok && d.Status == domain.DealOpen && !d.ClosedAt.IsZero() {
			t.Errorf("%s: open deal with ClosedAt", tc.name)
		}
	}
	d, _ := mapDeal(decodeDeal(t, `{"id":"o9","stage":"CLOSED_LOST","closedAt":"2026-03-01T10:00:00Z","grandTotal":"1,200.5",`+
		`"buyer":{"id":"c1","name":"Acme"},"orderskuSet":[{"quantity":1,"sku":{"name":"Pro"}},{"quantity":4,"sku":{"name":"Seats"}}]}`))
	dd := d.DomainDeal()
	if d.Name != "Acme — Pro + Seats" || d.Stage != "Closed lost" || d.AmountMinor != 120050 ||
		dd.Source != domain.SourceSalesbricks || !dd.LostAt.Equal(d.ClosedAt) || dd.Value.AmountMinor != 120050 {
		t.Errorf("deal %+v / %+v", d, dd)
	}
}

// The pass reads deals after the customers. A missing or unusable GraphQL
// API ends the pass without deals (contracts still sweep); a failing one
// fails the page, which resumes at the deals.
func TestPassDealsPhase(t *testing.T) {
	f := newFixture(t, sbfake.Options{Subscriptions: 20, Seed: 8}, WithPageSize(50))
	missing := f.connect(sbfake.DefaultKey, WithPageSize(50), WithGraphQLURL(f.srv.URL+"/api/v1/missing"))
	pages := drain(t, missing)
	last := pages[len(pages)-1]
	if !last.Done || !last.EndsFullPass || len(collect(t, pages).deals) != 0 {
		t.Errorf("without GraphQL: last page %+v", last)
	}
	plainFake := newFixture(t, sbfake.Options{Subscriptions: 20, Seed: 8, PlainGraphQL: true, NoOffset: true},
		WithPageSize(50))
	if s := collect(t, drain(t, plainFake.conn)); len(s.deals) != len(plainFake.fake.Truth().Deals) {
		t.Errorf("plain schema: %d deals, want %d", len(s.deals), len(plainFake.fake.Truth().Deals))
	}
	first, err := f.conn.Fetch(context.Background(), "")
	if err != nil || !strings.HasPrefix(first.Next, "deals:0;") {
		t.Fatalf("first page Next %q, %v", first.Next, err)
	}
	f.fake.Inject(sbfake.Fault{Kind: sbfake.FaultStatus, Status: 502, Path: "/graphql", Times: -1})
	if _, err := f.conn.Fetch(context.Background(), first.Next); domain.ErrorCode(err) != domain.EUnavailable {
		t.Errorf("failing GraphQL: %v", err)
	}
	f.fake.ClearFaults()
	p, err := f.conn.Fetch(context.Background(), first.Next)
	if err != nil || len(p.Deals) == 0 || !p.Done || !p.EndsFullPass || p.StartsFullPass {
		t.Errorf("deals page: %d deals, done=%v end=%v, %v", len(p.Deals), p.Done, p.EndsFullPass, err)
	}
}

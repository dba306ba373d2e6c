package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/appdirs"
	"successdesk/backend/connector/buildbetter/bbfake"
	"successdesk/backend/connector/hubspot/hsfake"
	"successdesk/backend/connector/posthog/phfake"
	"successdesk/backend/connector/salesbricks/sbfake"
	"successdesk/backend/connector/stripe/stripefake"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
	"successdesk/backend/secrets"
	"successdesk/backend/sources"
)

// livePeer is one source's fake served on loopback, with the key it takes
// and the options it is connected with.
type livePeer struct {
	handler http.Handler
	key     string
	options map[string]string
}

// liveDesk opens a desk whose clock reads *clock, points every source in
// peers at its fake, connects them, switches to the live book and syncs
// them all once, in the app's own order.
func liveDesk(t *testing.T, clock *time.Time, peers map[domain.Source]livePeer) *app.Desk {
	t.Helper()
	d := connectedDesk(t, clock, peers)
	syncAll(t, d)
	return d
}

// connectedDesk is liveDesk without the sync: a desk whose clock reads
// *clock, every source in peers connected to its fake and the live book
// chosen. It takes a testing.TB, for the benchmark too.
func connectedDesk(tb testing.TB, clock *time.Time, peers map[domain.Source]livePeer) *app.Desk {
	tb.Helper()
	ctx := context.Background()
	urls := map[string]string{}
	for src, p := range peers {
		srv := httptest.NewServer(p.handler)
		tb.Cleanup(srv.Close)
		urls[sources.BaseURLEnv(src)] = srv.URL
	}
	dir := tb.TempDir()
	d, err := app.OpenDesk(ctx, app.DeskOptions{Dirs: appdirs.Dirs{Data: dir, Logs: dir}, DemoSize: 40, Secrets: secrets.NewMemory(),
		// Loopback peers: the providers' rate limits do not apply.
		Factory: sources.NewFactory(func(k string) string { return urls[k] }, nil, httpx.WithLimiter(nil)), Events: &recorder{},
		Now: func() time.Time { return *clock }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(d.Close)
	for src, p := range peers {
		if _, err := d.Connect(ctx, src, p.key, p.options); err != nil {
			tb.Fatalf("connect %s: %v", src, err)
		}
	}
	if err := d.SetMode(ctx, app.ModeLive); err != nil {
		tb.Fatal(err)
	}
	return d
}

// syncAll runs one sync of every connected source, in the app's own order
// (Sync without sources), and fails on any source's error.
func syncAll(tb testing.TB, d *app.Desk) {
	tb.Helper()
	rep, err := d.Sync(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range rep.Sources {
		if r.Err != nil {
			tb.Fatalf("sync %s: %v", r.Source, r.Err)
		}
	}
}

func stripePeer(clock *time.Time, subs int) livePeer {
	return livePeer{handler: stripefake.New(stripefake.Options{Subscriptions: subs, Seed: 5, Now: func() time.Time { return *clock }}),
		key: stripefake.DefaultKey}
}

func TestBuildBetterSignalsReachHealthAndTheFeed(t *testing.T) {
	clock := now
	d := liveDesk(t, &clock, map[domain.Source]livePeer{
		domain.SourceBuildBetter: {handler: bbfake.New(bbfake.Options{Book: bbfake.Generate(bbfake.Gen{Seed: 3, Companies: 12, Now: now})}),
			key: bbfake.DefaultKey},
	})
	list, err := app.NewHealthService(d).List(app.HealthListRequest{Limit: 100})
	if err != nil || list.Total == 0 {
		t.Fatalf("live Health after a BuildBetter sync: %d rows, %v", list.Total, err)
	}
	signals := 0
	var withSignals app.HealthRowDTO
	for _, r := range list.Rows {
		for _, f := range r.Factors {
			if f.Category == string(domain.CategorySignals) {
				signals++
				withSignals = r
				if len(f.Evidence) == 0 {
					t.Errorf("%s: signal factor %q names no evidence", r.Name, f.Label)
				}
			}
		}
	}
	if signals == 0 {
		t.Fatalf("no live row has a Signals factor: %+v", list.Rows)
	}
	feed, err := app.NewCustomerService(d).Activity(app.ActivityRequest{AccountID: withSignals.AccountID})
	if err != nil || feed.Total == 0 {
		t.Fatalf("feed of %s: %+v, %v", withSignals.Name, feed, err)
	}
	for _, it := range feed.Items {
		if it.Source != string(domain.SourceBuildBetter) || (it.Kind != "call" && it.Kind != "signal") {
			t.Errorf("feed item %+v is not a BuildBetter call or signal", it)
		}
	}
	if feed.Counts["call"] == 0 || feed.Counts["signal"] == 0 {
		t.Errorf("feed counts %v: want calls and signals", feed.Counts)
	}
}

func TestSalesbricksContractsReachHealthContractsFeedAndDeals(t *testing.T) {
	ctx := context.Background()
	clock := now
	d := liveDesk(t, &clock, map[domain.Source]livePeer{
		domain.SourceSalesbricks: {handler: sbfake.New(sbfake.Options{Subscriptions: 60, Seed: 4, Now: func() time.Time { return clock }}),
			key: sbfake.DefaultKey},
	})
	list, err := app.NewHealthService(d).List(app.HealthListRequest{Limit: 200})
	if err != nil || list.Total == 0 {
		t.Fatalf("live Health after a Salesbricks sync: %d rows, %v", list.Total, err)
	}
	renewal, changes := 0, 0
	cs := app.NewCustomerService(d)
	for _, r := range list.Rows {
		for _, f := range r.Factors {
			if f.Category == string(domain.CategoryRenewal) {
				renewal++
			}
		}
		c, err := cs.Get(app.CustomerRequest{AccountID: r.AccountID})
		if err != nil {
			t.Fatalf("%s: %v", r.Name, err)
		}
		for _, rev := range c.Revenue {
			if rev.Source != string(domain.SourceSalesbricks) {
				t.Errorf("%s: revenue from %s in a Salesbricks-only book", r.Name, rev.Source)
			}
		}
		feed, _ := cs.Activity(app.ActivityRequest{AccountID: r.AccountID, Kinds: []string{"contract_change"}})
		changes += feed.Total
	}
	if renewal == 0 || changes == 0 {
		t.Fatalf("%d renewal factors and %d contract changes over %d accounts", renewal, changes, list.Total)
	}
	var lost int
	if err := d.Live().Store.DB().QueryRowContext(ctx, `SELECT count(*) FROM deals WHERE source = 'salesbricks' AND status = 'lost'`).Scan(&lost); err != nil || lost == 0 {
		t.Fatalf("%d closed-lost Salesbricks deals (%v)", lost, err)
	}
}

func TestPostHogUsageAndHubSpotEnrichmentFillCustomerDetail(t *testing.T) {
	ctx := context.Background()
	clock := now
	ph := phfake.New(phfake.Options{Companies: 12, Seed: 6, Now: func() time.Time { return clock }})
	truth := ph.Truth().Domains
	if len(truth) < 4 {
		t.Fatalf("the usage book has %d domains", len(truth))
	}
	// HubSpot knows three of the companies, and a prospect nobody else knows.
	var book []hsfake.Company
	for i, a := range append(truth[:3:3], phfake.TruthAccount{Domain: "prospect-only.example", Name: "Prospect"}) {
		book = append(book, hsfake.Company{ID: fmt.Sprint(9000 + i), CreatedAt: now.AddDate(-1, 0, 0), UpdatedAt: now.AddDate(0, 0, -1),
			Properties: map[string]string{"domain": a.Domain, "name": a.Name, "industry": "COMPUTER_SOFTWARE",
				"numberofemployees": "120", "city": "Berlin", "country": "Germany"}})
	}
	d := liveDesk(t, &clock, map[domain.Source]livePeer{
		domain.SourcePostHog: {handler: ph, key: phfake.DefaultKey},
		domain.SourceHubSpot: {handler: hsfake.New(hsfake.Options{Book: book, Now: func() time.Time { return clock }}), key: hsfake.DefaultToken},
	})
	accounts, err := d.Live().Store.CountAccounts(ctx)
	if err != nil || accounts != len(truth) {
		t.Fatalf("%d live accounts (%v), want one per usage domain (%d): HubSpot makes none", accounts, err, len(truth))
	}
	cs := app.NewCustomerService(d)
	for i, a := range truth {
		c, err := cs.Get(app.CustomerRequest{Domain: a.Domain})
		if err != nil {
			t.Fatalf("%s: %v", a.Domain, err)
		}
		if len(c.Usage) == 0 {
			t.Errorf("%s: no usage weeks", a.Domain)
		}
		if seen, err := time.Parse(time.RFC3339, c.Metrics.LastSeenAt); err != nil || !seen.Equal(a.LastSeen.Truncate(time.Second)) {
			t.Errorf("%s: last seen %q, want %v", a.Domain, c.Metrics.LastSeenAt, a.LastSeen)
		}
		hasHubSpot := len(c.Enrichment) == 1 && c.Enrichment[0].Source == string(domain.SourceHubSpot) &&
			c.Enrichment[0].Industry == "Computer software" && c.Enrichment[0].Location == "Berlin, Germany"
		if (i < 3) != hasHubSpot {
			t.Errorf("%s: enrichment %+v", a.Domain, c.Enrichment)
		}
	}
	list, err := app.NewHealthService(d).List(app.HealthListRequest{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	adoption := 0
	for _, r := range list.Rows {
		for _, f := range r.Factors {
			if f.Category == string(domain.CategoryAdoption) {
				adoption++
			}
		}
	}
	if adoption == 0 {
		t.Fatalf("no adoption factor over %d live rows", list.Total)
	}
}

func TestHubSpotPropertiesArePickedInSettingsAndShownInCustomerDetail(t *testing.T) {
	ctx := context.Background()
	clock := now
	ph := phfake.New(phfake.Options{Companies: 4, Seed: 6, Now: func() time.Time { return clock }})
	dom := ph.Truth().Domains[0].Domain
	hs := hsfake.New(hsfake.Options{Now: func() time.Time { return clock }, Book: []hsfake.Company{{ID: "9001",
		CreatedAt: now.AddDate(-1, 0, 0), UpdatedAt: now.AddDate(0, 0, -1),
		Properties: map[string]string{"domain": dom, "name": "Known", "industry": "COMPUTER_SOFTWARE", "customer_tier": "gold"}}}})
	d := liveDesk(t, &clock, map[domain.Source]livePeer{
		domain.SourcePostHog: {handler: ph, key: phfake.DefaultKey},
		domain.SourceHubSpot: {handler: hs, key: hsfake.DefaultToken},
	})
	ss := app.NewSettingsService(d)
	props, err := ss.Properties(app.SourceRequest{Source: "hubspot"})
	if err != nil || len(props.Properties) == 0 || len(props.Chosen) != 0 {
		t.Fatalf("properties = %+v, %v", props, err)
	}
	var custom []string
	for _, p := range props.Properties {
		if p.Custom {
			custom = append(custom, p.Name)
		}
	}
	if !slices.Contains(custom, "customer_tier") || !props.Properties[0].Custom {
		t.Fatalf("the account's own properties come first: %+v", props.Properties)
	}
	if _, err := ss.Properties(app.SourceRequest{Source: "stripe"}); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("Stripe properties: %v", err)
	}
	in, err := ss.SetOptions(app.SetOptionsRequest{Source: "hubspot", Options: map[string]string{"properties": "customer_tier"}})
	if err != nil || in.Fields[0].Value != "customer_tier" {
		t.Fatalf("set options = %+v, %v", in.Fields, err)
	}
	if again, _ := ss.Properties(app.SourceRequest{Source: "hubspot"}); len(again.Chosen) != 1 || again.Chosen[0] != "customer_tier" {
		t.Fatalf("chosen after saving: %v", again.Chosen)
	}
	// The next sync fills the chosen property in.
	if _, err := d.Sync(ctx, domain.SourceHubSpot); err != nil {
		t.Fatal(err)
	}
	c, err := app.NewCustomerService(d).Get(app.CustomerRequest{Domain: dom})
	if err != nil || len(c.Enrichment) != 1 || len(c.Enrichment[0].Custom) != 1 || c.Enrichment[0].Custom[0].Value != "Gold" {
		t.Fatalf("enrichment after choosing the tier: %+v, %v", c.Enrichment, err)
	}
}

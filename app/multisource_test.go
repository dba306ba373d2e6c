package app_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/connector/buildbetter/bbfake"
	"successdesk/backend/connector/fakebook"
	"successdesk/backend/connector/hubspot/hsfake"
	"successdesk/backend/connector/posthog/phfake"
	"successdesk/backend/connector/salesbricks/sbfake"
	"successdesk/backend/connector/stripe/stripefake"
	"successdesk/backend/domain"
	"successdesk/backend/scoring"
)

// multiBookSize is the size of the shared universe of the multi-source
// test and benchmark: the book a "5,000-account" sync is measured on.
const multiBookSize = 5000

// multiBook is every source's fake serving one universe of companies.
type multiBook struct {
	universe []fakebook.Company
	sb       *sbfake.Server
	st       *stripefake.Server
	ph       *phfake.Server
	bb       *bbfake.Server
	hs       *hsfake.Server
}

// newMultiBook generates a universe of n companies as of *clock and the
// five fakes serving it.
func newMultiBook(n int, clock *time.Time) *multiBook {
	at := func() time.Time { return *clock }
	u := fakebook.Generate(2026, n, *clock)
	return &multiBook{
		universe: u,
		sb:       sbfake.New(sbfake.Options{Universe: u, Seed: 11, Now: at}),
		st:       stripefake.New(stripefake.Options{Universe: u, Seed: 12, Now: at}),
		ph:       phfake.New(phfake.Options{Universe: u, Seed: 13, Now: at}),
		bb:       bbfake.New(bbfake.Options{Book: bbfake.Generate(bbfake.Gen{Universe: u, Seed: 14, Weeks: 6, Now: *clock})}),
		hs:       hsfake.New(hsfake.Options{Universe: u, Seed: 15, Now: at, MaxPageSize: 100}),
	}
}

func (m *multiBook) peers() map[domain.Source]livePeer {
	return map[domain.Source]livePeer{
		domain.SourceSalesbricks: {handler: m.sb, key: sbfake.DefaultKey},
		domain.SourceStripe:      {handler: m.st, key: stripefake.DefaultKey},
		domain.SourcePostHog:     {handler: m.ph, key: phfake.DefaultKey},
		domain.SourceBuildBetter: {handler: m.bb, key: bbfake.DefaultKey},
		domain.SourceHubSpot:     {handler: m.hs, key: hsfake.DefaultToken},
	}
}

// TestMultiSourceSyncScoresTheGeneratedTruth syncs all five sources over
// one universe of companies and checks, company by company, that the
// live Health scores are the ones the pure scorer gives the facts the
// fakes' truths describe: the same score, level and factor codes. The
// expected facts are built from Truth() alone, mirroring how
// backend/health reads the store into domain.AccountFacts, never from the
// store. It also checks identity: one account per company a revenue,
// usage or conversation source knows, none for HubSpot-only companies.
func TestMultiSourceSyncScoresTheGeneratedTruth(t *testing.T) {
	n := multiBookSize
	if testing.Short() {
		n = 600
	}
	clock := now
	start := time.Now()
	m := newMultiBook(n, &clock)
	gen := time.Since(start)
	d := connectedDesk(t, &clock, m.peers())
	start = time.Now()
	syncAll(t, d)
	t.Logf("%d companies: generated in %v, synced and scored in %v", n, gen.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	m.checkAgainstTruth(t, d, clock)
	checkLiveSurfaces(t, d)
}

// checkLiveSurfaces checks what the window shows of a fully synced live
// book: the Integration Status list reports every Health source connected
// and synced, no demo account is in the book, and every factor of every
// row names the record behind it.
func checkLiveSurfaces(t *testing.T, d *app.Desk) {
	t.Helper()
	hs := app.NewHealthService(d)
	set, err := hs.Settings(app.RefreshRequest{})
	if err != nil || set.Meta.Mode != app.ModeLive {
		t.Fatalf("Health settings: %+v, %v", set.Meta, err)
	}
	for _, in := range set.Integrations {
		if in.Status != "connected" || in.LastSuccessAt == "" {
			t.Errorf("Integration Status %s: %s (%s)", in.Label, in.Status, in.Detail)
		}
	}
	demo, err := d.Demo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	demoDomains := map[string]bool{}
	dl, err := app.NewHealthService(staticBooks{demo}).List(app.HealthListRequest{Limit: 500, IncludeUntracked: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range dl.Rows {
		demoDomains[r.Domain] = true
	}
	for offset := 0; ; offset += 500 {
		page, err := hs.List(app.HealthListRequest{Limit: 500, Offset: offset, IncludeUntracked: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Rows {
			if r.Domain != "" && demoDomains[r.Domain] {
				t.Errorf("demo account %s in the live book", r.Domain)
			}
			for _, f := range r.Factors {
				if len(f.Evidence) == 0 {
					t.Errorf("%s: factor %s (%s) names no record", r.Domain, f.Code, f.Label)
				}
			}
		}
		if len(page.Rows) < 500 {
			break
		}
	}
}

// staticBooks serves one workspace, whatever the desk's mode.
type staticBooks struct{ ws *app.Workspace }

func (b staticBooks) Current() *app.Workspace { return b.ws }

// TestMultiSourceSyncStripeFirst is the same book when Stripe is connected
// and synced before the other sources, as when a workspace starts from its
// billing: identity and scores must not depend on the order.
func TestMultiSourceSyncStripeFirst(t *testing.T) {
	n := 600
	clock := now
	m := newMultiBook(n, &clock)
	d := connectedDesk(t, &clock, m.peers())
	rep, err := d.Sync(context.Background(), domain.SourceStripe)
	if err != nil || rep.Sources[0].Err != nil {
		t.Fatalf("sync Stripe: %v %v", err, rep.Sources[0].Err)
	}
	syncAll(t, d)
	m.checkAgainstTruth(t, d, clock)
}

// checkAgainstTruth checks identity and every account's current score
// against the truths of m's fakes at clock (see
// TestMultiSourceSyncScoresTheGeneratedTruth).
func (m *multiBook) checkAgainstTruth(t *testing.T, d *app.Desk, clock time.Time) {
	t.Helper()
	want := m.expectedFacts(t, clock)
	got := storedScores(t, d)

	// Identity: one account per company a creating source delivers, no
	// other account, none for companies only HubSpot knows.
	if len(got.byDomain) != len(want) || got.withoutDomain != 0 || got.duplicates != 0 {
		t.Errorf("%d accounts with a domain (%d duplicates), %d without; the truth has %d companies",
			len(got.byDomain), got.duplicates, got.withoutDomain, len(want))
	}
	known, unseen := 0, 0
	for _, c := range m.universe {
		_, isAccount := got.byDomain[c.Domain]
		switch {
		case !c.Knows():
			if isAccount {
				t.Errorf("%s: HubSpot alone knows it, yet it is an account", c.Domain)
			}
		case want[c.Domain] == nil:
			unseen++ // its sources deliver nothing that names its domain (see the truths)
		default:
			known++
			if !isAccount {
				t.Errorf("%s (%s): known to %s, but no account has its domain", c.Name, c.Domain, sourceNames(c.Sources))
			}
		}
	}
	for dom := range got.byDomain {
		if want[dom] == nil {
			t.Errorf("account %s is no company of the truth", dom)
		}
	}
	if unseen > known/50 {
		t.Errorf("%d of %d known companies reach no account through any truth", unseen, known+unseen)
	}
	var withSB, withStripe, aliasOnly, withUsage, withSignals int
	for _, c := range m.universe {
		f := want[c.Domain]
		if f == nil {
			continue
		}
		var sb, st bool
		for _, r := range f.Revenue {
			sb, st = sb || r.Source == domain.SourceSalesbricks, st || r.Source == domain.SourceStripe
		}
		withSB, withStripe = withSB+b2i(sb), withStripe+b2i(st)
		aliasOnly += b2i(st && c.StripeFreeMail)
		withUsage, withSignals = withUsage+b2i(len(f.Usage) > 0), withSignals+b2i(len(f.Signals) > 0)
	}
	t.Logf("%d accounts: %d with Salesbricks contracts, %d with Stripe subscriptions (%d joined only by the alias), "+
		"%d with usage, %d with signals; %d known companies reach no truth; %d HubSpot-only companies",
		len(want), withSB, withStripe, aliasOnly, withUsage, withSignals, unseen, len(m.universe)-known-unseen)

	// Health: the pure scorer over the facts from the truth, at the same
	// moment with the default settings, against the stored current score.
	settings, fx := domain.DefaultHealthSettings(), domain.DefaultFXRates()
	levels := map[domain.RiskLevel]int{}
	tiers := map[string]int{} // "intended→scored"
	profile := map[string]fakebook.Profile{}
	for _, c := range m.universe {
		profile[c.Domain] = c.Profile
	}
	var bad []string
	for _, dom := range sortedKeys(want) {
		h := scoring.Health(want[dom], settings, fx, clock.UTC().Truncate(time.Second))
		levels[h.Level]++
		tiers[profile[dom].String()+"→"+string(h.Level)]++
		g, ok := got.byDomain[dom]
		if !ok {
			continue // reported above
		}
		if wc := factorCodes(h.Factors); g.score != h.Score || g.level != h.Level || !slices.Equal(g.codes, wc) {
			bad = append(bad, fmt.Sprintf("%s: stored %d %s %v, truth %d %s %v\n%s", dom, g.score, g.level, g.codes,
				h.Score, h.Level, wc, describeFacts(want[dom])))
		}
	}
	total := len(want)
	t.Logf("truth tiers over %d accounts: %d critical (%.0f%%), %d at risk (%.0f%%), %d healthy", total,
		levels[domain.RiskCritical], pct(levels[domain.RiskCritical], total),
		levels[domain.RiskAtRisk], pct(levels[domain.RiskAtRisk], total), levels[domain.RiskHealthy])
	t.Logf("intended tier → scored: %v", tiers)
	if len(bad) > 0 {
		t.Errorf("%d of %d accounts score otherwise than their truth; the first:\n%s", len(bad), total,
			strings.Join(bad[:min(len(bad), 8)], "\n"))
	}
	if levels[domain.RiskCritical] == 0 || levels[domain.RiskAtRisk] == 0 {
		t.Errorf("the universe yields no spread of tiers: %v", levels)
	}
}

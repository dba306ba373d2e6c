package sources

import (
	"context"
	"errors"
	"slices"
	"testing"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/secrets"
)

func TestCatalogueCoversEverySourceInOrder(t *testing.T) {
	cat := Catalogue()
	if len(cat) != len(domain.AllSources) {
		t.Fatalf("%d cards for %d sources", len(cat), len(domain.AllSources))
	}
	for i, in := range cat {
		if in.Source != domain.AllSources[i] {
			t.Errorf("card %d is %s, want %s", i, in.Source, domain.AllSources[i])
		}
		if in.Label == "" || in.Powers == "" || in.TokenLabel == "" {
			t.Errorf("%s: incomplete card %+v", in.Source, in)
		}
		if !in.Built && in.Planned == "" {
			t.Errorf("%s is not built and does not say what brings it", in.Source)
		}
	}
	// Every source marked built has a connector that can check a key; the
	// others are refused in plain words.
	f := NewFactory(nil, nil)
	for _, in := range cat {
		c, err := f.Build(in.Source, "k_test_catalogue", nil)
		if !in.Built {
			if domain.ErrorCode(err) != domain.EInvalid {
				t.Errorf("%s is not built, yet Build gave %v", in.Source, err)
			}
			continue
		}
		if _, ok := c.(connector.Verifier); err != nil || !ok || c.Source() != in.Source {
			t.Errorf("%s is built, yet Build gave %T, %v", in.Source, c, err)
		}
	}
	if got := Built(); !slices.Contains(got, domain.SourceStripe) {
		t.Errorf("built sources %v", got)
	}
	// The catalogue hands out copies.
	cat[1].Sections[0] = domain.SectionLoop
	if again, _ := Lookup(domain.SourceStripe); again.Sections[0] == domain.SectionLoop {
		t.Error("Catalogue shares its slices")
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup found an unknown source")
	}
}

func TestReadiness(t *testing.T) {
	c, f := StateConnected, StateFailing
	for _, tc := range []struct {
		sec    domain.Section
		states map[domain.Source]State
		want   string
	}{
		{domain.SectionContracts, nil, NotConnected},
		{domain.SectionContracts, map[domain.Source]State{domain.SourceStripe: c}, Partial},
		{domain.SectionContracts, map[domain.Source]State{domain.SourceStripe: c, domain.SourceSalesbricks: c}, Ready},
		{domain.SectionContracts, map[domain.Source]State{domain.SourceStripe: f, domain.SourceSalesbricks: c}, Failing},
		{domain.SectionContracts, map[domain.Source]State{domain.SourceHubSpot: f}, NotConnected}, // not a Contracts input
		{domain.SectionPipeline, map[domain.Source]State{domain.SourceAttio: c}, Ready},           // either CRM will do
		{domain.SectionPipeline, map[domain.Source]State{domain.SourceSalesbricks: c}, Ready},
		{domain.SectionLoop, map[domain.Source]State{domain.SourceRSS: c}, Partial},
		{domain.SectionLoop, map[domain.Source]State{domain.SourceRSS: c, domain.SourceBuildBetter: c}, Ready},
		{domain.SectionHealth, map[domain.Source]State{domain.SourceStripe: c, domain.SourcePostHog: StateMissing}, Partial},
	} {
		if got := Readiness(tc.sec, tc.states); got != tc.want {
			t.Errorf("%s %v: %s, want %s", tc.sec, tc.states, got, tc.want)
		}
	}
}

func TestKeyKind(t *testing.T) {
	for _, tc := range []struct{ token, kind, mode string }{
		{"sk_test_abc", "secret key", "test"},
		{"rk_live_abc", "restricted key", "live"},
		{"pk_test_abc", "", "test"},
		{"whatever", "", ""},
		{"", "", ""},
	} {
		kind, mode := KeyKind(domain.SourceStripe, tc.token)
		if kind != tc.kind || mode != tc.mode {
			t.Errorf("%q: %q %q", tc.token, kind, mode)
		}
	}
	if k, m := KeyKind(domain.SourceAttio, "sk_test_x"); k != "" || m != "" {
		t.Error("a non-Stripe token was described as a Stripe key")
	}
}

func TestBaseURLEnv(t *testing.T) {
	if got := BaseURLEnv(domain.SourcePostHog); got != "SUCCESS_DESK_POSTHOG_BASE_URL" {
		t.Fatal(got)
	}
	f := NewFactory(func(k string) string {
		if k == "SUCCESS_DESK_STRIPE_BASE_URL" {
			return " http://127.0.0.1:1 "
		}
		return ""
	}, nil)
	if f.BaseURL(domain.SourceStripe) != "http://127.0.0.1:1" || f.BaseURL(domain.SourceAttio) != "" {
		t.Error("base URL overrides")
	}
	if _, err := f.Build(domain.SourceAttio, "x", nil); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("building an unbuilt source: %v", err)
	}
}

// pageConnector serves one page and remembers the token it was built with.
type pageConnector struct{ token string }

func (pageConnector) Source() domain.Source { return domain.SourceStripe }
func (p pageConnector) Fetch(context.Context, connector.Cursor) (connector.Page, error) {
	return connector.Page{Done: true, Accounts: []connector.AccountRecord{{Key: p.token}}}, nil
}

func TestLazyReadsTheTokenWhenNeededAndAgainAfterReset(t *testing.T) {
	ctx := context.Background()
	sec := secrets.NewMemory()
	builds := 0
	l := NewLazy(domain.SourceStripe, sec, func(_ domain.Source, token string) (connector.Connector, error) {
		builds++
		return pageConnector{token}, nil
	})
	if _, err := l.Fetch(ctx, ""); domain.ErrorCode(err) != domain.ENotConnected {
		t.Fatalf("without a token: %v", err)
	}
	if err := sec.Set(ctx, domain.SourceStripe, "sk_test_one"); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		p, err := l.Fetch(ctx, "")
		if err != nil || p.Accounts[0].Key != "sk_test_one" {
			t.Fatalf("%v %v", p, err)
		}
	}
	if builds != 1 {
		t.Errorf("built %d times, want once until Reset", builds)
	}
	if err := sec.Set(ctx, domain.SourceStripe, "sk_test_two"); err != nil {
		t.Fatal(err)
	}
	l.Reset()
	if p, _ := l.Fetch(ctx, ""); p.Accounts[0].Key != "sk_test_two" {
		t.Errorf("after Reset the new token was not read: %v", p)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	l.Reset()
	if _, err := l.Fetch(cctx, ""); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled fetch: %v", err)
	}
}

func TestCleanOptionsKeepsOnlyKnownCheckedSettings(t *testing.T) {
	got, err := CleanOptions(domain.SourcePostHog, map[string]string{
		"host": " https://eu.posthog.com/ ", "project": " 42 ", "group_type": "", "token": "phx_should_not_stay"})
	if err != nil || len(got) != 2 || got.Get("host") != "https://eu.posthog.com" || got.Get("project") != "42" {
		t.Fatalf("clean = %v, %v", got, err)
	}
	if got, err := CleanOptions(domain.SourcePostHog, map[string]string{"host": "eu.posthog.com"}); err != nil || got.Get("host") != "https://eu.posthog.com" {
		t.Errorf("a bare host: %v, %v", got, err)
	}
	if _, err := CleanOptions(domain.SourcePostHog, map[string]string{"project": "my-project"}); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("a project id that is not a number: %v", err)
	}
	for _, bad := range []string{"ftp://posthog.example", "https://", "https://a b"} {
		if _, err := CleanOptions(domain.SourcePostHog, map[string]string{"host": bad}); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("host %q: %v", bad, err)
		}
	}
	if got, err := CleanOptions(domain.SourceStripe, map[string]string{"host": "https://x.example"}); err != nil || len(got) != 0 {
		t.Errorf("Stripe has no options, kept %v (%v)", got, err)
	}
	hs, _ := CleanOptions(domain.SourceHubSpot, map[string]string{"properties": " tier, ,csm_owner "})
	if l := hs.List("properties"); len(l) != 2 || l[0] != "tier" || l[1] != "csm_owner" {
		t.Errorf("properties = %q", l)
	}
}

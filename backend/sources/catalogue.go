// Package sources describes the integrations Success Desk can connect: what
// each one powers, which sections need it, whether this build can sync it,
// and how a connector is built from a saved token. It owns no state: the
// tokens live in backend/secrets and the sync state in backend/store.
package sources

import (
	"slices"
	"strings"

	"successdesk/backend/domain"
)

// Info describes one integration for the Settings → Integrations card.
type Info struct {
	Source domain.Source
	Label  string
	// Powers says in a sentence what the source feeds (spec §9.1–9.2).
	Powers string
	// Sections lists the sections that read this source.
	Sections []domain.Section
	// Built reports whether this build can connect and sync the source.
	Built bool
	// Planned says, for a source that is not built yet, what will bring it.
	Planned string
	// TokenLabel and TokenHelp guide the person pasting a credential.
	TokenLabel string
	TokenHelp  string
}

var catalogue = []Info{
	{Source: domain.SourceSalesbricks, Powers: "Contracts, trials for Convert, open and closed-lost orders for Pipeline and Re-engage, and renewal pressure in Health.",
		Sections: []domain.Section{domain.SectionHealth, domain.SectionConvert, domain.SectionContracts, domain.SectionPipeline, domain.SectionReengage},
		Built:    true, TokenLabel: "Public API token", TokenHelp: "Salesbricks → Settings → Integrations → Public API."},
	{Source: domain.SourceStripe, Powers: "Subscriptions for Contracts, trial detection for Convert, payment-state factors in Health and revenue sources in Customer Detail.",
		Sections: []domain.Section{domain.SectionHealth, domain.SectionConvert, domain.SectionContracts},
		Built:    true, TokenLabel: "Secret or restricted key",
		TokenHelp: "Stripe Dashboard → Developers → API keys. A restricted key (rk_) needs read access to customers, subscriptions, invoices and events."},
	{Source: domain.SourcePostHog, Powers: "Adoption in Health (active users and the weekly trend) and usage context in Convert.",
		Sections: []domain.Section{domain.SectionHealth, domain.SectionConvert},
		Built:    true, TokenLabel: "Personal API key",
		TokenHelp: "PostHog → Settings → Personal API keys: Query read, plus Project read (and Group read when a company group type is set)."},
	{Source: domain.SourceAttio, Powers: "Pipeline deals with editable stages, written back to Attio.",
		Sections: []domain.Section{domain.SectionPipeline},
		Planned:  "Attio syncing arrives with the Pipeline section.", TokenLabel: "Access token", TokenHelp: "Attio → Workspace settings → Developers → Access tokens."},
	{Source: domain.SourceHubSpot, Powers: "The enrichment panel in Customer Detail: industry, size, location and chosen properties.",
		Sections: nil,
		Built:    true, TokenLabel: "Private app token",
		TokenHelp: "HubSpot → Settings → Integrations → Private apps → your app → Auth → Access token. Scopes: crm.objects.companies.read (and crm.objects.deals.read for deal stages)."},
	{Source: domain.SourceSalesforce, Powers: "An optional CRM source for Pipeline.",
		Sections: nil,
		Planned:  "Salesforce syncing arrives with the Pipeline section.", TokenLabel: "Access token", TokenHelp: "A connected app's OAuth access token."},
	{Source: domain.SourceBuildBetter, Powers: "Conversation signals for Health and customer requests for Close the Loop.",
		Sections: []domain.Section{domain.SectionHealth, domain.SectionLoop},
		Built:    true, TokenLabel: "API key",
		TokenHelp: "BuildBetter → Settings → API: an organization API key (during the API beta, BuildBetter support issues it)."},
	{Source: domain.SourceGitHub, Powers: "Shipped releases for Close the Loop.",
		Sections: []domain.Section{domain.SectionLoop},
		Planned:  "GitHub syncing arrives with the Releases section.", TokenLabel: "Fine-grained token", TokenHelp: "GitHub → Settings → Developer settings → Fine-grained tokens (contents: read)."},
	{Source: domain.SourceRSS, Powers: "Release notes from a feed for Close the Loop.",
		Sections: []domain.Section{domain.SectionLoop},
		Planned:  "RSS feeds arrive with the Releases section.", TokenLabel: "Feed URL", TokenHelp: "The address of your changelog's RSS or Atom feed."},
}

// Catalogue returns every integration in domain.AllSources order. The
// slice is a copy; callers may keep it.
func Catalogue() []Info {
	out := make([]Info, len(catalogue))
	for i, in := range catalogue {
		in.Label = in.Source.Label()
		in.Sections = slices.Clone(in.Sections)
		out[i] = in
	}
	return out
}

// Lookup returns the Info of src, and false for an unknown source.
func Lookup(src domain.Source) (Info, bool) {
	for _, in := range Catalogue() {
		if in.Source == src {
			return in, true
		}
	}
	return Info{}, false
}

// Built lists the sources this build can sync, in catalogue order.
func Built() []domain.Source {
	var out []domain.Source
	for _, in := range catalogue {
		if in.Built {
			out = append(out, in.Source)
		}
	}
	return out
}

// KeyKind names the kind of credential token is for src, without revealing
// any of it ("restricted key"), and whether it opens test or live data
// ("test", "live" or "" when the token does not say).
func KeyKind(src domain.Source, token string) (kind, mode string) {
	switch {
	case src == domain.SourceHubSpot && strings.HasPrefix(token, "pat-"):
		return "private app token", ""
	case src == domain.SourcePostHog && strings.HasPrefix(token, "phx_"):
		return "personal API key", ""
	}
	if src != domain.SourceStripe {
		return "", ""
	}
	switch {
	case len(token) > 3 && token[:3] == "rk_":
		kind = "restricted key"
	case len(token) > 3 && token[:3] == "sk_":
		kind = "secret key"
	}
	switch {
	case len(token) > 8 && token[3:8] == "test_":
		mode = "test"
	case len(token) > 8 && token[3:8] == "live_":
		mode = "live"
	}
	return kind, mode
}

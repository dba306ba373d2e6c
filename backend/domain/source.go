package domain

// Source names an integration that supplies records.
type Source string

const (
	SourceSalesbricks Source = "salesbricks"
	SourceStripe      Source = "stripe"
	SourcePostHog     Source = "posthog"
	SourceAttio       Source = "attio"
	SourceHubSpot     Source = "hubspot"
	SourceSalesforce  Source = "salesforce"
	SourceBuildBetter Source = "buildbetter"
	SourceGitHub      Source = "github"
	SourceRSS         Source = "rss"
	SourceManual      Source = "manual"
)

// AllSources lists every integration, in the order Settings shows them.
var AllSources = []Source{SourceSalesbricks, SourceStripe, SourcePostHog, SourceAttio, SourceHubSpot,
	SourceSalesforce, SourceBuildBetter, SourceGitHub, SourceRSS}

// Label is the product name of the source as users know it.
func (s Source) Label() string {
	switch s {
	case SourceSalesbricks:
		return "Salesbricks"
	case SourceStripe:
		return "Stripe"
	case SourcePostHog:
		return "PostHog"
	case SourceAttio:
		return "Attio"
	case SourceHubSpot:
		return "HubSpot"
	case SourceSalesforce:
		return "Salesforce"
	case SourceBuildBetter:
		return "BuildBetter"
	case SourceGitHub:
		return "GitHub"
	case SourceRSS:
		return "RSS"
	case SourceManual:
		return "Manual"
	}
	return string(s)
}

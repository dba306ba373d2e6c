package sources

import (
	"net/url"
	"strings"

	"successdesk/backend/domain"
)

// Options are a source's settings that are not secret (a PostHog host and
// project, the HubSpot properties to show). They are kept in the live
// book's settings beside the connection; the token never is.
type Options map[string]string

// Get returns the trimmed value of key ("" when unset).
func (o Options) Get(key string) string { return strings.TrimSpace(o[key]) }

// Field is one option the Connect dialog asks for, besides the token.
type Field struct {
	Key         string
	Label       string
	Help        string
	Placeholder string
	// Choices, when set, are the usual values, offered as suggestions; any
	// other value the field's check accepts is allowed too.
	Choices []Choice
	// URL marks a field whose value must be an http(s) address; a bare
	// host means its https site.
	URL bool
	// Digits marks a field whose value must be a whole number.
	Digits bool
}

// Choice is one suggested value of a Field.
type Choice struct {
	Value string
	Label string
}

// Option keys.
const (
	OptionHost       = "host"        // PostHog: US cloud, EU cloud or a self-hosted address
	OptionProject    = "project"     // PostHog: project id (empty: the key's current project)
	OptionGroupType  = "group_type"  // PostHog: group type keyed by domain (empty: person e-mail domains)
	OptionProperties = "properties"  // HubSpot: custom company properties, comma-separated
	OptionCaptureKey = "capture_key" // PostHog: project API key (phc_) to record CS touches with; empty: off
	OptionCaptureAs  = "capture_as"  // PostHog: who the touches are recorded as (an e-mail)
)

// fields are the options each source asks for when it is connected.
var fields = map[domain.Source][]Field{
	domain.SourcePostHog: {
		{Key: OptionHost, Label: "PostHog host", Placeholder: "https://us.posthog.com", URL: true,
			Help:    "US cloud, EU cloud, or your self-hosted PostHog's address.",
			Choices: []Choice{{"https://us.posthog.com", "US cloud"}, {"https://eu.posthog.com", "EU cloud"}}},
		{Key: OptionProject, Label: "Project ID", Placeholder: "12345", Digits: true,
			Help: "Optional: the project to read. Empty reads the key's current project."},
		{Key: OptionGroupType, Label: "Company group type", Placeholder: "company",
			Help: "Optional: the group type whose key is the company's domain. Empty counts users by their e-mail domain."},
		{Key: OptionCaptureKey, Label: "Record CS touches with project key", Placeholder: "phc_…",
			Help: "Optional: with your project's API key (phc_, which can only send events), routing an account is recorded in PostHog as an event on its company group, beside its usage."},
		{Key: OptionCaptureAs, Label: "Record touches as", Placeholder: "you@yourcompany.com",
			Help: "Who the recorded touches are from, when a project key is set."},
	},
	domain.SourceHubSpot: {
		{Key: OptionProperties, Label: "Extra company properties", Placeholder: "customer_tier, csm_owner",
			Help: "Optional: the internal names of HubSpot company properties to show in the enrichment panel, separated by commas (for example customer_tier)."},
	},
}

// Fields returns the options src asks for (none for most sources).
func Fields(src domain.Source) []Field { return fields[src] }

// HasField reports whether src takes the option key.
func HasField(src domain.Source, key string) bool {
	for _, f := range fields[src] {
		if f.Key == key {
			return true
		}
	}
	return false
}

// CleanOptions keeps only src's known options, trimmed and non-empty, and
// checks them; the error is a *domain.Error in plain words.
func CleanOptions(src domain.Source, in map[string]string) (Options, error) {
	out := Options{}
	for _, f := range fields[src] {
		v := strings.TrimSpace(in[f.Key])
		if v == "" {
			continue
		}
		if len(v) > 500 {
			return nil, domain.Errorf(domain.EInvalid, "%s is too long.", f.Label)
		}
		if f.URL {
			if !strings.Contains(v, "://") {
				v = "https://" + v // "eu.posthog.com" means the https site
			}
			u, err := url.Parse(v)
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				return nil, domain.Errorf(domain.EInvalid, "%s must be an address such as %s.", f.Label, f.Placeholder)
			}
			v = strings.TrimRight(v, "/")
		}
		if f.Digits && strings.Trim(v, "0123456789") != "" {
			return nil, domain.Errorf(domain.EInvalid, "%s must be a number, such as %s.", f.Label, f.Placeholder)
		}
		out[f.Key] = v
	}
	return out, nil
}

// List splits a comma-separated option into its trimmed, non-empty items.
func (o Options) List(key string) []string {
	var out []string
	for _, p := range strings.Split(o[key], ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

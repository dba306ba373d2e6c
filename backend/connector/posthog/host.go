package posthog

import (
	"net/url"
	"strings"
)

// PostHog's private API hosts: the ones that answer queries and project
// look-ups with a personal API key. A self-hosted instance is its own host.
const (
	USHost = "https://us.posthog.com"
	EUHost = "https://eu.posthog.com"
	// DefaultHost is used when no host is configured.
	DefaultHost = USHost
)

// PostHog's public ingestion hosts, where events are captured (Recorder).
// They never answer reads.
const (
	USIngestHost = "https://us.i.posthog.com"
	EUIngestHost = "https://eu.i.posthog.com"
)

// cloudHosts maps every cloud host name a person may paste to its private
// API host and its ingestion host.
var cloudHosts = map[string][2]string{
	"us.posthog.com":   {USHost, USIngestHost},
	"us.i.posthog.com": {USHost, USIngestHost},
	"app.posthog.com":  {USHost, USIngestHost},
	"eu.posthog.com":   {EUHost, EUIngestHost},
	"eu.i.posthog.com": {EUHost, EUIngestHost},
}

// APIHost returns the private API host for what a person typed: a cloud
// ingestion or legacy host becomes its region's API host; a self-hosted
// address is kept (scheme added when missing, "https"; path, query and
// trailing slash removed, except a path prefix of a self-hosted instance
// behind a proxy). "" gives DefaultHost.
func APIHost(s string) string {
	base := cleanHost(s)
	if base == "" {
		return DefaultHost
	}
	if h, ok := cloudOf(base); ok {
		return h[0]
	}
	return base
}

// IngestHost returns the ingestion host for an API or ingestion host: the
// cloud regions have their own (us.i.posthog.com, eu.i.posthog.com); a
// self-hosted instance ingests on its own address. "" gives USIngestHost.
func IngestHost(s string) string {
	base := cleanHost(s)
	if base == "" {
		return USIngestHost
	}
	if h, ok := cloudOf(base); ok {
		return h[1]
	}
	return base
}

// cleanHost trims s to scheme://host[:port][/prefix] without a trailing
// slash, adding https:// when no scheme is given. Anything unparsable
// gives "".
func cleanHost(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	path := strings.TrimRight(u.Path, "/")
	if i := strings.Index(path, "/api"); i >= 0 && (len(path) == i+4 || path[i+4] == '/') {
		path = path[:i] // a pasted API address: keep only the prefix before /api
	}
	return u.Scheme + "://" + u.Host + path
}

func cloudOf(base string) ([2]string, bool) {
	u, err := url.Parse(base)
	if err != nil {
		return [2]string{}, false
	}
	h, ok := cloudHosts[strings.ToLower(u.Hostname())]
	return h, ok
}

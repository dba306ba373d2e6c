package posthog

import (
	"context"
	"strings"
	"sync"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// PageSize is the number of accounts one usage query returns (its LIMIT).
// A project with a few hundred customer companies syncs in one query.
const PageSize = 500

// WindowWeeks is the number of weeks a pass reads: the last 12 full weeks
// and the current one.
const WindowWeeks = 13

// MaxGroupIndex is the highest group type index PostHog has ($group_0 …
// $group_4).
const MaxGroupIndex = 4

// PhaseUsage is the progress label of a pass.
const PhaseUsage = "Fetching usage…"

// QueryRate is PostHog's default budget for the query endpoint (120 an
// hour per team), with a small burst so that a pass of a few pages never
// waits.
func QueryRate() httpx.Rate { return httpx.Rate{N: 120, Per: time.Hour, Burst: 10} }

// Policy is the httpx policy to build the PostHog client with (one client
// per key): requests spaced to QueryRate, and a per-attempt timeout long
// enough for an aggregate query over 13 weeks of events.
func Policy() httpx.Policy {
	return httpx.Policy{Source: "PostHog", Timeout: 90 * time.Second, Limiter: httpx.NewLimiter(QueryRate())}
}

// Option configures a Connector.
type Option func(*Connector)

// WithHost sets the PostHog host: USHost, EUHost or a self-hosted address
// (see APIHost; an ingestion host pasted by mistake is mapped to its
// region's API host). "" keeps DefaultHost.
func WithHost(host string) Option {
	return func(c *Connector) { c.host = APIHost(host) }
}

// WithProject sets the numeric project id. Without it the connector asks
// PostHog for the key's current project once (see the package comment).
func WithProject(id string) Option {
	return func(c *Connector) { c.project = strings.TrimSpace(id) }
}

// WithGroupType makes the connector count active users per group of the
// group type name (for example "company") at index (0–4, its $group_N
// column), keyed by the group key. An index of LookUpIndex (or any
// negative one) has the connector look the index up by name, once, with
// GET /api/projects/{id}/groups_types/. Without this option, users are
// counted per company domain of their e-mail address.
func WithGroupType(name string, index int) Option {
	return func(c *Connector) {
		if index < 0 {
			index = LookUpIndex
		}
		c.group = &groupType{name: strings.TrimSpace(name), index: index}
	}
}

// LookUpIndex, as WithGroupType's index, asks PostHog for the index of the
// group type by its name.
const LookUpIndex = -1

// WithClock replaces time.Now: it picks the weeks a pass reads.
func WithClock(now func() time.Time) Option {
	return func(c *Connector) {
		if now != nil {
			c.now = now
		}
	}
}

// withPageSize overrides PageSize (tests page through small books).
func withPageSize(n int) Option {
	return func(c *Connector) {
		if n > 0 {
			c.pageSize = n
		}
	}
}

type groupType struct {
	name  string
	index int
}

// Connector implements connector.Connector and connector.Verifier for
// PostHog usage. It is safe for concurrent use; the only state it keeps is
// the project it discovered.
type Connector struct {
	host     string
	key      string
	project  string
	group    *groupType
	hc       *httpx.Client
	now      func() time.Time
	pageSize int

	mu         sync.Mutex // guards the fields below
	found      string     // discovered project id, or "@current"
	foundIndex int        // looked-up group type index; -1 until then
}

// New returns a PostHog connector that authenticates with key, a personal
// API key (phx_…) with the query:read scope (project:read too, to look the
// project up and name it in Settings), and sends every request through hc.
// The key only ever goes into the Authorization header.
func New(key string, hc *httpx.Client, opts ...Option) *Connector {
	c := &Connector{host: DefaultHost, key: strings.TrimSpace(key), hc: hc, now: time.Now, pageSize: PageSize,
		foundIndex: LookUpIndex}
	for _, o := range opts {
		o(c)
	}
	return c
}

// String names the connector without its key, so that printing one never
// shows the key.
func (c *Connector) String() string { return "posthog.Connector(" + c.host + ")" }

// GoString is String for %#v.
func (c *Connector) GoString() string { return c.String() }

// Source is domain.SourcePostHog.
func (c *Connector) Source() domain.Source { return domain.SourcePostHog }

// Fetch returns the page of the usage pass at cursor (see the package
// comment). It is FetchUsage without the last-seen times.
func (c *Connector) Fetch(ctx context.Context, cur connector.Cursor) (connector.Page, error) {
	p, err := c.FetchUsage(ctx, cur)
	return p.Page, err
}

// check reports a connector that cannot run: no key, or a setting out of
// range. It sends nothing.
func (c *Connector) check() error {
	if c.key == "" {
		return domain.Errorf(domain.ENotConnected, "PostHog is not connected: add a personal API key.")
	}
	if strings.HasPrefix(c.key, "phc_") {
		return domain.Errorf(domain.EInvalid, msgProjectKey)
	}
	if g := c.group; g != nil && (g.index > MaxGroupIndex || g.index == LookUpIndex && g.name == "") {
		return domain.Errorf(domain.EInvalid,
			"The PostHog group type must be named, with an index between 0 and %d; check it in Settings.", MaxGroupIndex)
	}
	if c.project != "" && !validProject(c.project) {
		return domain.Errorf(domain.EInvalid, "The PostHog project id must be a number; check it in Settings.")
	}
	return nil
}

func validProject(id string) bool {
	if id == "" || len(id) > 19 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

var (
	_ connector.Connector = (*Connector)(nil)
	_ connector.Verifier  = (*Connector)(nil)
)

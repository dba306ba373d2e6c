package buildbetter

import (
	"context"
	"strings"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// DefaultBaseURL is BuildBetter's API host; GraphQLPath is appended to it.
const DefaultBaseURL = "https://api.buildbetter.app"

// GraphQLPath is the GraphQL endpoint under the base URL.
const GraphQLPath = "/v1/graphql"

// Page sizes: rows a request in the calls and signals phases, and in the
// scan that opens a pass. A server that caps rows lower is read correctly,
// with more requests.
const (
	PageSize     = 100
	ScanPageSize = 1000
)

// Incremental sync bounds (see the package comment).
const (
	Overlap       = 6 * time.Hour
	FullPassEvery = 7 * 24 * time.Hour
)

// RequestsPerSecond is the rate the client keeps to: BuildBetter documents
// no limit, so it stays gentle.
const RequestsPerSecond = 5

// Progress labels of the phases.
const (
	PhaseAccounts = "Finding accounts…"
	PhaseCalls    = "Fetching calls…"
	PhaseSignals  = "Fetching signals…"
)

// Option configures a Connector.
type Option func(*Connector)

// WithBaseURL overrides DefaultBaseURL (scheme and host, optionally a path
// prefix; a trailing /v1/graphql or /graphql is accepted and dropped). An
// empty url keeps the default.
func WithBaseURL(url string) Option {
	return func(c *Connector) {
		url = strings.TrimRight(strings.TrimSpace(url), "/")
		url = strings.TrimSuffix(strings.TrimSuffix(url, GraphQLPath), "/graphql")
		if url != "" {
			c.baseURL = url
		}
	}
}

// WithClock replaces time.Now: it dates full passes and decides when the
// next one is due. Watermarks are BuildBetter's own created_at times.
func WithClock(now func() time.Time) Option {
	return func(c *Connector) {
		if now != nil {
			c.now = now
		}
	}
}

// WithPageSize sets the rows asked for per request in the calls and
// signals phases (default PageSize); n < 1 keeps the default.
func WithPageSize(n int) Option {
	return func(c *Connector) {
		if n >= 1 {
			c.pageSize = n
		}
	}
}

// Connector implements connector.Connector and connector.Verifier for
// BuildBetter. It is safe for concurrent use: it holds no per-pass state.
type Connector struct {
	baseURL  string
	key      string
	hc       *httpx.Client
	now      func() time.Time
	pageSize int
}

// New returns a BuildBetter connector that authenticates with key (an
// organization API key) and sends every request through hc. The key only
// ever goes into the X-BuildBetter-Api-Key header.
func New(key string, hc *httpx.Client, opts ...Option) *Connector {
	c := &Connector{baseURL: DefaultBaseURL, key: strings.TrimSpace(key), hc: hc, now: time.Now, pageSize: PageSize}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Policy is the httpx policy to build the BuildBetter client with: the
// source's name for messages and a RequestsPerSecond limiter.
func Policy() httpx.Policy {
	return httpx.Policy{Source: domain.SourceBuildBetter.Label(),
		Limiter: httpx.NewLimiter(httpx.PerSecond(RequestsPerSecond))}
}

// String names the connector without its key, so that printing one (%v,
// %+v) never shows the key.
func (c *Connector) String() string { return "buildbetter.Connector(" + c.baseURL + ")" }

// GoString is String for %#v.
func (c *Connector) GoString() string { return c.String() }

// Source is domain.SourceBuildBetter.
func (c *Connector) Source() domain.Source { return domain.SourceBuildBetter }

// Fetch returns the page at cursor: the scan that opens a pass (its
// accounts), or the next page of its calls or signals. See the package
// comment.
func (c *Connector) Fetch(ctx context.Context, cur connector.Cursor) (connector.Page, error) {
	if err := ctx.Err(); err != nil {
		return connector.Page{}, err
	}
	if c.key == "" {
		return connector.Page{}, notConnected()
	}
	pos, err := parseCursor(cur)
	if err != nil {
		return connector.Page{}, err
	}
	if pos.phase == phaseNext {
		return c.startPass(ctx, pos)
	}
	return c.continuePass(ctx, pos)
}

func notConnected() error {
	return domain.Errorf(domain.ENotConnected, "BuildBetter is not connected: add an API key.")
}

var (
	_ connector.Connector = (*Connector)(nil)
	_ connector.Verifier  = (*Connector)(nil)
)

package salesbricks

import (
	"strings"
	"sync/atomic"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// DefaultBaseURL is the REST API v2 root. The GraphQL endpoint is derived
// from it: the same host's /api/v1/graphql.
const DefaultBaseURL = "https://api.salesbricks.com/api/v2"

// restSuffix and graphQLPath place the two APIs on one host.
const (
	restSuffix  = "/api/v2"
	graphQLPath = "/api/v1/graphql"
)

// DefaultCurrency is the currency of a contract that names none:
// Salesbricks documents USD as the default of its currency field.
const DefaultCurrency = "USD"

// Paging and fan-out defaults.
const (
	PageSize    = 25  // customers per page (Salesbricks allows up to 1000)
	SubPageSize = 100 // orders and invoices per request
	Concurrency = 4   // subscriptions read at once within a page
	// maxSubPages bounds the order or invoice pages read for one
	// subscription, so that a list that never ends cannot hang a pass.
	maxSubPages = 200
)

// Option configures a Connector.
type Option func(*Connector)

// WithBaseURL overrides DefaultBaseURL. url is the REST root
// ("https://api.staging.salesbricks.com/api/v2") or a bare host
// ("http://127.0.0.1:8080"), to which /api/v2 is added. The GraphQL
// endpoint moves with it unless WithGraphQLURL says otherwise. "" keeps the
// default.
func WithBaseURL(url string) Option {
	return func(c *Connector) {
		url = strings.TrimRight(strings.TrimSpace(url), "/")
		if url == "" {
			return
		}
		if !strings.HasSuffix(url, restSuffix) {
			url += restSuffix
		}
		c.restURL = url
		if !c.gqlSet {
			c.gqlURL = strings.TrimSuffix(url, restSuffix) + graphQLPath
		}
	}
}

// WithGraphQLURL sets the GraphQL endpoint outright. "" keeps the one
// derived from the base URL.
func WithGraphQLURL(url string) Option {
	return func(c *Connector) {
		if url = strings.TrimSpace(url); url != "" {
			c.gqlURL, c.gqlSet = url, true
		}
	}
}

// WithClock replaces time.Now. The clock picks a contract's current billing
// period and tells a running trial from a past one; it never dates records.
func WithClock(now func() time.Time) Option {
	return func(c *Connector) {
		if now != nil {
			c.now = now
		}
	}
}

// WithPageSize sets the customers per page (1–1000; others keep PageSize).
func WithPageSize(n int) Option {
	return func(c *Connector) {
		if n >= 1 && n <= 1000 {
			c.pageSize = n
		}
	}
}

// WithConcurrency sets how many subscriptions a page reads at once (1–16;
// others keep Concurrency).
func WithConcurrency(n int) Option {
	return func(c *Connector) {
		if n >= 1 && n <= 16 {
			c.workers = n
		}
	}
}

// Connector implements connector.Connector and connector.Verifier for
// Salesbricks. It is safe for concurrent use and holds no per-pass state.
type Connector struct {
	key      string
	hc       *httpx.Client
	restURL  string
	gqlURL   string
	gqlSet   bool
	now      func() time.Time
	pageSize int
	workers  int
	// dealVariant is the first GraphQL deals query variant worth trying
	// (see FetchDeals): the one that last worked.
	dealVariant atomic.Int32
}

// New returns a Salesbricks connector that authenticates with key (the
// Public API token from Settings → Integrations → Public API) and sends
// every request through hc. The key only ever goes into the
// X-SALESBRICKS-KEY header.
func New(key string, hc *httpx.Client, opts ...Option) *Connector {
	c := &Connector{
		key: strings.TrimSpace(key), hc: hc, now: time.Now, pageSize: PageSize, workers: Concurrency,
		restURL: DefaultBaseURL, gqlURL: strings.TrimSuffix(DefaultBaseURL, restSuffix) + graphQLPath,
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Policy is the httpx policy to build the Salesbricks client with. No rate
// limit is documented; a gentle 20 requests a second (bursts of 10) keeps a
// page's fan-out polite, and 429s are retried honouring Retry-After.
func Policy() httpx.Policy {
	return httpx.Policy{Source: domain.SourceSalesbricks.Label(),
		Limiter: httpx.NewLimiter(httpx.Rate{N: 20, Per: time.Second, Burst: 10})}
}

// String names the connector without its key, so printing one never shows it.
func (c *Connector) String() string { return "salesbricks.Connector(" + c.restURL + ")" }

// GoString is String for %#v.
func (c *Connector) GoString() string { return c.String() }

// Source is domain.SourceSalesbricks.
func (c *Connector) Source() domain.Source { return domain.SourceSalesbricks }

// notConnected is the error without a key.
func notConnected() error {
	return domain.Errorf(domain.ENotConnected, "Salesbricks is not connected: add an API key.")
}

var (
	_ connector.Connector = (*Connector)(nil)
	_ connector.Verifier  = (*Connector)(nil)
)

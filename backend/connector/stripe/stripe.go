// Package stripe is the Stripe connector: customers, subscriptions and
// invoices read at API version 2023-10-16 (the version stripe-go v76 pins)
// through the app's *httpx.Client, which owns retries, Retry-After, rate
// limiting and error redaction. stripe-go builds every request (path,
// query, headers); bodies are decoded by this package's one-pass decoder
// into stripe-go's structs (decode.go) and mapped by map.go.
//
// Passes. A full pass reads customers, then subscriptions (status=all),
// then invoices (with their charges expanded), 100 per page, and marks its
// pages so that the sink can sweep what it no longer lists
// (connector.Page.StartsFullPass / EndsFullPass). It ends with a cursor
// holding a watermark: the Stripe time (the Date header of its first
// answer) at which it began. The next run is then incremental: it reads
// /v1/events created since the watermark less EventOverlap, keeps the
// newest event of each object, and maps the object the event carries
// (re-reading failed invoices for their charge); customer.deleted removes
// the customer's records. A run does a full pass instead when there is no
// watermark, when the watermark is older than IncrementalWindow (Stripe
// keeps events 30 days), when the last full pass began FullPassEvery ago
// or more, when more than MaxEvents changed, or when the key may not read
// events.
//
// The cursor is "<phase>:<starting_after>" with optional ";w=<watermark>"
// and ";f=<full pass start>" (unix seconds), phase one of customers,
// subscriptions, invoices or events; "" starts a full pass. Cursors saved
// by earlier versions ("subscriptions:sub_123") still resume.
package stripe

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"time"

	stripe "github.com/stripe/stripe-go/v76"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// DefaultBaseURL is Stripe's API host; stripe-go appends /v1/... itself.
const DefaultBaseURL = "https://api.stripe.com"

// BaseURLEnv names the environment variable main.go reads to point the
// connector elsewhere (stripe-mock, a recorder). This package never reads it.
const BaseURLEnv = "SUCCESS_DESK_STRIPE_BASE_URL"

// PageSize is the Stripe list limit used for every list (Stripe's maximum).
const PageSize = 100

// Incremental sync bounds (see the package comment).
const (
	IncrementalWindow = 29 * 24 * time.Hour
	FullPassEvery     = 24 * time.Hour
	EventOverlap      = 5 * time.Minute
	MaxEvents         = 5000
)

// Progress labels of the phases.
const (
	PhaseCustomers     = "Fetching customers…"
	PhaseSubscriptions = connector.PhaseSubscriptions
	PhaseInvoices      = "Fetching invoices…"
	PhaseEvents        = "Fetching changes…"
)

// phase names as they appear in the cursor.
const (
	phaseCustomers     = "customers"
	phaseSubscriptions = "subscriptions"
	phaseInvoices      = "invoices"
	phaseEvents        = "events"
)

var phaseOrder = []string{phaseCustomers, phaseSubscriptions, phaseInvoices}

var phaseLabel = map[string]string{
	phaseCustomers:     PhaseCustomers,
	phaseSubscriptions: PhaseSubscriptions,
	phaseInvoices:      PhaseInvoices,
	phaseEvents:        PhaseEvents,
}

// Option configures a Connector.
type Option func(*Connector)

// WithBaseURL overrides DefaultBaseURL (scheme and host, optionally a path
// prefix; no trailing /v1). An empty url keeps the default.
func WithBaseURL(url string) Option {
	return func(c *Connector) {
		if url = strings.TrimRight(strings.TrimSpace(url), "/"); url != "" {
			c.baseURL = strings.TrimSuffix(url, "/v1")
		}
	}
}

// WithClock replaces time.Now: it dates full passes and judges how old a
// watermark is. Watermarks themselves are Stripe's time.
func WithClock(now func() time.Time) Option {
	return func(c *Connector) {
		if now != nil {
			c.now = now
		}
	}
}

// Connector implements connector.Connector and connector.Verifier for
// Stripe. It is safe for concurrent use: it holds no per-pass state.
type Connector struct {
	baseURL string
	key     string
	hc      *httpx.Client
	backend *stripe.BackendImplementation
	now     func() time.Time
	bufs    sync.Pool // *bytes.Buffer for answers
}

// New returns a Stripe connector that authenticates with key (a secret
// sk_… or restricted rk_… key; a restricted key needs read access to
// customers, subscriptions, invoices and, for incremental sync, events)
// and sends every request through hc. The key only ever goes into the
// Authorization header.
func New(key string, hc *httpx.Client, opts ...Option) *Connector {
	c := &Connector{baseURL: DefaultBaseURL, key: strings.TrimSpace(key), hc: hc, now: time.Now}
	for _, o := range opts {
		o(c)
	}
	noRetries := int64(0)
	noTelemetry := false
	b := stripe.GetBackendWithConfig(stripe.APIBackend, &stripe.BackendConfig{
		URL:               stripe.String(c.baseURL),
		HTTPClient:        &http.Client{Transport: refuseTransport{}},
		LeveledLogger:     nopLogger{},
		MaxNetworkRetries: &noRetries,
		EnableTelemetry:   &noTelemetry,
	})
	c.backend = b.(*stripe.BackendImplementation)
	return c
}

// String names the connector without its key, so that printing one (%v,
// %+v) never shows the key.
func (c *Connector) String() string { return "stripe.Connector(" + c.baseURL + ")" }

// GoString is String for %#v.
func (c *Connector) GoString() string { return c.String() }

// Policy is the httpx policy to build the Stripe client with: Stripe's
// per-mode rate limit for key (httpx.StripeLimit) and defaults otherwise.
func Policy(key string) httpx.Policy {
	return httpx.Policy{Source: "Stripe", Limiter: httpx.NewLimiter(httpx.StripeLimit(key))}
}

// Source is domain.SourceStripe.
func (c *Connector) Source() domain.Source { return domain.SourceStripe }

// Fetch returns the page at cursor: the next page of a full pass, or the
// whole of an incremental pass (one page, Done). See the package comment.
func (c *Connector) Fetch(ctx context.Context, cur connector.Cursor) (connector.Page, error) {
	if err := ctx.Err(); err != nil {
		return connector.Page{}, err
	}
	if c.key == "" {
		return connector.Page{}, domain.Errorf(domain.ENotConnected, "Stripe is not connected: add an API key.")
	}
	pos, err := parseCursor(cur)
	if err != nil {
		return connector.Page{}, err
	}
	if pos.phase == phaseEvents {
		return c.fetchChanges(ctx, pos)
	}
	return c.fetchFull(ctx, pos, cur == "")
}

// fullPassDue reports whether an incremental run at pos must be a full
// pass instead.
func (c *Connector) fullPassDue(pos position) bool {
	now := c.now()
	return pos.mark <= 0 || now.Sub(time.Unix(pos.mark, 0)) > IncrementalWindow ||
		pos.full <= 0 || now.Sub(time.Unix(pos.full, 0)) >= FullPassEvery
}

// refuseTransport backs stripe-go's own HTTP client, which this package
// never uses: every request goes through the httpx.Client. Should one ever
// be sent, it fails without touching the network.
type refuseTransport struct{}

func (refuseTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, domain.Errorf(domain.EInternal, "Internal error.")
}

// nopLogger discards stripe-go's log lines.
type nopLogger struct{}

func (nopLogger) Debugf(string, ...interface{}) {}
func (nopLogger) Errorf(string, ...interface{}) {}
func (nopLogger) Infof(string, ...interface{})  {}
func (nopLogger) Warnf(string, ...interface{})  {}

var (
	_ connector.Connector = (*Connector)(nil)
	_ connector.Verifier  = (*Connector)(nil)
)

package hubspot

import (
	"context"
	"hash/fnv"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// DefaultBaseURL is HubSpot's API host.
const DefaultBaseURL = "https://api.hubapi.com"

// Page sizes: HubSpot's maximum for object lists and for search.
const (
	PageSize       = 100
	SearchPageSize = 200
)

// Incremental sync bounds (see the package comment).
const (
	FullPassEvery = 24 * time.Hour
	ChangeOverlap = 5 * time.Minute
	MaxChanges    = 10000
)

// Rates: BurstRate keeps under the burst limit of HubSpot's lowest plans
// (100 requests per 10 seconds, shared by every app of the account);
// SearchRate under the search endpoint's own limit per token.
var (
	BurstRate  = httpx.Rate{N: 90, Per: 10 * time.Second, Burst: 10}
	SearchRate = httpx.Rate{N: 4, Per: time.Second, Burst: 1}
)

// DefaultRateWindow is the wait after a 429 that names no window of its
// own: HubSpot's burst limit is counted over 10 seconds.
const DefaultRateWindow = 10 * time.Second

// maxRateWaits bounds the rate windows one request waits out.
const maxRateWaits = 2

// Progress labels of the passes.
const (
	PhaseCompanies = "Fetching companies…"
	PhaseChanges   = "Fetching changes…"
)

// Option configures a Connector.
type Option func(*Connector)

// WithBaseURL overrides DefaultBaseURL (scheme and host, optionally a path
// prefix). An empty url keeps the default.
func WithBaseURL(url string) Option {
	return func(c *Connector) {
		if url = strings.TrimRight(strings.TrimSpace(url), "/"); url != "" {
			c.baseURL = url
		}
	}
}

// WithClock replaces time.Now: it dates full passes, judges when the next
// one is due and paces searches. Watermarks are HubSpot's time.
func WithClock(now func() time.Time) Option {
	return func(c *Connector) {
		if now != nil {
			c.now = now
		}
	}
}

// WithSleep replaces the real timer for the waits the connector makes
// itself: rate-limit windows and search pacing. It must return ctx.Err()
// when ctx ends first.
func WithSleep(sleep httpx.SleepFunc) Option {
	return func(c *Connector) {
		if sleep != nil {
			c.sleep = sleep
		}
	}
}

// WithSearchLimiter replaces the pacing of search requests (by default a
// limiter at SearchRate on the connector's clock and sleep); nil sends
// searches unpaced.
func WithSearchLimiter(w httpx.Waiter) Option {
	return func(c *Connector) { c.search, c.searchSet = w, true }
}

// WithCustomProperties names the custom company properties (internal
// names, as Properties lists them) whose values go into
// Enrichment.Custom, keyed by label (see the package comment). Names are
// trimmed; empty, repeated and malformed ones (HubSpot's names hold only
// letters, digits and underscores) are left out.
func WithCustomProperties(names []string) Option {
	return func(c *Connector) {
		c.custom = c.custom[:0]
		for _, n := range names {
			n = strings.TrimSpace(n)
			if propName.MatchString(n) && !slices.Contains(c.custom, n) {
				c.custom = append(c.custom, n)
			}
		}
	}
}

var propName = regexp.MustCompile(`^[A-Za-z0-9_]{1,100}$`)

// Connector implements connector.Connector and connector.Verifier for
// HubSpot. It is safe for concurrent use; the only state it keeps is the
// custom properties' definitions, read once and refreshed by full passes.
type Connector struct {
	baseURL   string
	token     string
	hc        *httpx.Client
	now       func() time.Time
	sleep     httpx.SleepFunc
	search    httpx.Waiter
	searchSet bool
	custom    []string // chosen custom properties, in the order given
	props     string   // fingerprint of custom; "" without any

	mu     sync.Mutex
	fields []customField // nil until read
}

// New returns a HubSpot connector that authenticates with token (a
// private app's access token, pat-…, or a static app token; it needs the
// crm.objects.companies.read scope, and crm.objects.deals.read for
// FetchStages) and sends every request through hc. The token only ever
// goes into the Authorization header.
func New(token string, hc *httpx.Client, opts ...Option) *Connector {
	c := &Connector{baseURL: DefaultBaseURL, token: strings.TrimSpace(token), hc: hc, now: time.Now,
		sleep: httpx.SleepContext}
	for _, o := range opts {
		o(c)
	}
	if !c.searchSet {
		c.search = httpx.NewLimiter(SearchRate, httpx.LimiterClock(c.now), httpx.LimiterSleep(c.sleep))
	}
	c.props = fingerprint(c.custom)
	return c
}

// Policy is the httpx policy to build the HubSpot client with: requests
// paced to BurstRate, defaults otherwise.
func Policy() httpx.Policy {
	return httpx.Policy{Source: domain.SourceHubSpot.Label(), Limiter: httpx.NewLimiter(BurstRate)}
}

// String names the connector without its token, so that printing one
// (%v, %+v) never shows the token.
func (c *Connector) String() string { return "hubspot.Connector(" + c.baseURL + ")" }

// GoString is String for %#v.
func (c *Connector) GoString() string { return c.String() }

// Source is domain.SourceHubSpot.
func (c *Connector) Source() domain.Source { return domain.SourceHubSpot }

// Fetch returns the page at cur: the next page of a full pass or of an
// incremental run (see the package comment).
func (c *Connector) Fetch(ctx context.Context, cur connector.Cursor) (connector.Page, error) {
	if err := ctx.Err(); err != nil {
		return connector.Page{}, err
	}
	if c.token == "" {
		return connector.Page{}, notConnected()
	}
	pos, err := parseCursor(cur)
	if err != nil {
		return connector.Page{}, err
	}
	switch {
	case cur == "", pos.props != c.props, pos.mode == modeChanges && pos.run == 0 && c.fullPassDue(pos):
		return c.fetchFull(ctx, position{}, true)
	case pos.mode == modeFull:
		return c.fetchFull(ctx, pos, false)
	}
	return c.fetchChanges(ctx, pos)
}

// fullPassDue reports whether an incremental run from pos must be a full
// pass instead.
func (c *Connector) fullPassDue(pos position) bool {
	if pos.full <= 0 {
		return true
	}
	age := c.now().Sub(time.UnixMilli(pos.full))
	return age >= FullPassEvery || age <= -FullPassEvery
}

// fingerprint names a set of custom properties in cursors: 8 hex digits of
// the sorted names' FNV-1a hash, "" for none.
func fingerprint(names []string) string {
	if len(names) == 0 {
		return ""
	}
	h := fnv.New32a()
	_, _ = h.Write([]byte(strings.Join(slices.Sorted(slices.Values(names)), ",")))
	s := strconv.FormatUint(uint64(h.Sum32()), 16)
	return strings.Repeat("0", 8-len(s)) + s
}

func notConnected() error {
	return domain.Errorf(domain.ENotConnected, "HubSpot is not connected: add a private app token.")
}

var (
	_ connector.Connector = (*Connector)(nil)
	_ connector.Verifier  = (*Connector)(nil)
)

// Package stripe is the Stripe connector: customers, subscriptions and
// invoices read with stripe-go v76 (API version 2023-10-16) through the
// app's *httpx.Client, which owns retries, Retry-After, rate limiting and
// error redaction. stripe-go itself never retries and never logs.
//
// A pass fetches customers, then subscriptions (status=all), then invoices,
// 100 per page. The cursor is "<phase>:<starting_after>" (for example
// "subscriptions:sub_123"); "" starts a full pass and the last page's Next is
// "" so the following run is a full pass again.
package stripe

import (
	"context"
	"errors"
	"net/http"
	"strings"

	stripe "github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/client"

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

// Progress labels of the three phases.
const (
	PhaseCustomers     = "Fetching customers…"
	PhaseSubscriptions = connector.PhaseSubscriptions
	PhaseInvoices      = "Fetching invoices…"
)

// phase names as they appear in the cursor.
const (
	phaseCustomers     = "customers"
	phaseSubscriptions = "subscriptions"
	phaseInvoices      = "invoices"
)

var phaseOrder = []string{phaseCustomers, phaseSubscriptions, phaseInvoices}

var phaseLabel = map[string]string{
	phaseCustomers:     PhaseCustomers,
	phaseSubscriptions: PhaseSubscriptions,
	phaseInvoices:      PhaseInvoices,
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

// Connector implements connector.Connector for Stripe. Safe for concurrent
// use (it holds no per-pass state).
type Connector struct {
	baseURL string
	hasKey  bool
	api     *client.API
}

// New returns a Stripe connector that authenticates with key (a secret
// sk_… or restricted rk_… key; a restricted key needs read access to
// customers, subscriptions and invoices) and sends every request through
// hc. The key is only ever set as the client's API key.
func New(key string, hc *httpx.Client, opts ...Option) *Connector {
	c := &Connector{baseURL: DefaultBaseURL, hasKey: strings.TrimSpace(key) != ""}
	for _, o := range opts {
		o(c)
	}
	noRetries := int64(0)
	noTelemetry := false
	b := stripe.GetBackendWithConfig(stripe.APIBackend, &stripe.BackendConfig{
		URL: stripe.String(c.baseURL),
		HTTPClient: &http.Client{
			Transport: httpxTransport{hc},
			// Redirects are httpx's business; never follow one twice.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		LeveledLogger:     nopLogger{},
		MaxNetworkRetries: &noRetries,
		EnableTelemetry:   &noTelemetry,
	})
	c.api = &client.API{}
	c.api.Init(key, &stripe.Backends{API: b, Connect: b, Uploads: b})
	return c
}

// Policy is the httpx policy to build the Stripe client with: Stripe's
// per-mode rate limit for key (httpx.StripeLimit) and defaults otherwise.
func Policy(key string) httpx.Policy {
	return httpx.Policy{Source: "Stripe", Limiter: httpx.NewLimiter(httpx.StripeLimit(key))}
}

// Source is domain.SourceStripe.
func (c *Connector) Source() domain.Source { return domain.SourceStripe }

// Fetch returns the page at cursor. A phase that turns out empty (or ends on
// an empty page) moves straight on to the next phase within the same call,
// so only the end of the pass yields an empty page.
func (c *Connector) Fetch(ctx context.Context, cursor connector.Cursor) (connector.Page, error) {
	if err := ctx.Err(); err != nil {
		return connector.Page{}, err
	}
	if !c.hasKey {
		return connector.Page{}, domain.Errorf(domain.ENotConnected, "Stripe is not connected: add an API key.")
	}
	phase, after, err := parseCursor(cursor)
	if err != nil {
		return connector.Page{}, err
	}
	for {
		page, hasMore, last, err := c.fetchPhase(ctx, phase, after)
		if err != nil {
			return connector.Page{}, err
		}
		page.Phase = phaseLabel[phase]
		if hasMore && last != "" {
			if page.Len() > 0 {
				page.Next = phase + ":" + last
				return page, nil
			}
			after = last // a page of objects we skip (drafts): read on
			continue
		}
		// The phase ended (has_more false, or an empty page claiming more).
		np := nextPhase(phase)
		switch {
		case np == "":
			page.Done, page.Next = true, ""
			return page, nil
		case page.Len() == 0:
			phase, after = np, ""
		default:
			page.Next = np + ":"
			return page, nil
		}
	}
}

// fetchPhase reads one list page. last is the id of the page's last object
// ("" when the page is empty), the starting_after of the next page.
func (c *Connector) fetchPhase(ctx context.Context, phase, after string) (page connector.Page, hasMore bool, last string, err error) {
	lp := stripe.ListParams{Context: ctx, Limit: stripe.Int64(PageSize)}
	if after != "" {
		lp.StartingAfter = stripe.String(after)
	}
	switch phase {
	case phaseCustomers:
		it := c.api.Customers.List(&stripe.CustomerListParams{ListParams: lp})
		if err := it.Err(); err != nil {
			return page, false, "", c.fetchError(ctx, err)
		}
		l := it.CustomerList()
		for _, cu := range l.Data {
			if cu == nil {
				continue
			}
			last = cu.ID
			if r, ok := MapCustomer(cu); ok {
				page.Accounts = append(page.Accounts, r)
			}
		}
		return page, l.HasMore, last, nil
	case phaseSubscriptions:
		p := &stripe.SubscriptionListParams{ListParams: lp, Status: stripe.String("all")}
		// Prices come in full on subscription items (not expandable), and
		// expanding their products would exceed Stripe's 4-level limit.
		it := c.api.Subscriptions.List(p)
		if err := it.Err(); err != nil {
			return page, false, "", c.fetchError(ctx, err)
		}
		l := it.SubscriptionList()
		for _, s := range l.Data {
			if s == nil {
				continue
			}
			last = s.ID
			if r, ok := MapSubscription(s); ok {
				page.Revenue = append(page.Revenue, r)
			}
		}
		return page, l.HasMore, last, nil
	default: // invoices
		p := &stripe.InvoiceListParams{ListParams: lp}
		p.AddExpand("data.charge") // the latest attempt's failure time and reason
		it := c.api.Invoices.List(p)
		if err := it.Err(); err != nil {
			return page, false, "", c.fetchError(ctx, err)
		}
		l := it.InvoiceList()
		for _, in := range l.Data {
			if in == nil {
				continue
			}
			last = in.ID
			if r, act, ok := MapInvoice(in); ok {
				page.Invoices = append(page.Invoices, r)
				if act != nil {
					page.Activities = append(page.Activities, *act)
				}
			}
		}
		return page, l.HasMore, last, nil
	}
}

// fetchError maps a stripe-go error. Status errors normally arrive as the
// *httpx.StatusError the transport returned (wrapped by net/http); a
// *stripe.Error (a 4xx/5xx body decoded by stripe-go, which only happens if
// a response got past httpx) is classified by its status code.
func (c *Connector) fetchError(ctx context.Context, err error) error {
	var se *stripe.Error
	var hs *httpx.StatusError
	if !errors.As(err, &hs) && errors.As(err, &se) && se.HTTPStatusCode >= 400 {
		err = &httpx.StatusError{Status: se.HTTPStatusCode, Source: "Stripe", Method: http.MethodGet}
	}
	return connector.FetchError(ctx, err, domain.SourceStripe)
}

func parseCursor(cur connector.Cursor) (phase, after string, err error) {
	if cur == "" {
		return phaseCustomers, "", nil
	}
	phase, after, ok := strings.Cut(cur, ":")
	if !ok || phaseLabel[phase] == "" || strings.ContainsAny(after, ":/?&# ") {
		return "", "", domain.Errorf(domain.EInvalid, "The saved Stripe sync position is not valid; run a full sync.")
	}
	return phase, after, nil
}

func nextPhase(p string) string {
	for i, x := range phaseOrder {
		if x == p && i+1 < len(phaseOrder) {
			return phaseOrder[i+1]
		}
	}
	return ""
}

// httpxTransport sends stripe-go's requests through httpx.Client.Do. A final
// status >= 400 becomes an error (the *httpx.StatusError), so stripe-go
// never decodes, logs or retries it.
type httpxTransport struct{ c *httpx.Client }

func (t httpxTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.c.Do(req)
	if err != nil {
		if resp != nil && resp.Body != nil {
			_ = resp.Body.Close()
		}
		return nil, err
	}
	return resp, nil
}

// nopLogger discards stripe-go's log lines.
type nopLogger struct{}

func (nopLogger) Debugf(string, ...interface{}) {}
func (nopLogger) Errorf(string, ...interface{}) {}
func (nopLogger) Infof(string, ...interface{})  {}
func (nopLogger) Warnf(string, ...interface{})  {}

var _ connector.Connector = (*Connector)(nil)

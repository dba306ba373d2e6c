package httpx

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"time"
)

// Defaults used for zero fields of a Policy.
const (
	DefaultTimeout       = 30 * time.Second
	DefaultMaxAttempts   = 4
	DefaultBaseDelay     = 500 * time.Millisecond
	DefaultMaxDelay      = 30 * time.Second
	DefaultMaxRetryAfter = 60 * time.Second
)

// Policy is the HTTP policy of one source. Zero fields take the defaults
// above.
type Policy struct {
	// Source names the service in messages ("Stripe"); empty uses the host.
	Source string
	// Timeout bounds one attempt, including reading the response body;
	// negative means no limit (the context still applies).
	Timeout time.Duration
	// MaxAttempts is the total number of tries, first one included; 1 means
	// never retry.
	MaxAttempts int
	// BaseDelay and MaxDelay shape backoff without Retry-After: before retry
	// n (n = 1, 2, ...) the client waits a uniformly random duration in
	// [0, min(MaxDelay, BaseDelay·2^(n-1))) ("full jitter").
	BaseDelay, MaxDelay time.Duration
	// MaxRetryAfter is the longest Retry-After the client will wait for; a
	// longer one ends Do at once with a StatusError carrying RetryAfter.
	MaxRetryAfter time.Duration
	// Limiter, if not nil, is waited on before every attempt.
	Limiter Waiter
	// RedactHeaders names extra headers (case-insensitive) whose values are
	// never logged or echoed, on top of the built-in list (see Redact).
	RedactHeaders []string
}

func (p Policy) withDefaults() Policy {
	if p.Timeout == 0 {
		p.Timeout = DefaultTimeout
	}
	if p.MaxAttempts < 1 {
		p.MaxAttempts = DefaultMaxAttempts
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = DefaultBaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = DefaultMaxDelay
	}
	if p.MaxDelay < p.BaseDelay {
		p.MaxDelay = p.BaseDelay
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = DefaultMaxRetryAfter
	}
	return p
}

// SleepFunc waits for d or until ctx ends, returning ctx.Err() in that case.
type SleepFunc func(ctx context.Context, d time.Duration) error

// SleepContext is the real SleepFunc: a timer that honours ctx.
func SleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Client sends requests under a Policy. It is safe for concurrent use.
type Client struct {
	p      Policy
	hc     *http.Client
	sleep  SleepFunc
	now    func() time.Time
	rand   func() float64
	logger *slog.Logger
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sends through a shallow copy of hc (its Transport, Jar and
// CheckRedirect are kept; its Timeout is replaced by the policy's).
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) {
		if hc != nil {
			cp := *hc
			c.hc = &cp
		}
	}
}

// WithSleep replaces the real timer used for backoff and Retry-After waits.
func WithSleep(sleep SleepFunc) Option { return func(c *Client) { c.sleep = sleep } }

// WithClock replaces time.Now (used to turn a Retry-After date into a delay).
func WithClock(now func() time.Time) Option { return func(c *Client) { c.now = now } }

// WithRand replaces the jitter source; rnd must return values in [0, 1).
func WithRand(rnd func() float64) Option { return func(c *Client) { c.rand = rnd } }

// WithLimiter replaces the policy's Limiter; nil sends without one. Tests
// against a loopback peer use it: the provider's limits do not apply there,
// and the limiter itself is tested on its own.
func WithLimiter(w Waiter) Option { return func(c *Client) { c.p.Limiter = w } }

// WithLogger logs attempts (Debug) and retries (Info) to l; nil disables
// logging. Log lines carry only redacted headers and query-less URLs.
func WithLogger(l *slog.Logger) Option { return func(c *Client) { c.logger = l } }

// New returns a Client applying p (zero fields defaulted). Without
// WithHTTPClient it uses a fresh http.Client over http.DefaultTransport.
func New(p Policy, opts ...Option) *Client {
	c := &Client{
		p:     p.withDefaults(),
		hc:    &http.Client{},
		sleep: SleepContext,
		now:   time.Now,
		rand:  rand.Float64,
	}
	for _, o := range opts {
		o(c)
	}
	if c.p.Timeout > 0 {
		c.hc.Timeout = c.p.Timeout
	} else {
		c.hc.Timeout = 0 // negative Timeout: no per-attempt limit
	}
	return c
}

// Policy returns the effective policy (defaults applied).
func (c *Client) Policy() Policy { return c.p }

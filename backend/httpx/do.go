package httpx

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"
)

const (
	// maxErrorBody is how much of a final error response Do buffers, so the
	// caller can still decode a provider's error JSON from resp.Body.
	maxErrorBody = 64 << 10
	// maxDrain bounds how much of a discarded body is read to reuse the
	// connection.
	maxDrain = 64 << 10
	// bodySnippet is the length of StatusError.Body.
	bodySnippet = 512
)

type idempotentKey struct{}

// MarkIdempotent returns a shallow copy of req that Do may retry although
// its method is not idempotent: use it for reads sent as POST (GraphQL
// queries, PostHog HogQL). No header is added to the wire.
func MarkIdempotent(req *http.Request) *http.Request {
	return req.WithContext(context.WithValue(req.Context(), idempotentKey{}, true))
}

// isIdempotent reports whether resending req cannot apply a change twice.
func isIdempotent(req *http.Request) bool {
	switch req.Method {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace, http.MethodPut, http.MethodDelete:
		return true
	}
	if _, ok := req.Header["Idempotency-Key"]; ok {
		return true
	}
	if _, ok := req.Header["X-Idempotency-Key"]; ok {
		return true
	}
	v, _ := req.Context().Value(idempotentKey{}).(bool)
	return v
}

func retryableStatus(s int) bool {
	switch s {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryableNetErr is false for failures another attempt cannot fix.
func retryableNetErr(err error) bool {
	var (
		cve *tls.CertificateVerificationError
		ua  x509.UnknownAuthorityError
		he  x509.HostnameError
		ci  x509.CertificateInvalidError
	)
	return !(errors.As(err, &cve) || errors.As(err, &ua) || errors.As(err, &he) || errors.As(err, &ci))
}

// Do sends req under the client's policy.
//
// Before every attempt it waits on the policy's Limiter. It retries, up to
// MaxAttempts in all, on 429, 500, 502, 503, 504 and on network failures
// (timeouts, refused or reset connections), but only idempotent requests
// (see the package comment) whose body, if any, can be replayed through
// GetBody. Between attempts it waits the response's Retry-After if present,
// else BaseDelay·2^(n-1) capped at MaxDelay with full jitter; it gives up at
// once when Retry-After exceeds MaxRetryAfter or the wait would outlast the
// context's deadline. Every wait honours req's context.
//
// Results:
//   - status < 400: (resp, nil); the caller closes resp.Body.
//   - status >= 400 on the final attempt: (resp, *StatusError). resp.Body
//     has already been read (up to 64 KiB), closed, and replaced by an
//     in-memory copy, so it may be decoded or ignored; closing it is optional.
//   - no response: (nil, *TransportError), wrapping the context's error when
//     the context ended.
func (c *Client) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	source := c.sourceOf(req)
	secrets := secretsOf(req, c.p.RedactHeaders)
	canRetry := isIdempotent(req) &&
		(req.Body == nil || req.Body == http.NoBody || req.GetBody != nil)

	attempts := 0
	for {
		if c.p.Limiter != nil {
			if err := c.p.Limiter.Wait(ctx); err != nil {
				return nil, c.transportError(req, source, attempts, err, secrets)
			}
		}
		r, err := c.attemptRequest(req, attempts)
		if err != nil {
			return nil, c.transportError(req, source, attempts, err, secrets)
		}
		attempts++
		start := time.Now()
		resp, err := c.hc.Do(r)
		final := !canRetry || attempts >= c.p.MaxAttempts

		var delay time.Duration
		var retryAfter bool
		if err != nil {
			resp = nil // only set with a CheckRedirect error, body already closed
			c.logAttempt(ctx, req, source, attempts, 0, time.Since(start), err)
			if ctx.Err() != nil || final || !retryableNetErr(err) {
				return nil, c.transportError(req, source, attempts, err, secrets)
			}
			delay = c.backoff(attempts)
		} else {
			c.logAttempt(ctx, req, source, attempts, resp.StatusCode, time.Since(start), nil)
			if final || !retryableStatus(resp.StatusCode) {
				return c.finish(req, resp, source, attempts, secrets)
			}
			ra, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), c.now())
			if ok && ra > c.p.MaxRetryAfter {
				return c.finish(req, resp, source, attempts, secrets)
			}
			if ok {
				delay, retryAfter = ra, true
			} else {
				delay = c.backoff(attempts)
			}
		}

		// Waiting past the caller's deadline only to fail: stop now with
		// the result in hand.
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < delay {
			if resp != nil {
				return c.finish(req, resp, source, attempts, secrets)
			}
			return nil, c.transportError(req, source, attempts, err, secrets)
		}
		status := 0
		if resp != nil {
			status = resp.StatusCode
			discard(resp)
		}
		c.logRetry(ctx, req, source, attempts, status, err, delay, retryAfter, secrets)
		if serr := c.sleep(ctx, delay); serr != nil {
			return nil, c.transportError(req, source, attempts, serr, secrets)
		}
	}
}

// attemptRequest returns the request for attempt n (0-based): req itself
// first, then clones with a fresh body from GetBody.
func (c *Client) attemptRequest(req *http.Request, n int) (*http.Request, error) {
	if n == 0 {
		return req, nil
	}
	r := req.Clone(req.Context())
	if req.Body != nil && req.Body != http.NoBody {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		r.Body = body
	}
	return r, nil
}

// backoff is the full-jitter delay before retry n (n >= 1).
func (c *Client) backoff(n int) time.Duration {
	ceiling := c.p.BaseDelay
	for i := 1; i < n && ceiling < c.p.MaxDelay; i++ {
		ceiling *= 2
	}
	if ceiling > c.p.MaxDelay || ceiling <= 0 {
		ceiling = c.p.MaxDelay
	}
	f := c.rand()
	if f < 0 || f >= 1 {
		f = 0
	}
	return time.Duration(f * float64(ceiling))
}

// finish returns a final response: as is below 400, else with a StatusError.
func (c *Client) finish(req *http.Request, resp *http.Response, source string, attempts int, secrets []string) (*http.Response, error) {
	if resp.StatusCode < 400 {
		return resp, nil
	}
	buf, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(buf))

	se := &StatusError{
		Status:   resp.StatusCode,
		Source:   source,
		Method:   methodOf(req),
		URL:      SafeURL(req.URL),
		Attempts: attempts,
		Body:     scrub(string(buf), secrets, bodySnippet),
	}
	now := c.now()
	if ra, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), now); ok {
		se.RetryAfter = ra
		se.RetryAt = now.Add(ra)
	}
	return resp, se
}

func (c *Client) transportError(req *http.Request, source string, attempts int, err error, secrets []string) error {
	cause, reason := sanitizeCause(err, secrets)
	return &TransportError{
		Source:   source,
		Method:   methodOf(req),
		URL:      SafeURL(req.URL),
		Attempts: attempts,
		Reason:   reason,
		Err:      cause,
	}
}

func (c *Client) sourceOf(req *http.Request) string {
	if c.p.Source != "" {
		return c.p.Source
	}
	if req.URL != nil {
		return req.URL.Hostname()
	}
	return ""
}

func (c *Client) logAttempt(ctx context.Context, req *http.Request, source string, attempt, status int, took time.Duration, err error) {
	if c.logger == nil || !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("source", source),
		slog.Any("request", LogRequest(req, c.p.RedactHeaders...)),
		slog.Int("attempt", attempt),
		slog.Duration("took", took),
	}
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	if err != nil {
		_, reason := sanitizeCause(err, secretsOf(req, c.p.RedactHeaders))
		attrs = append(attrs, slog.String("error", reason))
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "http attempt", attrs...)
}

func (c *Client) logRetry(ctx context.Context, req *http.Request, source string, attempt, status int, err error, delay time.Duration, retryAfter bool, secrets []string) {
	if c.logger == nil || !c.logger.Enabled(ctx, slog.LevelInfo) {
		return
	}
	attrs := []slog.Attr{
		slog.String("source", source),
		slog.String("method", methodOf(req)),
		slog.String("url", SafeURL(req.URL)),
		slog.Int("attempt", attempt),
		slog.Duration("delay", delay),
		slog.Bool("retry_after", retryAfter),
	}
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	if err != nil {
		_, reason := sanitizeCause(err, secrets)
		attrs = append(attrs, slog.String("error", reason))
	}
	c.logger.LogAttrs(ctx, slog.LevelInfo, "http retry", attrs...)
}

func discard(resp *http.Response) {
	_, _ = io.CopyN(io.Discard, resp.Body, maxDrain)
	_ = resp.Body.Close()
}

func methodOf(req *http.Request) string {
	if req.Method == "" {
		return http.MethodGet
	}
	return req.Method
}

package httpx

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"successdesk/backend/domain"
)

// StatusError is a response with status 400 or above that Do stopped at:
// not retryable, retries exhausted, or a Retry-After longer than the policy
// allows. Every field is safe to log: URL has no query string, user info or
// fragment, and Body is scrubbed of credentials and token-shaped strings.
type StatusError struct {
	Status   int
	Source   string // "Stripe"; the host when the policy names none
	Method   string
	URL      string // SafeURL of the request
	Attempts int    // requests sent, the last one included
	// RetryAfter is the server's Retry-After (0 if absent); RetryAt is the
	// moment it points to (zero if absent).
	RetryAfter time.Duration
	RetryAt    time.Time
	Body       string // first 512 bytes of the body, scrubbed, one line
}

// Error reads like "Stripe answered 503 Service Unavailable for GET
// /v1/customers after 4 attempts".
func (e *StatusError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s answered %s for %s %s", orDefault(e.Source, "the service"), statusLine(e.Status), e.Method, pathOf(e.URL))
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, "; it asked to retry in %s", roundUp(e.RetryAfter))
		if !e.RetryAt.IsZero() {
			fmt.Fprintf(&b, " (at %s)", e.RetryAt.UTC().Format(time.RFC3339))
		}
	}
	return b.String()
}

// TransportError is a request that got no response: a timeout, a refused or
// reset connection, a TLS failure, or a context that ended before or between
// attempts. Err is the cause with any URL reduced to SafeURL, so errors.Is
// and errors.As (context.Canceled, net.Error, ...) still work.
type TransportError struct {
	Source   string
	Method   string
	URL      string // SafeURL of the request
	Attempts int    // requests sent (0 if the context ended before the first)
	Reason   string // short, scrubbed description ("timed out", "connection reset")
	Err      error
}

// Error reads like "Stripe could not be reached for GET /v1/customers after
// 4 attempts: timed out".
func (e *TransportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s could not be reached for %s %s", orDefault(e.Source, "the service"), e.Method, pathOf(e.URL))
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	if e.Reason != "" {
		b.WriteString(": ")
		b.WriteString(e.Reason)
	}
	return b.String()
}

// Unwrap returns the sanitized cause.
func (e *TransportError) Unwrap() error { return e.Err }

// Timeout reports whether the cause was a timeout.
func (e *TransportError) Timeout() bool { return isTimeout(e.Err) }

// Classify maps err to a backend/domain error code: "" for nil; the code of
// a *domain.Error; for a StatusError 401/403 → unauthorized, 404/410 →
// not_found, 409 → conflict, 408/429/5xx → unavailable, other 4xx →
// invalid; a TransportError, a context error or a net.Error → unavailable;
// anything else → internal.
func Classify(err error) string {
	if err == nil {
		return ""
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Code
	}
	var se *StatusError
	if errors.As(err, &se) {
		return classifyStatus(se.Status)
	}
	var te *TransportError
	var ne net.Error
	switch {
	case errors.As(err, &te),
		errors.Is(err, context.Canceled),
		errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &ne):
		return domain.EUnavailable
	}
	return domain.EInternal
}

func classifyStatus(s int) string {
	switch {
	case s == http.StatusUnauthorized || s == http.StatusForbidden:
		return domain.EUnauthorized
	case s == http.StatusNotFound || s == http.StatusGone:
		return domain.ENotFound
	case s == http.StatusConflict:
		return domain.EConflict
	case s == http.StatusRequestTimeout || s == http.StatusTooManyRequests || s >= 500:
		return domain.EUnavailable
	case s >= 400:
		return domain.EInvalid
	}
	return domain.EInternal
}

// AsDomain turns err into a *domain.Error whose code is Classify(err) and
// whose message names source (or the error's own Source when source is "")
// and the status, but never a header value, token, query string or upstream
// body. nil gives nil; a *domain.Error in err's chain is returned as is.
func AsDomain(err error, source string) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return de
	}
	code := Classify(err)
	var se *StatusError
	var te *TransportError
	switch {
	case errors.As(err, &se):
		src := orDefault(source, orDefault(se.Source, "The service"))
		return &domain.Error{Code: code, Message: statusMessage(src, se)}
	case errors.As(err, &te):
		src := orDefault(source, orDefault(te.Source, "The service"))
		switch {
		case errors.Is(err, context.Canceled):
			return &domain.Error{Code: code, Message: fmt.Sprintf("The request to %s was canceled.", src)}
		case te.Timeout():
			return &domain.Error{Code: code, Message: fmt.Sprintf("%s did not answer in time; try again later.", src)}
		}
		return &domain.Error{Code: code, Message: fmt.Sprintf("%s could not be reached; check the network and try again.", src)}
	}
	src := orDefault(source, "the service")
	switch code {
	case domain.EUnavailable:
		if errors.Is(err, context.Canceled) {
			return &domain.Error{Code: code, Message: fmt.Sprintf("The request to %s was canceled.", src)}
		}
		return &domain.Error{Code: code, Message: fmt.Sprintf("Could not reach %s; try again later.", src)}
	}
	return &domain.Error{Code: code, Message: fmt.Sprintf("Unexpected error talking to %s.", src)}
}

func statusMessage(src string, se *StatusError) string {
	st := statusLine(se.Status)
	var msg string
	switch s := se.Status; {
	case s == http.StatusUnauthorized:
		msg = fmt.Sprintf("%s rejected the credentials (%s); check the token in Settings.", src, st)
	case s == http.StatusForbidden:
		msg = fmt.Sprintf("%s refused access (%s); the token may lack a permission.", src, st)
	case s == http.StatusNotFound || s == http.StatusGone:
		msg = fmt.Sprintf("%s has no such record (%s).", src, st)
	case s == http.StatusConflict:
		msg = fmt.Sprintf("%s reported a conflict (%s).", src, st)
	case s == http.StatusTooManyRequests:
		msg = fmt.Sprintf("%s is limiting requests (%s)", src, st)
	case s == http.StatusRequestTimeout || s >= 500:
		msg = fmt.Sprintf("%s is unavailable (%s)", src, st)
	default:
		msg = fmt.Sprintf("%s rejected the request (%s).", src, st)
	}
	if classifyStatus(se.Status) == domain.EUnavailable {
		if se.RetryAfter > 0 {
			msg += fmt.Sprintf("; try again in %s.", roundUp(se.RetryAfter))
		} else {
			msg += "; try again later."
		}
	}
	return msg
}

// sanitizeCause returns err with any *url.Error's URL reduced to SafeURL,
// and a short scrubbed reason for messages.
func sanitizeCause(err error, secrets []string) (error, string) {
	var ue *url.Error
	if errors.As(err, &ue) {
		cp := *ue
		if u, perr := url.Parse(ue.URL); perr == nil {
			cp.URL = SafeURL(u)
		} else {
			cp.URL = Redacted
		}
		err = &cp
	}
	switch {
	case errors.Is(err, context.Canceled):
		return err, "canceled"
	case isTimeout(err):
		return err, "timed out"
	}
	msg := err.Error()
	if ue != nil && ue.Err != nil {
		msg = ue.Err.Error()
	}
	return err, scrub(msg, secrets, 200)
}

func isTimeout(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func statusLine(s int) string {
	if t := http.StatusText(s); t != "" {
		return fmt.Sprintf("%d %s", s, t)
	}
	return fmt.Sprintf("%d", s)
}

// pathOf returns the path of a SafeURL for messages; "" stays "".
func pathOf(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return Redacted
	}
	return safePath(u)
}

func roundUp(d time.Duration) time.Duration {
	if r := d % time.Second; r != 0 && d > time.Second {
		d += time.Second - r
	}
	return d
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

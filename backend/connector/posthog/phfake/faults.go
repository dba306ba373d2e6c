package phfake

import (
	"net/http"
	"strings"

	"successdesk/backend/connector/fakepeer"
)

// FaultKind is what an injected fault does to a request.
type FaultKind = fakepeer.FaultKind

const (
	// FaultStatus answers with Status (500, 502, 503, 401, 403, ...) and
	// PostHog's error body, plus a Retry-After header when RetryAfter is
	// set (sent verbatim).
	FaultStatus = fakepeer.FaultStatus
	// FaultMalformed and FaultHang answer as fakepeer's kinds of the same
	// names say.
	FaultMalformed = fakepeer.FaultMalformed
	FaultHang      = fakepeer.FaultHang
)

const (
	// FaultRateLimit answers 429 with PostHog's throttle body ("Request was
	// throttled. Expected available in N seconds.") and Retry-After:
	// RetryAfter ("60" when empty): the hourly query budget is spent.
	FaultRateLimit = fakepeer.FaultOwn + iota
	// FaultConcurrency answers 429 with the query concurrency error and no
	// Retry-After: too many queries of the project are running at once.
	FaultConcurrency
	// FaultPending answers 202 with a query still running, as an
	// asynchronous query would.
	FaultPending
)

// Fault is one injected failure (see fakepeer.Fault). Requests are matched
// in Inject order, Path matching those whose path ends with it
// ("/query/"). A RetryAfter is sent whatever the Kind.
type Fault = fakepeer.Fault

// Inject adds f. Faults apply after the key check, so a fault never hides
// a wrong key.
func (s *Server) Inject(f Fault) {
	s.faults.Inject(f, fakepeer.When{Path: f.Path, Match: strings.HasSuffix, After: f.After, Times: f.Times})
}

// Faulted is the number of requests a fault answered.
func (s *Server) Faulted() int { return s.faults.Faulted() }

// ClearFaults removes every pending fault.
func (s *Server) ClearFaults() { s.faults.Clear() }

// applyFault answers r with f.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f *Fault) {
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	switch f.Kind {
	case FaultRateLimit:
		ra := f.RetryAfter
		if ra == "" {
			ra = "60"
			w.Header().Set("Retry-After", ra)
		}
		s.fail(w, http.StatusTooManyRequests, "throttled_error", "throttled",
			"Request was throttled. Expected available in "+ra+" seconds.")
	case FaultConcurrency:
		s.fail(w, http.StatusTooManyRequests, "throttled_error", "throttled",
			"Exceeded maximum concurrency limit of queries for this team. Please try again later.")
	case FaultPending:
		s.json(w, http.StatusAccepted, map[string]any{"query_status": map[string]any{
			"id": "fake-query-1", "complete": false, "query_async": true, "error": false}})
	default:
		fakepeer.Apply(w, r, f, fakepeer.Answers{
			Status: func(w http.ResponseWriter, status int) {
				typ, code, detail := "server_error", "error", "A server error occurred."
				switch {
				case status == http.StatusUnauthorized:
					typ, code, detail = "authentication_error", "authentication_failed",
						"Personal API key found in request Authorization header is invalid."
				case status == http.StatusForbidden:
					typ, code, detail = "authentication_error", "permission_denied", "API key missing required scope 'query:read'"
				case status < 500:
					typ, code, detail = "validation_error", "invalid_input", "The request was refused by an injected fault."
				}
				s.fail(w, status, typ, code, detail)
			},
			Malformed: `{"results": [["acme.io", null, <html>502 Bad Gateway</html>`,
			Route:     s.route,
		})
	}
}

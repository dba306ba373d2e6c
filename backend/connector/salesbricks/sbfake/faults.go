package sbfake

import (
	"net/http"
	"strings"

	"successdesk/backend/connector/fakepeer"
)

// FaultKind is what an injected fault does to a request.
type FaultKind = fakepeer.FaultKind

const (
	// FaultStatus answers with Status (429, 500, 503, 401, ...) and
	// Salesbricks' error body, plus a Retry-After header when RetryAfter is
	// set (sent verbatim).
	FaultStatus = fakepeer.FaultStatus
	// FaultMalformed, FaultTruncated and FaultHang answer as fakepeer's
	// kinds of the same names say.
	FaultMalformed = fakepeer.FaultMalformed
	FaultTruncated = fakepeer.FaultTruncated
	FaultHang      = fakepeer.FaultHang
)

// Fault is one injected failure (see fakepeer.Fault). Requests are matched
// in Inject order, Path matching those whose path contains it
// ("/invoices", "/graphql").
type Fault = fakepeer.Fault

// Inject adds f. Faults apply after the key check, so a fault never hides
// a wrong key.
func (s *Server) Inject(f Fault) {
	s.faults.Inject(f, fakepeer.When{Path: f.Path, Match: strings.Contains, After: f.After, Times: f.Times})
}

// Faulted is the number of requests a fault answered.
func (s *Server) Faulted() int { return s.faults.Faulted() }

// ClearFaults removes every pending fault.
func (s *Server) ClearFaults() { s.faults.Clear() }

// applyFault answers r with f.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f *Fault) {
	fakepeer.Apply(w, r, f, fakepeer.Answers{
		Status: func(w http.ResponseWriter, status int) {
			switch {
			case status == http.StatusTooManyRequests:
				fail(w, status, "ERR_RATE_LIMITED", "Too many requests.")
			case status == http.StatusUnauthorized:
				fail(w, status, "ERR_UNAUTHORIZED", "Authentication credentials were not provided or are invalid.")
			case status >= 500:
				fail(w, status, "ERR_INTERNAL", "Something went wrong on our side.")
			default:
				fail(w, status, "ERR_BAD_REQUEST", "The request was refused by an injected fault.")
			}
		},
		Malformed:   `{"count": 3, "results": [{"customer_id": "x", <html>502 Bad Gateway</html>`,
		ContentType: "application/json",
		Route:       s.route,
	})
}

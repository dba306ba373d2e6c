package bbfake

import (
	"net/http"
	"strconv"

	"successdesk/backend/connector/fakepeer"
)

// FaultKind is what an injected fault answers.
type FaultKind = fakepeer.FaultKind

const (
	// FaultStatus answers Status (429, 500, 503, ...) with a GraphQL error
	// body (Code, default rate-limit for 429 and unexpected otherwise), and
	// a Retry-After header when RetryAfter is set (sent verbatim).
	FaultStatus = fakepeer.FaultStatus
	// FaultMalformed answers as fakepeer's kind of the same name says.
	FaultMalformed = fakepeer.FaultMalformed
	// FaultGraphQLError answers 200 with {"errors"} carrying Code (default
	// "unexpected"), as a GraphQL server reports a failed query.
	FaultGraphQLError = fakepeer.FaultOwn
)

// Fault is one injected failure. Faults apply after the key check, in
// Inject order, so a fault never hides a wrong key; After and Times count
// as fakepeer.When says.
type Fault struct {
	Kind       FaultKind
	Status     int    // FaultStatus
	RetryAfter string // FaultStatus: the Retry-After header, "" for none
	Code       string // extensions.code of the error body; "" for a default
	After      int    // requests let through before the fault starts
	Times      int    // requests that fail: 0 means one, < 0 every one
}

// Inject adds f.
func (s *Server) Inject(f Fault) {
	s.faults.Inject(f, fakepeer.When{After: f.After, Times: f.Times})
}

// Faulted is the number of requests a fault answered.
func (s *Server) Faulted() int { return s.faults.Faulted() }

// applyFault answers r with f.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f *Fault) {
	if f.Kind == FaultGraphQLError {
		code := f.Code
		if code == "" {
			code = "unexpected"
		}
		writeErrors(w, http.StatusOK, code, "injected GraphQL error")
		return
	}
	fakepeer.Apply(w, r, &fakepeer.Fault{Kind: f.Kind, Status: f.Status, RetryAfter: f.RetryAfter}, fakepeer.Answers{
		Status: func(w http.ResponseWriter, status int) {
			code := f.Code
			switch {
			case code != "":
			case status == http.StatusTooManyRequests:
				code = "rate-limit"
			default:
				code = "unexpected"
			}
			writeErrors(w, status, code, "injected fault "+strconv.Itoa(status))
		},
		Malformed: `{"data": {"interview": [{"id": 1, "name": <html>502 Bad Gateway</html>`,
	})
}

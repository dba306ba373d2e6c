package stripefake

import (
	"net/http"

	"successdesk/backend/connector/fakepeer"
)

// FaultKind is what an injected fault does to a request.
type FaultKind = fakepeer.FaultKind

const (
	// FaultStatus answers with Status (429, 500, 502, 503, 401, ...) and
	// Stripe's error body, plus a Retry-After header when RetryAfter is set
	// (delta-seconds or an HTTP date, sent verbatim).
	FaultStatus = fakepeer.FaultStatus
	// FaultReset, FaultHang, FaultMalformed and FaultTruncated answer as
	// fakepeer's kinds of the same names say.
	FaultReset     = fakepeer.FaultReset
	FaultHang      = fakepeer.FaultHang
	FaultMalformed = fakepeer.FaultMalformed
	FaultTruncated = fakepeer.FaultTruncated
)

// Fault is one injected failure (see fakepeer.Fault). Requests are matched
// in Inject order, Path matching those whose path starts with it
// ("/v1/invoices").
type Fault = fakepeer.Fault

// Inject adds f. Faults apply after the key check, so a fault never hides
// a wrong key.
func (s *Server) Inject(f Fault) {
	s.faults.Inject(f, fakepeer.When{Path: f.Path, After: f.After, Times: f.Times})
}

// Faulted is the number of requests a fault answered.
func (s *Server) Faulted() int { return s.faults.Faulted() }

// ClearFaults removes every pending fault and undoes RevokeAfter.
func (s *Server) ClearFaults() {
	s.faults.Clear()
	s.fmu.Lock()
	defer s.fmu.Unlock()
	s.revoke = 0
}

// applyFault answers r with f.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f *Fault) {
	fakepeer.Apply(w, r, f, fakepeer.Answers{
		Status: func(w http.ResponseWriter, status int) {
			typ, code, msg := "api_error", "", "An unknown error occurred while processing your request."
			switch {
			case status == http.StatusTooManyRequests:
				typ, code, msg = "invalid_request_error", "rate_limit",
					"Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits."
			case status == http.StatusUnauthorized:
				key, _ := s.key(r)
				s.unauthorized(w, key)
				return
			case status < 500:
				typ, msg = "invalid_request_error", "The request was refused by an injected fault."
			}
			s.fail(w, status, typ, code, msg, "")
		},
		Malformed: `{"object": "list", "data": [{"id": "cus_` + "\x00" + `broken", "object": <html>502</html>`,
		Route:     s.route,
	})
}

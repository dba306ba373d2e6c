package hsfake

import (
	"net/http"
	"strings"

	"successdesk/backend/connector/fakepeer"
)

// FaultKind is what an injected fault does to a request.
type FaultKind = fakepeer.FaultKind

const (
	// FaultStatus answers with Status and HubSpot's error body. A 429
	// carries policyName Policy and, unless NoRateHeaders, the
	// X-HubSpot-RateLimit-* headers showing the limit used up (the daily
	// one for DAILY); Retry-After only when RetryAfter is set.
	FaultStatus = fakepeer.FaultStatus
	// FaultMalformed and FaultHang answer as fakepeer's kinds of the same
	// names say.
	FaultMalformed = fakepeer.FaultMalformed
	FaultHang      = fakepeer.FaultHang
)

// HubSpot's rate-limit policies, as 429 bodies name them.
const (
	PolicyTenSecondly = "TEN_SECONDLY_ROLLING"
	PolicySecondly    = "SECONDLY"
	PolicyDaily       = "DAILY"
)

// Fault is one injected failure. Requests are matched in Inject order,
// Path matching those whose path starts with it; Path, After and Times work
// as fakepeer.When says.
type Fault struct {
	Kind          FaultKind
	Status        int    // FaultStatus: the status to answer
	RetryAfter    string // FaultStatus: the Retry-After header, "" for none
	Policy        string // a 429's policyName; "" means PolicyTenSecondly
	NoRateHeaders bool   // a 429 without X-HubSpot-RateLimit-* (as searches answer)
	Path          string // "" matches every request
	After         int    // matching requests let through first
	Times         int    // matching requests that fail: 0 means one, < 0 every one
}

// Inject adds f. Faults apply after the token check, so a fault never
// hides a wrong token.
func (s *Server) Inject(f Fault) {
	s.faults.Inject(f, fakepeer.When{Path: f.Path, After: f.After, Times: f.Times})
}

// Faulted is the number of requests a fault answered.
func (s *Server) Faulted() int { return s.faults.Faulted() }

// ClearFaults removes every pending fault.
func (s *Server) ClearFaults() { s.faults.Clear() }

// applyFault answers r, the nth request, with f.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f *Fault, n int64) {
	fakepeer.Apply(w, r, &fakepeer.Fault{Kind: f.Kind, Status: f.Status, RetryAfter: f.RetryAfter}, fakepeer.Answers{
		Status: func(w http.ResponseWriter, status int) {
			if status != http.StatusTooManyRequests {
				category, msg := "VALIDATION_ERROR", "The request was refused by an injected fault."
				if status >= 500 {
					category, msg = "INTERNAL_ERROR", "An internal error occurred."
				}
				s.fail(w, status, category, msg, nil)
				return
			}
			policy := f.Policy
			if policy == "" {
				policy = PolicyTenSecondly
			}
			if !f.NoRateHeaders {
				s.rateHeaders(w, n, false, policy == PolicyDaily)
			}
			s.write(w, http.StatusTooManyRequests, map[string]any{"status": "error",
				"message":   "You have reached your " + strings.ToLower(policy) + " limit.",
				"errorType": "RATE_LIMIT", "correlationId": s.correlationID(), "policyName": policy,
				"groupName": "publicapi:private-app:" + "0000000"})
		},
		Malformed:   `{"results":[{"id":"5000000001","properties":{"name":<html>502 Bad Gateway</html>`,
		ContentType: "application/json;charset=utf-8",
	})
}

package hsfake

import (
	"net/http"
	"strings"
)

// FaultKind is what an injected fault does to a request.
type FaultKind int

const (
	// FaultStatus answers with Status and HubSpot's error body. A 429
	// carries policyName Policy and, unless NoRateHeaders, the
	// X-HubSpot-RateLimit-* headers showing the limit used up (the daily
	// one for DAILY); Retry-After only when RetryAfter is set.
	FaultStatus FaultKind = iota
	// FaultMalformed answers 200 with a body that is not JSON.
	FaultMalformed
	// FaultHang holds the request until the client gives up.
	FaultHang
)

// HubSpot's rate-limit policies, as 429 bodies name them.
const (
	PolicyTenSecondly = "TEN_SECONDLY_ROLLING"
	PolicySecondly    = "SECONDLY"
	PolicyDaily       = "DAILY"
)

// Fault is one injected failure. Requests are matched in Inject order; a
// request that matches a fault whose After is used up gets it.
type Fault struct {
	Kind          FaultKind
	Status        int    // FaultStatus: the status to answer
	RetryAfter    string // FaultStatus: the Retry-After header, "" for none
	Policy        string // a 429's policyName; "" means PolicyTenSecondly
	NoRateHeaders bool   // a 429 without X-HubSpot-RateLimit-* (as searches answer)
	// Path limits the fault to requests whose path starts with it; ""
	// matches every request.
	Path string
	// After lets that many matching requests through first.
	After int
	// Times is how many matching requests fail: 0 means one, a negative
	// number every one from then on.
	Times int
}

// Inject adds f. Faults apply after the token check, so a fault never
// hides a wrong token.
func (s *Server) Inject(f Fault) {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	if f.Times == 0 {
		f.Times = 1
	}
	s.faults = append(s.faults, &f)
}

// Faulted is the number of requests a fault answered.
func (s *Server) Faulted() int {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	return s.faulted
}

// ClearFaults removes every pending fault.
func (s *Server) ClearFaults() {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	s.faults = nil
}

// fault returns the fault r gets, if any, using up one of its times.
func (s *Server) fault(r *http.Request) *Fault {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	for i, f := range s.faults {
		if f.Path != "" && !strings.HasPrefix(r.URL.Path, f.Path) {
			continue
		}
		if f.After > 0 {
			f.After--
			continue
		}
		cp := *f
		s.faulted++
		if f.Times > 0 {
			f.Times--
			if f.Times == 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
		}
		return &cp
	}
	return nil
}

func (f *Fault) apply(s *Server, w http.ResponseWriter, r *http.Request, n int64) {
	switch f.Kind {
	case FaultMalformed:
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		_, _ = w.Write([]byte(`{"results":[{"id":"5000000001","properties":{"name":<html>502 Bad Gateway</html>`))
	case FaultHang:
		<-r.Context().Done()
	default:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		if f.Status != http.StatusTooManyRequests {
			category, msg := "VALIDATION_ERROR", "The request was refused by an injected fault."
			if f.Status >= 500 {
				category, msg = "INTERNAL_ERROR", "An internal error occurred."
			}
			s.fail(w, f.Status, category, msg, nil)
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
	}
}

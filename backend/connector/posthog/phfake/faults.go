package phfake

import (
	"net/http"
	"strings"
)

// FaultKind is what an injected fault does to a request.
type FaultKind int

const (
	// FaultStatus answers with Status (500, 502, 503, 401, 403, ...) and
	// PostHog's error body, plus a Retry-After header when RetryAfter is
	// set (sent verbatim).
	FaultStatus FaultKind = iota
	// FaultRateLimit answers 429 with PostHog's throttle body ("Request was
	// throttled. Expected available in N seconds.") and Retry-After:
	// RetryAfter ("60" when empty): the hourly query budget is spent.
	FaultRateLimit
	// FaultConcurrency answers 429 with the query concurrency error and no
	// Retry-After: too many queries of the project are running at once.
	FaultConcurrency
	// FaultMalformed answers 200 with a body that is not JSON.
	FaultMalformed
	// FaultPending answers 202 with a query still running, as an
	// asynchronous query would.
	FaultPending
	// FaultHang holds the request until the client gives up.
	FaultHang
)

// Fault is one injected failure. Requests are matched in Inject order.
type Fault struct {
	Kind       FaultKind
	Status     int    // FaultStatus: the status to answer
	RetryAfter string // the Retry-After header, "" for none
	// Path limits the fault to requests whose path ends with it
	// ("/query/"); "" matches every request.
	Path string
	// After lets that many matching requests through before the fault
	// starts.
	After int
	// Times is how many matching requests fail: 0 means one, a negative
	// number means every one from then on.
	Times int
}

// Inject adds f. Faults apply after the key check, so a fault never hides
// a wrong key.
func (s *Server) Inject(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.Times == 0 {
		f.Times = 1
	}
	s.faults = append(s.faults, &f)
}

// Faulted is the number of requests a fault answered.
func (s *Server) Faulted() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faulted
}

// ClearFaults removes every pending fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// fault returns the fault r gets, if any, consuming one use of it.
func (s *Server) fault(r *http.Request) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if f.Path != "" && !strings.HasSuffix(r.URL.Path, f.Path) {
			continue
		}
		if f.After > 0 {
			f.After--
			continue
		}
		cp := *f
		s.faulted++
		if f.Times > 0 {
			if f.Times--; f.Times == 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
		}
		return &cp
	}
	return nil
}

func (f *Fault) apply(s *Server, w http.ResponseWriter, r *http.Request) {
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	switch f.Kind {
	case FaultStatus:
		typ, code, detail := "server_error", "error", "A server error occurred."
		switch {
		case f.Status == http.StatusUnauthorized:
			typ, code, detail = "authentication_error", "authentication_failed",
				"Personal API key found in request Authorization header is invalid."
		case f.Status == http.StatusForbidden:
			typ, code, detail = "authentication_error", "permission_denied", "API key missing required scope 'query:read'"
		case f.Status < 500:
			typ, code, detail = "validation_error", "invalid_input", "The request was refused by an injected fault."
		}
		s.fail(w, f.Status, typ, code, detail)
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
	case FaultMalformed:
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"results": [["acme.io", null, <html>502 Bad Gateway</html>`))
	case FaultPending:
		s.json(w, http.StatusAccepted, map[string]any{"query_status": map[string]any{
			"id": "fake-query-1", "complete": false, "query_async": true, "error": false}})
	case FaultHang:
		<-r.Context().Done()
	}
}

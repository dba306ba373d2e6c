package bbfake

import (
	"net/http"
	"strconv"
)

// FaultKind is what an injected fault answers.
type FaultKind int

const (
	// FaultStatus answers Status (429, 500, 503, ...) with a GraphQL error
	// body (Code, default rate-limit for 429 and unexpected otherwise), and
	// a Retry-After header when RetryAfter is set (sent verbatim).
	FaultStatus FaultKind = iota
	// FaultMalformed answers 200 with a body that is not JSON.
	FaultMalformed
	// FaultGraphQLError answers 200 with {"errors"} carrying Code (default
	// "unexpected"), as a GraphQL server reports a failed query.
	FaultGraphQLError
)

// Fault is one injected failure. Faults apply after the key check, in
// Inject order, so a fault never hides a wrong key.
type Fault struct {
	Kind       FaultKind
	Status     int    // FaultStatus
	RetryAfter string // FaultStatus: the Retry-After header, "" for none
	Code       string // extensions.code of the error body; "" for a default
	// After lets that many requests through before the fault starts.
	After int
	// Times is how many requests fail: 0 means one, a negative number
	// every one from then on.
	Times int
}

// Inject adds f.
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

// fault returns the fault the next request gets, if any, using it up.
func (s *Server) fault() *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
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

func (f *Fault) apply(w http.ResponseWriter) {
	switch f.Kind {
	case FaultStatus:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		code := f.Code
		switch {
		case code != "":
		case f.Status == http.StatusTooManyRequests:
			code = "rate-limit"
		default:
			code = "unexpected"
		}
		writeErrors(w, f.Status, code, "injected fault "+strconv.Itoa(f.Status))
	case FaultMalformed:
		_, _ = w.Write([]byte(`{"data": {"interview": [{"id": 1, "name": <html>502 Bad Gateway</html>`))
	case FaultGraphQLError:
		code := f.Code
		if code == "" {
			code = "unexpected"
		}
		writeErrors(w, http.StatusOK, code, "injected GraphQL error")
	}
}

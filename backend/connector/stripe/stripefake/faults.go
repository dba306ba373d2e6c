package stripefake

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
)

// FaultKind is what an injected fault does to a request.
type FaultKind int

const (
	// FaultStatus answers with Status (429, 500, 502, 503, 401, ...) and
	// Stripe's error body, plus a Retry-After header when RetryAfter is set
	// (delta-seconds or an HTTP date, sent verbatim).
	FaultStatus FaultKind = iota
	// FaultReset closes the connection without answering (a TCP reset).
	FaultReset
	// FaultHang holds the request until the client gives up.
	FaultHang
	// FaultMalformed answers 200 with a body that is not JSON.
	FaultMalformed
	// FaultTruncated answers 200 with the real body cut in half (the
	// connection closes short of its Content-Length).
	FaultTruncated
)

// Fault is one injected failure. Requests are matched in Inject order;
// a request that matches a fault whose After is used up gets it.
type Fault struct {
	Kind       FaultKind
	Status     int    // FaultStatus: the status to answer
	RetryAfter string // FaultStatus: the Retry-After header, "" for none
	// Path limits the fault to requests whose path starts with it
	// ("/v1/invoices"); "" matches every request.
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

// ClearFaults removes every pending fault and undoes RevokeAfter.
func (s *Server) ClearFaults() {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	s.faults, s.revoke = nil, 0
}

// fault returns the fault r gets, if any, consuming one use of it.
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

func (f *Fault) apply(s *Server, w http.ResponseWriter, r *http.Request) {
	switch f.Kind {
	case FaultStatus:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		typ, code, msg := "api_error", "", "An unknown error occurred while processing your request."
		switch {
		case f.Status == http.StatusTooManyRequests:
			typ, code, msg = "invalid_request_error", "rate_limit",
				"Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits."
		case f.Status == http.StatusUnauthorized:
			key, _ := s.key(r)
			s.unauthorized(w, key)
			return
		case f.Status < 500:
			typ, msg = "invalid_request_error", "The request was refused by an injected fault."
		}
		s.fail(w, f.Status, typ, code, msg, "")
	case FaultReset:
		hijackAndClose(w, true)
	case FaultHang:
		<-r.Context().Done()
	case FaultMalformed:
		_, _ = w.Write([]byte(`{"object": "list", "data": [{"id": "cus_` + "\x00" + `broken", "object": <html>502</html>`))
	case FaultTruncated:
		rec := httptest.NewRecorder()
		s.route(rec, r)
		body := rec.Body.Bytes()
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body[:len(body)/2])
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		hijackAndClose(w, false)
	}
}

// hijackAndClose drops the connection: with a reset (unsent data
// discarded) when reset is set, else with a plain close after what was
// already written.
func hijackAndClose(w http.ResponseWriter, reset bool) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok && reset {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

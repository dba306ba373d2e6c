package sbfake

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
)

// FaultKind is what an injected fault does to a request.
type FaultKind int

const (
	// FaultStatus answers with Status (429, 500, 503, 401, ...) and
	// Salesbricks' error body, plus a Retry-After header when RetryAfter is
	// set (sent verbatim).
	FaultStatus FaultKind = iota
	// FaultMalformed answers 200 with a body that is not JSON.
	FaultMalformed
	// FaultTruncated answers 200 with the real body cut in half: the
	// connection closes short of its Content-Length.
	FaultTruncated
	// FaultHang holds the request until the client gives up.
	FaultHang
)

// Fault is one injected failure. Requests are matched in Inject order.
type Fault struct {
	Kind       FaultKind
	Status     int    // FaultStatus: the status to answer
	RetryAfter string // FaultStatus: the Retry-After header, "" for none
	// Path limits the fault to requests whose path contains it
	// ("/invoices", "/graphql"); "" matches every request.
	Path string
	// After lets that many matching requests through first.
	After int
	// Times is how many matching requests fail: 0 means one, a negative
	// number every one from then on.
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
		if f.Path != "" && !strings.Contains(r.URL.Path, f.Path) {
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
	switch f.Kind {
	case FaultStatus:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		switch {
		case f.Status == http.StatusTooManyRequests:
			fail(w, f.Status, "ERR_RATE_LIMITED", "Too many requests.")
		case f.Status == http.StatusUnauthorized:
			fail(w, f.Status, "ERR_UNAUTHORIZED", "Authentication credentials were not provided or are invalid.")
		case f.Status >= 500:
			fail(w, f.Status, "ERR_INTERNAL", "Something went wrong on our side.")
		default:
			fail(w, f.Status, "ERR_BAD_REQUEST", "The request was refused by an injected fault.")
		}
	case FaultMalformed:
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"count": 3, "results": [{"customer_id": "x", <html>502 Bad Gateway</html>`))
	case FaultTruncated:
		rec := httptest.NewRecorder()
		s.route(rec, r)
		body := rec.Body.Bytes()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body[:len(body)/2])
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		hj, ok := w.(http.Hijacker)
		if !ok {
			panic(http.ErrAbortHandler)
		}
		conn, _, err := hj.Hijack()
		if err != nil {
			panic(http.ErrAbortHandler)
		}
		_ = conn.Close()
	case FaultHang:
		<-r.Context().Done()
	}
}

package fakepeer

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
)

// FaultKind is what an injected fault does to a request. The kinds below
// are answered by Apply; a fake numbers its own from FaultOwn on and
// answers them itself.
type FaultKind int

const (
	// FaultStatus answers with Status and the fake's own error body, plus a
	// Retry-After header when RetryAfter is set (sent verbatim).
	FaultStatus FaultKind = iota
	// FaultReset closes the connection without answering (a TCP reset).
	FaultReset
	// FaultHang holds the request until the client gives up.
	FaultHang
	// FaultMalformed answers 200 with a body that is not JSON.
	FaultMalformed
	// FaultTruncated answers with the real body cut in half: the
	// connection closes short of its Content-Length.
	FaultTruncated

	// FaultOwn is the first of the kinds a fake defines for itself.
	FaultOwn FaultKind = 16
)

// Fault is one injected failure, for a fake that needs no more fields.
type Fault struct {
	Kind       FaultKind
	Status     int    // FaultStatus: the status to answer
	RetryAfter string // FaultStatus: the Retry-After header, "" for none
	// Path limits the fault to requests whose path matches it, as the
	// fake's Inject says; "" matches every request.
	Path string
	// After lets that many matching requests through before the fault
	// starts.
	After int
	// Times is how many matching requests fail: 0 means one, a negative
	// number means every one from then on.
	Times int
}

// When says which requests a fault answers: those whose path matches
// Path, once After of them went through, Times of them.
type When struct {
	// Path limits the fault to requests whose path matches it; "" matches
	// every request.
	Path string
	// Match reports whether a request's path matches Path; nil means
	// strings.HasPrefix.
	Match func(path, pattern string) bool
	// After lets that many matching requests through before the fault
	// starts.
	After int
	// Times is how many matching requests fail: 0 means one, a negative
	// number means every one from then on.
	Times int
}

// Faults is a fake's list of injected faults of type F. The zero value is
// empty and ready; it is safe for concurrent use.
type Faults[F any] struct {
	mu      sync.Mutex
	pending []*pending[F]
	faulted int
}

type pending[F any] struct {
	fault F
	when  When
}

// Inject adds f, answering the requests w says, after the faults already
// injected.
func (q *Faults[F]) Inject(f F, w When) {
	if w.Times == 0 {
		w.Times = 1
	}
	if w.Match == nil {
		w.Match = strings.HasPrefix
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pending = append(q.pending, &pending[F]{fault: f, when: w})
}

// Faulted is the number of requests a fault answered.
func (q *Faults[F]) Faulted() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.faulted
}

// Clear removes every pending fault.
func (q *Faults[F]) Clear() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pending = nil
}

// Take returns (a copy of) the fault r gets, if any, using up one of its
// times: the first in Inject order whose path matches r's and whose After
// is used up; each matching fault before it lets r through, one of its
// After fewer. r may be nil when no fault has a Path.
func (q *Faults[F]) Take(r *http.Request) *F {
	q.mu.Lock()
	defer q.mu.Unlock()
	for i, p := range q.pending {
		w := &p.when
		if w.Path != "" && !w.Match(r.URL.Path, w.Path) {
			continue
		}
		if w.After > 0 {
			w.After--
			continue
		}
		f := p.fault
		q.faulted++
		if w.Times > 0 {
			if w.Times--; w.Times == 0 {
				q.pending = append(q.pending[:i], q.pending[i+1:]...)
			}
		}
		return &f
	}
	return nil
}

// Answers is how a fake answers the faults Apply handles.
type Answers struct {
	// Status writes the fake's error body for status, with the status;
	// Apply has set the Retry-After header already. Nil answers the status
	// with no body.
	Status func(w http.ResponseWriter, status int)
	// Malformed is the body of a FaultMalformed answer: the start of an
	// answer of the fake's shape, broken off by an HTML error page.
	Malformed string
	// ContentType, when set, is the Content-Type header of a malformed or
	// truncated answer.
	ContentType string
	// Route answers a request as the fake does when no fault applies:
	// FaultTruncated sends half of its body (nil: of an empty one).
	Route http.HandlerFunc
}

// Apply answers r with the fault f as a, for the kinds this package
// defines (FaultStatus ... FaultTruncated); it does nothing for a fake's
// own kinds.
func Apply(w http.ResponseWriter, r *http.Request, f *Fault, a Answers) {
	switch f.Kind {
	case FaultStatus:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		if a.Status == nil {
			w.WriteHeader(f.Status)
			return
		}
		a.Status(w, f.Status)
	case FaultReset:
		hijackAndClose(w, true)
	case FaultHang:
		<-r.Context().Done()
	case FaultMalformed:
		if a.ContentType != "" {
			w.Header().Set("Content-Type", a.ContentType)
		}
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(a.Malformed))
	case FaultTruncated:
		rec := httptest.NewRecorder()
		if a.Route != nil {
			a.Route(rec, r)
		}
		body := rec.Body.Bytes()
		if a.ContentType != "" {
			w.Header().Set("Content-Type", a.ContentType)
		}
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

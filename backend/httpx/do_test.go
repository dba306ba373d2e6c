package httpx

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"successdesk/backend/domain"
)

// script serves the given handlers in turn (the last one repeats) and counts
// the requests it saw.
type script struct {
	mu     sync.Mutex
	steps  []http.HandlerFunc
	hits   int
	bodies []string
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	step := s.steps[min(s.hits, len(s.steps)-1)]
	s.hits++
	s.bodies = append(s.bodies, string(b))
	s.mu.Unlock()
	step(w, r)
}

func (s *script) Hits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits
}

func status(code int, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.WriteHeader(code)
		io.WriteString(w, http.StatusText(code))
	}
}

func serve(t *testing.T, steps ...http.HandlerFunc) (*httptest.Server, *script) {
	t.Helper()
	s := &script{steps: steps}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv, s
}

func get(t *testing.T, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func equalDelays(t *testing.T, got []time.Duration, want ...time.Duration) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("delays = %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("delays = %v, want %v", got, want)
		}
	}
}

func TestRetryAfterSeconds(t *testing.T) {
	srv, s := serve(t, status(429, "Retry-After", "2"), status(200))
	clk := newFakeClock()
	c := testClient(Policy{Source: "Stripe"}, clk)
	resp, err := c.Do(get(t, srv.URL+"/v1/customers"))
	if err != nil {
		t.Fatal(err)
	}
	if got := readBody(t, resp); resp.StatusCode != 200 || got != "OK" {
		t.Fatalf("got %d %q", resp.StatusCode, got)
	}
	equalDelays(t, clk.Delays(), 2*time.Second)
	if s.Hits() != 2 {
		t.Fatalf("hits = %d, want 2", s.Hits())
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	clk := newFakeClock()
	when := clk.Now().Add(7 * time.Second).Format(http.TimeFormat)
	srv, _ := serve(t, status(503, "Retry-After", when), status(200))
	c := testClient(Policy{Source: "Attio"}, clk)
	resp, err := c.Do(get(t, srv.URL+"/v2/objects"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	equalDelays(t, clk.Delays(), 7*time.Second)
}

func TestRetryAfterTooLongGivesUp(t *testing.T) {
	srv, s := serve(t, status(429, "Retry-After", "300"), status(200))
	clk := newFakeClock()
	c := testClient(Policy{Source: "PostHog", MaxRetryAfter: time.Minute}, clk)
	resp, err := c.Do(get(t, srv.URL+"/api/query"))
	var se *StatusError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want *StatusError", err)
	}
	if resp == nil || resp.StatusCode != 429 {
		t.Fatalf("resp = %v, want the 429", resp)
	}
	if s.Hits() != 1 || len(clk.Delays()) != 0 {
		t.Fatalf("hits = %d delays = %v, want 1 hit and no wait", s.Hits(), clk.Delays())
	}
	if se.RetryAfter != 5*time.Minute || !se.RetryAt.Equal(clk.Now().Add(5*time.Minute)) {
		t.Fatalf("RetryAfter = %v RetryAt = %v", se.RetryAfter, se.RetryAt)
	}
	if msg := se.Error(); !strings.Contains(msg, "retry in 5m0s") {
		t.Fatalf("Error() = %q, want it to say when to retry", msg)
	}
	if Classify(err) != domain.EUnavailable {
		t.Fatalf("Classify = %q", Classify(err))
	}
	if de := AsDomain(err, ""); !strings.Contains(de.Error(), "try again in 5m0s") {
		t.Fatalf("AsDomain = %q", de)
	}
}

func Test503Then200(t *testing.T) {
	srv, s := serve(t, status(503), status(200))
	clk := newFakeClock()
	c := testClient(Policy{BaseDelay: 100 * time.Millisecond}, clk)
	resp, err := c.Do(get(t, srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	equalDelays(t, clk.Delays(), 50*time.Millisecond) // 0.5 × 100ms
	if s.Hits() != 2 {
		t.Fatalf("hits = %d", s.Hits())
	}
}

func TestBackoffExponentialCappedWithJitter(t *testing.T) {
	srv, s := serve(t, status(503))
	clk := newFakeClock()
	c := testClient(Policy{
		Source: "Stripe", MaxAttempts: 6,
		BaseDelay: 100 * time.Millisecond, MaxDelay: 500 * time.Millisecond,
	}, clk, WithRand(fixedRand(0.5, 0.5, 0.25, 0.999, 0)))
	resp, err := c.Do(get(t, srv.URL+"/v1/customers?limit=100"))
	var se *StatusError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v", err)
	}
	if got := readBody(t, resp); got != "Service Unavailable" {
		t.Fatalf("buffered body = %q", got)
	}
	// Ceilings 100, 200, 400, 500 (capped), 500 ms, times the jitter.
	equalDelays(t, clk.Delays(),
		50*time.Millisecond, 100*time.Millisecond, 100*time.Millisecond,
		time.Duration(0.999*float64(500*time.Millisecond)), 0)
	for _, d := range clk.Delays() {
		if d < 0 || d > 500*time.Millisecond {
			t.Fatalf("delay %v outside [0, MaxDelay]", d)
		}
	}
	if s.Hits() != 6 || se.Attempts != 6 {
		t.Fatalf("hits = %d attempts = %d", s.Hits(), se.Attempts)
	}
	want := "Stripe answered 503 Service Unavailable for GET /v1/customers after 6 attempts"
	if se.Error() != want {
		t.Fatalf("Error() = %q\nwant      %q", se.Error(), want)
	}
	if se.URL != srv.URL+"/v1/customers" || se.Body != "Service Unavailable" || se.Method != "GET" {
		t.Fatalf("StatusError = %+v", se)
	}
}

func TestBackoffRealRandStaysInBounds(t *testing.T) {
	c := New(Policy{BaseDelay: time.Millisecond, MaxDelay: 40 * time.Millisecond})
	for n := 1; n < 200; n++ {
		d := c.backoff(n)
		ceiling := min(time.Millisecond<<min(n-1, 20), 40*time.Millisecond)
		if d < 0 || d >= ceiling {
			t.Fatalf("backoff(%d) = %v, want [0, %v)", n, d, ceiling)
		}
	}
}

func TestNoRetryOnClientErrors(t *testing.T) {
	for _, tc := range []struct {
		status int
		code   string
	}{
		{400, domain.EInvalid},
		{401, domain.EUnauthorized},
		{403, domain.EUnauthorized},
		{404, domain.ENotFound},
		{422, domain.EInvalid},
		{501, domain.EUnavailable},
	} {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			srv, s := serve(t, status(tc.status), status(200))
			clk := newFakeClock()
			c := testClient(Policy{Source: "HubSpot"}, clk)
			resp, err := c.Do(get(t, srv.URL+"/crm/v3/objects/companies"))
			var se *StatusError
			if !errors.As(err, &se) || se.Status != tc.status {
				t.Fatalf("err = %v", err)
			}
			if resp == nil || resp.StatusCode != tc.status {
				t.Fatalf("resp = %v", resp)
			}
			if s.Hits() != 1 || len(clk.Delays()) != 0 {
				t.Fatalf("hits = %d delays = %v, want no retry", s.Hits(), clk.Delays())
			}
			if got := Classify(err); got != tc.code {
				t.Fatalf("Classify = %q, want %q", got, tc.code)
			}
			if se.Attempts != 1 || strings.Contains(se.Error(), "attempt") {
				t.Fatalf("Error() = %q", se.Error())
			}
		})
	}
}

func TestSuccessStatusesPassThrough(t *testing.T) {
	srv, _ := serve(t, status(http.StatusNotModified))
	c := testClient(Policy{}, newFakeClock())
	resp, err := c.Do(get(t, srv.URL))
	if err != nil || resp.StatusCode != http.StatusNotModified {
		t.Fatalf("resp = %v err = %v", resp, err)
	}
	resp.Body.Close()
}

// resetConn hijacks the connection and resets it (SO_LINGER 0) without a
// response.
func resetConn(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		if tc, ok := conn.(*net.TCPConn); ok {
			tc.SetLinger(0)
		}
		conn.Close()
	}
}

func TestConnectionResetRetried(t *testing.T) {
	srv, s := serve(t, resetConn(t), resetConn(t), status(200))
	clk := newFakeClock()
	c := testClient(Policy{BaseDelay: 10 * time.Millisecond}, clk)
	resp, err := c.Do(get(t, srv.URL+"/repos/o/r/releases"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if s.Hits() != 3 || len(clk.Delays()) != 2 {
		t.Fatalf("hits = %d delays = %v", s.Hits(), clk.Delays())
	}
}

func TestConnectionResetExhausted(t *testing.T) {
	srv, s := serve(t, resetConn(t))
	c := testClient(Policy{Source: "GitHub", MaxAttempts: 3}, newFakeClock())
	resp, err := c.Do(get(t, srv.URL+"/repos/o/r/releases"))
	var te *TransportError
	if resp != nil || !errors.As(err, &te) {
		t.Fatalf("resp = %v err = %v", resp, err)
	}
	if te.Attempts != 3 || s.Hits() != 3 || Classify(err) != domain.EUnavailable {
		t.Fatalf("attempts = %d hits = %d class = %s", te.Attempts, s.Hits(), Classify(err))
	}
	if !strings.HasPrefix(te.Error(), "GitHub could not be reached for GET /repos/o/r/releases after 3 attempts: ") {
		t.Fatalf("Error() = %q", te.Error())
	}
}

func TestClientTimeoutUnavailable(t *testing.T) {
	release := make(chan struct{})
	srv, s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release) // before srv.Close (cleanup) so handlers return
	clk := newFakeClock()
	c := testClient(Policy{Source: "Salesbricks", Timeout: 30 * time.Millisecond, MaxAttempts: 3}, clk)
	resp, err := c.Do(get(t, srv.URL+"/api/v1/customers"))
	var te *TransportError
	if resp != nil || !errors.As(err, &te) {
		t.Fatalf("resp = %v err = %v", resp, err)
	}
	if !te.Timeout() || te.Attempts != 3 || s.Hits() != 3 || len(clk.Delays()) != 2 {
		t.Fatalf("timeout = %v attempts = %d hits = %d delays = %v", te.Timeout(), te.Attempts, s.Hits(), clk.Delays())
	}
	if Classify(err) != domain.EUnavailable {
		t.Fatalf("Classify = %q", Classify(err))
	}
	de := AsDomain(err, "")
	if domain.ErrorCode(de) != domain.EUnavailable || !strings.Contains(de.Error(), "Salesbricks did not answer in time") {
		t.Fatalf("AsDomain = %v", de)
	}
}

func TestCancelDuringWaitReturnsPromptly(t *testing.T) {
	srv, s := serve(t, status(503, "Retry-After", "30"))
	waiting := make(chan struct{})
	sleep := func(ctx context.Context, d time.Duration) error {
		close(waiting)
		return SleepContext(ctx, d) // a real 30 s timer
	}
	c := New(Policy{}, WithSleep(sleep))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-waiting
		cancel()
	}()
	req := get(t, srv.URL).WithContext(ctx)
	done := make(chan struct{})
	var resp *http.Response
	var err error
	go func() {
		resp, err = c.Do(req)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Do did not return after cancel")
	}
	if resp != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("resp = %v err = %v, want context.Canceled", resp, err)
	}
	if s.Hits() != 1 {
		t.Fatalf("hits = %d", s.Hits())
	}
}

func TestCanceledContextBeforeSend(t *testing.T) {
	srv, s := serve(t, status(200))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c := testClient(Policy{Limiter: NewLimiter(PerSecond(1))}, newFakeClock())
	_, err := c.Do(get(t, srv.URL).WithContext(ctx))
	if !errors.Is(err, context.Canceled) || s.Hits() != 0 {
		t.Fatalf("err = %v hits = %d", err, s.Hits())
	}
}

func TestDeadlineShorterThanRetryAfterStopsEarly(t *testing.T) {
	srv, s := serve(t, status(429, "Retry-After", "20"), status(200))
	clk := newFakeClock()
	c := testClient(Policy{}, clk)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := c.Do(get(t, srv.URL).WithContext(ctx))
	var se *StatusError
	if !errors.As(err, &se) || se.RetryAfter != 20*time.Second {
		t.Fatalf("err = %v", err)
	}
	resp.Body.Close()
	if s.Hits() != 1 || len(clk.Delays()) != 0 {
		t.Fatalf("hits = %d delays = %v", s.Hits(), clk.Delays())
	}
}

// countingWaiter counts Wait calls.
type countingWaiter struct{ n atomic.Int32 }

func (w *countingWaiter) Wait(ctx context.Context) error { w.n.Add(1); return ctx.Err() }

func TestLimiterWaitedBeforeEveryAttempt(t *testing.T) {
	srv, _ := serve(t, status(503), status(503), status(200))
	w := &countingWaiter{}
	c := testClient(Policy{Limiter: w}, newFakeClock())
	resp, err := c.Do(get(t, srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if w.n.Load() != 3 {
		t.Fatalf("limiter waits = %d, want 3", w.n.Load())
	}
}

func TestDiscardedBodiesClosed(t *testing.T) {
	var closed atomic.Int32
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		code := 503
		if closed.Load() >= 2 {
			code = 200
		}
		return &http.Response{
			StatusCode: code, Header: http.Header{}, Request: r,
			Body: &closeCounter{Reader: bytes.NewReader([]byte("x")), n: &closed},
		}, nil
	})
	c := testClient(Policy{}, newFakeClock(), WithHTTPClient(&http.Client{Transport: rt}))
	resp, err := c.Do(get(t, "http://example.invalid/"))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("resp = %v err = %v", resp, err)
	}
	if closed.Load() != 2 {
		t.Fatalf("closed bodies = %d, want the 2 discarded ones", closed.Load())
	}
	resp.Body.Close()
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

type closeCounter struct {
	io.Reader
	n *atomic.Int32
}

func (c *closeCounter) Close() error { c.n.Add(1); return nil }
